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
  - Set the table range of a ClickHouse synchronization (4.16.26, compared with 4.16.12), or stop a range change
    that is still running (4.16.27).
  - Before a synchronization is created, or a ClickHouse table range changes, the API checks the configuration
    (4.15.16 StarRocks, 4.16.9 ClickHouse database, 4.16.10 ClickHouse tables), in check mode too; a check that does
    not pass fails the module with the API's answer before any change.
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
  tables:
    description:
      - ClickHouse only. The tables of the synchronization's table range, compared as a set with its range (4.16.12)
        and changed with 4.16.26 when they differ (the tables of a change still running count as its range).
        Not set means leave the range alone.
      - The range is a black list (the tables I(not) synchronized; every other table is) or a white list (the only
        tables synchronized), as the synchronization has it; the API cannot change that list type. A new
        synchronization synchronizes every table, a black list of none, so O(tables) then names the tables left out.
      - The tables must exist in the source database (4.16.9 or 4.16.10 checks it before the change); a white list
        needs at least one.
      - RV(sync.configuration) and the diff show the range (C(table_list_type), C(tables)).
    type: list
    elements: str
    version_added: 1.0.0
  cancel_table_change:
    description:
      - ClickHouse only. V(true) stops a table-range change that is still running (4.16.27), for example one
        started with O(wait=false); the range stays as it was. Changes nothing when no change is running
        (4.16.12 C(is_tables_change)).
    type: bool
    default: false
    version_added: 1.0.0
  state:
    description:
      - V(present) (running; a paused StarRocks task is resumed), V(paused) (StarRocks only; created paused if
        needed) or V(absent).
    type: str
    choices: [present, absent, paused]
    default: present
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_htap_ref
  - clouddb.mysql.wait
notes:
  - O(instance_id) or O(instance_name) is required (the source of the synchronization).
  - Waits follow the returned jobs in the task center (4.13.1). A creation is waited for before the task is
    paused or its table range set, even with O(wait=false).
  - The configuration checks are POST requests that change nothing; they are sent only when a synchronization
    is created or a table range changes, never by a run that changes nothing. They run in the real run too, since
    a creation or a range change is a job that would fail minutes later (the range change's reason then shows in
    C(configuration.last_error_of_alter_table)).
  - A new ClickHouse synchronization is checked with no database parameters of its own (4.16.23 takes none), so
    the service's defaults (4.16.13) are checked.
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

- name: Synchronize orders into ClickHouse, except two tables
  clouddb.mysql.gaussdb_htap_sync:
    instance_name: shop-db
    engine: clickhouse
    htap_instance_name: shop-ch
    source_database: orders
    tables: [audit_log, sessions]

- name: Stop a table-range change started with wait=false
  clouddb.mysql.gaussdb_htap_sync:
    instance_name: shop-db
    engine: clickhouse
    htap_instance_name: shop-ch
    source_database: orders
    cancel_table_change: true

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
    configuration:
      description:
        - ClickHouse, when O(tables) or O(cancel_table_change) is set - the synchronization's configuration
          (4.16.12), C(table_repl_config) (C(repl_type) C(black_list) or C(white_list), C(tables)), a change
          still running (C(is_tables_change), C(new_table_repl_config)), C(last_error_of_alter_table),
          C(database_info) and C(source_node_id).
      returned: when O(tables) or O(cancel_table_change) is set
      type: dict
      version_added: 1.0.0
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

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_htap import (
    plan_sync, precheck_sync, read_sync, sync_errors, sync_view, target_htap,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    engine = params['engine']
    module.check_input(sync_errors(params))
    owner_id = module.target_instance_id()
    htap_id = target_htap(module, engine, owner_id)
    current = read_sync(module.client, params, htap_id)
    plan = plan_sync(params, owner_id, htap_id, current)
    precheck_sync(module.client, params, owner_id, htap_id, current)
    plan.apply(module)
    sync = plan.after
    if plan.changed and sync and not module.check_mode and module.jobs.wait:
        sync = read_sync(module.client, params, htap_id) or sync
    module.finish(plan.changed, sync_view(plan.before), sync_view(plan.after),
                  sync=sync, htap_instance_id=htap_id, instance_id=owner_id)


def main():
    spec = dict(
        engine=dict(type='str', required=True, choices=['starrocks', 'clickhouse']),
        htap_instance_id=dict(type='str'),
        htap_instance_name=dict(type='str'),
        task_name=dict(type='str'),
        source_database=dict(type='str'),
        target_database=dict(type='str'),
        source_node_id=dict(type='str'),
        tables=dict(type='list', elements='str'),
        cancel_table_change=dict(type='bool', default=False),
        state=dict(type='str', default='present', choices=['present', 'absent', 'paused']),
    )
    CloudModule('gaussdb', spec, wait=True, instance_ref=True,
                mutually_exclusive=[('htap_instance_id', 'htap_instance_name'), ('tables', 'cancel_table_change')],
                required_one_of=[('htap_instance_id', 'htap_instance_name')]).run(run)


if __name__ == '__main__':
    main()
