"""Server-side check of the Capital Online "signature version 1.0" (HMAC-SHA1).

Written from the API reference (shared/api/capitalonline-mysql.md section 2), independently of
plugins/module_utils: the emulator must be able to catch a client that signs wrongly.
"""
import base64
import hashlib
import hmac
import time
import uuid
from datetime import datetime, timezone
from urllib.parse import quote

from .errors import CdsError

COMMON_PARAMS = ("Action", "AccessKeyId", "SignatureMethod", "SignatureVersion",
                 "SignatureNonce", "Timestamp", "Version")

ACCESS_KEY_ID = "EMULATORCDSID"
ACCESS_KEY_SECRET = "emulator-cds-secret"

# Emulator-specific choices where the vendor documents nothing (reference 2.1 and 3):
#   tolerated clock skew 15 minutes, nonces remembered for that window, and these error codes.
CLOCK_SKEW = 15 * 60


class AuthError(CdsError):
    """A request refused before its action runs (missing or wrong signature, stale timestamp, reused nonce)."""


def encode(text):
    """encode-1: UTF-8, unreserved A-Z a-z 0-9 - _ . ~ kept, all else %XX upper case."""
    return quote(str(text).encode("utf-8"), safe="-_.~")


def string_to_sign(method, params):
    canonical = "&".join(
        "%s=%s" % (encode(k), encode(v)) for k, v in sorted(params.items()) if k != "Signature")
    return "%s&%s&%s" % (method.upper(), encode("/"), encode(canonical))


def compute(secret, method, params):
    digest = hmac.new(secret.encode("utf-8"), string_to_sign(method, params).encode("utf-8"),
                      hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


class NonceCache:
    """Remembers nonces for the clock-skew window so a replayed URL is refused."""

    def __init__(self):
        self._seen = {}

    def check_and_add(self, nonce, now):
        for key in [k for k, t in self._seen.items() if now - t > 2 * CLOCK_SKEW]:
            del self._seen[key]
        if nonce in self._seen:
            return False
        self._seen[nonce] = now
        return True

    def clear(self):
        self._seen.clear()


def _parse_timestamp(value):
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()
    except (TypeError, ValueError):
        return None


def verify(method, params, nonces, now=None):
    """Check the signed query ``params`` (a dict, already form-decoded, one value per key).

    Raises AuthError; returns None when the request is authentic.
    """
    now = time.time() if now is None else now
    missing = [p for p in COMMON_PARAMS + ("Signature",) if not params.get(p)]
    if missing:
        raise AuthError(400, "ArgMissing", "Missing common parameter(s): %s" % ", ".join(missing))
    if params["SignatureMethod"] != "HMAC-SHA1":
        raise AuthError(400, "InvalidParameter", "SignatureMethod must be HMAC-SHA1")
    if params["SignatureVersion"] != "1.0":
        raise AuthError(400, "InvalidParameter", "SignatureVersion must be 1.0")
    if params["Version"] != "2019-08-08":
        raise AuthError(400, "InvalidParameter", "Version must be 2019-08-08")
    if params["AccessKeyId"] != ACCESS_KEY_ID:
        raise AuthError(401, "InvalidAccessKeyId", "The AccessKeyId does not exist.")
    ts = _parse_timestamp(params["Timestamp"])
    if ts is None:
        raise AuthError(400, "InvalidParameter", "Timestamp must look like 2024-07-05T08:30:00Z")
    if abs(now - ts) > CLOCK_SKEW:
        raise AuthError(401, "RequestExpired", "The request timestamp is outside the allowed window.")
    expected = compute(ACCESS_KEY_SECRET, method, params)
    if not hmac.compare_digest(expected, params["Signature"]):
        raise AuthError(401, "SignatureDoesNotMatch",
                        "The request signature does not match; check the AccessKey secret.")
    if not nonces.check_and_add(params["SignatureNonce"], now):
        raise AuthError(401, "SignatureNonceUsed", "The SignatureNonce has already been used.")


def sign_params(method, params, key_id=ACCESS_KEY_ID, secret=ACCESS_KEY_SECRET):
    """Helper for the emulator's own tests: add the common parameters and the signature."""
    full = dict(params)
    full.setdefault("AccessKeyId", key_id)
    full.setdefault("SignatureMethod", "HMAC-SHA1")
    full.setdefault("SignatureVersion", "1.0")
    full.setdefault("SignatureNonce", str(uuid.uuid4()))
    full.setdefault("Timestamp", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    full.setdefault("Version", "2019-08-08")
    full["Signature"] = compute(secret, method, full)
    return full
