"""Emulator core: the Flask app, the family registry, the admin API, stats and fault injection.

A *family* is one cloud API (Huawei IAM, GaussDB sections, CDS, ROMA...). Each family module listed in
FAMILY_MODULES exposes ``FAMILY = SomeFamily``; the core instantiates it and calls ``register(app, ctx)``.
Routes are added with ``ctx.route(family, method, template, view)`` where ``template`` is written exactly as
the API reference writes it (``/v3/{project_id}/instances``): that string is what /_emulator/routes lists and
what /_emulator/stats counts. See README.md for the whole interface.
"""
import importlib
import ipaddress
import json
import random
import re
import socket
import threading
import time
import uuid

from flask import Flask, Response, current_app, g, request
from werkzeug.exceptions import HTTPException

FAMILY_MODULES = [
    "tests.emulator.huawei.iam",
    "tests.emulator.huawei.gaussdb_meta",
    "tests.emulator.huawei.gaussdb_instances",
    "tests.emulator.huawei.gaussdb_instance_ops",
    "tests.emulator.huawei.gaussdb_nodes",
    "tests.emulator.huawei.gaussdb_misc",
    "tests.emulator.huawei.gaussdb_tags",
    "tests.emulator.huawei.gaussdb_jobs",
    "tests.emulator.huawei.gaussdb_data",
    "tests.emulator.huawei.gaussdb_backups",
    "tests.emulator.huawei.gaussdb_params",
    "tests.emulator.huawei.gaussdb_sql_filter",
    "tests.emulator.huawei.gaussdb_logs",
    "tests.emulator.huawei.gaussdb_quotas",
    "tests.emulator.huawei.gaussdb_diagnosis",
    "tests.emulator.huawei.gaussdb_htap_starrocks",
    "tests.emulator.huawei.gaussdb_htap_clickhouse",
    "tests.emulator.huawei.gaussdb_htap_clickhouse_logs",
    "tests.emulator.huawei.gaussdb_proxy",
    "tests.emulator.cds.family",
    "tests.emulator.roma.family",
]

FAULT_KINDS = ("throttle", "server_error", "reset", "busy", "slow")

DEFAULT_CONFIG = {
    "latency_ms": 0,
    "time_scale": 1.0,
    "fault_rate": 0.0,
    "fault_kinds": list(FAULT_KINDS),
    "random_seed": 0,
    "slow_ms": 1500,          # extra delay of a "slow" fault
    "retry_after": 1,         # seconds, Retry-After of a "throttle" fault
    "job_visible_after": 2.0,  # seconds (scaled) before a new job can be queried
    "drop_responses": [],     # [{"method", "path", "count"}]: process, then close the socket unanswered
    "fail_jobs": [],          # [{"name": job name, "count"}]: the next matching jobs end Failed
}

ADMIN_PREFIX = "/_emulator"


class HttpError(Exception):
    """An error response; families raise subclasses (or this) from views and authenticate()."""

    def __init__(self, status, body, headers=None):
        super().__init__(f"{status} {body}")
        self.status = status
        self.body = body
        self.headers = headers or {}


def json_response(payload, status=200, headers=None):
    # Compact, as the cloud sends it; views are fresh trees, so the circular-reference check is wasted time.
    body = "" if payload is None else json.dumps(payload, ensure_ascii=False, separators=(",", ":"), check_circular=False)
    resp = Response(body, status=status, mimetype="application/json")
    for k, v in (headers or {}).items():
        resp.headers[k] = v
    return resp


def current_ctx():
    """The Context of the app serving the current request."""
    return current_app.extensions["emulator"]


def request_id():
    return g.get("request_id") or uuid.uuid4().hex


class Family:
    """Base class of an API family. Override what you need."""

    name = "family"
    prefixes = ()  # path prefixes this family answers for (used for unknown paths)

    def __init__(self, ctx):
        self.ctx = ctx

    def register(self, app, ctx):
        """Add routes with ctx.route(self, METHOD, "/documented/{template}", view)."""

    def reset(self):
        """Called after ctx.state was cleared; keep state in ctx.state so that reset needs nothing else."""

    def seed(self, spec):
        """Create ready resources from the admin seed body; return {"<kind>_ids": [...]}."""
        return {}

    def owns(self, path):
        return bool(self.prefixes) and path.startswith(self.prefixes)

    def authenticate(self, view_args):
        """Verify the current request; raise HttpError to refuse. Return value is stored in g.principal."""
        return None

    def fault_response(self, kind):
        """Response of an injected fault: kind is throttle, server_error or busy. Return (status, body, headers)."""
        if kind == "throttle":
            return 429, {"error": "throttled"}, {"Retry-After": str(self.ctx.config["retry_after"])}
        if kind == "busy":
            return 409, {"error": "busy"}, {}
        return 500, {"error": "server error"}, {}

    def not_found_response(self, path, method_not_allowed=False):
        return 404, {"error": "not found"}, {}

    def banner(self):
        """Lines printed to stderr at start (the fixed test credentials of this family)."""
        return []


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.clear()

    def clear(self):
        self.requests_total = 0
        self.writes_total = 0
        self.by_route = {}
        self.by_status = {}
        self.faults = {}
        self.dropped = 0

    def record(self, route_key, status, fault=None, dropped=False, write=False):
        with self.lock:
            self.requests_total += 1
            self.writes_total += 1 if write else 0
            self.by_route[route_key] = self.by_route.get(route_key, 0) + 1
            self.by_status[status] = self.by_status.get(status, 0) + 1
            if fault:
                self.faults[fault] = self.faults.get(fault, 0) + 1
            if dropped:
                self.dropped += 1

    def snapshot(self):
        with self.lock:
            return {"requests_total": self.requests_total, "writes_total": self.writes_total,
                    "by_route": dict(self.by_route),
                    "by_status": dict(self.by_status), "faults": dict(self.faults), "dropped": self.dropped}


class Route:
    def __init__(self, family, method, template, view, auth):
        self.family = family
        self.method = method
        self.template = template
        self.view = view
        self.auth = auth

    @property
    def key(self):
        return f"{self.method} {self.template}"

    @property
    def changes_state(self):
        """Whether a call may change state: every method but GET, except the documented checks
        (4.3.30 resource-check, 4.15.8, 4.15.16, 4.16.9, 4.16.10: POSTs whose path ends in -check),
        which only verify a request. Counted in the stats as ``writes_total``."""
        return self.method != "GET" and not self.template.endswith("-check")


class Context:
    """Shared by every family: config, clock, state, stats, the big lock and the route registry."""

    def __init__(self, config=None, state_dir=None):
        self.config = dict(DEFAULT_CONFIG)
        self.config.update(config or {})
        self.state_dir = state_dir
        self.rng = random.Random(self.config["random_seed"])
        self.rng_lock = threading.Lock()
        # Every API view runs under this lock: handlers stay simple and the state consistent.
        self.lock = threading.RLock()
        self.state = {}
        self.stats = Stats()
        self.families = []
        self.routes = {}  # endpoint -> Route
        self._tickers = []
        self.app = None
        self.engines = None  # the EngineManager with --engine mariadb (tests/emulator/engine), else None

    # -- clock -----------------------------------------------------------------------------------------------
    def now(self):
        return time.time()

    def scaled(self, seconds):
        """Duration of a cloud operation that takes `seconds` in reality."""
        return float(seconds) * float(self.config["time_scale"])

    def random(self):
        with self.rng_lock:
            return self.rng.random()

    def choice(self, seq):
        with self.rng_lock:
            return self.rng.choice(seq)

    # -- registry --------------------------------------------------------------------------------------------
    def route(self, family, method, template, view, auth=True):
        """Register `view(**path_params)` for METHOD + documented template ({x} placeholders).

        The view returns a Response, or (payload, status) / (payload, status, headers), or a payload (200).
        """
        method = method.upper()
        rule = re.sub(r"\{(\w+)\}", r"<\1>", template)
        endpoint = f"{method} {template}"
        if endpoint in self.routes:
            raise ValueError(f"route registered twice: {endpoint}")
        route = Route(family, method, template, view, auth)
        self.routes[endpoint] = route
        self.app.add_url_rule(rule, endpoint, self._make_view(route), methods=[method])
        return route

    def add_ticker(self, fn):
        """fn(ctx) runs (under the lock) before every API view: advance asynchronous work there."""
        self._tickers.append(fn)

    def tick(self):
        for fn in self._tickers:
            fn(self)

    def _make_view(self, route):
        def view(**kwargs):
            with self.lock:
                self.tick()
                if route.auth:
                    g.principal = route.family.authenticate(kwargs)
                result = route.view(**kwargs)
            return _to_response(result)
        view.__name__ = re.sub(r"\W", "_", route.key)
        return view

    def banner(self):
        lines = []
        for fam in self.families:
            for line in fam.banner():
                if line not in lines:  # the Huawei families share their lines
                    lines.append(line)
        return lines

    def family_for_path(self, path):
        for fam in self.families:
            if fam.owns(path):
                return fam
        return None

    # -- admin operations ------------------------------------------------------------------------------------
    def reset(self):
        with self.lock:
            if self.engines is not None:
                self.engines.reset()
            self.state.clear()
            self.stats.clear()
            with self.rng_lock:
                self.rng.seed(self.config["random_seed"])
            for fam in self.families:
                fam.reset()

    def seed(self, spec):
        created = {}
        with self.lock:
            self.tick()
            for fam in self.families:
                created.update(fam.seed(spec) or {})
        return created

    def update_config(self, changes):
        validated = {}
        for key, value in changes.items():
            if key not in DEFAULT_CONFIG:
                raise ValueError(f"unknown config key {key!r}")
            if key == "fault_kinds":
                bad = [k for k in value if k not in FAULT_KINDS]
                if bad:
                    raise ValueError(f"unknown fault kinds {bad}")
                value = list(value)
            elif key in ("latency_ms", "slow_ms", "retry_after", "job_visible_after"):
                if float(value) < 0:
                    raise ValueError(f"{key} must be >= 0")
            elif key == "time_scale":
                if float(value) <= 0:
                    raise ValueError("time_scale must be > 0")
            elif key == "fault_rate":
                if not 0.0 <= float(value) <= 1.0:
                    raise ValueError("fault_rate must be between 0 and 1")
            elif key in ("drop_responses", "fail_jobs"):
                value = [_check_rule(key, r) for r in value]
            validated[key] = value
        with self.lock:
            self.config.update(validated)
            if "random_seed" in validated:
                with self.rng_lock:
                    self.rng.seed(validated["random_seed"])

    def take_rule(self, key, match):
        """Consume one count of the first rule in config[key] for which match(rule) is true."""
        with self.lock:
            rules = self.config[key]
            for rule in rules:
                if match(rule):
                    rule["count"] -= 1
                    if rule["count"] <= 0:
                        rules.remove(rule)
                    return True
        return False


def _check_rule(key, rule):
    rule = dict(rule)
    rule["count"] = int(rule.get("count", 1))
    needed = ("method", "path") if key == "drop_responses" else ("name",)
    for field in needed:
        if not isinstance(rule.get(field), str):
            raise ValueError(f"{key} rules need {needed}")
    if key == "drop_responses":
        rule["method"] = rule["method"].upper()
    return rule


def _to_response(result):
    if isinstance(result, Response):
        return result
    if isinstance(result, tuple):
        return json_response(*result)
    return json_response(result)


def _is_admin(path):
    return path == ADMIN_PREFIX or path.startswith(ADMIN_PREFIX + "/")


class _DropMiddleware:
    """Closes the connection without an answer when a view or a fault marked the request for it.

    The view has already run (the resource exists); the client sees a connection error, never the response.
    """

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        captured = []

        def capture(status, headers, exc_info=None):
            captured[:] = [status, headers, exc_info]
            return lambda data: None

        body = self.wsgi_app(environ, capture)
        if not environ.get("emulator.drop"):
            start_response(*captured)
            return body
        if hasattr(body, "close"):
            body.close()
        sock = environ.get("werkzeug.socket")
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        # werkzeug treats ConnectionError as "client went away" and writes nothing more.
        raise ConnectionAbortedError("emulator dropped the connection on purpose")


def create_app(config=None, state_dir=None, family_modules=None, engine="none"):
    """The emulator's Flask app. ``engine="mariadb"`` backs instances with real MariaDB servers (their data under
    ``state_dir``, which is then required)."""
    ctx = Context(config, state_dir)
    if engine == "mariadb":
        from tests.emulator.engine.manager import EngineManager
        ctx.engines = EngineManager(state_dir)
    elif engine != "none":
        raise ValueError(f"unknown engine {engine!r}")
    app = Flask("clouddb_emulator")
    app.url_map.merge_slashes = False
    app.extensions["emulator"] = ctx
    ctx.app = app
    for modname in family_modules or FAMILY_MODULES:
        family = importlib.import_module(modname).FAMILY(ctx)
        ctx.families.append(family)
        family.register(app, ctx)
    _install_hooks(app, ctx)
    _install_admin(app, ctx)
    app.wsgi_app = _DropMiddleware(app.wsgi_app)
    return app


def _current_route(ctx):
    rule = request.url_rule
    return ctx.routes.get(rule.endpoint) if rule is not None else None


def _install_hooks(app, ctx):
    @app.before_request
    def before():
        g.request_id = uuid.uuid4().hex
        if _is_admin(request.path):
            if not _is_loopback(request.remote_addr):
                return json_response({"error": "the admin API answers loopback clients only"}, 403)
            return None
        if ctx.config["latency_ms"]:
            time.sleep(float(ctx.config["latency_ms"]) / 1000.0)
        route = _current_route(ctx)
        kinds = ctx.config["fault_kinds"]
        rate = float(ctx.config["fault_rate"])
        if route is None or not kinds or rate <= 0 or ctx.random() >= rate:
            return None
        kind = ctx.choice(kinds)
        if kind == "busy" and request.method == "GET":
            return None  # a read is never "busy"
        g.fault = kind
        if kind == "slow":
            time.sleep(float(ctx.config["slow_ms"]) / 1000.0)
            return None
        if kind == "reset":
            request.environ["emulator.drop"] = "reset"
            return Response(status=500)
        status, body, headers = route.family.fault_response(kind)
        return json_response(body, status, headers)

    @app.after_request
    def after(resp):
        resp.headers["X-Request-Id"] = g.get("request_id", "")
        if _is_admin(request.path):
            return resp
        route = _current_route(ctx)
        key = route.key if route else f"{request.method} (unmatched)"
        fault = g.get("fault")
        dropped = bool(request.environ.get("emulator.drop"))
        if route is not None and fault is None:
            path = request.path

            def match(rule):
                return rule["method"] == request.method and rule["path"] in (route.template, path)
            if ctx.config["drop_responses"] and ctx.take_rule("drop_responses", match):
                request.environ["emulator.drop"] = "drop"
                dropped = True
        status = "reset" if fault == "reset" else str(resp.status_code)
        ctx.stats.record(key, status, fault=fault, dropped=dropped,
                         write=route is not None and route.changes_state)
        return resp

    @app.errorhandler(HttpError)
    def http_error(err):
        return json_response(err.body, err.status, err.headers)

    @app.errorhandler(Exception)
    def emulator_bug(err):
        if isinstance(err, HTTPException):
            return err
        app.logger.exception("emulator bug while serving %s %s", request.method, request.path)
        return json_response({"error_code": "EMULATOR.BUG", "error_msg": f"{type(err).__name__}: {err}"}, 500)

    def unmatched(err, method_not_allowed):
        fam = ctx.family_for_path(request.path)
        if fam is None:
            return json_response({"error": "no emulated API at this path"}, err.code)
        status, body, headers = fam.not_found_response(request.path, method_not_allowed)
        return json_response(body, status, headers)

    app.register_error_handler(404, lambda e: unmatched(e, False))
    app.register_error_handler(405, lambda e: unmatched(e, True))


def _is_loopback(addr):
    try:
        return ipaddress.ip_address(addr or "").is_loopback
    except ValueError:
        return False


def _install_admin(app, ctx):
    def body():
        data = request.get_data()
        if not data:
            return {}
        try:
            parsed = json.loads(data)
        except ValueError as exc:
            raise HttpError(400, {"error": f"invalid JSON: {exc}"}) from exc
        if not isinstance(parsed, dict):
            raise HttpError(400, {"error": "a JSON object is expected"})
        return parsed

    def stats():
        return json_response(ctx.stats.snapshot())

    def reset():
        ctx.reset()
        return json_response({"reset": True})

    def seed():
        spec = body()
        try:
            created = ctx.seed(spec)
        except (TypeError, ValueError) as exc:
            raise HttpError(400, {"error": str(exc)}) from exc
        return json_response(created, 201)

    def get_config():
        return json_response(ctx.config)

    def put_config():
        try:
            ctx.update_config(body())
        except (TypeError, ValueError) as exc:
            raise HttpError(400, {"error": str(exc)}) from exc
        return json_response(ctx.config)

    def routes():
        listed = [{"method": r.method, "path": r.template, "family": r.family.name} for r in ctx.routes.values()]
        return json_response({"routes": listed})

    for method, path, view in (("GET", "/stats", stats), ("POST", "/reset", reset), ("POST", "/seed", seed),
                               ("GET", "/config", get_config), ("PUT", "/config", put_config),
                               ("GET", "/routes", routes)):
        app.add_url_rule(ADMIN_PREFIX + path, f"admin {method} {path}", view, methods=[method])
