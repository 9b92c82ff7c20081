"""Request handling independent of the web framework: signature check, action lookup, method
check, parameter merging, envelope.

Errors that the vendor does not document for MySQL are emulator choices (reference section 3):
401 ``InvalidAccessKeyId`` / ``SignatureDoesNotMatch`` / ``RequestExpired`` /
``SignatureNonceUsed``, 400 ``ArgMissing`` (no Action or common parameter), 400
``UnsupportedAction``, 400 ``UnsupportedHTTPMethod``, 400 ``ParamParseError`` (bad JSON body).
"""
import json

from . import (actions_account, actions_backup, actions_catalog, actions_instance,  # noqa: F401
               actions_parameter, actions_restore)
from .errors import CdsError, error_body
from .registry import ACTIONS, Context
from .signing import COMMON_PARAMS, AuthError, verify

PRODUCT_PATHS = ("/mysql", "/paas/monitor", "/ccs")


def product_path(path):
    """The product base path of a request path, or None when the path is not ours."""
    path = path.rstrip("/") or "/"
    return path if path in PRODUCT_PATHS else None


def routes():
    """Documented templates, one per (method, product path, action)."""
    return [{"method": act.method, "path": "%s?Action=%s" % (path, name)}
            for name, act in sorted(ACTIONS.items()) for path in act.paths]


def handle(store, method, path, query, body, base_url):
    """Handle one API request, signature check included.

    ``query`` is the form-decoded query string as a dict (one value per key), ``body`` the raw
    request body. Returns (http status, JSON-serialisable body).
    """
    method = method.upper()
    with store.lock:
        try:
            verify(method, query, store.nonces)
        except AuthError as exc:
            return exc.status, error_body(exc.code, exc.message)
        return dispatch(store, query.get("Action"), method, path, query, body, base_url)


def dispatch(store, name, method, path, query, body, base_url):
    """Run action ``name`` for an already authenticated request."""
    method = method.upper()
    with store.lock:
        store.advance()
        try:
            if not name:
                raise CdsError(400, "ArgMissing", "Missing required parameter: Action")
            act = ACTIONS.get(name)
            if act is None or product_path(path) not in act.paths:
                raise CdsError(400, "UnsupportedAction", "The action %s is not supported here" % name)
            if act.method != method:
                raise CdsError(400, "UnsupportedHTTPMethod",
                               "The action %s must be called with %s" % (name, act.method))
            params = {k: v for k, v in query.items() if k not in COMMON_PARAMS and k != "Signature"}
            if method == "POST" and body and body.strip():
                try:
                    data = json.loads(body)
                except ValueError:
                    raise CdsError(400, "ParamParseError", "The request body is not valid JSON")
                if not isinstance(data, dict):
                    raise CdsError(400, "ParamParseError", "The request body must be a JSON object")
                params.update(data)  # body wins for POST (reference 1)
            return 200, act.handler(Context(store, params, base_url, method))
        except CdsError as exc:
            return exc.status, error_body(exc.code, exc.message)
