"""Huawei authentication: AK/SK ``SDK-HMAC-SHA256`` signatures and IAM tokens, checked on every API request.

The signature is recomputed with the official ``huaweicloudsdkcore`` signer (an independent reference: the
collection's own signer shares no code with it). Refusals are the API gateway's 401 ``APIGW.0301``
"Incorrect IAM authentication information" with the reason after a colon, as the gateway phrases them.
"""
import base64
import datetime
import hashlib
import hmac
import json
import re
import time
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import parse_qsl

from flask import request

from tests.emulator.huawei.errors import api_error, gateway_error

try:
    from huaweicloudsdkcore.sdk_request import SdkRequest
    from huaweicloudsdkcore.signer.signer import Signer
except ImportError as _exc:  # pragma: no cover - environment problem, said loudly
    raise ImportError("the emulator needs huaweicloudsdkcore (pip install huaweicloudsdkcore) "
                      "to verify Huawei AK/SK signatures") from _exc

# Fixed test account (DESIGN section 6).
DOMAIN = {"id": "e0d0e0d0e0d0e0d0e0d0e0d0e0d0e0d0", "name": "emulator"}
USER = {"id": "a5e5a5e5a5e5a5e5a5e5a5e5a5e5a5e5", "name": "emulator", "password": "Emulator-Passw0rd"}
PROJECTS = [
    {"id": "0123456789abcdef0123456789abcdef", "name": "cn-north-4"},
    {"id": "fedcba9876543210fedcba9876543210", "name": "cn-east-3"},
]
DEFAULT_PROJECT_ID = PROJECTS[0]["id"]
# AK -> SK and the X-Security-Token a temporary AK must carry (None: permanent AK).
ACCESS_KEYS = {
    "EMULATORAK0000000001": ("emulator-secret-key", None),
    "EMULATORSTSAK0000001": ("emulator-sts-secret", "emulator-security-token"),
}
MAX_CLOCK_SKEW = 15 * 60  # seconds, API gateway rule for X-Sdk-Date
TOKEN_LIFETIME = 24 * 3600
_TOKEN_KEY = b"clouddb-emulator-token-key"
_AUTH_RE = re.compile(r"^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$")


@dataclass
class Principal:
    method: str          # "aksk" or "token"
    project_id: str      # project the credential is bound to (None: AK/SK without X-Project-Id)
    access_key: str = None


def project_by_id(project_id):
    return next((p for p in PROJECTS if p["id"] == project_id), None)


def project_by_name(name):
    return next((p for p in PROJECTS if p["name"] == name), None)


def region_of(project_id):
    project = project_by_id(project_id)
    return project["name"].split("_")[0] if project else None


def banner_lines():
    return [
        f"Huawei AK/SK: {next(iter(ACCESS_KEYS))} / {ACCESS_KEYS[next(iter(ACCESS_KEYS))][0]}",
        "Huawei temporary AK/SK: EMULATORSTSAK0000001 / emulator-sts-secret "
        "(X-Security-Token: emulator-security-token)",
        f"IAM user: {USER['name']} / {USER['password']} / domain {DOMAIN['name']}",
    ] + [f"region {p['name']}: project id {p['id']}" for p in PROJECTS]


# -- tokens ------------------------------------------------------------------------------------------------------
def _b64(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def issue_token(project_id, now=None):
    """A self-verifying opaque token (survives /_emulator/reset); returns (token, issued_at, expires_at)."""
    issued = int(now or time.time())
    payload = json.dumps({"p": project_id, "u": USER["id"], "i": issued, "e": issued + TOKEN_LIFETIME}).encode()
    sig = hmac.new(_TOKEN_KEY, payload, hashlib.sha256).digest()
    return "MIIEmu" + _b64(payload) + "." + _b64(sig), issued, issued + TOKEN_LIFETIME


def decode_token(token):
    """Payload of a token this emulator issued, or None."""
    try:
        body, sig = token[len("MIIEmu"):].split(".")
        payload = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        given = base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4))
    except (ValueError, TypeError):
        return None
    if not token.startswith("MIIEmu") or not hmac.compare_digest(
            given, hmac.new(_TOKEN_KEY, payload, hashlib.sha256).digest()):
        return None
    return json.loads(payload)


# -- AK/SK signature ---------------------------------------------------------------------------------------------
def expected_signature(ak, sk, method, path, query_string, headers, body):
    """Signature the official signer computes for this request, given the headers named in SignedHeaders."""
    sdk_request = SdkRequest(method=method, resource_path=path,
                             query_params=parse_qsl(query_string, keep_blank_values=True),
                             header_params=dict(headers), body=body or None)
    Signer(SimpleNamespace(ak=ak, sk=sk)).sign(sdk_request)
    return sdk_request.header_params["Authorization"].rsplit("Signature=", 1)[1]


def _refuse(detail):
    return gateway_error("APIGW.0301", detail)


def verify_aksk(authorization):
    """Check the Authorization header of the current request; return (access_key, lower-cased headers)."""
    match = _AUTH_RE.match(authorization.strip())
    if not match:
        raise _refuse("verify aksk signature fail, unsupported or malformed Authorization header")
    ak, signed, signature = match.groups()
    if ak not in ACCESS_KEYS:
        raise _refuse(f"Get secretKey failed,ak:{ak},err:ak not exist")
    sk, needed_token = ACCESS_KEYS[ak]
    names = signed.split(";")
    headers = {}
    for name in names:
        if name not in request.headers:
            raise _refuse(f"verify aksk signature fail, signed header {name} is missing")
        headers[name] = request.headers[name]
    if "x-sdk-date" not in headers:
        raise _refuse("verify aksk signature fail, x-sdk-date must be signed")
    try:
        signed_at = datetime.datetime.strptime(headers["x-sdk-date"], "%Y%m%dT%H%M%SZ").replace(
            tzinfo=datetime.timezone.utc).timestamp()
    except ValueError as exc:
        raise _refuse("verify aksk signature fail, invalid x-sdk-date") from exc
    if abs(time.time() - signed_at) > MAX_CLOCK_SKEW:
        raise _refuse("verify aksk signature fail, x-sdk-date is more than 15 minutes away from the server time")
    if needed_token is not None:
        if headers.get("x-security-token") != needed_token:
            raise _refuse(f"verify aksk signature fail, ak:{ak} is temporary and needs its signed X-Security-Token")
    raw_path = request.environ.get("RAW_URI", request.path).split("?", 1)[0] or request.path
    expected = expected_signature(ak, sk, request.method, raw_path, request.query_string.decode("latin-1"),
                                  headers, request.get_data())
    if not hmac.compare_digest(expected, signature.lower()):
        raise _refuse("verify aksk signature fail")
    return ak, headers


def authenticate(path_project_id=None):
    """Verify the current request (token or AK/SK) and its project; return a Principal or raise the error."""
    token = request.headers.get("X-Auth-Token")
    if token:
        payload = decode_token(token)
        if payload is None:
            raise _refuse("decrypt token fail")
        if payload["e"] < time.time():
            expires = datetime.datetime.fromtimestamp(payload["e"], datetime.timezone.utc).isoformat()
            raise _refuse(f"token expires, expires_at: {expires}")
        principal = Principal("token", payload.get("p"))
        if path_project_id is not None and principal.project_id is None:
            raise api_error("DBS.280056", "A project-scoped token is required.")
    elif request.headers.get("Authorization"):
        ak, headers = verify_aksk(request.headers["Authorization"])
        header_project = request.headers.get("X-Project-Id")
        if header_project is not None and project_by_id(header_project) is None:
            raise _refuse(f"project id {header_project} not found")
        principal = Principal("aksk", header_project, ak)
    else:
        raise _refuse("x-auth-token not found")
    if path_project_id is not None:
        bound = principal.project_id
        if project_by_id(path_project_id) is None or (bound is not None and bound != path_project_id):
            raise api_error("DBS.200010", f"The project {path_project_id} does not match the credential.")
    return principal
