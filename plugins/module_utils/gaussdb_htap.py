# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTAP instances of a GaussDB(for MySQL) instance: StarRocks (seed 002 §4.15) and ClickHouse (§4.16).

Shared by gaussdb_htap_instance[_info], gaussdb_htap_account and gaussdb_htap_sync: the per-engine operation
names, the documented input rules (checked before any request), lookups by name (4.15.12 lists both engines
of one GaussDB instance), waits, and the account and synchronization readers.

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


def target_htap(module, owner_id=None):
    """The HTAP instance id: given, or looked up by name among the owner's instances of the engine."""
    params = module.params
    if params.get('htap_instance_id'):
        return params['htap_instance_id']
    if not owner_id:
        module.fail_json(msg='htap_instance_name needs instance_id or instance_name (the GaussDB instance it belongs to)')
    found = find_by_name(module, module.client, owner_id, params['engine'], params['htap_instance_name'])
    if found is None:
        module.fail_json(msg='No %s HTAP instance is named %r' % (params['engine'], params['htap_instance_name']))
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
