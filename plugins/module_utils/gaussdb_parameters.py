# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Parameter templates and instance parameters of GaussDB(for MySQL) (seed 002 section 4.5).

The server rewrites parameter values (``1`` becomes ``ON``, ``1G`` becomes ``1073741824``), so
values are compared by meaning: with the parameter's type when the API tells it (4.5.11 lists
``type`` and ``value_range`` per parameter), else with diff.as_param_value's guess.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import as_bool, as_size, as_switch_or_size
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import DATASTORE
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import text_error
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError

# 4.5.1: template ids are a UUID without dashes and the suffix pr07 (other regions: prNN).
TEMPLATE_ID = re.compile(r'^[0-9a-f]{32}pr\d{2}$')
# 4.5.2 / 4.5.5 / 4.5.7 / 4.5.13 name and description rules.
_TEMPLATE_NAME = re.compile(r'^[A-Za-z0-9._-]{1,64}$')
_TEMPLATE_DESCRIPTION_FORBIDDEN = '!<"=\'>&\r\n'
TEMPLATE_DESCRIPTION_MAX = 256
APPLY_MAX_INSTANCES = 10  # 4.5.6: at most 10 instance ids per call
TEMPLATE_NOT_FOUND_CODES = frozenset(('DBS.212001',))
_NUMBER = re.compile(r'^-?\d+(\.\d+)?$')
_RANGE = re.compile(r'^\s*(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)\s*$')


# -- validation ----------------------------------------------------------------------------
def template_name_error(name):
    if name is not None and not _TEMPLATE_NAME.match(name):
        return ('parameter template name %r is invalid: 1 to 64 letters, digits, "-", "_" or "."' % name)
    return None


def template_description_error(description):
    return text_error('parameter template description', description, TEMPLATE_DESCRIPTION_MAX,
                      _TEMPLATE_DESCRIPTION_FORBIDDEN)


def looks_like_template_id(ref):
    return bool(ref) and bool(TEMPLATE_ID.match(str(ref)))


# -- values ----------------------------------------------------------------------------------
def normalize_param(value, ptype=None):
    """One comparable spelling of a parameter value, by the parameter's API ``type`` when known.

    boolean: ON/OFF (from on, 1, true, yes...); integer: digits (sizes with units in bytes);
    float: the shortest float text; list (an enumeration): lower case, blanks after commas
    dropped; string: stripped text. Unknown type: booleans and sizes as above, other text as a list.
    """
    if value is None:
        return None
    kind = str(ptype or '').strip().lower()
    if kind == 'boolean':
        flag = as_bool(value)
        return ('ON' if flag else 'OFF') if isinstance(flag, bool) else str(value).strip()
    if kind == 'integer':
        if isinstance(value, bool):
            return str(int(value))
        size = as_size(value)
        return str(size) if isinstance(size, int) else str(value).strip()
    if kind == 'float':
        try:
            return repr(float(value))
        except (TypeError, ValueError):
            return str(value).strip()
    if kind == 'list':
        return ','.join(part.strip() for part in str(value).split(',')).lower()
    if kind == 'string':
        return str(value).strip()
    # No type (template values, 4.5.4 tells none): booleans and sizes by meaning, the rest like an
    # enumeration, case-insensitively, since the server rewrites enumerations to its own spelling.
    meaning = as_switch_or_size(value)
    return normalize_param(value, 'list') if meaning is None else meaning


def param_text(value, ptype=None):
    """The string sent to the API (parameter_values is a map of strings); booleans as ON/OFF."""
    kind = str(ptype or '').lower()
    if isinstance(value, bool):
        if kind == 'integer':
            return '1' if value else '0'
        return 'ON' if value else 'OFF'
    if kind == 'boolean' and isinstance(as_bool(value), bool):
        return 'ON' if as_bool(value) else 'OFF'
    return str(value)


def param_changes(current, desired, types=None):
    """``{name: (current, desired)}`` for each desired parameter whose value differs by meaning."""
    types = types or {}
    current = current or {}
    result = {}
    for name, wanted in (desired or {}).items():
        if wanted is None:
            continue
        have = current.get(name)
        if have is None or normalize_param(have, types.get(name)) != normalize_param(wanted, types.get(name)):
            result[name] = (have, wanted)
    return result


def param_value_error(name, value, info):
    """Why ``value`` is not acceptable for the parameter described by ``info`` (4.5.11 item), or None."""
    if info.get('readonly') in (True, 'true', 'True'):
        return 'parameter %s is read-only' % name
    kind = str(info.get('type') or '').lower()
    allowed = str(info.get('value_range') or '').strip()
    text = param_text(value, kind)
    if kind == 'boolean':
        if not isinstance(as_bool(text), bool):
            return 'parameter %s is a boolean (ON or OFF), got %r' % (name, text)
        return None
    if kind in ('integer', 'float'):
        number = normalize_param(text, kind)
        if not _NUMBER.match(number):
            return 'parameter %s is a%s %s, got %r' % (name, 'n' if kind == 'integer' else '', kind, text)
        bounds = _RANGE.match(allowed)
        if bounds and not float(bounds.group(1)) <= float(number) <= float(bounds.group(2)):
            return 'parameter %s must be in %s, got %s' % (name, allowed, text)
        return None
    if kind == 'list' and '|' in allowed:
        choices = set(c.strip().lower() for c in allowed.split('|'))
        wanted = [p.strip().lower() for p in text.split(',')] if ',' in text else [text.strip().lower()]
        bad = [w for w in wanted if w not in choices]
        if bad:
            return 'parameter %s must be one of %s, got %r' % (name, allowed, text)
    return None


# -- templates ------------------------------------------------------------------------------
def list_templates(client):
    return client.paginate('list_configurations', 'configurations')


def template_detail(client, configuration_id):
    """4.5.4 detail flattened: the ``configurations`` fields plus ``parameter_values``; None when absent."""
    try:
        data = client.call('show_configuration', configuration_id=configuration_id)
    except ApiError as exc:
        if exc.status == 404 or exc.error_code in TEMPLATE_NOT_FOUND_CODES:
            return None
        raise
    result = dict(data.get('configurations') or {})
    result['parameter_values'] = dict(data.get('parameter_values') or {})
    return result


def find_template(client, ref=None, configuration_id=None, summaries=None):
    """(summary or None, detail or None) of the template given by id or exact name.

    ``ref`` may be an id (``...pr07``) or a name; ``summaries`` (a list already read) saves a request.
    A name that several templates carry fails with their ids.
    """
    if configuration_id or looks_like_template_id(ref):
        detail = template_detail(client, configuration_id or ref)
        return detail, detail
    summaries = list_templates(client) if summaries is None else summaries
    matches = [t for t in summaries if t.get('name') == ref]
    if len(matches) > 1:
        raise ApiError('Parameter template name %r is ambiguous: %s; give its id instead'
                       % (ref, ', '.join(sorted(t['id'] for t in matches))))
    if not matches:
        return None, None
    return matches[0], template_detail(client, matches[0]['id'])


def require_template(client, ref, summaries=None):
    detail = find_template(client, ref, summaries=summaries)[1]
    if detail is None:
        raise ApiError('Parameter template %r does not exist' % ref, status=404)
    return detail


def create_template_body(name, description, parameters, version):
    body = dict(name=name, datastore=dict(type=DATASTORE, version=version))
    if description is not None:
        body['description'] = description
    if parameters:
        body['parameter_values'] = dict((k, param_text(v)) for k, v in parameters.items())
    return body


def is_default_template(template):
    return template is not None and template.get('user_defined') is False


# -- instance parameters -----------------------------------------------------------------
def instance_parameters(client, instance_id):
    """(configurations object, [parameter items]) of 4.5.11, every page."""
    offset, items, info = 0, [], {}
    while True:
        page = client.call('show_instance_configuration', params={'offset': offset, 'limit': 100},
                           instance_id=instance_id)
        info = page.get('configurations') or info
        batch = page.get('parameter_values') or []
        items.extend(batch)
        offset += len(batch)
        total = page.get('total_count')
        if not batch or len(batch) < 100 or (total is not None and offset >= int(total)):
            return info, items


def by_name(items):
    return dict((item.get('name'), item) for item in items)


def modify_history(client, configuration_id):
    return client.paginate('list_configuration_history', 'histories', configuration_id=configuration_id)


def apply_history(client, configuration_id):
    return client.paginate('list_configuration_apply_history', 'histories', config_id=configuration_id)
