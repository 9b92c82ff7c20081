"""IAM on the emulator's base URL: password tokens and project lookup (seed 002 sections 3.1, 3.2, A.4)."""
import datetime

from flask import request

from tests.emulator.core import HttpError, json_response
from tests.emulator.huawei import auth
from tests.emulator.huawei.family import HuaweiFamily


def _iso(ts):
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def iam_error(status, message):
    # IAM (Keystone API) answers with {"error": {...}}, not with error_code/error_msg.
    title = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found"}.get(status, "Error")
    return HttpError(status, {"error": {"code": status, "message": message, "title": title}})


def _project_view(project):
    return {"domain_id": auth.DOMAIN["id"], "is_domain": False, "parent_id": auth.DOMAIN["id"],
            "name": project["name"], "description": "", "enabled": True, "id": project["id"],
            "links": {"next": None, "previous": None,
                      "self": f"{request.host_url}v3/projects/{project['id']}"}}


class IamFamily(HuaweiFamily):
    name = "iam"

    def register(self, app, ctx):
        ctx.route(self, "POST", "/v3/auth/tokens", self.create_token, auth=False)
        ctx.route(self, "GET", "/v3/projects", self.list_projects)
        ctx.route(self, "GET", "/v3/auth/projects", self.list_auth_projects)

    def create_token(self):
        """Get an IAM user token with a password (3.1/3.2): 201, token in the X-Subject-Token header."""
        data = request.get_json(force=True, silent=True)
        if not isinstance(data, dict) or not isinstance(data.get("auth"), dict):
            raise iam_error(400, "The request body is invalid: auth is required.")
        identity = data["auth"].get("identity") or {}
        user = ((identity.get("password") or {}).get("user")) or {}
        if "password" not in (identity.get("methods") or []) or not isinstance(user, dict):
            raise iam_error(400, "Only the password method is supported by the emulator.")
        domain = user.get("domain") or {}
        same_user = user.get("name") == auth.USER["name"] or user.get("id") == auth.USER["id"]
        same_domain = domain.get("name") == auth.DOMAIN["name"] or domain.get("id") == auth.DOMAIN["id"]
        if not (same_user and same_domain and user.get("password") == auth.USER["password"]):
            raise iam_error(401, "The username or password is wrong.")
        scope = data["auth"].get("scope") or {}
        project = None
        if "project" in scope:
            wanted = scope["project"] or {}
            project = auth.project_by_id(wanted.get("id")) or auth.project_by_name(wanted.get("name"))
            if project is None:
                raise iam_error(400, "The project in the scope does not exist.")
        token, issued, expires = auth.issue_token(project["id"] if project else None)
        body = {"token": {
            "expires_at": _iso(expires), "issued_at": _iso(issued), "methods": ["password"],
            "user": {"id": auth.USER["id"], "name": auth.USER["name"], "password_expires_at": "",
                     "domain": dict(auth.DOMAIN)},
            "roles": [{"id": "0", "name": "op_service"}, {"id": "1", "name": "te_admin"}],
        }}
        if project:
            body["token"]["project"] = {"id": project["id"], "name": project["name"], "domain": dict(auth.DOMAIN)}
        else:
            body["token"]["domain"] = dict(auth.DOMAIN)
        if not request.args.get("nocatalog"):
            base = request.host_url.rstrip("/")
            region = project["name"] if project else "cn-north-4"
            body["token"]["catalog"] = [
                {"type": kind, "name": kind, "id": f"{kind}-emulator",
                 "endpoints": [{"id": f"{kind}-{region}", "interface": "public", "region": region,
                                "region_id": region, "url": base}]}
                for kind in ("iam", "gaussdb")]
        return json_response(body, 201, {"X-Subject-Token": token})

    def list_projects(self):
        """List projects, optionally by name (A.4 "get the project ID")."""
        name = request.args.get("name")
        projects = [p for p in auth.PROJECTS if name is None or p["name"] == name]
        return {"projects": [_project_view(p) for p in projects],
                "links": {"next": None, "previous": None, "self": f"{request.host_url}v3/projects"}}

    def list_auth_projects(self):
        """Projects the credential may use (IAM "query accessible projects")."""
        return {"projects": [_project_view(p) for p in auth.PROJECTS],
                "links": {"next": None, "previous": None, "self": f"{request.host_url}v3/auth/projects"}}


FAMILY = IamFamily
