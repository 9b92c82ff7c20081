"""Typed access to action parameters (query strings are strings, JSON bodies are typed)."""
import re

from .errors import invalid, missing

_INT_RE = re.compile(r"^-?\d+$")


def req_str(params, name):
    value = params.get(name)
    if value is None or value == "":
        raise missing(name)
    if not isinstance(value, str):
        raise invalid("%s must be a string" % name)
    return value


def opt_str(params, name, default=None):
    if params.get(name) in (None, ""):
        return default
    return req_str(params, name)


def _to_int(name, value):
    if isinstance(value, bool):
        raise invalid("%s must be an integer" % name)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _INT_RE.match(value.strip()):
        return int(value)
    raise invalid("%s must be an integer" % name)


def req_int(params, name):
    value = params.get(name)
    if value is None or value == "":
        raise missing(name)
    return _to_int(name, value)


def opt_int(params, name, default=None):
    value = params.get(name)
    if value is None or value == "":
        return default
    return _to_int(name, value)


def req_list(params, name):
    value = params.get(name)
    if value is None or value == [] or value == "":
        raise missing(name)
    if not isinstance(value, list):
        raise invalid("%s must be a list" % name)
    return value


def req_dict(params, name):
    value = params.get(name)
    if value is None:
        raise missing(name)
    if not isinstance(value, dict):
        raise invalid("%s must be an object" % name)
    return value
