"""Base class of the Huawei families (IAM, GaussDB sections, ROMA): auth, gateway errors, faults."""
from tests.emulator.core import Family
from tests.emulator.huawei import auth, errors


class HuaweiFamily(Family):
    """Every route is authenticated (token or AK/SK) and its {project_id} checked against the credential."""

    prefixes = ("/v3/", "/v3.1/")

    def authenticate(self, view_args):
        return auth.authenticate(view_args.get("project_id"))

    def fault_response(self, kind):
        return errors.fault(kind, self.ctx)

    def not_found_response(self, path, method_not_allowed=False):
        detail = "The API does not exist" if method_not_allowed else None
        err = errors.gateway_error("APIGW.0101")
        if detail:
            err.body["error_msg"] = detail + "."
        return err.status, err.body, err.headers

    def banner(self):
        return auth.banner_lines()
