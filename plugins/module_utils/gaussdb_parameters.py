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
from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import recover_if_found, required, unique
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan, replace_with, set_fields
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import InputError, pattern_errors, text_errors

# 4.5.1: template ids are a UUID without dashes and the suffix pr07 (other regions: prNN).
TEMPLATE_ID = re.compile(r'^[0-9a-f]{32}pr\d{2}$')
# 4.3.31: instance ids are a UUID without dashes and the suffix in07 (inNN in other regions).
INSTANCE_ID = re.compile(r'^[0-9a-f]{32}in\d{2}$')
# 4.5.2 / 4.5.5 / 4.5.7 / 4.5.13 name and description rules.
_TEMPLATE_NAME = re.compile(r'^[A-Za-z0-9._-]{1,64}$')
_TEMPLATE_DESCRIPTION_FORBIDDEN = '!<"=\'>&\r\n'
TEMPLATE_DESCRIPTION_MAX = 256
APPLY_MAX_INSTANCES = 10  # 4.5.6: at most 10 instance ids per call
TEMPLATE_NOT_FOUND_CODES = frozenset(('DBS.212001',))
_NUMBER = re.compile(r'^-?\d+(\.\d+)?$')
_RANGE = re.compile(r'^\s*(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)\s*$')


# -- validation ----------------------------------------------------------------------------
def template_errors(params):
    """The 4.5.2/4.5.5/4.5.7/4.5.13 rules of gaussdb_parameter_template's options."""
    errors = pattern_errors('parameter template name', params.get('name'), _TEMPLATE_NAME,
                            '1 to 64 letters, digits, "-", "_" or "."')
    errors += text_errors('parameter template description', params.get('description'), TEMPLATE_DESCRIPTION_MAX,
                          _TEMPLATE_DESCRIPTION_FORBIDDEN)
    if params.get('state') == 'present' and (params.get('copy_from') or params.get('copy_from_instance')) and params.get('id'):
        errors.append('copy_from and copy_from_instance create a template: give name, not id')
    return errors


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
    match = unique([t for t in summaries if t.get('name') == ref], 'Parameter template', ref)
    if match is None:
        return None, None
    return match, template_detail(client, match['id'])


def current_template(client, params):
    """The template of gaussdb_parameter_template (its list summary, which tells ``user_defined``, with
    the detail's values), None when absent, and the summaries read (None when found by id)."""
    summaries = None if params['id'] else list_templates(client)
    summary, current = find_template(client, params['name'], configuration_id=params['id'], summaries=summaries)
    if params['id']:
        required(current, 'Parameter template', params['id'])
    if current is not None and summary is not None:
        current = dict(summary, **current)
    return current, summaries


def require_template(client, ref, summaries=None):
    return required(find_template(client, ref, summaries=summaries)[1], 'Parameter template', repr(ref))


def template_extras(client, template, params):
    """``template`` with what gaussdb_parameter_template_info's options ask for: the instances it can be
    applied to (4.5.9), its change history (4.5.10) and where it was applied (4.5.14)."""
    if params['applicable_instances']:
        template['applicable_instances'] = client.paginate('list_applicable_instances', 'instances',
                                                           configuration_id=template['id'])
    if params['modify_history']:
        template['modify_history'] = modify_history(client, template['id'])
    if params['apply_history']:
        template['apply_history'] = apply_history(client, template['id'])
    return template


def compare_templates(client, template, other_ref, summaries=None):
    """The parameters whose values differ from ``template`` (source) to the template ``other_ref`` (4.5.8)."""
    other = require_template(client, other_ref, summaries=summaries)
    body = dict(source_configuration_id=template['id'], target_configuration_id=other['id'])
    # A POST that only reads: safe to re-send.
    return client.call('compare_configurations', body=body, idempotent=True).get('differences') or []


def create_template_body(name, description, parameters, version):
    body = dict(name=name, datastore=dict(type=DATASTORE, version=version))
    if description is not None:
        body['description'] = description
    if parameters:
        body['parameter_values'] = dict((k, param_text(v)) for k, v in parameters.items())
    return body


def is_default_template(template):
    return template is not None and template.get('user_defined') is False


def template_view(template, parameters):
    """What gaussdb_parameter_template's diff shows: name, description and the values of the parameters
    the user manages (not all of them)."""
    if not template:
        return {}
    values = template.get('parameter_values') or {}
    return dict(name=template.get('name'), description=template.get('description'),
                parameter_values=dict((k, values.get(k)) for k in sorted(parameters or {})))


def _refuse_default(template, what):
    if is_default_template(template):
        raise InputError('Template %s is a default template of the service; it cannot be %s' % (template.get('name'), what))


def _recover_created(client, name, answer):
    """A lost create/copy answer: the template now carrying ``name`` stands in for it."""
    return recover_if_found(lambda: next((t for t in list_templates(client) if t.get('name') == name), None), answer)


def copy_source(client, params, summaries):
    """(operation, path arguments, the values the copy starts with) of a copy, or (None, None, {}) for a
    template created from the defaults. The copied instance's values are not read: {}."""
    if params['copy_from']:
        source = require_template(client, params['copy_from'], summaries=summaries)
        return 'copy_configuration', dict(configuration_id=source['id']), source['parameter_values']
    if params['copy_from_instance']:
        ref = params['copy_from_instance']
        by_id = bool(INSTANCE_ID.match(ref))
        details = required(client.resolve_instance(instance_id=ref if by_id else None, name=None if by_id else ref),
                           'Instance', ref)
        if not details.get('configuration_id'):
            raise InputError('Instance %s reports no parameter group to copy' % details.get('id'))
        return ('copy_instance_configuration',
                dict(instance_id=details['id'], configuration_id=details['configuration_id']), {})
    return None, None, {}


def _set_copied_values(client, created, parameters):
    """The step after a copy: the values of ``parameters`` that the copy does not have yet (4.5.5)."""
    def apply(module):
        detail = template_detail(client, created['id'])
        changes = param_changes(detail['parameter_values'], parameters) if detail else {}
        if changes:
            return client.call('update_configuration', configuration_id=created['id'],
                               body={'parameter_values': dict((k, param_text(pair[1])) for k, pair in changes.items())})
        return None
    return apply


def _create_template(client, operation, body, path, created):
    """Send the creation (4.5.2) or the copy (4.5.7, 4.5.13); remember the new id in ``created``, so the
    plan's predicted view carries it."""
    def apply(module):
        if operation == 'create_configuration':
            answer = client.call(operation, body=body,
                                 recover=_recover_created(client, body['name'], lambda t: {'configurations': t}))
            created['id'] = (answer.get('configurations') or {}).get('id')
        else:
            answer = client.call(operation, body=body, recover=_recover_created(
                client, body['name'], lambda t: {'configuration_id': t['id']}), **path)
            created['id'] = answer.get('configuration_id')
        return answer
    return apply


def plan_template(client, params, current, summaries=None):
    """The steps that take the template ``current`` (None: absent) to what ``params`` ask for; the view
    is the template with its ``parameter_values``. Default templates of the service are refused."""
    plan = Plan(current)
    if params['state'] == 'absent':
        if current is not None:
            _refuse_default(current, 'deleted')
            plan.add('delete', replace_with({}), 'delete_configuration', configuration_id=current['id'])
        return plan
    parameters = params['parameters'] or {}
    if current is None:
        operation, path, values = copy_source(client, params, summaries)
        created = dict(name=params['name'], description=params['description'] or '', parameter_values=dict(values))
        if operation is None:
            operation, path = 'create_configuration', {}
            body = create_template_body(params['name'], params['description'], parameters, params['datastore_version'])
            created['parameter_values'].update((k, param_text(v)) for k, v in parameters.items())
        else:
            body = dict(name=params['name'])
            if params['description'] is not None:
                body['description'] = params['description']
        plan.add('create', replace_with(created), apply=_create_template(client, operation, body, path, created))
        if operation != 'create_configuration' and parameters:
            values = dict(created['parameter_values'], **dict((k, param_text(v)) for k, v in parameters.items()))
            plan.add('parameters', set_fields(parameter_values=values), apply=_set_copied_values(client, created, parameters))
        return plan
    body = {}
    changed = param_changes(current.get('parameter_values'), parameters)
    if changed:
        body['parameter_values'] = dict((k, param_text(pair[1])) for k, pair in changed.items())
    wanted = dict(description=params['description'], name=params['name'] if params['id'] else None)
    for key in ('name', 'description'):
        if wanted[key] is not None and wanted[key] != (current.get(key) or ''):
            body[key] = wanted[key]
    if body:
        _refuse_default(current, 'changed')
        after = dict(body, parameter_values=dict(current.get('parameter_values') or {}, **body.get('parameter_values', {})))
        plan.add('update', set_fields(**after), 'update_configuration', body=body, configuration_id=current['id'])
    return plan


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


def parameter_errors(wanted, items):
    """Unknown and read-only parameters and values outside the documented range (4.5.11 items)."""
    unknown = sorted(name for name in wanted if name not in items)
    errors = ['unknown parameter(s) %s' % ', '.join(unknown)] if unknown else []
    errors += [param_value_error(name, value, items[name]) for name, value in sorted(wanted.items()) if name in items]
    return [e for e in errors if e]


def _needs_restart(item):
    return as_bool(item.get('restart_required')) is True


def _set_parameters(values, **fields):
    """The effect of a step that sets parameter values (and other fields) of the diff view."""
    def effect(view):
        view.setdefault('parameters', {}).update(values)
        view.update(fields)
    return effect


class InstanceParameterPlan(Plan):
    """gaussdb_instance_parameters' plan, with what its result reports besides the diff: the values the
    run changes, the managed parameters, and whether a restart is (or was) needed and done."""

    def __init__(self, before, instance, changed_parameters, expected, managed):
        super(InstanceParameterPlan, self).__init__(before)
        self.instance_id = instance['id']
        self.configuration_id = instance.get('configuration_id')
        self.changed_parameters = changed_parameters
        self.expected = expected
        self.managed = managed
        # 4.3.32: each node tells whether changed parameters still wait for a restart.
        self.restart_required = any(as_bool(n.get('need_restart')) is True for n in instance.get('nodes') or [])
        self.restarted = False

    def update_step(self, update):
        """4.5.12; its answer may say that a restart is needed."""
        def apply(module):
            answer = module.client.call('update_instance_configuration', body=dict(parameter_values=update),
                                        instance_id=self.instance_id)
            self.restart_required = self.restart_required or as_bool(answer.get('restart_required')) is True
            return answer
        return apply

    def restart_step(self, module):
        """4.3.2, once the changes are in, when they (or earlier ones) wait for a restart."""
        if not self.restart_required:
            return None
        self.restarted = True
        return module.client.call('restart_instance', body={}, instance_id=self.instance_id)

    def result(self, after_items=None):
        """The module's result keys; ``after_items`` (read after the run) give the values as stored."""
        values = dict(self.expected)
        values.update((name, after_items[name].get('value')) for name in self.managed if name in (after_items or {}))
        return dict(instance_id=self.instance_id, configuration_id=self.configuration_id,
                    changed_parameters=self.changed_parameters, restart_required=self.restart_required,
                    restarted=self.restarted, parameters=dict((name, values.get(name)) for name in sorted(self.managed)))


def plan_instance_parameters(client, instance, items, params):
    """The steps that apply ``params['template']`` and set ``params['parameters']`` on ``instance``, whose
    4.5.11 parameters are ``items`` (``{name: item}``), then restart it when ``params['restart']`` and a
    changed parameter waits for a restart.

    The template is applied when the instance does not use it yet, or when any of its values (other
    than those set explicitly) differs; the explicit values are set after it, so they win. The diff
    view holds exactly the parameters whose value changes (and the template id when one is given).
    """
    wanted = params['parameters'] or {}
    errors = parameter_errors(wanted, items)
    if errors:
        raise InputError('; '.join(errors))
    current = dict((name, item.get('value')) for name, item in items.items())
    types = dict((name, item.get('type')) for name, item in items.items())
    changed, expected, managed, applied, restart = {}, dict(current), set(wanted), None, False
    if params['template'] is not None:
        template = require_template(client, params['template'])
        values = dict((k, v) for k, v in template['parameter_values'].items() if k in items)
        managed.update(values)
        differing = param_changes(current, dict((k, v) for k, v in values.items() if k not in wanted), types)
        if template['id'] != instance.get('configuration_id') or differing:
            # Applying sets every value of the template, the explicit ones too (set again below).
            applied = template['id']
            for name in param_changes(current, values, types):
                expected[name] = param_text(values[name], types.get(name))
                restart = restart or _needs_restart(items[name])
                if name not in wanted:
                    changed[name] = expected[name]
    update = dict((name, param_text(pair[1], types.get(name))) for name, pair in param_changes(expected, wanted, types).items())
    changed.update(update)
    expected.update(update)
    restart = restart or any(_needs_restart(items[name]) for name in update)
    # A value the template overwrote and the user's set back is no change worth showing.
    shown = sorted(param_changes(current, changed, types))
    before = dict(parameters=dict((n, current.get(n)) for n in shown))
    if params['template'] is not None:
        before['configuration_id'] = instance.get('configuration_id')
    plan = InstanceParameterPlan(before, instance, changed, expected, managed)
    plan.restart_required = plan.restart_required or restart
    if applied:
        plan.configuration_id = applied
        plan.add('apply template', _set_parameters(dict((n, changed[n]) for n in shown if n not in update),
                                                   configuration_id=applied),
                 'apply_configuration', body=dict(instance_ids=[plan.instance_id]), configuration_id=applied)
    if update:
        plan.add('parameters', _set_parameters(dict((n, update[n]) for n in shown if n in update)),
                 apply=plan.update_step(update))
    if params['restart'] and (plan.restart_required or update):
        # Without a predicted need, the step still runs: the answer of 4.5.12 may say a restart is needed.
        plan.restarted = plan.restart_required
        plan.add('restart', apply=plan.restart_step)
    return plan
