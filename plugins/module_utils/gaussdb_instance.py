# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""GaussDB(for MySQL) instances, shared by gaussdb_instance and gaussdb_instance_info: input rules (refused
before any API call), the comparable view of the instance details (4.3.32, v3.1), the plan of a run (one
step per change, each with its effect on the view) and how the changes that take several calls are sent.

Everything compared comes from the details response, so a no-op run costs one request by id and
two by name (list by exact name, then details). Settings the details do not carry cost one
extra read each, and only when the user sets them (``public_ip`` given as an EIP id: 4.3.41).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import re

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import (
    as_bool, as_int, as_lower, as_set, final_tags, tag_changes, tags_to_dict,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import DATASTORE, chunks, instance_is_idle
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_protection import (
    restore_point_body, restore_point_errors,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan, replace_with, set_fields
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import (
    GAUSSDB_PASSWORD, InputError, password_errors, pattern_errors, range_errors,
)

# -- input rules (seed 002, 4.3.1 and the update APIs) -------------------------------------
NAME_RE = re.compile(u'^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5_-]{3,63}$')   # 4.3.1 name
DNS_PREFIX_RE = re.compile(r'^[a-z0-9]{8,63}$')                                        # 4.3.26
ALIAS_RE = re.compile(u'^[A-Za-z0-9\u4e00-\u9fa5._-]{0,64}$')                          # 4.3.24
HHMM_RE = re.compile(r'^([01]?\d|2[0-3]):([0-5]\d)$')
BACKUP_WINDOW_RE = re.compile(r'^([01]\d|2[0-3]):00-([01]\d|2[0-3]):00$')
# 4.3.23: 1024-65535 except the ports the service keeps for itself.
RESERVED_PORTS = frozenset([5342, 5343, 5344, 5345, 12017, 20000, 20201, 20202, 33062, 33071])
MAX_READ_REPLICAS = 15        # a cluster has at most 16 nodes: one primary and 15 read-only nodes
# Seed 1.4 "暂不支持单机版实例调用API": single-node instances are out of the API, so a cluster keeps one
# read-only node at least (our reading; the emulator reads it the same way).
MIN_READ_REPLICAS = 1
NODES_PER_CALL = 9            # 4.3.1 slave_count: at most 9 read-only nodes per call
PERIODS = {'month': (1, 9), 'year': (1, 3)}   # 4.3.1 MysqlChargeInfo.period_num
KEEP_DAYS = (1, 732)                          # 4.3.1 MysqlBackupStrategy.keep_days
UUID_RE = re.compile(r'^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$')

# Options that only the create call (4.3.1) takes. On an existing instance a different value
# cannot be applied here: the module warns and leaves it (backup policy and parameter templates
# have their own modules, gaussdb_backup_policy and gaussdb_instance_parameters).
CREATE_ONLY = ('engine_version', 'kernel_version', 'vpc_id', 'subnet_id', 'availability_zone_mode',
               'master_availability_zone', 'configuration_id', 'backup_strategy', 'time_zone',
               'charging_mode', 'enterprise_project_id', 'dedicated_resource_id')
CREATE_REQUIRED = ('flavor', 'vpc_id', 'subnet_id', 'password')


def _hour(text):
    match = HHMM_RE.match(text or '')
    return (int(match.group(1)), int(match.group(2))) if match else None


def instance_errors(params):
    """Every rule of the API reference that can be checked locally; a list of messages."""
    errors = pattern_errors('name', params.get('name'), NAME_RE, '4 to 64 characters (at most 64 bytes), start with '
                            'a letter and contain only letters, digits, "-" and "_"', max_bytes=64)
    errors += password_errors(params.get('password'), GAUSSDB_PASSWORD)
    port = params.get('port')
    if port is not None and (not 1024 <= port <= 65535 or port in RESERVED_PORTS):
        errors.append('port must be 1024-65535 and not one of %s' % ', '.join(str(p) for p in sorted(RESERVED_PORTS)))
    errors += range_errors('read_replicas', params.get('read_replicas'), MIN_READ_REPLICAS, MAX_READ_REPLICAS)
    size = params.get('volume_size')
    if size is not None:
        if not 10 <= size <= 128000 or size % 10:
            errors.append('volume_size must be a multiple of 10 between 10 and 128000 (GB)')
        if params.get('charging_mode') == 'postPaid':
            # 4.3.1: volume is only for yearly/monthly instances; pay-per-use storage grows by itself.
            errors.append('volume_size applies to charging_mode=prePaid only (pay-per-use storage is not sized)')
    errors += pattern_errors('private_dns_name_prefix', params.get('private_dns_name_prefix'), DNS_PREFIX_RE,
                             '8 to 63 lower-case letters or digits')
    errors += pattern_errors('description', params.get('description'), ALIAS_RE,
                             'at most 64 letters, digits, ".", "_" or "-"')
    errors += _window_errors(params)
    errors += restore_point_errors(params.get('restore_point'))
    errors += _charging_errors(params)
    errors += _tag_errors(params.get('tags'))
    monitoring = params.get('seconds_level_monitoring')
    if monitoring and not monitoring.get('enabled') and monitoring.get('period') is not None:
        # 4.3.12: "monitor_switch为false时，不传该参数"
        errors.append('seconds_level_monitoring.period only applies when seconds_level_monitoring.enabled is true')
    return errors


def _window_errors(params):
    errors = []
    window = params.get('maintenance_window')
    if window is not None:
        start, end = _hour(window.get('start_time')), _hour(window.get('end_time'))
        if start is None or end is None:
            errors.append('maintenance_window start_time and end_time must be HH:MM')
        elif start[1] or end[1]:
            errors.append('maintenance_window start_time and end_time must be whole hours (HH:00)')
        elif (end[0] - start[0]) % 24 != 4:
            # 4.3.20: "结束时间和开始时间必须为整点时间, 且相隔四个小时" - read as: exactly four hours apart.
            errors.append('maintenance_window must span exactly four hours (for example 22:00 to 02:00)')
    backup = params.get('backup_strategy')
    if backup is not None:
        match = BACKUP_WINDOW_RE.match(backup.get('start_time') or '')
        if not match or (int(match.group(1)) + 1) % 24 != int(match.group(2)):
            errors.append('backup_strategy.start_time must be a one-hour window hh:00-HH:00, for example 21:00-22:00')
        errors += range_errors('backup_strategy.keep_days', backup.get('keep_days'), *KEEP_DAYS)
    return errors


def _charging_errors(params):
    errors = []
    if params.get('period') is not None and params.get('period_unit') in PERIODS:
        low, high = PERIODS[params['period_unit']]
        if not low <= params['period'] <= high:
            errors.append('period must be %d-%d when period_unit is %s' % (low, high, params['period_unit']))
    if params.get('charging_mode') == 'postPaid':
        given = [k for k in ('period_unit', 'period', 'auto_renew') if params.get(k) is not None]
        if given:
            errors.append('%s only apply to charging_mode=prePaid' % ', '.join(given))
    return errors


def _tag_errors(tags):
    errors = []
    for key, value in (tags or {}).items():
        if not key or not key.strip() or len(key) > 36:
            errors.append('tag keys must be 1 to 36 characters and not blank (%r)' % key)
        if value is not None and len(str(value)) > 43:
            errors.append('tag values must be at most 43 characters (%r)' % key)
    if tags is not None and len(tags) > 20:
        errors.append('at most 20 tags per instance')
    return errors


def create_problems(params):
    """What stops a create, once the lookup found no instance (rules of 4.3.1)."""
    missing = [k for k in CREATE_REQUIRED if params.get(k) is None]
    problems = ['to create it set %s' % ', '.join(missing)] if missing else []
    if params.get('id'):
        problems.append('an instance cannot be created with a given id')
    if params.get('charging_mode') == 'prePaid':
        if params.get('period_unit') is None or params.get('period') is None:
            problems.append('charging_mode=prePaid requires period_unit and period')
    elif params.get('volume_size') is not None:
        problems.append('volume_size requires charging_mode=prePaid')
    return problems


# -- the comparable view of an instance -------------------------------------------------
def _nodes(details, node_type):
    return [n for n in details.get('nodes') or [] if str(n.get('type', '')).lower() == node_type]


def master_node(details):
    masters = _nodes(details, 'master')
    return masters[0] if masters else {}


def read_replicas_of(details):
    return _nodes(details, 'slave')


def _first(value):
    if isinstance(value, list):
        return value[0] if value else None
    if isinstance(value, str) and ',' in value:
        return value.split(',')[0].strip()
    return value or None


def window_text(start, end):
    return '%s-%s' % (start, end) if start and end else None


def public_ips_of(details):
    value = details.get('public_ips')
    if isinstance(value, list):
        return [v for v in value if v]
    return [v.strip() for v in str(value or '').split(',') if v.strip()]


def current_state(details):
    """The instance in the module's own terms (option names), from the details response."""
    datastore = details.get('datastore') or {}
    backup = details.get('backup_strategy') or {}
    master = master_node(details)
    dns = _first(details.get('private_dns_names'))
    window = details.get('maintenance_window') or ''
    start, dummy, end = window.partition('-')
    volume = (master.get('volume') or {}).get('size')
    return dict(
        id=details.get('id'),
        name=details.get('name'),
        # 4.3.32 carries the spec code per node; the instance's is the primary node's.
        flavor=master.get('flavor_ref') or details.get('flavor_ref'),
        engine_version=datastore.get('version'),
        kernel_version=datastore.get('kernel_version'),
        vpc_id=details.get('vpc_id'),
        subnet_id=details.get('subnet_id'),
        security_group_id=details.get('security_group_id'),
        availability_zone_mode=details.get('az_mode'),
        master_availability_zone=details.get('master_az_code'),
        read_replicas=len(read_replicas_of(details)),
        configuration_id=details.get('configuration_id'),
        backup_strategy=dict(start_time=backup.get('start_time'), keep_days=as_int(backup.get('keep_days')))
        if backup else None,
        time_zone=details.get('time_zone'),
        charging_mode=(details.get('charge_info') or {}).get('charge_mode'),
        volume_size=as_int(volume) if volume not in (None, '') else None,
        enterprise_project_id=details.get('enterprise_project_id'),
        dedicated_resource_id=details.get('dedicated_resource_id') or None,
        port=as_int(details.get('port')),
        private_ip=_first(details.get('private_write_ips')),
        private_dns_name_prefix=dns.split('.')[0] if dns else None,
        description=details.get('alias') or '',
        maintenance_window=dict(start_time=start, end_time=end) if end else None,
        ssl=details.get('ssl_option') if 'ssl_option' in details else None,
        public_ip=_first(public_ips_of(details)),
        tags=tags_to_dict(details.get('tags')),
    )


def hhmm(text):
    """'2:00' -> '02:00' (the API writes hours with two digits)."""
    return '%02d:%02d' % _hour(text) if _hour(text) else text


def _norm_window(value):
    if not value:
        return None
    return window_text(hhmm(value.get('start_time')), hhmm(value.get('end_time')))


def _norm_backup(value):
    if not value:
        return None
    return (value.get('start_time'), as_int(value.get('keep_days')))


def _norm_epid(value):
    # The API answers 0 (a number) for the default enterprise project.
    return None if value in (None, '', 0, '0') else str(value)


def _norm_zone(value):
    return None if value is None else str(value).replace(' ', '').upper()


NORMALIZERS = dict(
    flavor=as_lower, engine_version=str, port=as_int, security_group_id=as_set, read_replicas=as_int,
    private_dns_name_prefix=as_lower, maintenance_window=_norm_window, volume_size=as_int,
    enterprise_project_id=_norm_epid, time_zone=_norm_zone, availability_zone_mode=as_lower,
    backup_strategy=_norm_backup, description=lambda v: v or '',
)


def differs(field, have, want):
    norm = NORMALIZERS.get(field, lambda v: v)
    if field == 'backup_strategy' and want and want.get('keep_days') is None:
        have = dict(have or {}, keep_days=None)   # only what the user set is compared
    return norm(have) != norm(want)


# -- the plan ------------------------------------------------------------------------------
SSL_UNREADABLE = ('the instance details do not report the SSL switch (the API reference documents no read of '
                  'it), so ssl is applied on every run')
UPDATABLE = ('name', 'flavor', 'volume_size', 'read_replicas', 'port', 'security_group_id', 'private_ip',
             'private_dns_name_prefix', 'description', 'maintenance_window')
LATER_FIELDS = ('port', 'private_ip', 'private_dns_name_prefix', 'description', 'maintenance_window', 'ssl',
                'public_ip', 'seconds_level_monitoring')
CREATED_FIELDS = ('name', 'flavor', 'engine_version', 'kernel_version', 'vpc_id', 'subnet_id', 'security_group_id',
                  'configuration_id', 'time_zone', 'master_availability_zone', 'enterprise_project_id',
                  'dedicated_resource_id', 'backup_strategy', 'volume_size', 'lower_case_table_names') + LATER_FIELDS
CREATE_MAX_TAGS = 10   # 4.3.1: at most 10 tags in the create call; more are added right after (4.9.3)
# The changes that are one call with a small body: operation, body from the options, re-sendable.
ONE_CALL = dict(
    name=('rename_instance', lambda p: {'name': p['name']}, None),
    port=('set_port', lambda p: {'port': p['port']}, None),
    security_group_id=('set_security_group', lambda p: {'security_group_id': p['security_group_id']}, None),
    private_ip=('set_private_ip', lambda p: {'internal_ip': p['private_ip']}, None),
    description=('set_alias', lambda p: {'alias': p['description']}, None),
    maintenance_window=('set_ops_window', lambda p: dict(start_time=hhmm(p['maintenance_window']['start_time']),
                                                         end_time=hhmm(p['maintenance_window']['end_time'])), None),
    ssl=('set_ssl', lambda p: {'ssl_option': p['ssl']}, None),
    # Setting the same monitoring twice does no harm (4.3.12 is a PUT of the whole setting).
    seconds_level_monitoring=('set_monitor_policy', lambda p: monitor_body(p['seconds_level_monitoring']), True),
    # The same password set twice does no harm: safe to re-send after a lost answer.
    password=('reset_password', lambda p: {'password': p['password']}, True),
)


def plan_instance(module, details, created):
    """The steps that take the instance ``details`` (None: absent) to what the options ask for. A create
    puts the new instance's details in ``created['instance']``."""
    params = module.params
    if params['state'] == 'absent':
        plan = Plan(current_state(details) if details else {})
        if details:
            plan.add('delete', replace_with({}), apply=_delete(details['id']))
        return plan
    if details is None:
        problems = create_problems(params)
        if problems:
            raise InputError('Instance %r does not exist and cannot be created: %s' % (params['name'], '; '.join(problems)))
        if module.check_mode:
            resource_precheck(module.client, 'createInstance', create_check_resource(params),
                              'creating instance %r' % params['name'])
        return Plan().add('create', replace_with(planned(params)), apply=_create(params, created))
    plan = Plan(current_state(details))
    for warning in plan_updates(plan, module, details):
        module.warn(warning)
    if params['state'] == 'restarted':
        # No recover: a restart whose answer was lost may have run, and re-sending restarts twice.
        plan.add('restart', None, 'restart_instance', instance_id=details['id'], body={'delay': False})
    return plan


def plan_updates(plan, module, details, created_now=False):
    """Add a step for each option set that differs from ``details`` (normalised); return the warnings.
    ``created_now``: the settings the create call could not take, so no password and no creation-only check."""
    p = module.params
    have = current_state(details)
    warnings = []
    for field in UPDATABLE:
        want = p.get(field)
        if want is not None and differs(field, have.get(field), want):
            _add_step(plan, module, details, field, copy.deepcopy(want))
    if p.get('seconds_level_monitoring') is not None:
        _plan_monitoring(plan, module, details)
    if p.get('ssl') is not None and (have['ssl'] is None or as_bool(have['ssl']) != p['ssl']):
        if have['ssl'] is None:
            warnings.append(SSL_UNREADABLE)
        _add_step(plan, module, details, 'ssl', p['ssl'])
    if _public_ip_differs(module.client, p, details, have):
        _add_step(plan, module, details, 'public_ip', p['public_ip'])
    to_set, to_remove = tag_changes(have['tags'], p.get('tags'), p.get('purge_tags', True))
    if to_set or to_remove:
        _add_step(plan, module, details, 'tags', final_tags(have['tags'], p.get('tags'), p.get('purge_tags', True)))
    if created_now:
        return warnings
    if p.get('password') is not None and p.get('update_password') == 'always':
        _add_step(plan, module, details, 'password', p['password'])
    for field in CREATE_ONLY:
        want = p.get(field)
        if want is not None and have.get(field) is not None and differs(field, have.get(field), want):
            warnings.append('%s is %r on the instance, not %r: it can only be set at creation; left as is'
                            % (field, have.get(field), want))
    if p.get('volume_size') is not None and have.get('charging_mode') != 'prePaid':
        raise InputError('volume_size applies to yearly/monthly (prePaid) instances only; %s is %s'
                         % (details.get('id'), have.get('charging_mode')))
    return warnings


def _add_step(plan, module, details, field, want):
    """One step setting ``field`` to ``want``: a call with a small body, or an apply function that also knows
    whether steps follow it (with wait=false, an order that a later step depends on is still waited for)."""
    effect = set_fields(**{field: want})
    if module.check_mode and field in PRECHECKS:
        PRECHECKS[field](module, details)
    if field in ONE_CALL:
        operation, body_of, idempotent = ONE_CALL[field]
        plan.add(field, effect, operation, instance_id=details['id'], body=body_of(module.params), idempotent=idempotent)
        return
    index = len(plan.steps)

    def apply(module):
        return APPLY_SEVERAL[field](module, details, index < len(plan.steps) - 1)

    plan.add(field, effect, apply=apply)


def _public_ip_differs(client, params, details, have):
    want = params.get('public_ip')
    if want is None:
        return False
    if want == '':
        return bool(have['public_ip'])
    if UUID_RE.match(want):
        # An EIP id: the details carry only the address; 4.3.41 tells which EIP is bound (read only then).
        bound = (client.call('show_eip', instance_id=details['id']).get('id') or None) if have['public_ip'] else None
    else:
        bound = have['public_ip']
    if bound == want:
        return False
    address, eip_id = eip_pair(params)
    if not address or not eip_id:
        raise InputError('Binding an EIP (4.3.17) needs its address and its id: set public_ip to the address and '
                         'public_ip_id to the EIP id')
    return True


def eip_pair(params):
    """``(address, id)`` of the EIP to bind, from ``public_ip`` (address or id) and ``public_ip_id``."""
    want = params.get('public_ip')
    if want and UUID_RE.match(want):
        return None, want
    return want, params.get('public_ip_id')


# -- per-second monitoring (4.3.12, 4.3.13) ------------------------------------------------
MONITOR_PERIODS = (1, 5)     # 4.3.12 period, seconds; 5 when switched on without one


def monitoring_view(answer):
    """The 4.3.13 answer in the option's terms: ``{'enabled', 'period'}`` (period only while on)."""
    enabled = bool(as_bool(answer.get('monitor_switch')))
    return dict(enabled=enabled, period=as_int(answer.get('period')) if enabled else None)


def monitoring_after(have, want):
    """The setting once ``want`` (the option) is applied to ``have`` (None: not read, off)."""
    if not want['enabled']:
        return dict(enabled=False, period=None)
    kept = have['period'] if have and have['enabled'] else None
    return dict(enabled=True, period=want.get('period') or kept or 5)


def monitor_body(want):
    body = {'monitor_switch': want['enabled']}
    if want['enabled'] and want.get('period') is not None:
        body['period'] = want['period']
    return body


def _plan_monitoring(plan, module, details):
    """Read 4.3.13 (only because the option is set), show it in the diff, and add the 4.3.12 step if it differs."""
    want = module.params['seconds_level_monitoring']
    have = monitoring_view(module.client.call('show_monitor_policy', instance_id=details['id']))
    plan.before['seconds_level_monitoring'] = have
    after = monitoring_after(have, want)
    if after != have:
        _add_step(plan, module, details, 'seconds_level_monitoring', after)


# -- resource pre-check (4.3.30), in check mode only -----------------------------------------
def resource_precheck(client, action, resource, what):
    """Ask 4.3.30 whether ``action`` would get its resources; fail with the API's reason when not. It is a POST
    that changes nothing (safe to re-send). Check mode only: the real call answers the same errors itself."""
    try:
        answer = client.call('check_resource', body={'action': action, 'resource': resource}, idempotent=True)
    except ApiError as exc:
        raise ApiError('Resource pre-check (4.3.30) refuses %s: %s' % (what, exc.msg), status=exc.status,
                       error_code=exc.error_code, error_msg=exc.error_msg, request_id=exc.request_id)
    if answer.get('result') is not True:
        raise ApiError('Resource pre-check (4.3.30) refuses %s: the resources are not available (result %s: for '
                       'example the flavor is sold out, or a vCPU or memory quota is reached)'
                       % (what, str(answer.get('result')).lower()), error_code='ResourceCheckFailed')


def create_check_resource(params):
    """The 4.3.30 ``createInstance`` resource of the instance 4.3.1 would create."""
    p = params
    replicas = p['read_replicas'] if p.get('read_replicas') is not None else 1
    resource = dict(enterprise_project_id=p.get('enterprise_project_id') or '0', instance_num=1, mode='Cluster',
                    availability_zone_mode=p.get('availability_zone_mode') or 'single', node_num=1 + replicas,
                    flavor_ref=p['flavor'], subnet_id=p['subnet_id'])
    if p.get('master_availability_zone'):
        resource['availability_zone'] = p['master_availability_zone']
    return resource


def _check_resize(module, details):
    flavor = module.params['flavor']
    resource_precheck(module.client, 'resizeFlavor', dict(instance_id=details['id'], flavor_ref=flavor),
                      'resizing instance %s to %s' % (details['id'], flavor))


def _check_replicas(module, details):
    more = module.params['read_replicas'] - len(read_replicas_of(details))
    if more > 0:
        resource_precheck(module.client, 'createReadOnlyNode', dict(instance_id=details['id'], node_num=more),
                          'adding %d read-only nodes to instance %s' % (more, details['id']))


PRECHECKS = dict(flavor=_check_resize, read_replicas=_check_replicas)


# -- waits (each takes the run's remaining budget) -----------------------------------------
def created_or_failed(details):
    if str(details.get('status', '')).lower() == 'createfail':
        raise ApiError('Instance %s failed to create (status createfail)' % details.get('id'),
                       error_code='CreateFailed')
    return instance_is_idle(details)


def wait_created(module, instance_id):
    return module.client.wait_instance(instance_id, module.jobs.remaining(), created_or_failed,
                                       'instance %s to be created' % instance_id)


def settle_creation(module, details):
    """An instance created earlier with wait=false: wait=true means "ready when the module returns"."""
    if details and module.params['state'] != 'absent' and module.jobs.wait and not module.check_mode and \
            str(details.get('status')).lower() == 'creating':
        return wait_created(module, details['id'])
    return details


def _wait_for(module, instance_id, predicate, what):
    """Wait until the instance is idle and ``predicate(details)`` holds (a change made through an order)."""
    module.client.wait_instance(instance_id, module.jobs.remaining(), lambda d: instance_is_idle(d) and predicate(d),
                                what)


def _busy_or(predicate, client, instance_id):
    """A ``recover`` for a change whose answer was lost: it ran when the instance is busy or already changed."""
    def recover():
        now = client.get_instance(instance_id) or {}
        return {} if predicate(now) or not instance_is_idle(now) else None
    return recover


# -- create and delete ---------------------------------------------------------------------
def create_body(params):
    p = params
    replicas = p['read_replicas'] if p.get('read_replicas') is not None else 1
    body = dict(
        region=p['region'], name=p['name'], mode='Cluster', flavor_ref=p['flavor'],
        datastore=dict(type=DATASTORE, version=p.get('engine_version') or '8.0'),
        vpc_id=p['vpc_id'], subnet_id=p['subnet_id'], password=p['password'],
        availability_zone_mode=p.get('availability_zone_mode') or 'single',
        slave_count=min(replicas, NODES_PER_CALL),
    )
    if p.get('kernel_version'):
        body['datastore']['kernel_version'] = p['kernel_version']
    charge = dict(charge_mode=p.get('charging_mode') or 'postPaid')
    if charge['charge_mode'] == 'prePaid':
        charge.update(period_type=p['period_unit'], period_num=p['period'])
        for option, field in (('auto_renew', 'is_auto_renew'), ('auto_pay', 'is_auto_pay')):
            if p.get(option) is not None:
                charge[field] = 'true' if p[option] else 'false'
        if p.get('volume_size') is not None:
            body['volume'] = dict(size=str(p['volume_size']))
    body['charge_info'] = charge
    for option in ('security_group_id', 'configuration_id', 'time_zone', 'master_availability_zone',
                   'enterprise_project_id', 'dedicated_resource_id', 'lower_case_table_names'):
        if p.get(option) is not None:
            body[option] = p[option]
    if p.get('backup_strategy'):
        backup = dict(start_time=p['backup_strategy']['start_time'])
        if p['backup_strategy'].get('keep_days') is not None:
            backup['keep_days'] = str(p['backup_strategy']['keep_days'])
        body['backup_strategy'] = backup
    if p.get('restore_point'):
        body['restore_point'] = restore_point_body(p['restore_point'])
    if p.get('tags') and len(p['tags']) <= CREATE_MAX_TAGS:
        body['tags'] = [dict(key=k, value='' if v is None else str(v)) for k, v in sorted(p['tags'].items())]
    return body


def planned(params):
    """The view of a new instance: the options set, defaults of 4.3.1 filled in."""
    p = params
    after = dict((k, copy.deepcopy(p[k])) for k in CREATED_FIELDS if p.get(k) is not None)
    after.update(availability_zone_mode=p.get('availability_zone_mode') or 'single',
                 charging_mode=p.get('charging_mode') or 'postPaid',
                 read_replicas=p['read_replicas'] if p.get('read_replicas') is not None else 1,
                 tags=tags_to_dict(p.get('tags') or {}), password=p['password'])
    if p.get('seconds_level_monitoring') is not None:
        after['seconds_level_monitoring'] = monitoring_after(None, p['seconds_level_monitoring'])
    return after


def later_settings(params):
    """Options 4.3.1 cannot take: set by further calls once the new instance is ready."""
    p = params
    later = [f for f in LATER_FIELDS if p.get(f) not in (None, '')]
    if (p.get('read_replicas') or 0) > NODES_PER_CALL:
        later.append('read_replicas')
    if len(p.get('tags') or {}) > CREATE_MAX_TAGS:
        later.append('tags')
    return later


def _create(params, created):
    """The create step: 4.3.1 (a lost answer is never re-sent blindly: recovered by exact name), then, once the
    instance is ready, the settings the create call cannot take."""
    name = params['name']

    def apply(module):
        client = module.client

        def recover():
            found = client.find_instances(name)
            return {'instance': {'id': found[0]['id'], 'name': name}} if found else None

        response = client.call('create_instance', body=create_body(params), recover=recover)
        module.jobs.add(response)
        instance_id = (response.get('instance') or {}).get('id')
        if not (module.jobs.wait or later_settings(params)):
            created['instance'] = client.get_instance(instance_id) if instance_id else {'name': name, 'status': 'ordered'}
            return None
        module.jobs.settle()
        if not instance_id:
            # prePaid answers an order id: the instance shows up under its name once the order is paid.
            instance_id = client.poller.wait(lambda: _named(client, name), module.jobs.remaining(),
                                             'instance %s to appear' % name)
        details = wait_created(module, instance_id)
        rest = Plan(current_state(details))
        plan_updates(rest, module, details, created_now=True)
        rest.apply(module)
        created['instance'] = client.get_instance(instance_id) if rest.changed else details
        return None

    return apply


def _named(client, name):
    found = client.find_instances(name)
    return bool(found), found[0]['id'] if found else None


def _delete(instance_id):
    def apply(module):
        module.jobs.add(module.client.call('delete_instance', instance_id=instance_id))
        if module.jobs.wait:
            module.jobs.settle()
            module.client.wait_instance_deleted(instance_id, module.jobs.remaining())
    return apply


# -- the changes that take more than one call, or a wait for an order ----------------------
def _auto_pay(params, body):
    if params.get('auto_pay') is not None:
        body['is_auto_pay'] = 'true' if params['auto_pay'] else 'false'
    return body


def _resize(module, details, more):
    want = as_lower(module.params['flavor'])

    def resized(now):
        return as_lower(current_state(now)['flavor']) == want

    response = module.client.call('resize_flavor', instance_id=details['id'],
                                  recover=_busy_or(resized, module.client, details['id']),
                                  body=_auto_pay(module.params, {'resize_flavor': {'spec_code': module.params['flavor']}}))
    if not module.jobs.add(response) and (module.jobs.wait or more):   # prePaid: an order, no job
        _wait_for(module, details['id'], resized, 'flavor %s' % want)


def _extend(module, details, more):
    size = module.params['volume_size']

    def grown(now):
        return (current_state(now)['volume_size'] or 0) >= size

    module.jobs.add(module.client.call('extend_volume', instance_id=details['id'],
                                       recover=_busy_or(grown, module.client, details['id']),
                                       body=_auto_pay(module.params, {'size': size})))
    if module.jobs.wait or more:   # 4.3.6 answers an order, not a job: wait until the new size shows
        _wait_for(module, details['id'], grown, 'storage of %d GB' % size)


def _replicas(module, details, more):
    want = module.params['read_replicas']
    have = read_replicas_of(details)
    if want > len(have):
        _add_replicas(module, details, len(have), want, more)
        return
    # Down: delete the newest read-only nodes (4.3.5), one call each, each waiting for the previous one.
    newest = sorted(have, key=lambda n: (n.get('created') or '', n.get('name') or ''), reverse=True)
    for node in newest[:len(have) - want]:
        module.jobs.settle()
        module.jobs.add(module.client.call('delete_readonly_node', instance_id=details['id'], node_id=node['id']))


def _add_replicas(module, details, have, want, more):
    groups = list(chunks(range(want - have), NODES_PER_CALL))
    for index, group in enumerate(groups):
        target = have + sum(len(g) for g in groups[:index + 1])
        last = index == len(groups) - 1

        def enough(now, target=target):
            return len(read_replicas_of(now)) >= target

        module.jobs.settle()
        # Nodes being added show in the details at once (status creating).
        response = module.client.call('add_readonly_nodes', instance_id=details['id'],
                                      recover=_busy_or(enough, module.client, details['id']),
                                      body=_auto_pay(module.params, {'priorities': [1] * len(group)}))
        if not module.jobs.add(response) and (module.jobs.wait or more or not last):
            _wait_for(module, details['id'], enough, '%d read-only nodes' % target)


def _dns(module, details, more):
    prefix = module.params['private_dns_name_prefix']
    client = module.client
    if not current_state(details)['private_dns_name_prefix']:
        # 4.3.25: an instance has no private domain name until one is applied for.
        module.jobs.add(client.call('create_dns_name', instance_id=details['id'], body={'dns_type': 'private'},
                                    recover=_busy_or(lambda now: now.get('private_dns_names'), client, details['id'])))
        module.jobs.settle()
        fresh = client.get_instance(details['id']) or {}
        if as_lower(current_state(fresh)['private_dns_name_prefix']) == prefix:
            return
    module.jobs.add(client.call('set_dns_name', instance_id=details['id'], body={'dns_name': prefix}))


def _public_ip(module, details, more):
    address, eip_id = eip_pair(module.params)
    if current_state(details)['public_ip']:
        module.jobs.add(module.client.call('unbind_eip', instance_id=details['id']))
    if address:
        module.jobs.settle()
        module.jobs.add(module.client.call('bind_eip', instance_id=details['id'],
                                           body={'public_ip': address, 'public_ip_id': eip_id}))


def _tags(module, details, more):
    have = current_state(details)['tags']
    to_set, to_remove = tag_changes(have, module.params.get('tags'), module.params.get('purge_tags', True))
    # A changed value is deleted, then created: 4.9.3 does not say that create overwrites.
    delete = sorted(set(to_remove) | set(k for k in to_set if k in have))
    # Tag actions converge to the same state when repeated: safe to re-send after a lost answer.
    if delete:
        module.client.call('batch_tag_action', instance_id=details['id'], idempotent=True,
                           body={'action': 'delete', 'tags': [{'key': k} for k in delete]})
    if to_set:
        module.client.call('batch_tag_action', instance_id=details['id'], idempotent=True,
                           body={'action': 'create', 'tags': [{'key': k, 'value': v} for k, v in sorted(to_set.items())]})


APPLY_SEVERAL = dict(flavor=_resize, volume_size=_extend, read_replicas=_replicas, private_dns_name_prefix=_dns,
                     public_ip=_public_ip, tags=_tags)


# -- reading many instances (gaussdb_instance_info) ----------------------------------------
LIST_FILTERS = ('id', 'type', 'datastore_type', 'vpc_id', 'subnet_id', 'private_ip', 'readonly_private_ip',
                'proxy_ip', 'tags')


def instance_info_errors(params):
    """gaussdb_instance_info's options: the filters 4.3.31 knows, and a name it accepts."""
    errors = []
    unknown = sorted(set(params['filters'] or {}) - set(LIST_FILTERS))
    if unknown:
        errors.append('Unknown filters: %s; allowed: %s' % (', '.join(unknown), ', '.join(LIST_FILTERS)))
    if params['name'] == '*':
        errors.append('name cannot be only "*" (the API refuses it); leave it out to list every instance')
    return errors


def list_filters(name=None, filters=None):
    """The query of 4.3.31 from the module's options; tags as ``k=v,k2=v2`` (every pair must match)."""
    query = {}
    for key, value in (filters or {}).items():
        if value is None:
            continue
        if key == 'tags' and isinstance(value, dict):
            value = ','.join('%s=%s' % (k, '' if v is None else v) for k, v in sorted(value.items()))
        query[key] = value
    if name:
        query['name'] = name
    return query


def instances_with_details(client, query):
    """Every instance the list matches, each with its full details (batch of 20 per call, 4.3.33).

    The list entry and the details are merged (details win): the list alone carries
    ``readonly_private_ips``, ``proxy_ips``, ``flavor_ref``, ``flavor_info`` and ``volume``.
    """
    listed = client.list_instances(query)
    name = query.get('name')
    if name and not name.startswith('*'):
        listed = [i for i in listed if i.get('name') == name]
    details = dict((d['id'], d) for d in client.batch_details([i['id'] for i in listed]))
    result = []
    for item in listed:
        merged = dict(item)
        merged.update(details.get(item['id'], {}))
        result.append(merged)
    return result
