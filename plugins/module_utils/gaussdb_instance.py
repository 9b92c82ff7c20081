# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Desired-state logic of GaussDB(for MySQL) instances, shared by gaussdb_instance and
gaussdb_instance_info: input rules (refused before any API call), the comparable view of the
instance details (4.3.32, v3.1), the change plan, and how each change is applied and waited for.

Everything compared comes from the details response, so a no-op run costs one request by id and
two by name (list by exact name, then details). Settings the details do not carry cost one
extra read each, and only when the user sets them (``public_ip`` given as an EIP id: 4.3.41).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import re
import time

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import (
    as_bool, as_int, as_lower, as_set, final_tags, make_diff, tag_changes, tags_to_dict,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import (
    DATASTORE, chunks, instance_is_idle, job_ids_of,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_protection import (
    restore_point_body, restore_point_errors,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError

# -- input rules (seed 002, 4.3.1 and the update APIs) -------------------------------------
NAME_RE = re.compile(u'^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5_-]{3,63}$')
PASSWORD_SPECIALS = '~!@#$%^*-_=+?,()&'
DNS_PREFIX_RE = re.compile(r'^[a-z0-9]{8,63}$')
ALIAS_RE = re.compile(u'^[A-Za-z0-9\u4e00-\u9fa5._-]{0,64}$')
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
UUID_RE = re.compile(r'^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$')

# Options that only the create call (4.3.1) takes. On an existing instance a different value
# cannot be applied here: the module warns and leaves it (backup policy and parameter templates
# have their own modules, gaussdb_backup_policy and gaussdb_instance_parameters).
CREATE_ONLY = ('engine_version', 'kernel_version', 'vpc_id', 'subnet_id', 'availability_zone_mode',
               'master_availability_zone', 'configuration_id', 'backup_strategy', 'time_zone',
               'charging_mode', 'enterprise_project_id', 'dedicated_resource_id')
CREATE_REQUIRED = ('flavor', 'vpc_id', 'subnet_id', 'password')


def password_problem(password):
    """Why a database password breaks 4.3.1/4.3.8's rule, or None."""
    if not 8 <= len(password) <= 32:
        return 'must be 8 to 32 characters long'
    bad = [c for c in password if not (c.isalnum() and c.isascii()) and c not in PASSWORD_SPECIALS]
    if bad:
        return 'may only contain letters, digits and %s' % PASSWORD_SPECIALS
    classes = sum(1 for test in (str.isupper, str.islower, str.isdigit) if any(test(c) for c in password))
    classes += 1 if any(c in PASSWORD_SPECIALS for c in password) else 0
    if classes < 3:
        return 'must contain at least three of: upper-case letters, lower-case letters, digits, special characters'
    return None


def _hour(text):
    match = HHMM_RE.match(text or '')
    return (int(match.group(1)), int(match.group(2))) if match else None


def validate(params):
    """Every rule of the API reference that can be checked locally; a list of messages."""
    errors = []
    name = params.get('name')
    if name is not None and (not NAME_RE.match(name) or len(name.encode('utf-8')) > 64):
        errors.append('name must be 4 to 64 characters (at most 64 bytes), start with a letter and contain only '
                      'letters, digits, "-" and "_"')
    if params.get('password') is not None:
        problem = password_problem(params['password'])
        if problem:
            errors.append('password %s' % problem)
    port = params.get('port')
    if port is not None and (not 1024 <= port <= 65535 or port in RESERVED_PORTS):
        errors.append('port must be 1024-65535 and not one of %s' % ', '.join(str(p) for p in sorted(RESERVED_PORTS)))
    replicas = params.get('read_replicas')
    if replicas is not None and not MIN_READ_REPLICAS <= replicas <= MAX_READ_REPLICAS:
        errors.append('read_replicas must be between %d and %d' % (MIN_READ_REPLICAS, MAX_READ_REPLICAS))
    size = params.get('volume_size')
    if size is not None:
        if not 10 <= size <= 128000 or size % 10:
            errors.append('volume_size must be a multiple of 10 between 10 and 128000 (GB)')
        if params.get('charging_mode') == 'postPaid':
            # 4.3.1: volume is only for yearly/monthly instances; pay-per-use storage grows by itself.
            errors.append('volume_size applies to charging_mode=prePaid only (pay-per-use storage is not sized)')
    prefix = params.get('private_dns_name_prefix')
    if prefix is not None and not DNS_PREFIX_RE.match(prefix):
        errors.append('private_dns_name_prefix must be 8 to 63 lower-case letters or digits')
    description = params.get('description')
    if description is not None and not ALIAS_RE.match(description):
        errors.append('description must be at most 64 letters, digits, ".", "_" or "-"')
    errors.extend(_validate_windows(params))
    errors.extend(restore_point_errors(params.get('restore_point')))
    errors.extend(_validate_charging(params))
    errors.extend(_validate_tags(params.get('tags')))
    return errors


def _validate_windows(params):
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
        keep = backup.get('keep_days')
        if keep is not None and not 1 <= keep <= 732:
            errors.append('backup_strategy.keep_days must be between 1 and 732')
    return errors


def _validate_charging(params):
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


def _validate_tags(tags):
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


# -- the plan -----------------------------------------------------------------------------
class Change(object):
    """One update: ``field`` goes from ``before`` to ``after`` through ``apply(manager, details)``."""

    def __init__(self, field, before, after, apply):
        self.field, self.before, self.after, self.apply = field, before, after, apply


class Deadline(object):
    """One wait budget (``wait_timeout``) for the whole run, however many jobs it waits for."""

    def __init__(self, seconds, clock=time.monotonic):
        self.clock = clock
        self.end = clock() + seconds

    def remaining(self):
        return max(1.0, self.end - self.clock())


SSL_UNREADABLE = ('the instance details do not report the SSL switch (the API reference documents no read of '
                  'it), so ssl is applied on every run')


class InstanceManager(object):
    """Creates, changes, restarts and deletes one instance the way the module's options say."""

    def __init__(self, client, params, check_mode=False, warn=None, clock=time.monotonic):
        self.client = client
        self.params = params
        self.check_mode = check_mode
        self.warn = warn or (lambda msg: None)
        self.jobs = []
        self.orders = []
        self.deadline = Deadline(params.get('wait_timeout') or 1800, clock)
        self.wait = params.get('wait', True)
        self.more_to_come = False   # with wait=false, every job but the last one is still waited for
        self._eip = None

    # -- reading ----------------------------------------------------------------------------
    def resolve(self):
        """Details of the instance given by id, or by exact name (ambiguous names fail)."""
        return self.client.resolve_instance(instance_id=self.params.get('id'), name=self.params.get('name'))

    def eip(self, instance_id):
        """The bound EIP (4.3.41): read at most once, and only when ``public_ip`` is an EIP id."""
        if self._eip is None:
            self._eip = self.client.call('show_eip', instance_id=instance_id) or {}
        return self._eip

    # -- jobs ------------------------------------------------------------------------------
    def track(self, response, must_wait=False):
        """Remember the job (or order) ids of an answer; wait for the jobs when asked to."""
        if response.get('order_id'):
            self.orders.append(response['order_id'])
        ids = job_ids_of(response)
        self.jobs.extend(ids)
        if ids and (self.wait or must_wait or self.more_to_come):
            self.client.wait_jobs(ids, self.deadline.remaining())
        return ids

    def apply_all(self, changes, details):
        """Apply changes in order; the API refuses a change while the previous job still runs."""
        for index, change in enumerate(changes):
            self.more_to_come = index < len(changes) - 1
            change.apply(self, details)
        self.more_to_come = False

    def wait_idle(self, instance_id, predicate=None, what=None):
        return self.client.wait_instance(instance_id, self.deadline.remaining(), predicate, what)

    # -- create ----------------------------------------------------------------------------
    def create_body(self):
        p = self.params
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

    def planned(self):
        """The diff's 'after' for a new instance: the options set, defaults of 4.3.1 filled in."""
        p = self.params
        after = dict((k, copy.deepcopy(p[k])) for k in CREATED_FIELDS if p.get(k) is not None)
        after.update(availability_zone_mode=p.get('availability_zone_mode') or 'single',
                     charging_mode=p.get('charging_mode') or 'postPaid',
                     read_replicas=p['read_replicas'] if p.get('read_replicas') is not None else 1,
                     tags=tags_to_dict(p.get('tags') or {}), password=p['password'])
        return after

    def later_settings(self):
        """Options 4.3.1 cannot take: set by further calls once the new instance is ready."""
        p = self.params
        later = [f for f in LATER_FIELDS if p.get(f) not in (None, '')]
        if (p.get('read_replicas') or 0) > NODES_PER_CALL:
            later.append('read_replicas')
        if len(p.get('tags') or {}) > CREATE_MAX_TAGS:
            later.append('tags')
        return later

    def create(self):
        """Create the instance; a lost answer is never re-sent blindly (recovered by exact name)."""
        name = self.params['name']
        problems = create_problems(self.params)
        if problems:
            raise ApiError('Instance %r does not exist and cannot be created: %s' % (name, '; '.join(problems)),
                           error_code='CannotCreate')
        if self.check_mode:
            return None

        def recover():
            found = self.client.find_instances(name)
            return {'instance': {'id': found[0]['id'], 'name': name}} if found else None

        response = self.client.call('create_instance', body=self.create_body(), recover=recover)
        instance_id = (response.get('instance') or {}).get('id')
        must_wait = bool(self.later_settings())
        self.track(response, must_wait)
        if not (self.wait or must_wait):
            return self.client.get_instance(instance_id) if instance_id else {'name': name, 'status': 'ordered'}
        if not instance_id:
            # prePaid answers an order id: the instance shows up under its name once the order is paid.
            instance_id = self.wait_for_name(name)
        details = self.wait_idle(instance_id, _created, 'instance %s to be created' % instance_id)
        changes = [c for c in self.plan(details, updatable_only=True)[0] if c.field != 'password']
        self.apply_all(changes, details)
        return self.client.get_instance(instance_id) if changes else details

    def wait_for_name(self, name):
        def probe():
            found = self.client.find_instances(name)
            return bool(found), found[0]['id'] if found else None
        return self.client.poller.wait(probe, self.deadline.remaining(), 'instance %s to appear' % name)

    # -- update ----------------------------------------------------------------------------
    def plan(self, details, updatable_only=False):
        """``(changes, warnings)`` for an existing instance: only the options set, normalised."""
        p = self.params
        have = current_state(details)
        changes, warnings = [], []
        for field in UPDATABLE:
            want = p.get(field)
            if want is not None and differs(field, have.get(field), want):
                changes.append(Change(field, have.get(field), copy.deepcopy(want), APPLY[field]))
        if p.get('ssl') is not None:
            if have['ssl'] is None:
                warnings.append(SSL_UNREADABLE)
                changes.append(Change('ssl', None, p['ssl'], APPLY['ssl']))
            elif as_bool(have['ssl']) != p['ssl']:
                changes.append(Change('ssl', as_bool(have['ssl']), p['ssl'], APPLY['ssl']))
        change = self._public_ip_change(details, have)
        if change:
            changes.append(change)
        to_set, to_remove = tag_changes(have['tags'], p.get('tags'), p.get('purge_tags', True))
        if to_set or to_remove:
            changes.append(Change('tags', have['tags'], final_tags(have['tags'], p.get('tags'),
                                                                   p.get('purge_tags', True)), APPLY['tags']))
        if p.get('password') is not None and p.get('update_password') == 'always':
            changes.append(Change('password', None, p['password'], APPLY['password']))
        if not updatable_only:
            for field in CREATE_ONLY:
                want = p.get(field)
                if want is not None and have.get(field) is not None and differs(field, have.get(field), want):
                    warnings.append('%s is %r on the instance, not %r: it can only be set at creation; left as is'
                                    % (field, have.get(field), want))
            if p.get('volume_size') is not None and have.get('charging_mode') != 'prePaid':
                raise ApiError('volume_size applies to yearly/monthly (prePaid) instances only; %s is %s'
                               % (details.get('id'), have.get('charging_mode')), error_code='InvalidOption')
        return changes, warnings

    def _public_ip_change(self, details, have):
        want = self.params.get('public_ip')
        if want is None:
            return None
        if want == '':
            return Change('public_ip', have['public_ip'], '', APPLY['public_ip']) if have['public_ip'] else None
        if UUID_RE.match(want):
            # An EIP id: the details carry only the address; 4.3.41 tells which EIP is bound.
            bound = (self.eip(details['id']).get('id') or None) if have['public_ip'] else None
        else:
            bound = have['public_ip']
        if bound == want:
            return None
        if not eip_pair(self.params)[1] or not eip_pair(self.params)[0]:
            raise ApiError('Binding an EIP (4.3.17) needs its address and its id: set public_ip to the address and '
                           'public_ip_id to the EIP id', error_code='InvalidOption')
        return Change('public_ip', have['public_ip'], want, APPLY['public_ip'])

    def update(self, details):
        """Apply the plan (nothing in check mode); return ``(changes, details after)``."""
        changes, warnings = self.plan(details)
        for warning in warnings:
            self.warn(warning)
        if self.wait and not self.check_mode and str(details.get('status')).lower() == 'creating':
            # Created earlier with wait=false: wait=true means "ready when the module returns".
            details = self.wait_idle(details['id'], _created, 'instance %s to be created' % details['id'])
        if self.check_mode or not changes:
            return changes, details
        self.apply_all(changes, details)
        return changes, self.client.get_instance(details['id'])

    # -- other states ----------------------------------------------------------------------
    def delete(self, details):
        if self.check_mode:
            return
        self.track(self.client.call('delete_instance', instance_id=details['id']))
        if self.wait:
            self.client.wait_instance_deleted(details['id'], self.deadline.remaining())

    def restart(self, details):
        if self.check_mode:
            return
        # No recover: a restart whose answer was lost may have run, and re-sending restarts twice.
        self.track(self.client.call('restart_instance', instance_id=details['id'], body={'delay': False}))


UPDATABLE = ('name', 'flavor', 'volume_size', 'read_replicas', 'port', 'security_group_id', 'private_ip',
             'private_dns_name_prefix', 'description', 'maintenance_window')
LATER_FIELDS = ('port', 'private_ip', 'private_dns_name_prefix', 'description', 'maintenance_window', 'ssl',
                'public_ip')
CREATED_FIELDS = ('name', 'flavor', 'engine_version', 'kernel_version', 'vpc_id', 'subnet_id', 'security_group_id',
                  'configuration_id', 'time_zone', 'master_availability_zone', 'enterprise_project_id',
                  'dedicated_resource_id', 'backup_strategy', 'volume_size', 'lower_case_table_names') + LATER_FIELDS
CREATE_MAX_TAGS = 10   # 4.3.1: at most 10 tags in the create call; more are added right after (4.9.3)


def eip_pair(params):
    """``(address, id)`` of the EIP to bind, from ``public_ip`` (address or id) and ``public_ip_id``."""
    want = params.get('public_ip')
    if want and UUID_RE.match(want):
        return None, want
    return want, params.get('public_ip_id')


def _created(details):
    if str(details.get('status', '')).lower() == 'createfail':
        raise ApiError('Instance %s failed to create (status createfail)' % details.get('id'),
                       error_code='CreateFailed')
    return instance_is_idle(details)


def _auto_pay(params, body):
    if params.get('auto_pay') is not None:
        body['is_auto_pay'] = 'true' if params['auto_pay'] else 'false'
    return body


# -- how each field is applied -------------------------------------------------------------
def _rename(m, details):
    m.track(m.client.call('rename_instance', instance_id=details['id'], body={'name': m.params['name']}))


def _resize(m, details):
    want = as_lower(m.params['flavor'])

    def recover():
        # The resize may have started: the instance is then busy, or already on the new flavor.
        now = m.client.get_instance(details['id']) or {}
        return {} if as_lower(current_state(now)['flavor']) == want or not instance_is_idle(now) else None

    response = m.client.call('resize_flavor', instance_id=details['id'], recover=recover,
                             body=_auto_pay(m.params, {'resize_flavor': {'spec_code': m.params['flavor']}}))
    if not m.track(response) and (m.wait or m.more_to_come):   # prePaid: an order, no job
        m.wait_idle(details['id'], lambda d: instance_is_idle(d) and as_lower(current_state(d)['flavor']) == want,
                    'flavor %s' % want)


def _extend(m, details):
    size = m.params['volume_size']

    def grown(now):
        return (current_state(now)['volume_size'] or 0) >= size

    def recover():
        now = m.client.get_instance(details['id']) or {}
        return {} if grown(now) or not instance_is_idle(now) else None

    m.track(m.client.call('extend_volume', instance_id=details['id'], recover=recover,
                          body=_auto_pay(m.params, {'size': size})))
    if m.wait or m.more_to_come:   # 4.3.6 answers an order, not a job: wait until the new size shows
        m.wait_idle(details['id'], lambda d: instance_is_idle(d) and grown(d), 'storage of %d GB' % size)


def _replicas(m, details):
    want = m.params['read_replicas']
    have = read_replicas_of(details)
    if want > len(have):
        _add_replicas(m, details, len(have), want)
        return
    # Down: delete the newest read-only nodes (4.3.5), one call each, each waiting for the previous one.
    newest = sorted(have, key=lambda n: (n.get('created') or '', n.get('name') or ''), reverse=True)
    doomed = newest[:len(have) - want]
    for index, node in enumerate(doomed):
        m.track(m.client.call('delete_readonly_node', instance_id=details['id'], node_id=node['id']),
                must_wait=index < len(doomed) - 1)


def _add_replicas(m, details, have, want):
    groups = list(chunks(range(want - have), NODES_PER_CALL))
    for index, group in enumerate(groups):
        target = have + sum(len(g) for g in groups[:index + 1])
        last = index == len(groups) - 1

        def enough(now, target=target):
            return len(read_replicas_of(now)) >= target

        def recover(enough=enough):
            # Nodes being added show in the details at once (status creating).
            now = m.client.get_instance(details['id']) or {}
            return {} if enough(now) or not instance_is_idle(now) else None

        response = m.client.call('add_readonly_nodes', instance_id=details['id'], recover=recover,
                                 body=_auto_pay(m.params, {'priorities': [1] * len(group)}))
        if not m.track(response, must_wait=not last) and (m.wait or m.more_to_come or not last):
            m.wait_idle(details['id'], lambda d, enough=enough: instance_is_idle(d) and enough(d),
                        '%d read-only nodes' % target)


def _simple(operation, body_of, idempotent=None):
    """Updates that are one call with a small body (with or without a job)."""
    def apply(m, details):
        kwargs = {} if idempotent is None else {'idempotent': idempotent}
        m.track(m.client.call(operation, instance_id=details['id'], body=body_of(m.params), **kwargs))
    return apply


def _dns(m, details):
    prefix = m.params['private_dns_name_prefix']
    if not current_state(details)['private_dns_name_prefix']:
        # 4.3.25: an instance has no private domain name until one is applied for.
        def recover():
            now = m.client.get_instance(details['id']) or {}
            return {} if now.get('private_dns_names') or not instance_is_idle(now) else None

        m.track(m.client.call('create_dns_name', instance_id=details['id'], body={'dns_type': 'private'},
                              recover=recover), must_wait=True)
        fresh = m.client.get_instance(details['id']) or {}
        if as_lower(current_state(fresh)['private_dns_name_prefix']) == prefix:
            return
    m.track(m.client.call('set_dns_name', instance_id=details['id'], body={'dns_name': prefix}))


def _public_ip(m, details):
    address, eip_id = eip_pair(m.params)
    if current_state(details)['public_ip']:
        m.track(m.client.call('unbind_eip', instance_id=details['id']), must_wait=bool(address))
    if address:
        m.track(m.client.call('bind_eip', instance_id=details['id'],
                              body={'public_ip': address, 'public_ip_id': eip_id}))


def _tags(m, details):
    have = current_state(details)['tags']
    to_set, to_remove = tag_changes(have, m.params.get('tags'), m.params.get('purge_tags', True))
    # A changed value is deleted, then created: 4.9.3 does not say that create overwrites.
    delete = sorted(set(to_remove) | set(k for k in to_set if k in have))
    # Tag actions converge to the same state when repeated: safe to re-send after a lost answer.
    if delete:
        m.client.call('batch_tag_action', instance_id=details['id'], idempotent=True,
                      body={'action': 'delete', 'tags': [{'key': k} for k in delete]})
    if to_set:
        m.client.call('batch_tag_action', instance_id=details['id'], idempotent=True,
                      body={'action': 'create', 'tags': [{'key': k, 'value': v} for k, v in sorted(to_set.items())]})


APPLY = dict(
    name=_rename,
    flavor=_resize,
    volume_size=_extend,
    read_replicas=_replicas,
    port=_simple('set_port', lambda p: {'port': p['port']}),
    security_group_id=_simple('set_security_group', lambda p: {'security_group_id': p['security_group_id']}),
    private_ip=_simple('set_private_ip', lambda p: {'internal_ip': p['private_ip']}),
    private_dns_name_prefix=_dns,
    description=_simple('set_alias', lambda p: {'alias': p['description']}),
    maintenance_window=_simple('set_ops_window', lambda p: dict(
        start_time=hhmm(p['maintenance_window']['start_time']), end_time=hhmm(p['maintenance_window']['end_time']))),
    ssl=_simple('set_ssl', lambda p: {'ssl_option': p['ssl']}),
    public_ip=_public_ip,
    tags=_tags,
    # The same password set twice does no harm: safe to re-send after a lost answer.
    password=_simple('reset_password', lambda p: {'password': p['password']}, idempotent=True),
)


def changes_diff(changes, details):
    """Ansible's before/after of the fields that change, with the instance id; password masked."""
    before = dict((c.field, copy.deepcopy(c.before)) for c in changes)
    after = dict((c.field, copy.deepcopy(c.after)) for c in changes)
    if details:
        before['id'] = after['id'] = details.get('id')
        before.setdefault('name', details.get('name'))
        after.setdefault('name', details.get('name'))
    return make_diff(before, after)


# -- reading many instances (gaussdb_instance_info) ----------------------------------------
LIST_FILTERS = ('id', 'type', 'datastore_type', 'vpc_id', 'subnet_id', 'private_ip', 'readonly_private_ip',
                'proxy_ip', 'tags')


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
