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
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
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
    return (response.get('job_id') or response.get('workflow_id') or (response.get('instance') or {}).get('job_id')
            or response.get('result'))


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
def list_syncs(client, engine, htap_id):
    return client.paginate(OPS[engine]['syncs'], 'replications', instance_id=htap_id)


def sync_key(params):
    """StarRocks tasks are named (task_name); a ClickHouse sync is known by its database."""
    return params['task_name'] if params['engine'] == 'starrocks' else params['source_database']


def find_sync(client, engine, htap_id, key):
    field = 'task_name' if engine == 'starrocks' else 'source_database'
    for item in list_syncs(client, engine, htap_id):
        # 4.16.24's example leaves source_database out of some items: target_database has the same name there.
        value = item.get(field) or (item.get('target_database') if engine == 'clickhouse' else None)
        if value == key:
            return item
    return None


def is_paused(sync):
    return str((sync or {}).get('stage') or '').lower() == 'paused'


def sync_view(sync):
    """What gaussdb_htap_sync's diff shows."""
    if not sync:
        return {}
    view = dict((k, sync.get(k)) for k in ('task_name', 'source_database', 'target_database') if sync.get(k))
    view['paused'] = is_paused(sync)
    return view


def sync_errors(params):
    """gaussdb_htap_sync's documented rules (4.15.13, 4.16.23)."""
    errors = []
    if params['engine'] == 'starrocks':
        if not params['task_name']:
            errors.append('task_name is required for starrocks')
        errors += task_name_errors(params['task_name'], 'task_name')
        errors += task_name_errors(params['target_database'], 'target_database')
        source = params['source_database']
        if source is not None and not (3 <= len(source) <= 1024 and not task_name_errors(source[:128], 'x')):
            errors.append('source_database %r must be 3 to 1024 letters, digits or "_"' % source)
    else:
        errors += engine_only_errors(params, 'clickhouse', ['task_name', 'target_database'])
        if not params['source_database']:
            errors.append('source_database is required for clickhouse')
        if params['state'] == 'paused':
            errors.append('clickhouse synchronizations cannot be paused (no API)')
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
    return plan


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
