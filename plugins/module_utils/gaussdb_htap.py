# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTAP instances of a GaussDB(for MySQL) instance: StarRocks (seed 002 §4.15) and ClickHouse (§4.16).

Shared by gaussdb_htap_instance[_info], gaussdb_htap_account, gaussdb_htap_sync and the ClickHouse log modules
gaussdb_htap_log_info / gaussdb_htap_log_config: the per-engine operation names, the documented input rules
(checked before any request), lookups by name (4.15.12 lists both engines of one GaussDB instance), waits,
and the account, synchronization and log readers.

Readings of the reference (also noted where applied):
- The account, restart and synchronization paths take the HTAP instance's id in ``{instance_id}`` (their
  tables say "StarRocks/ClickHouse实例ID"), even where an example shows a GaussDB id: the tables are followed.
- HTAP changes answer a ``job_id`` or ``workflow_id`` whose task-center visibility the reference does not
  state: instance changes are followed by polling the instance's status in 4.15.12 (``normal`` = done);
  synchronization jobs through the task center (4.13.1), since a synchronization has no status of its own
  that says a change is finished.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import string

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import target_instance_id
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError

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
HTAP_NOT_FOUND = 'DBS.200022'   # the HTAP examples' "instance does not exist"

# 4.15.3 / 4.16.14: 4-64 characters, a letter first, then letters, digits, '-' and '_'.
_NAME = re.compile(r'^[A-Za-z][A-Za-z0-9_-]{3,63}$')
# 4.15.21 / 4.16.19: 2-32 characters, a lower-case letter first, a lower-case letter or digit last.
_ACCOUNT = re.compile(r'^[a-z][a-z0-9_]{0,30}[a-z0-9]$')
_TASK = re.compile(r'^[A-Za-z0-9_]{3,128}$')
ROOT_PASSWORD_SPECIALS = '~!@#$%^*-_=+?,()&'   # db_root_pwd (4.15.3)
ACCOUNT_PASSWORD_SPECIALS = '~!@#%^*-_=+?,'     # account passwords (4.15.21, 4.16.19)
VOLUME_TYPES = {'SSD': 50, 'ESSD': 40}          # smallest sizes: 4.15.10's min_volume_size
DML = {'starrocks': (0, 3), 'clickhouse': (1, 2)}


# -- input rules ------------------------------------------------------------------------------
def name_errors(name):
    if not _NAME.match(name or ''):
        return ['HTAP instance name %r must be 4 to 64 letters, digits, "-" or "_", starting with a letter' % (name,)]
    return []


def password_errors(password, specials, user_name=None, what='password'):
    """8-32 characters, three of upper, lower, digits and ``specials``; never quotes the password."""
    if password is None:
        return []
    errors = []
    if not 8 <= len(password) <= 32:
        errors.append('%s must be 8 to 32 characters long' % what)
    classes = (string.ascii_uppercase, string.ascii_lowercase, string.digits, specials)
    if any(not any(c in chars for chars in classes) for c in password):
        errors.append('%s may only contain letters, digits and %s' % (what, specials))
    if sum(any(c in chars for c in password) for chars in classes) < 3:
        errors.append('%s must contain three of: upper-case letters, lower-case letters, digits, %s'
                      % (what, specials))
    if user_name and password in (user_name, user_name[::-1]):
        errors.append('%s must differ from the account name and the name spelled backwards' % what)
    return errors


def account_name_errors(name):
    if not _ACCOUNT.match(name or ''):
        return ['account name %r must be 2 to 32 lower-case letters, digits or "_", starting with a letter and '
                'ending with a letter or digit' % (name,)]
    return []


def task_name_errors(value, what):
    if value is not None and not _TASK.match(value):
        return ['%s %r must be 3 to 128 letters, digits or "_"' % (what, value)]
    return []


def engine_only_errors(params, engine, options):
    """Options of the other engine are refused rather than silently ignored."""
    return ['option %s is not used by engine %s' % (opt, engine) for opt in options if params.get(opt) is not None]


def fail_on(module, errors):
    if errors:
        module.fail_json(msg='Invalid input: ' + '; '.join(errors))


# -- the HTAP instance ------------------------------------------------------------------------
HTAP_ARGUMENT_SPEC = dict(
    htap_instance_id=dict(type='str'),
    htap_instance_name=dict(type='str'),
)


def list_htap(client, owner_id, engine=None):
    """4.15.12: the HTAP instances of a GaussDB instance (both engines), optionally one engine."""
    items = client.call('list_starrocks_htap_instances', instance_id=owner_id).get('instances') or []
    return [i for i in items if engine is None or i.get('engine_name') == ENGINES[engine]]


def find_by_name(module, client, owner_id, engine, name):
    """The one HTAP instance of ``engine`` named ``name``; names may repeat (4.15.3), so ambiguity fails."""
    matches = [i for i in list_htap(client, owner_id, engine) if i.get('name') == name]
    if len(matches) > 1:
        module.fail_json(msg='HTAP instance name %r is ambiguous: %s' % (name, ', '.join(sorted(m['id'] for m in matches))))
    return matches[0] if matches else None


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


def target_htap(module, owner_id=None, engine=None):
    """The HTAP instance id: given, or looked up by name among the owner's instances of the engine
    (O(engine), or ``engine`` for modules of one engine)."""
    params = module.params
    engine = engine or params['engine']
    if params.get('htap_instance_id'):
        return params['htap_instance_id']
    if not owner_id:
        module.fail_json(msg='htap_instance_name needs instance_id or instance_name (the GaussDB instance it belongs to)')
    found = find_by_name(module, module.client, owner_id, engine, params['htap_instance_name'])
    if found is None:
        module.fail_json(msg='No %s HTAP instance is named %r' % (engine, params['htap_instance_name']))
    return found['id']


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


# -- accounts --------------------------------------------------------------------------------
def find_account(client, engine, htap_id, name):
    items = client.paginate(OPS[engine]['users'], 'user_details', params={'user_name': name}, instance_id=htap_id)
    for item in items:
        if item.get('user_name') == name:
            # 4.15.20's table names the list "data_bases", its example (and the SDK) "databases".
            databases = item.get('databases', item.get('data_bases')) or []
            return dict(user_name=name, databases=sorted(databases), dml=item.get('dml'), ddl=item.get('ddl'))
    return None


# -- data synchronization ----------------------------------------------------------------------
def list_syncs(client, engine, htap_id):
    return client.paginate(OPS[engine]['syncs'], 'replications', instance_id=htap_id)


def find_sync(client, engine, htap_id, key):
    """StarRocks tasks are named (task_name); a ClickHouse sync is known by its database."""
    field = 'task_name' if engine == 'starrocks' else 'source_database'
    for item in list_syncs(client, engine, htap_id):
        # 4.16.24's example leaves source_database out of some items: target_database has the same name there.
        value = item.get(field) or (item.get('target_database') if engine == 'clickhouse' else None)
        if value == key:
            return item
    return None


def is_paused(sync):
    return str((sync or {}).get('stage') or '').lower() == 'paused'


# -- ClickHouse logs (4.16.2-4.16.8) -----------------------------------------------------------
CH_LOG_OPS = dict(nodes='list_clickhouse_nodes_error_slow_logs', slow_logs='show_clickhouse_slow_logs',
                  set_masking='update_clickhouse_slow_log_masking_status',
                  show_masking='show_clickhouse_slow_log_masking_status',
                  lts='list_clickhouse_lts_log_configurations', create_lts='batch_clickhouse_create_lts_log_configurations',
                  delete_lts='batch_clickhouse_remove_lts_log_configurations')
CH_LTS_LOG_TYPE = 'slow_log'   # 4.16.7 / 4.16.8: "当前仅支持slow_log"
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
    if params.get('htap_instance_id'):
        return params['htap_instance_id']
    owner_id = target_instance_id(module) if (params.get('instance_id') or params.get('instance_name')) else None
    if params.get('htap_instance_name'):
        return target_htap(module, owner_id, engine='clickhouse')
    mine = list_htap(module.client, owner_id, 'clickhouse')
    if len(mine) != 1:
        module.fail_json(msg='GaussDB instance %s has %s ClickHouse instances: give htap_instance_id or '
                             'htap_instance_name%s' % (owner_id, len(mine) or 'no',
                                                       ' (%s)' % ', '.join(sorted(i['id'] for i in mine)) if mine else ''))
    return mine[0]['id']


def clickhouse_nodes(client, htap_id):
    """4.16.2: [{node_id, node_name, role}]."""
    items = client.call(CH_LOG_OPS['nodes'], instance_id=htap_id).get('node_list') or []
    return [dict(node_id=n.get('node_id'), node_name=n.get('node_name'), role=n.get('role')) for n in items]


def select_clickhouse_nodes(module, nodes, wanted):
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
        module.fail_json(msg='The ClickHouse instance has no node %s; its nodes are %s'
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
