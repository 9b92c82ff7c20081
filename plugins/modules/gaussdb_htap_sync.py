#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_htap_sync
short_description: Manage a data synchronization from a GaussDB(for MySQL) database into an HTAP instance
version_added: 0.1.0
description:
  - Synchronize a database of a GaussDB(for MySQL) instance into its StarRocks instance (a named task,
    seed sections 4.15.1, 4.15.2, 4.15.13-4.15.15) or ClickHouse instance (known by its database, 4.16.23-4.16.25),
    pause or resume a StarRocks task, or delete the synchronization.
  - The source is always the GaussDB instance the HTAP instance belongs to (O(instance_id) or O(instance_name)).
  - The API cannot change the databases of an existing task; the module fails when they differ.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  task_name:
    description:
      - StarRocks only, required there. Task name, 3 to 128 letters, digits or V(_).
    type: str
  source_database:
    description:
      - Database of the GaussDB instance to synchronize (it must exist). Required to create, and for
        ClickHouse always (it names the synchronization). StarRocks allows 3 to 1024 letters, digits or V(_).
    type: str
  target_database:
    description:
      - StarRocks only. Database created in StarRocks, 3 to 128 letters, digits or V(_). Defaults to
        O(source_database). ClickHouse always uses the source's name.
    type: str
  source_node_id:
    description:
      - A read-only node of the GaussDB instance to read from; the primary node when not given. Creation only.
    type: str
  state:
    description:
      - V(present) (running; a paused StarRocks task is resumed), V(paused) (StarRocks only; created paused if
        needed) or V(absent).
    type: str
    choices: [present, absent, paused]
    default: present
extends_documentation_fragment:
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_htap_ref
  - clouddb.mysql.wait
notes:
  - Supports C(check_mode) and C(diff).
  - O(instance_id) or O(instance_name) is required (the source of the synchronization).
  - Waits follow the returned jobs in the task center (4.13.1).
seealso:
  - module: clouddb.mysql.gaussdb_htap_instance
  - module: clouddb.mysql.gaussdb_database
'''

EXAMPLES = r'''
- name: Synchronize the orders database into StarRocks
  clouddb.mysql.gaussdb_htap_sync:
    instance_name: shop-db
    engine: starrocks
    htap_instance_name: shop-sr
    task_name: orders_sync
    source_database: orders
    target_database: orders_sr

- name: Pause it during maintenance
  clouddb.mysql.gaussdb_htap_sync:
    instance_name: shop-db
    engine: starrocks
    htap_instance_name: shop-sr
    task_name: orders_sync
    state: paused

- name: Stop synchronizing orders into ClickHouse
  clouddb.mysql.gaussdb_htap_sync:
    instance_name: shop-db
    engine: clickhouse
    htap_instance_name: shop-ch
    source_database: orders
    state: absent
'''

RETURN = r'''
sync:
  description:
    - The synchronization as the API lists it (4.15.15 or 4.16.24); empty when it does not exist.
      In check mode or with O(wait=false) after a creation, what is expected.
  returned: always
  type: dict
  contains:
    task_name:
      description: Task name (StarRocks).
      type: str
    source_database:
      description: Source database.
      type: str
    target_database:
      description: Target database.
      type: str
    status:
      description: C(Yes)/C(No) (StarRocks) or C(normal)/C(abnormal) (ClickHouse).
      type: str
    stage:
      description: C(wait), C(full), C(incremental), C(paused)...
      type: str
htap_instance_id:
  description: Id of the HTAP instance.
  returned: always
  type: str
instance_id:
  description: Id of the GaussDB instance (the source).
  returned: always
  type: str
job_id:
  description: Id of the job of the change; a list when there were several.
  returned: when a change was made (not in check mode)
  type: raw
'''

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_htap as htap
from ansible_collections.clouddb.mysql.plugins.module_utils.diff import make_diff
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import target_instance_id
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def validate(module):
    p = module.params
    errors = []
    if p['engine'] == 'starrocks':
        if not p['task_name']:
            errors.append('task_name is required for starrocks')
        errors += htap.task_name_errors(p['task_name'], 'task_name')
        errors += htap.task_name_errors(p['target_database'], 'target_database')
        if p['source_database'] is not None and not (3 <= len(p['source_database']) <= 1024
                                                     and not htap.task_name_errors(p['source_database'][:128], 'x')):
            errors.append('source_database %r must be 3 to 1024 letters, digits or "_"' % p['source_database'])
    else:
        errors += htap.engine_only_errors(p, 'clickhouse', ['task_name', 'target_database'])
        if not p['source_database']:
            errors.append('source_database is required for clickhouse')
        if p['state'] == 'paused':
            errors.append('clickhouse synchronizations cannot be paused (no API)')
    htap.fail_on(module, errors)


def create(module, client, owner_id, htap_id):
    p = module.params
    if not p['source_database']:
        module.fail_json(msg='source_database is required to create task %r' % p['task_name'])
    body = dict(source_instance_id=owner_id, source_database=p['source_database'])
    if p['source_node_id']:
        body['source_node_id'] = p['source_node_id']
    expected = dict(source_database=p['source_database'], status='Yes', stage='wait')
    if p['engine'] == 'starrocks':
        target = p['target_database'] or p['source_database']
        body.update(target_database=target, task_name=p['task_name'])
        expected.update(task_name=p['task_name'], target_database=target)
    else:
        expected.update(target_database=p['source_database'], status='normal')
    response = None if module.check_mode else client.call(htap.OPS[p['engine']]['create_sync'], body=body,
                                                          instance_id=htap_id)
    return expected, response


def main(module):
    validate(module)
    p = module.params
    engine = p['engine']
    client = module.client
    owner_id = target_instance_id(module)
    htap_id = htap.target_htap(module, owner_id)
    ops = htap.OPS[engine]
    key = p['task_name'] if engine == 'starrocks' else p['source_database']
    current = htap.find_sync(client, engine, htap_id, key)
    result = dict(changed=False, htap_instance_id=htap_id, instance_id=owner_id)
    jobs = []
    after = current

    def submit(operation, **kwargs):
        if not module.check_mode:
            jobs.append(htap.job_id_of(client.call(operation, instance_id=htap_id, **kwargs)))
            if p['wait']:
                client.wait_jobs([jobs[-1]], p['wait_timeout'])

    if p['state'] == 'absent':
        if current:
            result['changed'], after = True, {}
            if engine == 'starrocks':
                submit(ops['delete_sync'], body=dict(task_name=key))
            else:
                submit(ops['delete_sync'], database_name=key)
    else:
        if current is None:
            result['changed'] = True
            after, response = create(module, client, owner_id, htap_id)
            if response is not None:
                jobs.append(htap.job_id_of(response))
                if p['wait']:
                    client.wait_jobs([jobs[-1]], p['wait_timeout'])
        elif engine == 'starrocks':
            wanted = dict(source_database=p['source_database'], target_database=p['target_database'])
            bad = ['%s (%s, wanted %s)' % (k, current.get(k), v) for k, v in wanted.items()
                   if v is not None and v != current.get(k)]
            if bad:
                module.fail_json(msg='The API cannot change task %r: %s' % (key, '; '.join(bad)), sync=current)
        if engine == 'starrocks' and (p['state'] == 'paused') != htap.is_paused(after):
            result['changed'] = True
            after = dict(after, stage='paused' if p['state'] == 'paused' else 'incremental')
            submit(ops['pause_sync' if p['state'] == 'paused' else 'resume_sync'], body=dict(task_name=key))
        if result['changed'] and not module.check_mode and p['wait']:
            after = htap.find_sync(client, engine, htap_id, key) or after

    jobs = [j for j in jobs if j]
    if jobs:
        result['job_id'] = jobs[0] if len(jobs) == 1 else jobs
    result['sync'] = after or {}
    if module._diff:
        result['diff'] = make_diff(_diff_view(current), _diff_view(after))
    module.exit_json(**result)


def _diff_view(sync):
    if not sync:
        return {}
    view = dict((k, sync.get(k)) for k in ('task_name', 'source_database', 'target_database') if sync.get(k))
    view['paused'] = htap.is_paused(sync)
    return view


def run():
    spec = dict(
        engine=dict(type='str', required=True, choices=['starrocks', 'clickhouse']),
        htap_instance_id=dict(type='str'),
        htap_instance_name=dict(type='str'),
        instance_id=dict(type='str'),
        instance_name=dict(type='str'),
        task_name=dict(type='str'),
        source_database=dict(type='str'),
        target_database=dict(type='str'),
        source_node_id=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent', 'paused']),
    )
    module = CloudModule('gaussdb', spec, wait=True,
                         mutually_exclusive=[('instance_id', 'instance_name'), ('htap_instance_id', 'htap_instance_name')],
                         required_one_of=[('instance_id', 'instance_name'), ('htap_instance_id', 'htap_instance_name')])
    module.run(main)


if __name__ == '__main__':
    run()
