# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""MySQL parameters of a CDS instance (cds_parameters, cds_parameters_info): the reader, how values
compare and which are allowed (``CheckingCode``), the plan of a change and the wait until it took
effect (reference 5.22-5.24)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import RUNNING, format_time, parse_time, to_snake
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan, set_fields
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import InputError

_RANGE = re.compile(r'^\[?\s*(-?\d+)\s*-\s*(-?\d+)\s*\]?$')
WEEK = 7 * 86400


def list_parameters(client, uuid):
    return (client.data('DescribeDBParameter', {'InstanceUuid': uuid}) or {}).get('Parameters') or []


def current_values(client, uuid):
    return dict((d['Name'], d.get('CurrentValue')) for d in list_parameters(client, uuid))


# -- values ----------------------------------------------------------------------------------
def param_key(value):
    """Comparable form of a parameter value: the server answers strings, enum values in its own case."""
    if isinstance(value, bool):
        return 'on' if value else 'off'
    text = str(value).strip()
    if re.match(r'^-?\d+$', text):
        return str(int(text))
    return text.lower()


def param_value(value):
    """The string sent to the API for a user value (booleans as ON/OFF, numbers as digits)."""
    if isinstance(value, bool):
        return 'ON' if value else 'OFF'
    return str(value).strip()


def check_param(definition, value):
    """An error message when ``value`` is not allowed by the parameter's CheckingCode, else None."""
    code = str(definition.get('CheckingCode') or '').strip()
    name = definition.get('Name')
    if not code:
        return None
    text = param_value(value)
    match = _RANGE.match(code)
    if match:
        low, high = int(match.group(1)), int(match.group(2))
        if not re.match(r'^-?\d+$', text) or not low <= int(text) <= high:
            return '%s must be an integer in %s, not %r' % (name, code, text)
        return None
    inner = code.strip('[]')
    if '|' in inner or ',' in inner:
        choices = [c.strip() for c in re.split(r'[|,]', inner) if c.strip()]
        if param_key(text) not in [param_key(c) for c in choices]:
            return '%s must be one of %s, not %r' % (name, ', '.join(choices), text)
    return None


def is_true(value):
    return str(value).lower() == 'true'


# -- cds_parameters --------------------------------------------------------------------------
def parameter_errors(params):
    """cds_parameters' rules that need no request."""
    return ['%s needs a plain value' % name for name, value in sorted(params['parameters'].items())
            if value is None or isinstance(value, (dict, list))]


def _changes(params, definitions):
    """({name: value to send}, [names whose change restarts the instance]); refuses what cannot be set."""
    errors, changes, restart = [], {}, []
    for name, value in sorted(params['parameters'].items()):
        definition = definitions.get(name)
        if definition is None:
            errors.append('unknown parameter %s' % name)
            continue
        if param_key(definition.get('CurrentValue')) == param_key(value):
            continue
        if not is_true(definition.get('IsModify', 'true')):
            errors.append('%s cannot be modified' % name)
            continue
        error = check_param(definition, value)
        if error:
            errors.append(error)
            continue
        changes[name] = param_value(value)
        if is_true(definition.get('IsRestart', 'false')):
            restart.append(name)
    if errors:
        raise InputError('; '.join(errors))
    if restart and not params['allow_restart']:
        raise InputError('Changing %s restarts the instance; set allow_restart to true to do it' % ', '.join(restart))
    return changes, restart


def applied(client, uuid, changes):
    """(whether the parameters have the values ``changes`` sets, the current values)."""
    current = current_values(client, uuid)
    return all(param_key(current.get(n)) == param_key(v) for n, v in changes.items()), current


def plan_parameters(client, uuid, params, definitions):
    """One ModifyDBParameter with the parameters whose value differs. Returns (plan, whether it restarts)."""
    changes, restart = _changes(params, definitions)
    plan = Plan(dict((n, definitions[n].get('CurrentValue')) for n in params['parameters'] if n in definitions))
    if not changes:
        return plan, False

    def took_effect():
        inst = client.get_instance(uuid) or {}
        return inst.get('Status') != RUNNING or applied(client, uuid, changes)[0]
    plan.add('set', set_fields(**changes), 'ModifyDBParameter',
             params=dict(InstanceUuid=uuid, Parameters=[dict(Name=n, Value=v) for n, v in sorted(changes.items())]),
             instance_id=uuid, recover=client.recover_when(took_effect))
    return plan, bool(restart)


def settle_parameters(module, uuid, plan):
    """The values once the change took effect (instance RUNNING again, wait=true); else the plan's."""
    if not plan.changed or module.check_mode or not module.jobs.wait:
        return plan.after
    client = module.client
    changes = dict((n, v) for n, v in plan.after.items() if plan.before.get(n) != v)

    def probe():
        inst = client.get_instance(uuid) or {}
        if inst.get('Status') != RUNNING:
            return False, None
        return applied(client, uuid, changes)
    current = client.poller.wait(probe, module.jobs.remaining(), 'the parameters of %s to take effect' % uuid)
    return dict((n, current.get(n)) for n in plan.before)


def changed_parameters(plan):
    """``{name: {before, after}}`` of the parameters the plan changes."""
    after = plan.after
    return dict((n, dict(before=plan.before.get(n), after=v)) for n, v in after.items() if plan.before.get(n) != v)


# -- cds_parameters_info ---------------------------------------------------------------------
def history_errors(params):
    return ['%s must look like 2024-07-05 09:00:00, not %r' % (field, params[field])
            for field in ('history_start', 'history_end') if params[field] and parse_time(params[field]) is None]


def parameter_result(raw):
    """A parameter in snake_case with ``is_modify`` and ``is_restart`` as booleans."""
    result = to_snake(raw)
    for key in ('is_modify', 'is_restart'):
        if key in result:
            result[key] = str(result[key]).lower() in ('true', 'ture', '1')
    return result


def parameter_history(client, uuid, params):
    """DescribeDBParameterModifyHistory between history_start and history_end (default: the last week)."""
    now = client.clock()
    window = {'InstanceUuid': uuid, 'StartTime': params['history_start'] or format_time(now - WEEK),
              'EndTime': params['history_end'] or format_time(now)}
    history = client.data('DescribeDBParameterModifyHistory', window) or []
    if params['names']:
        history = [h for h in history if h.get('ParameterName') in params['names']]
    return to_snake(history)
