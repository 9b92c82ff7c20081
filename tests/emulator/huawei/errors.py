"""Huawei error bodies: service errors (seed 002 A.1/A.3) and API gateway errors (APIGW.*).

Service errors are ``{"error_code": ..., "error_msg": ...}`` with the message of the A.3 table
(error_codes.json is generated from it). Gateway errors also carry ``request_id``, as API Gateway does.
"""
import json
import os
import re

from flask import request

from tests.emulator.core import HttpError, request_id

with open(os.path.join(os.path.dirname(__file__), "error_codes.json"), encoding="utf-8") as _f:
    ERROR_CODES = json.load(_f)

# Not in seed 002; wording from the public API Gateway error-code table. Clients should key on status + code.
GATEWAY_CODES = {
    "APIGW.0101": (404, "The API does not exist or has not been published in the environment."),
    "APIGW.0201": (400, "API request error."),
    "APIGW.0301": (401, "Incorrect IAM authentication information"),
    "APIGW.0308": (429, "The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute"),
    # 5xx gateway codes are placeholders of our choosing (no public table gives them for these statuses).
    "APIGW.0610": (502, "Backend unavailable"),
    "APIGW.0611": (503, "Service unavailable"),
}

BUSY_CODE = "DBS.200019"  # 409 "Another operation is being performed on the DB instance..."


class ApiError(HttpError):
    def __init__(self, status, code, msg, headers=None, gateway=False):
        body = {"error_code": code, "error_msg": msg}
        if gateway:
            body["request_id"] = request_id()
        super().__init__(status, body, headers)
        self.code = code


def api_error(code, detail=None, status=None, **params):
    """Build the documented error `code` (status and message from the A.3 table).

    `params` fill ${name} placeholders of the message; `detail` is appended to help whoever reads the log.
    """
    table_status, msg = ERROR_CODES[code]
    msg = re.sub(r"\$\{(\w+)\}", lambda m: str(params.get(m.group(1), m.group(0))), msg)
    if detail:
        msg = f"{msg} {detail}"
    return ApiError(status or table_status, code, msg)


def gateway_error(code, detail=None, headers=None):
    status, msg = GATEWAY_CODES[code]
    if detail:
        msg = f"{msg}: {detail}"
    return ApiError(status, code, msg, headers=headers, gateway=True)


def param_error(detail):
    """Generic 400 "Parameter error." for a rule that has no dedicated code."""
    return api_error("DBS.280001", detail)


def json_body(required=True):
    """The request's JSON object; refuse a missing body, bad JSON or a non-object like the service does."""
    raw = request.get_data()
    if not raw.strip():
        if required:
            raise api_error("DBS.200006")
        return {}
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise api_error("DBS.200001", "The request body is not valid JSON.") from exc
    if not isinstance(data, dict):
        raise api_error("DBS.200001", "The request body must be a JSON object.")
    return data


def fault(kind, ctx):
    """(status, body, headers) of an injected fault for Huawei APIs."""
    if kind == "throttle":
        err = gateway_error("APIGW.0308", headers={"Retry-After": str(ctx.config["retry_after"])})
    elif kind == "busy":
        err = api_error(BUSY_CODE)
    else:
        status = ctx.choice([500, 502, 503])
        if status == 500:
            err = api_error("DBS.05000000")
        else:
            err = gateway_error("APIGW.0610" if status == 502 else "APIGW.0611")
    return err.status, err.body, err.headers
