#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_restorable_tables_info
short_description: List the tables a table-level point-in-time restore can bring back
version_added: 0.1.0
description:
  - Lists the databases and tables of a GaussDB(for MySQL) instance that a table-level
    point-in-time restore (M(clouddb.mysql.gaussdb_restore) with
    O(clouddb.mysql.gaussdb_restore#module:tables)) can restore for a given moment (API v3 section 4.4.13).
  - A module of its own rather than a mode of M(clouddb.mysql.gaussdb_backup_info) because it needs
    a point in time and answers with databases and tables, not backups.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  restore_time:
    description:
      - The moment to restore to, as UNIX milliseconds or ISO 8601 (V(2024-05-01T10:00:00Z)).
      - Must fall in one of the ranges M(clouddb.mysql.gaussdb_backup_info) lists with
        O(clouddb.mysql.gaussdb_backup_info#module:restore_times=true).
    type: raw
    required: true
  last_table_info:
    description:
      - V(true) lists the tables as they are now, V(false) as they were at O(restore_time).
    type: bool
    default: false
  database_name:
    description: Only databases whose name contains this text (the API matches loosely).
    type: str
  table_name:
    description: Only tables whose name contains this text (the API matches loosely).
    type: str
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
seealso:
  - module: clouddb.mysql.gaussdb_restore
  - module: clouddb.mysql.gaussdb_backup_info
'''

EXAMPLES = r'''
- name: Tables of the orders database as they were this morning
  clouddb.mysql.gaussdb_restorable_tables_info:
    instance_name: shop-db
    restore_time: "2024-05-01T08:00:00Z"
    database_name: orders
  register: restorable

- name: Show them
  ansible.builtin.debug:
    msg: "{{ restorable.databases | map(attribute='tables') | flatten | map(attribute='name') | list }}"
'''

RETURN = r'''
databases:
  description: Databases with the tables that can be restored (4.4.13 fields).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Database name.
      type: str
      sample: orders
    total_tables:
      description: Number of tables.
      type: int
    tables:
      description: Tables, each with its C(name).
      type: list
      elements: dict
      sample: [{name: items}, {name: customers}]
restore_time:
  description: The moment asked about, in UNIX milliseconds.
  returned: always
  type: int
  sample: 1714550400000
instance_id:
  description: Id of the instance.
  returned: always
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_protection import (
    point_in_time_errors, to_epoch_ms,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(point_in_time_errors('restore_time', params['restore_time']))
    millis = to_epoch_ms(params['restore_time'])
    instance_id = module.target_instance_id()
    query = dict(restore_time=str(millis), last_table_info='true' if params['last_table_info'] else 'false')
    for key in ('database_name', 'table_name'):
        if params[key]:
            query[key] = params[key]
    data = module.client.call('list_restorable_tables', params=query, instance_id=instance_id)
    module.finish(False, instance_id=instance_id, restore_time=millis, databases=data.get('databases') or [])


def main():
    spec = dict(
        restore_time=dict(type='raw', required=True),
        last_table_info=dict(type='bool', default=False),
        database_name=dict(type='str'),
        table_name=dict(type='str'),
    )
    CloudModule('gaussdb', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
