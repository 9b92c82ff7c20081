#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_restore
short_description: Restore a GaussDB(for MySQL) backup or point in time to an existing instance
version_added: 0.1.0
description:
  - Restores a full backup (O(backup_id) or O(backup_name)) or a point in time (O(restore_time))
    of a source instance to the same instance or to another existing instance (API v3 section 4.4.6).
    The target's databases, accounts and grants are replaced by those of the backup or moment.
  - With O(tables), restores single tables of the instance as they were at O(restore_time)
    under new names, next to the current ones (table-level point-in-time restore, 4.4.12);
    M(clouddb.mysql.gaussdb_restorable_tables_info) lists the tables that can be restored.
  - To restore to a B(new) instance, create it with M(clouddb.mysql.gaussdb_instance) and its
    O(clouddb.mysql.gaussdb_instance#module:restore_point) option.
  - A restore is an action, not a state. Every run that is not skipped restores again and
    reports C(changed=true); see the examples for how to run it once.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  source_instance_id:
    description:
      - Id of the instance the backup or the point in time belongs to.
      - Defaults to the target instance (O(instance_id) or O(instance_name)), for a restore in place.
    type: str
  source_instance_name:
    description: Exact name of the source instance (instead of O(source_instance_id)).
    type: str
  backup_id:
    description: Id of the full backup to restore.
    type: str
  backup_name:
    description: Name of the full backup of the source instance to restore (looked up with one request).
    type: str
  restore_time:
    description:
      - Point in time to restore, as UNIX milliseconds or ISO 8601 (V(2024-05-01T10:00:00Z),
        V(2024-05-01T18:00:00+08:00)); UTC when no offset is given.
      - Must fall in a range M(clouddb.mysql.gaussdb_backup_info) lists with
        O(clouddb.mysql.gaussdb_backup_info#module:restore_times=true).
      - Required with O(tables).
    type: raw
  tables:
    description:
      - Table-level point-in-time restore of the target instance itself (no source instance).
      - Each entry names a database and its tables to restore.
    type: list
    elements: dict
    suboptions:
      database:
        description: Database name.
        type: str
        required: true
      tables:
        description: Tables of the database to restore.
        type: list
        elements: dict
        required: true
        suboptions:
          old_name:
            description: Name of the table to restore.
            type: str
            required: true
          new_name:
            description:
              - Name of the restored copy; by default C(<old_name>_<restore_time in ms>).
            type: str
  last_table_info:
    description:
      - Table-level restore only. V(true) picks the tables from the current list of tables,
        V(false) from the list as it was at O(restore_time).
    type: bool
    default: false
extends_documentation_fragment:
  - clouddb.mysql.attributes.ACTION
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - O(instance_id) or O(instance_name) is the B(target) of the restore.
  - In check mode names are resolved (read requests only), nothing is restored, and C(changed) is
    V(true) as for a real run.
  - Restoring to another existing instance requires the same engine version and table name
    case sensitivity on both instances; the API refuses otherwise.
seealso:
  - module: clouddb.mysql.gaussdb_backup
  - module: clouddb.mysql.gaussdb_backup_info
  - module: clouddb.mysql.gaussdb_restorable_tables_info
  - module: clouddb.mysql.gaussdb_instance
'''

EXAMPLES = r'''
# A restore runs every time it is not skipped. Guard it with what you can read back, for
# example: restore the orders database only when it is missing.
- name: Read the databases
  clouddb.mysql.gaussdb_database_info:
    instance_name: shop-db
  register: dbs

- name: Bring the nightly backup back when the orders database is gone
  clouddb.mysql.gaussdb_restore:
    instance_name: shop-db
    backup_name: nightly-2024-05-01
  when: "'orders' not in (dbs.databases | map(attribute='name'))"

- name: Copy production as it was at 08:00 UTC into the existing staging instance
  clouddb.mysql.gaussdb_restore:
    source_instance_name: shop-db
    instance_name: shop-db-staging
    restore_time: "2024-05-01T08:00:00Z"

# Or run it once per playbook run only when a flag asks for it.
- name: Restore on request only
  clouddb.mysql.gaussdb_restore:
    instance_name: shop-db
    backup_id: 7ffbf305376b4cbea0ae491257b6aaf9br07
  when: restore_requested | default(false) | bool

- name: Restore two tables as they were at 08:00 next to the current ones
  clouddb.mysql.gaussdb_restore:
    instance_name: shop-db
    restore_time: "2024-05-01T08:00:00Z"
    tables:
      - database: orders
        tables:
          - old_name: items
            new_name: items_0800
          - old_name: customers
'''

RETURN = r'''
restore:
  description: What was restored (the request sent, in API field names).
  returned: always
  type: dict
  contains:
    type:
      description: V(backup), V(timestamp) or V(tables).
      type: str
      sample: backup
    source_instance_id:
      description: Id of the source instance.
      type: str
    target_instance_id:
      description: Id of the instance restored to.
      type: str
    backup_id:
      description: Id of the backup restored.
      type: str
    restore_time:
      description: Point in time restored, UNIX milliseconds.
      type: int
    restore_tables:
      description: Databases and tables restored (table-level restore), with the new table names.
      type: list
      elements: dict
instance_id:
  description: Id of the target instance.
  returned: always
  type: str
job_id:
  description: Id of the restore job.
  returned: when not in check mode
  type: str
  sample: dff1d289-4d03-4942-8b9f-463ea07c000d
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_protection import (
    restore_errors, restore_request, to_epoch_ms,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan, replace_with


def run(module):
    params = module.params
    module.check_input(restore_errors(params))
    target = module.target_instance_id()
    operation, body, restore = restore_request(module.client, target, params, to_epoch_ms(params['restore_time']))
    # Not idempotent and not recoverable: a lost answer is reported, never re-sent.
    plan = Plan().add('restore', replace_with(restore), operation, body=body, instance_id=target)
    plan.apply(module)
    module.finish(True, plan.before, plan.after, restore=restore, instance_id=target)


def main():
    table = dict(old_name=dict(type='str', required=True), new_name=dict(type='str'))
    database = dict(database=dict(type='str', required=True),
                    tables=dict(type='list', elements='dict', required=True, options=table))
    spec = dict(
        source_instance_id=dict(type='str'),
        source_instance_name=dict(type='str'),
        backup_id=dict(type='str'),
        backup_name=dict(type='str'),
        restore_time=dict(type='raw'),
        tables=dict(type='list', elements='dict', options=database),
        last_table_info=dict(type='bool', default=False),
    )
    CloudModule('gaussdb', spec, wait=True, instance_ref=True,
                mutually_exclusive=[('source_instance_id', 'source_instance_name'),
                                    ('backup_id', 'backup_name', 'restore_time')],
                required_one_of=[('backup_id', 'backup_name', 'restore_time')]).run(run)


if __name__ == '__main__':
    main()
