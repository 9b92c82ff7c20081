# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Desired-state comparison shared by every module: normalise, compare only what the user set,
build Ansible's before/after diff with secrets masked, and work out tag changes."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import re

MASK = '********'
# Keys whose values never appear in a diff or a result: a password that is about to change shows as
# MASK on the "after" side only (passwords cannot be read back, so "before" has none).
SECRET_KEYS = frozenset(('password', 'secret_key', 'user_password', 'access_key_secret', 'security_token'))
_SIZE = re.compile(r'^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$', re.IGNORECASE)
_SIZE_FACTOR = {'': 1, 'k': 1024, 'm': 1024 ** 2, 'g': 1024 ** 3, 't': 1024 ** 4}
_TRUE = ('on', 'true', 'yes', '1', 'enable', 'enabled')
_FALSE = ('off', 'false', 'no', '0', 'disable', 'disabled')


# -- normalisers: each turns the server's and the user's spelling into one comparable value --
def as_str(value):
    return None if value is None else str(value)


def as_int(value):
    if value is None or value == '':
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return value


def as_bool(value):
    """'ON', 'on', 1, 'true', True ... -> True (MySQL and the APIs spell booleans many ways)."""
    if isinstance(value, bool) or value is None:
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return value


def as_lower(value):
    return None if value is None else str(value).lower()


def as_size(value):
    """'1G', '1024M', '1073741824' -> 1073741824 (sizes with units, as MySQL accepts them)."""
    if value is None:
        return None
    match = _SIZE.match(str(value))
    if not match:
        return value
    number, unit = match.groups()
    return int(float(number) * _SIZE_FACTOR[unit.lower()])


def as_set(value):
    """Order-insensitive lists (security groups, hosts...)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = [v.strip() for v in value.split(',') if v.strip()]
    return sorted(set(str(v) for v in value))


def as_switch_or_size(value):
    """'ON'/'OFF' for any spelling of a boolean, the bytes (as text) of a number or size, else None."""
    boolean = as_bool(value)
    if isinstance(boolean, bool):
        return 'ON' if boolean else 'OFF'
    size = as_size(value)
    if isinstance(size, int):
        return str(size)
    return None


def as_param_value(value):
    """MySQL parameter values: booleans, sizes and numbers compare by meaning, the rest as text."""
    if value is None:
        return None
    meaning = as_switch_or_size(value)
    return str(value).strip() if meaning is None else meaning


def masked(data, secret_keys=SECRET_KEYS):
    """A deep copy with every secret replaced by a mask (for diff, results and logs)."""
    def walk(value):
        if isinstance(value, dict):
            return dict((k, MASK if k in secret_keys and v is not None else walk(v)) for k, v in value.items())
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value
    return walk(copy.deepcopy(data))


def make_diff(before, after, secret_keys=SECRET_KEYS):
    """Ansible's ``diff`` result (before/after dicts) with secrets masked on both sides."""
    return dict(before=masked(before or {}, secret_keys), after=masked(after or {}, secret_keys))


# -- tags --------------------------------------------------------------------------------
def tags_to_dict(tags):
    """API tag lists ``[{key, value}]`` (any of several spellings) -> ``{key: value}``."""
    if tags is None:
        return {}
    if isinstance(tags, dict):
        return dict((str(k), '' if v is None else str(v)) for k, v in tags.items())
    result = {}
    for tag in tags:
        key = tag.get('key', tag.get('Key'))
        value = tag.get('value', tag.get('Value'))
        result[str(key)] = '' if value is None else str(value)
    return result


def tag_changes(current, desired, purge=True):
    """``(to_set, to_remove)``: tags to create or overwrite, and keys to delete.

    ``desired`` None means "leave tags alone" (nothing changes).
    """
    if desired is None:
        return {}, []
    have = tags_to_dict(current)
    want = tags_to_dict(desired)
    to_set = dict((k, v) for k, v in want.items() if have.get(k) != v)
    to_remove = sorted(k for k in have if k not in want) if purge else []
    return to_set, to_remove


def final_tags(current, desired, purge=True):
    """The tags an instance ends up with after tag_changes() is applied."""
    to_set, to_remove = tag_changes(current, desired, purge)
    result = tags_to_dict(current)
    for key in to_remove:
        result.pop(key, None)
    result.update(to_set)
    return result
