# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTAP instances of a GaussDB(for MySQL) instance: StarRocks (seed 002 §4.15) and ClickHouse (§4.16).

Shared by gaussdb_htap_instance[_info], gaussdb_htap_account, gaussdb_htap_sync and the ClickHouse log modules
gaussdb_htap_log_info / gaussdb_htap_log_config: the per-engine operation names, the documented input rules
(checked before any request), lookups by name (4.15.12 lists both engines of one GaussDB instance), readers and
views, and the plan of each resource module (plan.Plan, one step per API call).

Readings of the reference (also noted where applied):
- The account, restart and synchronization paths take the HTAP instance's id in ``{instance_id}`` (their
  tables say "StarRocks/ClickHouse实例ID"), even where an example shows a GaussDB id: the tables are followed.
- HTAP changes answer a ``job_id`` or ``workflow_id`` whose task-center visibility the reference does not
  state: instance changes are followed by polling the instance's status in 4.15.12 (``normal`` = done), so
  their ids are only recorded (``module.jobs.scheduled``: returned, never waited for in the task center);
  synchronization jobs through the task center (4.13.1), since a synchronization has no status of its own
  that says a change is finished.
- An unknown HTAP instance is A.3's 404 ``DBS.200002`` ("实例不存在。"); the HTAP examples print ``DBS.200022``
  with the same message, a code A.3 gives to "name already exists". Both mean "gone" to a delete.
- Pre-checks (4.15.8 before a StarRocks instance is created; 4.15.16 / 4.16.9 before a synchronization is created;
  4.16.10 before a ClickHouse table range changes) run while planning, so check mode and the real run both fail
  with the API's answer before any write: the creations and the range change are jobs that would otherwise fail
  minutes later (a ``createfail`` instance to delete, a failed range change left in ``last_error_of_alter_table``),
  and a check costs one request per creation or change, none on a run that changes nothing.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import json
import re

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import MASK
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops import (
    api_time, merge_lines, paginate_lines, time_window, uuid_errors,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import find, required
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan, replace_with, set_fields
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import (
    GAUSSDB_PASSWORD, HTAP_ACCOUNT_PASSWORD, InputError, password_errors, pattern_errors, required_for,
)

ENGINES = {'starrocks': 'star-rocks', 'clickhouse': 'click-house'}
OPS = {
    'starrocks': dict(create='create_starrocks_instance', show='show_starrocks_instance',
                      delete='delete_starrocks_instance', restart='restart_starrocks_instance',
                      users='list_starrocks_database_accounts', create_user='create_starrocks_database_account',
                      delete_user='delete_starrocks_database_account', password='update_starrocks_account_password',
                      permission='update_starrocks_account_privileges', syncs='show_starrocks_data_synchronization_status',
                      create_sync='create_starrocks_data_synchronization',
                      delete_sync='delete_starrocks_data_synchronization',
                      pause_sync='pause_starrocks_data_synchronization',
                      resume_sync='resume_starrocks_data_synchronization'),
    'clickhouse': dict(create='create_clickhouse_instance', show='show_clickhouse_instance_details',
                       delete='delete_clickhouse_instance', restart='restart_clickhouse_instance',
                       users='list_clickhouse_database_accounts', create_user='create_clickhouse_database_account',
                       delete_user='delete_clickhouse_database_account', password='update_clickhouse_account_password',
                       permission='update_clickhouse_account_privileges', syncs='show_clickhouse_data_synchronization',
                       create_sync='create_clickhouse_data_synchronization',
                       delete_sync='delete_clickhouse_data_synchronization'),
}
# The synchronization reads of each engine: configuration of one sync (4.15.17 by task_name, 4.16.12 by
# database_name), the database parameters of the sync (4.15.18, 4.16.13), the engine's databases (4.15.19,
# 4.16.11); and the pre-check of a new synchronization (4.15.16, 4.16.9).
OPS['starrocks'].update(config='show_starrocks_data_synchronization_configuration', config_key='task_name',
                        parameters='show_starrocks_sync_database_parameters', databases='list_starrocks_databases',
                        check_sync='check_starrocks_htap_sync_database_configuration')
OPS['clickhouse'].update(config='show_clickhouse_data_synchronization_configuration', config_key='database_name',
                         parameters='show_clickhouse_sync_database_parameters', databases='list_clickhouse_databases',
                         check_sync='check_clickhouse_sync_database_configuration',
                         check_tables='check_clickhouse_sync_table_configuration',
                         set_tables='update_clickhouse_data_synchronization',
                         cancel_tables='stop_clickhouse_modifying_data_synchronization')
PRECHECK_OPERATIONS = frozenset(('resource_starrocks_check', 'check_starrocks_htap_sync_database_configuration',
                                 'check_clickhouse_sync_database_configuration',
                                 'check_clickhouse_sync_table_configuration'))
PRECHECK_FAILED = 'PreCheckFailed'

GB = 1000 ** 3           # 4.15.4 / 4.16.16 show volume sizes in bytes ("500000000000" = 500 GB)
READY = 'normal'
FAILED_STATES = ('createfail', 'createfailed', 'abnormal')
# What a delete that finds nothing answers (it was deleted, e.g. by the first send of a re-sent DELETE):
HTAP_NOT_FOUND = frozenset(('DBS.200002', 'DBS.200022'))   # A.3, and the HTAP examples' code
SYNC_NOT_FOUND = frozenset(('DBS.290013',))                 # A.3 "Resource not found."
ACCOUNT_NOT_FOUND = frozenset(('DBS.200824',))              # A.3 "The database account does not exist."

# 4.15.3 / 4.16.14: 4-64 characters, a letter first, then letters, digits, '-' and '_'.
_NAME = re.compile(r'^[A-Za-z][A-Za-z0-9_-]{3,63}$')
# 4.15.21 / 4.16.19: 2-32 characters, a lower-case letter first, a lower-case letter or digit last.
_ACCOUNT = re.compile(r'^[a-z][a-z0-9_]{0,30}[a-z0-9]$')
_TASK = re.compile(r'^[A-Za-z0-9_]{3,128}$')
VOLUME_TYPES = {'SSD': 50, 'ESSD': 40}          # smallest sizes: 4.15.10's min_volume_size
DML = {'starrocks': (0, 3), 'clickhouse': (1, 2)}
SR_ONLY = ('fe_flavor', 'be_flavor', 'fe_count', 'be_count', 'fe_volume_size', 'be_volume_size', 'node_id')
CH_ONLY = ('flavor', 'volume_size')
MODES = {'starrocks': ('Single', 'Cluster'), 'clickhouse': ('Single', 'Ha')}
# The API reports SSD volumes under their storage type name (ULTRAHIGH) in some places.
SAME_VOLUME_TYPE = dict(SSD=('SSD', 'ULTRAHIGH'), ESSD=('ESSD',))


# -- input rules ------------------------------------------------------------------------------
def name_errors(name):
    return pattern_errors('HTAP instance name', name or '', _NAME,
                          '4 to 64 letters, digits, "-" or "_", starting with a letter')


def account_name_errors(name):
    return pattern_errors('account name', name or '', _ACCOUNT, '2 to 32 lower-case letters, digits or "_", starting '
                          'with a letter and ending with a letter or digit')


def task_name_errors(value, what):
    return pattern_errors(what, value, _TASK, '3 to 128 letters, digits or "_"')


def engine_only_errors(params, engine, options):
    """Options of the other engine are refused rather than silently ignored."""
    return ['option %s is not used by engine %s' % (opt, engine) for opt in options if params.get(opt) is not None]


# The options of the modules that act inside an HTAP instance given by id or by name (doc fragment
# clouddb.mysql.gaussdb_htap_ref), and their AnsibleModule constraints.
HTAP_REF_ARGUMENT_SPEC = dict(
    engine=dict(type='str', required=True, choices=['starrocks', 'clickhouse']),
    htap_instance_id=dict(type='str'),
    htap_instance_name=dict(type='str'),
    instance_id=dict(type='str'),
    instance_name=dict(type='str'),
)
HTAP_REF_KWARGS = dict(mutually_exclusive=[('instance_id', 'instance_name'), ('htap_instance_id', 'htap_instance_name')],
                       required_one_of=[('htap_instance_id', 'htap_instance_name')])


def htap_ref_errors(params):
    """O(htap_instance_name) is looked up among the HTAP instances of the GaussDB instance."""
    if params.get('htap_instance_name') and not (params.get('instance_id') or params.get('instance_name')):
        return ['htap_instance_name needs instance_id or instance_name (the GaussDB instance it belongs to)']
    return []


def refuse(errors):
    """Rules that needed the current state: fail before anything is sent."""
    if errors:
        raise InputError('; '.join(errors))


# -- the HTAP instance ------------------------------------------------------------------------
def list_htap(client, owner_id, engine=None):
    """4.15.12: the HTAP instances of a GaussDB instance (both engines), optionally one engine."""
    items = client.call('list_starrocks_htap_instances', instance_id=owner_id).get('instances') or []
    return [i for i in items if engine is None or i.get('engine_name') == ENGINES[engine]]


def find_htap(client, owner_id, engine, name):
    """The one HTAP instance of ``engine`` named ``name`` (names may repeat, 4.15.3: ambiguity fails), or None."""
    return find(list_htap(client, owner_id, engine), 'HTAP instance', name=name, hint='htap_instance_id')


def target_htap(module, engine, owner_id=None):
    """The HTAP instance id: O(htap_instance_id) as given (no request), or the one of ``engine`` named
    O(htap_instance_name) among those of the GaussDB instance (``owner_id``, else O(instance_id) / O(instance_name))."""
    params = module.params
    if params.get('htap_instance_id'):
        return params['htap_instance_id']
    name = params['htap_instance_name']
    found = find_htap(module.client, owner_id or module.target_instance_id(), engine, name)
    return required(found, 'The %s HTAP instance' % engine, repr(name))['id']


def status_of(item):
    return (item.get('instance_state') or {}).get('instance_status') or item.get('status')


def show(client, engine, owner_id, htap_id):
    """The details (4.15.4 answers a one-item list, 4.16.16 an object)."""
    path = dict(starrocks_instance_id=htap_id) if engine == 'starrocks' else dict(clickhouse_instance_id=htap_id)
    data = client.call(OPS[engine]['show'], instance_id=owner_id, **path)
    if engine == 'starrocks':
        return (data.get('instances') or [{}])[0]
    return data.get('instance') or {}


def job_id_of(response):
    """job_id (4.15.3 puts it beside or inside ``instance``), workflow_id (4.15.5-7) or result (4.16.28)."""
    response = response or {}
    candidates = (response.get('job_id'), response.get('workflow_id'), (response.get('instance') or {}).get('job_id'),
                  response.get('result'))
    return next((c for c in candidates if c), None)


def wait_ready(client, owner_id, htap_id, timeout, what=None):
    """Poll 4.15.12 until the HTAP instance is ``normal``; a failed creation raises."""
    def probe():
        item = next((i for i in list_htap(client, owner_id) if i.get('id') == htap_id), None)
        if item is None:
            raise ApiError('HTAP instance %s disappeared while waiting' % htap_id, status=404)
        status = status_of(item)
        if status in ('createfail', 'createfailed'):
            raise ApiError('HTAP instance %s failed: %s' % (htap_id, status), error_code='JobFailed')
        return status == READY, item
    return client.poller.wait(probe, timeout, what or 'HTAP instance %s to be normal' % htap_id)


def wait_gone(client, owner_id, htap_id, timeout):
    def probe():
        return all(i.get('id') != htap_id for i in list_htap(client, owner_id)), None
    return client.poller.wait(probe, timeout, 'HTAP instance %s to be deleted' % htap_id)


def flavor_id(client, engine, value):
    """A flavor given as id or as spec code (``gaussdb.ch.xlarge.x86.4``, looked up with 4.15.11)."""
    if '.' not in value:
        return value
    flavors = client.call('show_starrocks_htap_flavors', params={'spec_code': value},
                          engine_name=ENGINES[engine]).get('flavors') or []
    match = [f for f in flavors if f.get('spec_code') == value]
    if not match:
        raise ApiError('Flavor %r is not offered for %s' % (value, engine))
    return match[0]['id']


def flavor_code(client, engine, value):
    """The spec code of a flavor given as spec code (as given) or as id (looked up with 4.15.11)."""
    if '.' in value:
        return value
    flavors = client.call('show_starrocks_htap_flavors', engine_name=ENGINES[engine]).get('flavors') or []
    match = [f for f in flavors if f.get('id') == value]
    if not match:
        raise ApiError('Flavor %r is not offered for %s' % (value, engine))
    return match[0]['spec_code']


def check_starrocks_resources(client, owner_id, params, body):
    """4.15.8 for the StarRocks instance of the 4.15.3 ``body``: in the GaussDB instance's subnet (an HTAP
    instance lives there), with the flavors' spec codes. A failed check (``result`` false) raises, with the count of
    the owner's HTAP instances when it is at 4.15.12's limit (the reason the API does not give)."""
    owner = client.get_instance(owner_id) or {}
    resource = dict(enterprise_project_id=params['enterprise_project_id'], instance_num=1, mode=body['ha']['mode'],
                    availability_zone_mode=body['az_mode'], fe_node_num=body['fe_count'], be_node_num=body['be_count'],
                    fe_flavor_ref=flavor_code(client, 'starrocks', params['fe_flavor']),
                    be_flavor_ref=flavor_code(client, 'starrocks', params['be_flavor']),
                    availability_zone=body['az_code'], subnet_id=owner.get('subnet_id'))
    answer = client.call('resource_starrocks_check', body=dict(action='createInstance', resource=resource),
                         idempotent=True)
    if answer.get('result') is not False:
        return
    shape = '%s mode, %d FE %s, %d BE %s, zone %s, subnet %s' % (
        resource['mode'], resource['fe_node_num'], resource['fe_flavor_ref'], resource['be_node_num'],
        resource['be_flavor_ref'], resource['availability_zone'], resource['subnet_id'])
    listing = client.call('list_starrocks_htap_instances', instance_id=owner_id)
    count, limit = len(listing.get('instances') or []), listing.get('max_htap_instance_num_of_taurus')
    reason = ('; GaussDB instance %s has %d HTAP instances, the most it may have (4.15.12)' % (owner_id, count)
              if limit is not None and count >= int(limit) else '')
    raise ApiError('The StarRocks resource check (4.15.8) did not pass for HTAP instance %r (%s): result false%s'
                   % (params['name'], shape, reason), error_code=PRECHECK_FAILED)


def instance_view(engine, detail):
    """The managed fields of an HTAP instance, from its details."""
    if not detail:
        return {}
    groups = dict((g.get('group_node_type') or 'ch', g.get('nodes') or []) for g in detail.get('groups') or [])
    view = dict(id=detail.get('id'), name=detail.get('name'), engine=engine, status=detail.get('status'),
                ha_mode=detail.get('cluster_mode'))
    for group, nodes in groups.items():
        prefix = '' if engine == 'clickhouse' else group + '_'
        first = nodes[0] if nodes else {}
        volume = first.get('volume') or {}
        view[prefix + 'flavor'] = first.get('flavor_id')
        view[prefix + 'flavor_ref'] = first.get('flavor_ref')
        view[prefix + 'volume_size'] = int(int(volume.get('size') or 0) // GB)
        view[prefix + 'volume_type'] = volume.get('type')
        view[prefix + 'count'] = len(nodes)
        view[prefix + 'nodes'] = [dict(id=n.get('id'), name=n.get('name'), type=n.get('type'), status=n.get('status'))
                                  for n in nodes]
    return view


def instance_diff_view(view):
    """What gaussdb_htap_instance's diff shows: the view without its status, nodes and details."""
    return dict((k, v) for k, v in (view or {}).items() if k not in ('details', 'status') and not k.endswith('nodes'))


def instance_errors(params):
    """gaussdb_htap_instance's documented rules (4.15.3, 4.16.14) that need no request."""
    engine = params['engine']
    mode, volume_type = params['ha_mode'] or 'Single', params['volume_type'] or 'SSD'
    errors = name_errors(params['name'])
    errors += engine_only_errors(params, engine, CH_ONLY if engine == 'starrocks' else SR_ONLY)
    if mode not in MODES[engine]:
        errors.append('ha_mode of %s must be one of %s' % (engine, ', '.join(MODES[engine])))
    if params['az_mode'] == 'double' and not (engine == 'clickhouse' and mode == 'Ha'):
        errors.append('az_mode double needs engine clickhouse and ha_mode Ha')
    errors += password_errors(params['password'], GAUSSDB_PASSWORD)   # db_root_pwd (4.15.3)
    low = VOLUME_TYPES[volume_type]
    if engine == 'starrocks':
        counts = (1, 1) if mode == 'Single' else (3, 10)
        for opt in ('fe_count', 'be_count'):
            if params[opt] is not None and not counts[0] <= params[opt] <= counts[1]:
                errors.append('%s must be %d to %d in %s mode' % (opt, counts[0], counts[1], mode))
        for opt, high in (('fe_volume_size', 1000), ('be_volume_size', 32000)):
            if params[opt] is not None and (not low <= params[opt] <= high or params[opt] % 10):
                errors.append('%s must be %d to %d GB in steps of 10' % (opt, low, high))
    elif params['volume_size'] is not None and not low <= params['volume_size'] <= 32000:
        errors.append('volume_size must be %d to 32000 GB' % low)
    if params['node_id'] and params['state'] != 'restarted':
        errors.append('node_id is only used with state restarted')
    return errors


def create_defaults(params):
    """The options with their creation defaults (unset ones are not compared on an existing instance)."""
    return dict(params, ha_mode=params['ha_mode'] or 'Single', volume_type=params['volume_type'] or 'SSD')


def create_body(client, params):
    """The 4.15.3 / 4.16.14 body (flavors and the default version looked up); missing options fail."""
    p = create_defaults(params)
    engine = p['engine']
    need = ['password', 'availability_zone'] + (['fe_flavor', 'be_flavor'] if engine == 'starrocks' else ['flavor', 'volume_size'])
    refuse(required_for('creating HTAP instance %r' % p['name'], p, need))
    version = p['engine_version']
    if not version:
        stores = client.call('show_starrocks_htap_engine_resources', engine_name=ENGINES[engine]).get('datastores') or []
        if not stores:
            raise ApiError('The API offers no %s version' % engine)
        version = stores[0]['name']
    body = dict(name=p['name'], engine=dict(type=ENGINES[engine], version=version), ha=dict(mode=p['ha_mode']),
                db_root_pwd=p['password'], az_mode=p['az_mode'], az_code=p['availability_zone'],
                tags_info=dict(sys_tags=[dict(key='_sys_enterprise_project_id', value=p['enterprise_project_id'])]))
    if p['time_zone']:
        body['time_zone'] = p['time_zone']
    if engine == 'starrocks':
        default = 1 if p['ha_mode'] == 'Single' else 3
        body.update(fe_flavor_id=flavor_id(client, engine, p['fe_flavor']),
                    be_flavor_id=flavor_id(client, engine, p['be_flavor']),
                    fe_count=p['fe_count'] or default, be_count=p['be_count'] or default,
                    fe_volume=dict(io_type=p['volume_type'], capacity_in_gb=p['fe_volume_size'] or 50),
                    be_volume=dict(io_type=p['volume_type'], capacity_in_gb=p['be_volume_size'] or 50))
    else:
        body.update(flavor_id=flavor_id(client, engine, p['flavor']),
                    volume=dict(io_type=p['volume_type'], capacity_in_gb=p['volume_size']))
    return body


def expected_view(params, body):
    """What a new instance will look like (check mode, wait=false)."""
    p = create_defaults(params)
    view = dict(name=p['name'], engine=p['engine'], status='creating', ha_mode=p['ha_mode'])
    if p['engine'] == 'starrocks':
        for g in ('fe', 'be'):
            view.update({g + '_flavor': body[g + '_flavor_id'], g + '_count': body[g + '_count'],
                         g + '_volume_size': body[g + '_volume']['capacity_in_gb'], g + '_volume_type': p['volume_type']})
    else:
        view.update(flavor=body['flavor_id'], volume_size=p['volume_size'], volume_type=p['volume_type'],
                    count=2 if p['ha_mode'] == 'Ha' else 1)
    return view


def fixed_differences(client, params, current):
    """Options the API cannot change on an existing instance but that differ: InputError naming them."""
    wanted = dict(ha_mode=params['ha_mode']) if params['ha_mode'] else {}
    if params['engine'] == 'starrocks':
        for g in ('fe', 'be'):
            for opt in ('_flavor', '_count', '_volume_size'):
                if params[g + opt] is not None:
                    wanted[g + opt] = flavor_id(client, 'starrocks', params[g + opt]) if opt == '_flavor' else params[g + opt]
            if params['volume_type']:
                wanted[g + '_volume_type'] = params['volume_type']
    elif params['volume_type']:
        wanted['volume_type'] = params['volume_type']
    bad = []
    for key, value in wanted.items():
        have = current.get(key)
        if key.endswith('volume_type'):
            if have and have not in SAME_VOLUME_TYPE[value]:
                bad.append('%s (%s, wanted %s)' % (key, have, value))
        elif have is not None and have != value:
            bad.append('%s (%s, wanted %s)' % (key, have, value))
    if bad:
        raise InputError('The API cannot change these settings of existing HTAP instance %r: %s'
                         % (params['name'], '; '.join(bad)))


def plan_instance(client, owner_id, params, found, detail):
    """The plan of gaussdb_htap_instance from the listed instance ``found`` and its ``detail`` (None: absent).

    Every step is an ``apply`` function (``_instance_change``): the instance is polled instead of the task center.
    """
    engine = params['engine']
    current = instance_view(engine, detail)
    plan = Plan(current)
    target = dict(owner_id=owner_id, id=found['id'] if found else None,
                  busy=bool(found) and current.get('status') != READY)
    if params['state'] == 'absent':
        if found:
            plan.add('delete', replace_with({}), apply=_delete_instance(engine, target))
        return plan
    if not found:
        body = create_body(client, params)
        if engine == 'starrocks':
            check_starrocks_resources(client, owner_id, params, body)
        plan.add('create', _created(expected_view(params, body), target),
                 apply=_instance_change(target, _send_create(engine, owner_id, body, target)))
    else:
        fixed_differences(client, params, current)
        if engine == 'clickhouse':
            _plan_clickhouse(client, params, current, plan, target)
    if params['state'] == 'restarted':
        plan.add('restart', None, apply=_instance_change(target, _send_restart(engine, params['node_id'])))
    return plan


def _plan_clickhouse(client, params, current, plan, target):
    """Volume growth (4.16.17), then flavor change (4.16.28)."""
    size = params['volume_size']
    if size is not None and size != current.get('volume_size'):
        if size < current.get('volume_size', 0):
            raise InputError('volume_size cannot shrink from %s to %s GB' % (current['volume_size'], size))
        plan.add('volume', set_fields(volume_size=size), apply=_instance_change(target, lambda client, htap_id: client.call(
            'resize_clickhouse_up_instance_storage', instance_id=htap_id, body=dict(size_in_gb=size))))
    if params['flavor'] is not None:
        wanted = flavor_id(client, 'clickhouse', params['flavor'])
        if wanted != current.get('flavor'):
            plan.add('flavor', set_fields(flavor=wanted), apply=_instance_change(target, lambda client, htap_id: client.call(
                'update_clickhouse_instance_flavor', instance_id=htap_id,
                body=dict(flavor_ref=wanted, delay=False, instance_id=htap_id))))


def _created(expected, target):
    """The effect of a creation: the expected instance, with its id once the API gave it."""
    def effect(view):
        view.clear()
        view.update(copy.deepcopy(expected))
        if target['id']:
            view['id'] = target['id']
    return effect


def _send_create(engine, owner_id, body, target):
    def send(client, htap_id):
        response = client.call(OPS[engine]['create'], instance_id=owner_id, body=body)
        target['id'] = (response.get('instance') or {}).get('id')
        return response
    return send


def _send_restart(engine, node_id):
    def send(client, htap_id):
        if engine == 'starrocks' and node_id:
            return client.call('restart_starrocks_node', starrocks_instance_id=htap_id, starrocks_node_id=node_id)
        if engine == 'starrocks':
            return client.call('restart_starrocks_instance', starrocks_instance_id=htap_id)
        return client.call('restart_clickhouse_instance', instance_id=htap_id)
    return send


def _instance_change(target, send):
    """``apply`` of a change of the HTAP instance ``target``: ``send(client, htap_id)`` makes the call.

    The instance takes one change at a time, so a change still running is waited for first; the answer's
    job or workflow id is recorded (returned as ``job_id``, not followed in the task center); the instance
    is then polled until ``normal`` when the user waits."""
    def apply(module):
        client = module.client
        if target['busy']:
            wait_ready(client, target['owner_id'], target['id'], module.jobs.remaining())
        answer = send(client, target['id'])
        module.jobs.scheduled(dict(job_id=job_id_of(answer)))
        target['busy'] = True
        if module.jobs.wait:
            wait_ready(client, target['owner_id'], target['id'], module.jobs.remaining())
            target['busy'] = False
    return apply


def _delete_instance(engine, target):
    """``apply`` of 4.15.5 / 4.16.15; the instance is polled until it leaves the list when the user waits."""
    def apply(module):
        client = module.client
        path = (dict(starrocks_instance_id=target['id']) if engine == 'starrocks'
                else dict(clickhouse_instance_id=target['id']))
        answer = call_unless_gone(client, HTAP_NOT_FOUND, OPS[engine]['delete'], instance_id=target['owner_id'], **path)
        module.jobs.scheduled(dict(job_id=job_id_of(answer)))
        if module.jobs.wait:
            wait_gone(client, target['owner_id'], target['id'], module.jobs.remaining())
    return apply


def call_unless_gone(client, codes, operation, **call):
    """A delete; an error of ``codes`` (the resource does not exist) means it is gone already, e.g. after a
    DELETE re-sent because its first answer was lost: None then."""
    try:
        return client.call(operation, **call)
    except ApiError as exc:
        if exc.error_code not in codes:
            raise
    return None


def deleting(codes, operation, **call):
    """``apply`` of a step that deletes with ``call_unless_gone``."""
    def apply(module):
        return call_unless_gone(module.client, codes, operation, **call)
    return apply


def info_errors(params):
    """gaussdb_htap_instance_info: a GaussDB instance, or the engine catalogue, or both."""
    errors = []
    if params['resources'] and not params['engine']:
        errors.append('resources=true needs engine')
    if not (params['instance_id'] or params['instance_name'] or params['resources']):
        errors.append('one of instance_id, instance_name or resources=true is required')
    return errors


def info_instances(client, owner_id, params):
    """The HTAP instances of ``owner_id`` (of O(engine), named O(name)), with their details when asked."""
    items = [i for i in list_htap(client, owner_id, params['engine']) if not params['name'] or i.get('name') == params['name']]
    if params['details']:
        engines = dict((v, k) for k, v in ENGINES.items())
        for item in items:
            item['details'] = show(client, engines[item['engine_name']], owner_id, item['id'])
    return items


def engine_resources(client, engine):
    """What ``engine`` offers for creation: versions (4.15.9), flavors (4.15.11), storage types (4.15.10)."""
    name = ENGINES[engine]
    datastores = client.call('show_starrocks_htap_engine_resources', engine_name=name).get('datastores') or []
    version = datastores[0]['kernel_version'] if datastores else None
    params = {'version_name': version} if version else None
    return dict(datastores=datastores,
                flavors=client.call('show_starrocks_htap_flavors', params=params, engine_name=name).get('flavors') or [],
                storage_types=client.call('show_starrocks_htap_instance_storage_types', params=params,
                                          database=name).get('storage_type') or [])


# -- accounts --------------------------------------------------------------------------------
def find_account(client, engine, htap_id, name):
    """The account ``name`` (4.15.20 / 4.16.20) as gaussdb_htap_account returns it, or None."""
    items = client.paginate(OPS[engine]['users'], 'user_details', params={'user_name': name}, instance_id=htap_id)
    for item in items:
        if item.get('user_name') == name:
            # 4.15.20's table and the SDK name the list "data_bases" (its example "databases"); 4.16.20 "databases".
            databases = item.get('data_bases', item.get('databases')) or []
            return dict(user_name=name, databases=sorted(databases), dml=item.get('dml'), ddl=item.get('ddl'))
    return None


def account_view(account):
    """The account without the password a plan shows as set (never returned)."""
    return dict((k, v) for k, v in (account or {}).items() if k != 'password')


def account_errors(params):
    """gaussdb_htap_account's documented rules (4.15.21, 4.16.19, 4.15.24, 4.16.22)."""
    engine = params['engine']
    errors = htap_ref_errors(params) + account_name_errors(params['name'])
    errors += password_errors(params['password'], HTAP_ACCOUNT_PASSWORD, params['name'])
    low, high = DML[engine]
    if params['dml'] is not None and not low <= params['dml'] <= high:
        errors.append('dml of %s must be %d to %d' % (engine, low, high))
    if engine == 'clickhouse':
        errors += engine_only_errors(params, 'clickhouse', ['ddl'])
    elif params['ddl'] is not None and params['ddl'] not in (0, 1):
        errors.append('ddl must be 0 or 1')
    if params['databases'] is not None and (not params['databases'] or any(not d for d in params['databases'])):
        errors.append('databases must list at least one database name')
    return errors


def plan_account(params, htap_id, current):
    """The plan from the account ``current`` (None: absent). A password the run sets shows as a mask."""
    engine, name = params['engine'], params['name']
    ops = OPS[engine]
    plan = Plan(current)
    if params['state'] == 'absent':
        if current:
            call = dict(params={'user_name': name}) if engine == 'starrocks' else dict(user_name=name)
            plan.add('delete', replace_with({}), apply=deleting(ACCOUNT_NOT_FOUND, ops['delete_user'],
                                                                instance_id=htap_id, **call))
        return plan
    if current is None:
        refuse(required_for('creating account %r' % name, params, ('password', 'databases')))
        body = dict(user_name=name, password=params['password'], databases=params['databases'])
        for opt in ('dml', 'ddl'):
            if params[opt] is not None:
                body[opt] = params[opt]
        created = dict(user_name=name, databases=sorted(set(params['databases'])),
                       dml=params['dml'] if params['dml'] is not None else 2, ddl=params['ddl'] or 0, password=MASK)
        plan.add('create', replace_with(created), ops['create_user'], body=body, instance_id=htap_id)
        return plan
    wanted = dict(databases=sorted(set(params['databases'])) if params['databases'] is not None else None,
                  dml=params['dml'], ddl=params['ddl'])
    changed = dict((k, v) for k, v in wanted.items() if v is not None and v != current.get(k))
    if changed:
        after = dict(current, **changed)
        # 4.16.22 requires databases and dml; 4.15.24 takes what changes. Both get the full set.
        body = dict(user_name=name, databases=after['databases'], dml=after['dml'])
        if engine == 'starrocks':
            body['ddl'] = after['ddl']
        plan.add('privileges', set_fields(**changed), ops['permission'], body=body, instance_id=htap_id)
    if params['password'] and params['update_password'] == 'always':
        plan.add('password', set_fields(password=MASK), ops['password'],
                 body=dict(user_name=name, password=params['password']), instance_id=htap_id)
    return plan


# -- data synchronization ----------------------------------------------------------------------
# 4.16.23 takes no table range: a new ClickHouse synchronization copies every table, which 4.16.12's example
# shows as a black list of no table. 4.16.26 changes the tables of a range, never its list type.
NEW_RANGE_TYPE = 'black_list'
NO_CHANGE = dict(repl_type=None, tables=None)


def list_syncs(client, engine, htap_id):
    return client.paginate(OPS[engine]['syncs'], 'replications', instance_id=htap_id)


def sync_key(params):
    """StarRocks tasks are named (task_name); a ClickHouse sync is known by its database."""
    return params['task_name'] if params['engine'] == 'starrocks' else params['source_database']


def key_of(engine, item):
    """The key of a listed synchronization (its task or its database)."""
    if engine == 'starrocks':
        return item.get('task_name')
    # 4.16.24's example leaves source_database out of some items: target_database has the same name there.
    return item.get('source_database') or item.get('target_database')


def find_sync(client, engine, htap_id, key):
    return next((item for item in list_syncs(client, engine, htap_id) if key_of(engine, item) == key), None)


def sync_configuration(client, engine, htap_id, key):
    """4.15.17 / 4.16.12: the configuration of one synchronization, read as the tables write it: ``database_info`` an
    object and ``table_infos`` (4.15.17's example prints a one-item list and ``table_info``)."""
    ops = OPS[engine]
    data = dict(client.call(ops['config'], params={ops['config_key']: key}, instance_id=htap_id) or {})
    info = data.get('database_info')
    if isinstance(info, list):
        data['database_info'] = info[0] if info else {}
    if 'table_infos' not in data and 'table_info' in data:
        data['table_infos'] = data.pop('table_info')
    return data


def wants_range(params):
    """Whether gaussdb_htap_sync manages the table range (O(tables), O(cancel_table_change)): only then is the
    configuration read."""
    return params['state'] != 'absent' and (params.get('tables') is not None or bool(params.get('cancel_table_change')))


def read_sync(client, params, htap_id):
    """gaussdb_htap_sync's synchronization (None: absent), with its ``configuration`` when the range is managed."""
    engine, key = params['engine'], sync_key(params)
    sync = find_sync(client, engine, htap_id, key)
    if sync and wants_range(params):
        sync = dict(sync, configuration=sync_configuration(client, engine, htap_id, key))
    return sync


def is_paused(sync):
    return str((sync or {}).get('stage') or '').lower() == 'paused'


def table_change_pending(config):
    """4.16.12: a table-range change (4.16.26) is still running."""
    return bool((config or {}).get('is_tables_change'))


def table_range(config):
    """(list type, sorted tables) of the range the synchronization has, or moves to while a change runs."""
    config = config or {}
    pending = table_change_pending(config) and (config.get('new_table_repl_config') or {}).get('repl_type')
    shown = (config.get('new_table_repl_config') if pending else config.get('table_repl_config')) or {}
    return shown.get('repl_type'), sorted(set(shown.get('tables') or []))


def sync_view(sync):
    """What gaussdb_htap_sync's diff shows."""
    if not sync:
        return {}
    view = dict((k, sync.get(k)) for k in ('task_name', 'source_database', 'target_database') if sync.get(k))
    view['paused'] = is_paused(sync)
    config = sync.get('configuration')
    if config is not None:
        list_type, tables = table_range(config)
        view.update(table_list_type=list_type, tables=tables, table_change_pending=table_change_pending(config))
    return view


def sync_errors(params):
    """gaussdb_htap_sync's documented rules (4.15.13, 4.16.23, 4.16.26)."""
    errors = []
    tables, cancel = params.get('tables'), params.get('cancel_table_change')
    if params['engine'] == 'starrocks':
        if not params['task_name']:
            errors.append('task_name is required for starrocks')
        errors += task_name_errors(params['task_name'], 'task_name')
        errors += task_name_errors(params['target_database'], 'target_database')
        source = params['source_database']
        if source is not None and not (3 <= len(source) <= 1024 and not task_name_errors(source[:128], 'x')):
            errors.append('source_database %r must be 3 to 1024 letters, digits or "_"' % source)
        errors += ['%s is only used by engine clickhouse' % opt for opt, value in
                   (('tables', tables is not None), ('cancel_table_change', cancel)) if value]
    else:
        errors += engine_only_errors(params, 'clickhouse', ['task_name', 'target_database'])
        if not params['source_database']:
            errors.append('source_database is required for clickhouse')
        if params['state'] == 'paused':
            errors.append('clickhouse synchronizations cannot be paused (no API)')
    if params['state'] == 'absent' and (tables is not None or cancel):
        errors.append('tables and cancel_table_change are not used with state=absent')
    # 4.16.26 sends the range as one comma-separated string.
    errors += ['table name %r must not be empty or contain ","' % t for t in tables or [] if not t or ',' in t]
    return errors


def plan_sync(params, owner_id, htap_id, current):
    """The plan from the synchronization ``current`` (None: absent); its jobs are waited for in the task center."""
    engine = params['engine']
    ops, key = OPS[engine], sync_key(params)
    plan = Plan(current)
    if params['state'] == 'absent':
        if current:
            call = dict(body=dict(task_name=key)) if engine == 'starrocks' else dict(database_name=key)
            plan.add('delete', replace_with({}), apply=deleting(SYNC_NOT_FOUND, ops['delete_sync'],
                                                                instance_id=htap_id, **call))
        return plan
    after = current
    if current is None:
        if not params['source_database']:
            raise InputError('source_database is required to create task %r' % params['task_name'])
        body = dict(source_instance_id=owner_id, source_database=params['source_database'])
        if params['source_node_id']:
            body['source_node_id'] = params['source_node_id']
        after = dict(source_database=params['source_database'], status='Yes', stage='wait')
        if engine == 'starrocks':
            target = params['target_database'] or params['source_database']
            body.update(target_database=target, task_name=key)
            after.update(task_name=key, target_database=target)
        else:
            after.update(target_database=params['source_database'], status='normal')
            if wants_range(params):
                after['configuration'] = dict(table_repl_config=dict(repl_type=NEW_RANGE_TYPE, tables=[]),
                                              is_tables_change=False, new_table_repl_config=dict(NO_CHANGE))
        plan.add('create', replace_with(after), ops['create_sync'], body=body, instance_id=htap_id)
    elif engine == 'starrocks':
        wanted = dict(source_database=params['source_database'], target_database=params['target_database'])
        bad = ['%s (%s, wanted %s)' % (k, current.get(k), v) for k, v in sorted(wanted.items())
               if v is not None and v != current.get(k)]
        if bad:
            raise InputError('The API cannot change task %r: %s' % (key, '; '.join(bad)))
    if engine == 'starrocks' and (params['state'] == 'paused') != is_paused(after):
        pause = params['state'] == 'paused'
        plan.add('pause' if pause else 'resume', set_fields(stage='paused' if pause else 'incremental'),
                 ops['pause_sync' if pause else 'resume_sync'], body=dict(task_name=key), instance_id=htap_id)
    if engine == 'clickhouse' and wants_range(params):
        _plan_table_range(plan, params, owner_id, htap_id, after)
    return plan


def range_change(config, wanted):
    """(list type, tables) of the 4.16.26 change that gives the synchronization the tables ``wanted``; None when
    it has them or is moving to them. The list type stays the synchronization's own (4.16.26 cannot change it)."""
    list_type, have = table_range(config)
    want = sorted(set(wanted))
    if want == have:
        return None
    if list_type == 'white_list' and not want:
        raise InputError('tables: the white list of the synchronization needs at least one table (4.16.26)')
    return list_type or NEW_RANGE_TYPE, want


def _plan_table_range(plan, params, owner_id, htap_id, sync):
    """O(cancel_table_change) (4.16.27, only while a change runs) or O(tables) (4.16.26) of ClickHouse ``sync``."""
    config = sync.get('configuration')
    key = params['source_database']
    if params.get('cancel_table_change'):
        if table_change_pending(config):
            plan.add('cancel table change', _range_effect(None, None, False), OPS['clickhouse']['cancel_tables'],
                     params={'database': key}, instance_id=htap_id)
        return
    change = range_change(config, params['tables'])
    if change is None:
        return
    list_type, tables = change
    # 4.16.26's table writes the value as a list of one object, '[{"white_list":"t1,t2"}]' (its example without
    # the list): the table is followed.
    body = dict(source_instance_id=config.get('source_instance_id') or owner_id,
                source_node_id=config.get('source_node_id') or params['source_node_id'] or '', database=key,
                value=json.dumps([{list_type: ','.join(tables)}]))
    plan.add('tables', _range_effect(list_type, tables, not params.get('wait', True)), OPS['clickhouse']['set_tables'],
             body=body, instance_id=htap_id)


def _range_effect(list_type, tables, pending):
    """The effect of 4.16.26 (the range ``list_type``/``tables``, still running when ``pending``) or, with
    ``list_type`` None, of 4.16.27 on the synchronization's configuration."""
    def effect(view):
        config = view.setdefault('configuration', {})
        if list_type is None:
            config.update(is_tables_change=False, new_table_repl_config=dict(NO_CHANGE))
        elif pending:
            config.update(is_tables_change=True, new_table_repl_config=dict(repl_type=list_type, tables=list(tables)))
        else:
            config.update(is_tables_change=False, table_repl_config=dict(repl_type=list_type, tables=list(tables)),
                          new_table_repl_config=dict(NO_CHANGE))
    return effect


def precheck_sync(client, params, owner_id, htap_id, current):
    """The API's check of what plan_sync creates or changes, sent while planning (check mode too): 4.15.16 / 4.16.9
    before a synchronization is created (with the range O(tables) gives a new ClickHouse one), 4.16.10 before the
    table range of a ClickHouse synchronization changes. A check the API refuses fails with its error (a missing
    database DBS.200823, missing tables DBS.05000048, a task or database that exists DBS.05000079); a result other
    than ``success`` fails naming the parameters or tables."""
    if params['state'] == 'absent':
        return
    engine, key = params['engine'], sync_key(params)
    node = dict(source_node_id=params['source_node_id']) if params['source_node_id'] else {}
    if current is None and engine == 'starrocks':
        body = dict(node, source_instance_id=owner_id, source_database_name=params['source_database'],
                    target_database_name=params['target_database'] or params['source_database'], task_name=key)
        answer = client.call(OPS[engine]['check_sync'], body=body, instance_id=htap_id, idempotent=True)
        results = (answer.get('source_db_config_check_results') or []) + (answer.get('target_db_config_check_results') or [])
        _check_results('4.15.16', key, results, 'param_name', 'value')
    elif current is None:
        tables = sorted(set(params.get('tables') or []))
        body = dict(node, source_instance_id=owner_id, source_database_name=key, db_configs=[],
                    table_repl_config=dict(repl_type=NEW_RANGE_TYPE, tables=tables))
        answer = client.call(OPS[engine]['check_sync'], body=body, instance_id=htap_id, idempotent=True)
        _check_results('4.16.9', key, answer.get('db_config_check_results'), 'param_name', 'value')
    elif engine == 'clickhouse' and params.get('tables') is not None:
        config = current.get('configuration') or {}
        change = range_change(config, params['tables'])
        if change is None:
            return
        # The synchronization's own parameter values (4.16.12) as the required db_configs; no table override.
        configs = [dict(param_name=r.get('param_name'), value=r.get('value'))
                   for r in (config.get('database_info') or {}).get('db_config_check_results') or []]
        body = dict(source_instance_id=config.get('source_instance_id') or owner_id, source_database_name=key,
                    db_configs=configs, tables_configs=[], table_repl_config=dict(repl_type=change[0], tables=change[1]))
        if config.get('source_node_id'):
            body['source_node_id'] = config['source_node_id']
        answer = client.call(OPS[engine]['check_tables'], body=body, instance_id=htap_id, idempotent=True)
        _check_results('4.16.10', key, answer.get('table_config_check_results'), 'table_name', 'table_config')


def _check_results(section, key, results, name, value):
    failed = [r for r in results or [] if str(r.get('check_result')).lower() != 'success']
    if failed:
        raise ApiError('The synchronization check (%s) of %r did not pass: %s' % (
            section, key, '; '.join('%s=%s: %s' % (r.get(name), r.get(value), r.get('check_result')) for r in failed)),
            error_code=PRECHECK_FAILED)


# -- synchronization reads (gaussdb_htap_sync_info) -------------------------------------------------------
def sync_info_errors(params):
    errors = htap_ref_errors(params)
    if params['engine'] == 'clickhouse':
        errors += engine_only_errors(params, 'clickhouse', ['task_name'])
    return errors


def sync_info(client, engine, htap_id, params):
    """gaussdb_htap_sync_info's result: the synchronizations (4.15.15 / 4.16.24; those of O(task_name) and
    O(source_database) when given), each with its ``configuration`` (4.15.17 / 4.16.12, one request per listed
    synchronization) with O(configuration); the engine's databases (4.15.19 / 4.16.11) with O(databases); the
    synchronization's database parameters (4.15.18 / 4.16.13) with O(parameters). Nothing is read unless asked."""
    def source_of(item):
        return key_of(engine, item) if engine == 'clickhouse' else item.get('source_database')
    syncs = [s for s in list_syncs(client, engine, htap_id)
             if all((not params.get('task_name') or s.get('task_name') == params['task_name'],
                     not params['source_database'] or source_of(s) == params['source_database']))]
    if params['configuration']:
        for item in syncs:
            item['configuration'] = sync_configuration(client, engine, htap_id, key_of(engine, item))
    result = dict(syncs=syncs)
    if params['databases']:
        result['databases'] = client.paginate(OPS[engine]['databases'], 'databases', instance_id=htap_id)
    if params['parameters']:
        data = client.call(OPS[engine]['parameters'], instance_id=htap_id)
        # 4.15.18's table names the list db_parameter_s; its example and the SDK db_parameters.
        result['db_parameters'] = data.get('db_parameters', data.get('db_parameter_s')) or []
    return result


# -- ClickHouse logs (4.16.2-4.16.8) -----------------------------------------------------------
CH_LOG_OPS = dict(nodes='list_clickhouse_nodes_error_slow_logs', slow_logs='show_clickhouse_slow_logs',
                  set_masking='update_clickhouse_slow_log_masking_status',
                  show_masking='show_clickhouse_slow_log_masking_status',
                  lts='list_clickhouse_lts_log_configurations', create_lts='batch_clickhouse_create_lts_log_configurations',
                  delete_lts='batch_clickhouse_remove_lts_log_configurations')
CH_LTS_LOG_TYPE = 'slow_log'   # 4.16.7 / 4.16.8: "当前仅支持slow_log"
LTS_FIELDS = ('lts_group_id', 'lts_stream_id')
LOG_SUBSETS = ('nodes', 'slow_logs', 'masking', 'lts_configs')
SLOW_LOG_OPTIONS = ('nodes', 'start_time', 'end_time', 'sql_type', 'database')
DEFAULT_LOG_SPAN = 86400
MAX_LOG_LIMIT = 10000
CLICKHOUSE_REF_ARGUMENT_SPEC = dict(
    htap_instance_id=dict(type='str'),
    htap_instance_name=dict(type='str'),
    instance_id=dict(type='str'),
    instance_name=dict(type='str'),
)


def clickhouse_ref_kwargs(**extra):
    """AnsibleModule keyword arguments of the ClickHouse-only modules, plus the module's own ``extra`` lists."""
    kwargs = dict(mutually_exclusive=[('instance_id', 'instance_name'), ('htap_instance_id', 'htap_instance_name')],
                  required_one_of=[('htap_instance_id', 'htap_instance_name', 'instance_id', 'instance_name')])
    for key, value in extra.items():
        kwargs[key] = kwargs.get(key, []) + list(value)
    return kwargs


def target_clickhouse(module):
    """The ClickHouse instance id: O(htap_instance_id) as given; O(htap_instance_name) among the instances of the
    GaussDB instance; or, with the GaussDB instance alone, its only ClickHouse instance.

    The GaussDB instance is resolved only when needed, so an HTAP id costs no request.
    """
    params = module.params
    if params.get('htap_instance_id') or params.get('htap_instance_name'):
        return target_htap(module, 'clickhouse')
    owner_id = module.target_instance_id()
    mine = list_htap(module.client, owner_id, 'clickhouse')
    if len(mine) != 1:
        raise InputError('GaussDB instance %s has %s ClickHouse instances: give htap_instance_id or '
                         'htap_instance_name%s' % (owner_id, len(mine) or 'no',
                                                   ' (%s)' % ', '.join(sorted(i['id'] for i in mine)) if mine else ''))
    return mine[0]['id']


def clickhouse_nodes(client, htap_id):
    """4.16.2: [{node_id, node_name, role}]."""
    items = client.call(CH_LOG_OPS['nodes'], instance_id=htap_id).get('node_list') or []
    return [dict(node_id=n.get('node_id'), node_name=n.get('node_name'), role=n.get('role')) for n in items]


def select_clickhouse_nodes(nodes, wanted):
    """The nodes named by id or name in ``wanted`` (all when empty); unknown ones fail, listing the nodes."""
    if not wanted:
        return nodes
    chosen, unknown = [], []
    for item in wanted:
        match = [n for n in nodes if item in (n['node_id'], n['node_name'])]
        if not match:
            unknown.append(item)
        elif match[0] not in chosen:
            chosen.append(match[0])
    if unknown:
        raise InputError('The ClickHouse instance has no node %s; its nodes are %s'
                         % (', '.join(unknown), ', '.join('%s (%s)' % (n['node_name'], n['node_id']) for n in nodes)))
    return chosen


def clickhouse_slow_log_fetcher(client, htap_id, node_id, query):
    """``fetch(line_num, size)`` for gaussdb_ops.paginate_lines over 4.16.3 (``query``: start/end time, filters)."""
    def fetch(line_num, size):
        body = dict(query, node_id=node_id, limit=size)
        if line_num is not None:
            body['line_num'] = line_num
        # A query sent as POST: safe to send again after a lost answer.
        return client.call(CH_LOG_OPS['slow_logs'], body=body, instance_id=htap_id, idempotent=True).get('slow_log_list')
    return fetch


def clickhouse_masking(client, htap_id):
    """4.16.5: whether slow-log statements are masked (the String "true"/"false")."""
    value = client.call(CH_LOG_OPS['show_masking'], instance_id=htap_id).get('open_slow_log_switch')
    return str(value).strip().lower() == 'true'


def clickhouse_lts_configs(client, htap_id):
    """4.16.6: ``{log_type: {log_type, lts_group_id, lts_stream_id, enabled}}`` of one ClickHouse instance."""
    items = client.paginate(CH_LOG_OPS['lts'], 'instance_lts_configs', params={'instance_id': htap_id})
    found = {}
    for item in items:
        if (item.get('instance') or {}).get('id') != htap_id:
            continue
        for config in item.get('lts_configs') or []:
            found[config.get('log_type')] = dict(log_type=config.get('log_type'), lts_group_id=config.get('lts_group_id'),
                                                 lts_stream_id=config.get('lts_stream_id'),
                                                 enabled=config.get('enabled', True))
    return found


def log_info_input(params):
    """gaussdb_htap_log_info's rules: ``(window, errors)``, the slow-log window as the API takes it."""
    wanted = set(params['gather_subset'])
    errors = htap_ref_errors(params)
    if not wanted:
        errors.append('gather_subset must name at least one of %s' % ', '.join(LOG_SUBSETS))
    start, end, window_errors = time_window(params['start_time'], params['end_time'], DEFAULT_LOG_SPAN)
    errors += window_errors
    if not 1 <= params['limit'] <= MAX_LOG_LIMIT:
        errors.append('limit must be between 1 and %d' % MAX_LOG_LIMIT)
    if 'slow_logs' not in wanted:
        errors += ['%s needs slow_logs in gather_subset' % opt for opt in SLOW_LOG_OPTIONS if params[opt]]
    return (api_time(start), api_time(end)), errors


def read_logs(client, htap_id, params, window):
    """gaussdb_htap_log_info's result keys for ``gather_subset``."""
    wanted = set(params['gather_subset'])
    result = {}
    if wanted & set(('nodes', 'slow_logs')):
        result['nodes'] = clickhouse_nodes(client, htap_id)
    if 'slow_logs' in wanted:
        query = dict(start_time=window[0], end_time=window[1], operate_type=params['sql_type'], database=params['database'])
        query = dict((k, v) for k, v in query.items() if v)
        chosen = select_clickhouse_nodes(result['nodes'], params['nodes'])
        per_node = [paginate_lines(clickhouse_slow_log_fetcher(client, htap_id, n['node_id'], query), params['limit'])
                    for n in chosen]
        result.update(start_time=window[0], end_time=window[1], slow_logs=merge_lines(per_node, params['limit']))
    if 'masking' in wanted:
        result['slow_log_masking'] = clickhouse_masking(client, htap_id)
    if 'lts_configs' in wanted:
        configs = clickhouse_lts_configs(client, htap_id)
        result['lts_configs'] = [configs[t] for t in sorted(configs)]
    return result


def log_config_errors(params):
    errors = htap_ref_errors(params)
    errors += uuid_errors(params['lts_group_id'], 'lts_group_id') + uuid_errors(params['lts_stream_id'], 'lts_stream_id')
    if params['state'] == 'absent':
        errors += ['%s is not used with state=absent' % f for f in LTS_FIELDS if params[f] is not None]
    return errors


def read_log_config(client, htap_id):
    """gaussdb_htap_log_config's view: the masking switch and the slow log's LTS configuration ({} for none)."""
    return dict(slow_log_masking=clickhouse_masking(client, htap_id),
                lts_config=clickhouse_lts_configs(client, htap_id).get(CH_LTS_LOG_TYPE) or {})


def plan_log_config(htap_id, params, current):
    """The masking switch (4.16.4), then the slow log's LTS configuration (4.16.7 sets, 4.16.8 removes)."""
    plan = Plan(current)
    masking = params['slow_log_masking']
    if masking is not None and masking != current['slow_log_masking']:
        # 4.16.4 takes the switch as a String, "true" or "false".
        plan.add('masking', set_fields(slow_log_masking=masking), CH_LOG_OPS['set_masking'], instance_id=htap_id,
                 body={'open_slow_log_switch': 'true' if masking else 'false'})
    have = current['lts_config']
    if params['state'] == 'absent':
        want = {}
    elif params['lts_group_id'] is None:
        want = have
    else:
        want = dict(log_type=CH_LTS_LOG_TYPE, lts_group_id=params['lts_group_id'],
                    lts_stream_id=params['lts_stream_id'], enabled=True)
    if any(want.get(f) != have.get(f) for f in LTS_FIELDS):
        item = dict(instance_id=htap_id, log_type=CH_LTS_LOG_TYPE)
        if want:
            # 4.16.7 replaces the configuration of a log type: sending it again after a lost answer is safe.
            item.update((f, params[f]) for f in LTS_FIELDS)
            plan.add('lts', set_fields(lts_config=want), CH_LOG_OPS['create_lts'], body={'log_configs': [item]},
                     idempotent=True)
        else:
            plan.add('lts', set_fields(lts_config={}), CH_LOG_OPS['delete_lts'], body={'log_configs': [item]},
                     idempotent=True)
    return plan
