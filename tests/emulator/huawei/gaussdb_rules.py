"""Input rules of the GaussDB API, as the seed's request tables state them (reused by several sections)."""
import ipaddress
import re

from tests.emulator.huawei.errors import api_error, param_error

_CJK = "\u4e00-\u9fa5"
_NAME_RE = re.compile(rf"^[A-Za-z{_CJK}][A-Za-z0-9{_CJK}_-]*$")
_NODE_NAME_RE = re.compile(rf"^[A-Za-z0-9{_CJK}_-]+$")
_ALIAS_RE = re.compile(rf"^[A-Za-z0-9{_CJK}._-]*$")
_TAG_KEY_RE = re.compile(rf"^[A-Za-z0-9{_CJK}_-]+$")
_TAG_VALUE_RE = re.compile(rf"^[A-Za-z0-9{_CJK}._-]*$")
_DNS_RE = re.compile(r"^[a-z0-9]{8,63}$")
_TZ_RE = re.compile(r"^UTC([+-](0\d|1[0-4]):[0-5]\d)?$")
PASSWORD_SPECIALS = "~!@#$%^*-_=+?,()&"
# The service refuses passwords from its weak-password dictionary (DBS.280203); a few famous ones here.
WEAK_PASSWORDS = {"Admin@123", "Admin_123", "P@ssw0rd", "Passw0rd!", "Huawei@123", "Root@123", "Test_123456"}
FORBIDDEN_PORTS = {5342, 5343, 5344, 5345, 12017, 20000, 20201, 20202, 33062, 33071}
TAG_QUOTA = 20


def check_instance_name(name):
    """4.3.1/4.3.7: 4-64 characters and at most 64 bytes, starts with a letter or CJK, then letters, digits,
    CJK, '-' and '_'."""
    if not isinstance(name, str) or not 4 <= len(name) <= 64 or len(name.encode("utf-8")) > 64 \
            or not _NAME_RE.match(name):
        raise api_error("DBS.200021", f"Invalid name {name!r}.")
    return name


def check_node_name(name):
    """4.3.37: 4-128 characters of CJK, digits, letters, '-' and '_'."""
    if not isinstance(name, str) or not 4 <= len(name) <= 128 or not _NODE_NAME_RE.match(name):
        raise param_error(f"Invalid node name {name!r}.")
    return name


def check_password(password):
    """4.3.1/4.3.8: 8-32 characters, at least three of upper, lower, digit and ~!@#$%^*-_=+?,()&."""
    if not isinstance(password, str) or not 8 <= len(password) <= 32:
        raise api_error("DBS.200052", "The password must have 8 to 32 characters.")
    if any(not (c.isascii() and c.isalnum()) and c not in PASSWORD_SPECIALS for c in password):
        raise api_error("DBS.200052", "The password contains a character that is not allowed.")
    kinds = sum((any(c.isupper() for c in password), any(c.islower() for c in password),
                 any(c.isdigit() for c in password), any(c in PASSWORD_SPECIALS for c in password)))
    if kinds < 3:
        raise api_error("DBS.200052", "The password needs three kinds of characters.")
    if password in WEAK_PASSWORDS:
        raise api_error("DBS.280203")
    return password


def as_int(value, what, low=None, high=None, code="DBS.280001"):
    """An integer (JSON number or numeric string) within [low, high]."""
    if isinstance(value, bool):
        raise api_error(code, f"{what} must be an integer.")
    try:
        number = int(value)
        if isinstance(value, float) and number != value:
            raise ValueError(value)
    except (TypeError, ValueError) as exc:
        raise api_error(code, f"{what} must be an integer.") from exc
    if (low is not None and number < low) or (high is not None and number > high):
        raise api_error(code, f"{what} must be between {low} and {high}.")
    return number


def as_bool(value, what, default=None):
    """Booleans the API also accepts as the strings "true"/"false"."""
    if value is None and default is not None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise param_error(f"{what} must be true or false.")


def check_backup_strategy(strategy):
    """MysqlBackupStrategy: start_time hh:mm-HH:MM with HH = hh+1 and mm = MM = 00; keep_days 1-732."""
    if not isinstance(strategy, dict):
        raise param_error("backup_strategy must be an object.")
    start = strategy.get("start_time")
    match = re.match(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$", start or "")
    if not match:
        raise api_error("DBS.280253", f"start_time {start!r} is not hh:mm-HH:MM.")
    h1, m1, h2, m2 = (int(x) for x in match.groups())
    if h1 > 23 or h2 > 23 or m1 != 0 or m2 != 0 or h2 != (h1 + 1) % 24:
        raise api_error("DBS.280253", f"start_time {start!r} must span one whole hour.")
    keep = strategy.get("keep_days", 7)
    keep = as_int(keep, "keep_days", 1, 732, code="DBS.280250")
    return {"start_time": start, "keep_days": str(keep)}


def check_tags(tags, require_value=True, limit=TAG_QUOTA):
    """MysqlTags / TagItem list -> [(key, value)]; keys unique (DBS.280272), at most `limit` (DBS.200087)."""
    if not isinstance(tags, list):
        raise param_error("tags must be a list.")
    pairs = []
    for tag in tags:
        if not isinstance(tag, dict):
            raise param_error("Each tag must be an object with key and value.")
        key, value = tag.get("key"), tag.get("value")
        if not isinstance(key, str) or not key.strip() or len(key) > 36 or not _TAG_KEY_RE.match(key):
            raise param_error(f"Invalid tag key {key!r}.")
        if value is None and not require_value:
            pairs.append((key, None))
            continue
        if not isinstance(value, str) or len(value) > 43 or not _TAG_VALUE_RE.match(value):
            raise param_error(f"Invalid tag value {value!r} of key {key!r}.")
        pairs.append((key, value))
    keys = [pair[0] for pair in pairs]
    if len(set(keys)) != len(keys):
        raise api_error("DBS.280272")
    if len(pairs) > limit:
        raise api_error("DBS.200087")
    return pairs


def check_time_zone(tz):
    if not isinstance(tz, str) or not _TZ_RE.match(tz):
        raise param_error(f"Invalid time_zone {tz!r}; use UTC or UTC+hh:mm.")
    return tz


def check_port(port):
    """4.3.23: 1024-65535, except 5342-5345, 12017, 20000, 20201, 20202, 33062 and 33071."""
    number = as_int(port, "port", code="DBS.280364")
    if not 1024 <= number <= 65535 or number in FORBIDDEN_PORTS:
        raise api_error("DBS.280364", f"Port {number} is not allowed.")
    return number


def check_ipv4(value, what):
    try:
        return str(ipaddress.IPv4Address(value))
    except (ipaddress.AddressValueError, TypeError, ValueError) as exc:
        raise param_error(f"{what} {value!r} is not an IPv4 address.") from exc


def check_alias(alias):
    """4.3.24: 0-64 characters of letters, digits, CJK, '.', '_' and '-'."""
    if not isinstance(alias, str) or len(alias) > 64 or not _ALIAS_RE.match(alias):
        raise param_error(f"Invalid alias {alias!r}.")
    return alias


def check_dns_prefix(name):
    """4.3.26: 8-63 lower-case letters and digits."""
    if not isinstance(name, str) or not _DNS_RE.match(name):
        raise param_error(f"Invalid dns_name {name!r}: 8-63 lower-case letters and digits.")
    return name


def text_fits(text, max_length, forbidden):
    """Free text (descriptions): a string of at most ``max_length`` characters, none of them in ``forbidden``."""
    return isinstance(text, str) and len(text) <= max_length and not any(c in forbidden for c in text)


def required(data, *names):
    missing = [n for n in names if data.get(n) in (None, "")]
    if missing:
        raise param_error(f"Missing required parameter(s): {', '.join(missing)}.")


def paging(args, default_limit=100, max_limit=100):
    """offset/limit query parameters: offset >= 0, 1 <= limit <= max_limit (DBS.280439 otherwise)."""
    offset = as_int(args.get("offset", 0), "offset", 0, None)
    limit = as_int(args.get("limit", default_limit), "limit", code="DBS.280439")
    if not 1 <= limit <= max_limit:
        raise api_error("DBS.280439")
    return offset, limit
