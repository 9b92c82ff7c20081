"""Plugs the CDS MySQL API into the emulator core (tests/emulator/core.py).

The CDS API is RPC style: one URL per product and the operation in the ``Action`` query
parameter. Each action is registered with the core under the template ``/mysql?Action=<Name>``
(``/paas/monitor?Action=...``, ``/ccs?Action=DescribeTask``): that is what ``/_emulator/routes``
lists and what ``/_emulator/stats`` counts. Requests arrive at ``/mysql`` or ``/mysql/``; a
``before_request`` hook of this family points Flask at the action's route, so the core's
authentication, fault injection and stats apply per action. Requests with a missing or unknown
action, or the wrong method, are answered by the product route itself (counted as unmatched).
"""
from flask import Response, request

from tests.emulator.core import Family, HttpError, json_response

from . import actions_backup, api, seeding, signing
from .errors import error_body
from .registry import ACTIONS
from .store import Store

BASE_ENDPOINT = "cds product %s"


class CdsFamily(Family):
    name = "cds"
    prefixes = api.PRODUCT_PATHS + (actions_backup.FILE_PREFIX,)

    @property
    def store(self):
        store = self.ctx.state.get("cds")
        if store is None:
            store = self.ctx.state["cds"] = Store(time_scale=lambda: self.ctx.config["time_scale"],
                                                  clock=self.ctx.now)
        return store

    # -- registration -----------------------------------------------------------------------
    def register(self, app, ctx):
        self._action_rules = {}
        for name, act in sorted(ACTIONS.items()):
            for path in act.paths:
                template = "%s?Action=%s" % (path, name)
                ctx.route(self, act.method, template, self._action_view(name, path))
                self._action_rules[(act.method, path, name)] = "%s %s" % (act.method, template)
        for path in api.PRODUCT_PATHS:
            endpoint = BASE_ENDPOINT % path
            app.add_url_rule(path, endpoint, self._product_view, methods=["GET", "POST"])
            app.add_url_rule(path + "/", endpoint + "/", self._product_view, methods=["GET", "POST"])
        ctx.route(self, "GET", actions_backup.FILE_PREFIX + "/{network}/{backup_id}/{filename}",
                  self._file_view, auth=False)
        ctx.add_ticker(lambda _ctx: self.store.advance())
        app.before_request(self._select_action)

    def _select_action(self):
        """Route /mysql?Action=X to the registered action X, so the core sees (and counts) it."""
        rule = request.url_rule
        if rule is None or not rule.endpoint.startswith("cds product "):
            return None
        base = api.product_path(request.path)
        endpoint = self._action_rules.get((request.method, base, request.args.get("Action")))
        if endpoint is None:
            return None
        for candidate in request.url_rule.map.iter_rules(endpoint):
            request.url_rule = candidate
            break
        return None

    # -- views ------------------------------------------------------------------------------
    @staticmethod
    def _query():
        # Form semantics ("+" is a space); a key given twice keeps one value (reference 2.2).
        return request.args.to_dict()

    def _action_view(self, name, path):
        def view(**_):
            status, body = api.dispatch(self.store, name, request.method, path, self._query(),
                                        request.get_data(), request.host_url)
            return body, status
        return view

    def _product_view(self):
        status, body = api.handle(self.store, request.method, request.path, self._query(),
                                  request.get_data(), request.host_url)
        return json_response(body, status)

    def authenticate(self, view_args):
        if request.path.startswith(actions_backup.FILE_PREFIX):
            return None
        try:
            with self.store.lock:
                signing.verify(request.method, self._query(), self.store.nonces)
        except signing.AuthError as exc:
            raise HttpError(exc.status, error_body(exc.code, exc.message))
        return request.args.get("AccessKeyId")

    def _file_view(self, network, backup_id, filename):
        if network not in ("public", "intranet"):
            return Response("NoSuchKey", status=404, mimetype="text/plain")
        with self.store.lock:
            status, result = actions_backup.check_file_request(
                self.store, backup_id, request.args.get("Expires"), request.args.get("Token"))
        if status != 200:
            return Response(result, status=status, mimetype="text/plain")
        name, data = result
        resp = Response(data, mimetype="application/octet-stream")
        resp.headers["Content-Disposition"] = 'attachment; filename="%s"' % name
        return resp.make_conditional(request, accept_ranges=True, complete_length=len(data))

    # -- admin hooks ------------------------------------------------------------------------
    def reset(self):
        self.ctx.state.pop("cds", None)

    def seed(self, spec):
        count = int(spec.get("cds_instances") or 0)
        per = int(spec.get("cds_readonly_per_instance") or 0)
        if count < 0 or per < 0:
            raise ValueError("cds_instances and cds_readonly_per_instance must be >= 0")
        if not count:
            return {}
        prefix = spec.get("cds_name_prefix") or "seed-mysql"
        if not isinstance(prefix, str):
            raise ValueError("cds_name_prefix must be a string")
        return {"cds_instance_ids": seeding.seed(self.store, count, per, prefix, bool(spec.get("engine")))}

    def fault_response(self, kind):
        # Emulator choices: CDS documents no throttling code.
        if kind == "throttle":
            return 429, error_body("Throttling", "Request was denied due to request throttling."), {
                "Retry-After": str(self.ctx.config["retry_after"])}
        if kind == "busy":
            return 409, error_body("ResourceInUse", "The resource is busy with another task."), {}
        return 500, error_body("InternalError", "Internal error, please try again later."), {}

    def not_found_response(self, path, method_not_allowed=False):
        return 404, error_body("UnsupportedAction", "No CDS API at %s" % path), {}

    def banner(self):
        return ["CDS: access key id %s, secret %s" % (signing.ACCESS_KEY_ID, signing.ACCESS_KEY_SECRET)]


FAMILY = CdsFamily
