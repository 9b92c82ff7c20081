#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_htap_sync_info
short_description: Read the data synchronizations of an HTAP instance, their configuration, databases and parameters
version_added: 1.0.0
description:
  - Lists the data synchronizations of a StarRocks instance (seed section 4.15.15) or ClickHouse instance (4.16.24)
    of a GaussDB(for MySQL) instance.
  - On request, and only then, adds the configuration of each listed synchronization (4.15.17, 4.16.12), that
    is the database parameters it runs with and their check results, its table range, a table-range change still
    running and the last one that failed; the databases of the HTAP instance (4.15.19, 4.16.11); and the
    database parameters a synchronization takes, with their types, defaults and ranges (4.15.18, 4.16.13).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  task_name:
    description:
      - StarRocks only. Only the synchronization task with this name.
    type: str
  source_database:
    description:
      - Only the synchronizations of this source database (a ClickHouse synchronization is known by it).
    type: str
  configuration:
    description:
      - Add the configuration of each listed synchronization as C(configuration) (one request per
        synchronization; filter with O(task_name) or O(source_database) to read one).
    type: bool
    default: false
  databases:
    description:
      - Return the databases of the HTAP instance (all pages).
    type: bool
    default: false
  parameters:
    description:
      - Return the database parameters of a synchronization, with their data types, defaults and ranges.
    type: bool
    default: false
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_htap_ref
notes:
  - With O(htap_instance_id) no lookup is made; O(htap_instance_name) needs O(instance_id) or O(instance_name).
seealso:
  - module: clouddb.mysql.gaussdb_htap_sync
  - module: clouddb.mysql.gaussdb_htap_instance_info
'''

EXAMPLES = r'''
- name: The ClickHouse synchronization of the orders database, with its table range
  clouddb.mysql.gaussdb_htap_sync_info:
    instance_name: shop-db
    engine: clickhouse
    htap_instance_name: shop-ch
    source_database: orders
    configuration: true
  register: ch_sync

- name: The StarRocks tasks, databases and the parameters a task takes
  clouddb.mysql.gaussdb_htap_sync_info:
    engine: starrocks
    htap_instance_id: b6280c323ce449f2ad02af74e21f3dc5in17
    databases: true
    parameters: true
  register: sr
'''

RETURN = r'''
syncs:
  description: The synchronizations as 4.15.15 / 4.16.24 list them.
  returned: always
  type: list
  elements: dict
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
        - The configuration (4.15.17 / 4.16.12) - C(source_instance_id), C(source_node_id), C(database_info)
          (C(database_name), C(db_config_check_results)), C(table_infos), C(table_repl_config) (C(repl_type),
          C(tables); StarRocks also C(repl_scope)), C(is_tables_change), C(new_table_repl_config),
          C(last_error_of_alter_table) and, for StarRocks, C(target_database_name).
      returned: with O(configuration=true)
      type: dict
databases:
  description: Databases of the HTAP instance (4.15.19 / 4.16.11).
  returned: with O(databases=true)
  type: list
  elements: str
  sample: [default, shop, system]
db_parameters:
  description:
    - Database parameters of a synchronization (4.15.18 / 4.16.13), each with C(param_name), C(data_type),
      C(default_value), C(value_range) and C(description).
  returned: with O(parameters=true)
  type: list
  elements: dict
htap_instance_id:
  description: Id of the HTAP instance.
  returned: always
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_htap import (
    HTAP_REF_ARGUMENT_SPEC, HTAP_REF_KWARGS, sync_info, sync_info_errors, target_htap,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(sync_info_errors(params))
    htap_id = target_htap(module, params['engine'])
    module.finish(False, htap_instance_id=htap_id, **sync_info(module.client, params['engine'], htap_id, params))


def main():
    spec = dict(
        task_name=dict(type='str'),
        source_database=dict(type='str'),
        configuration=dict(type='bool', default=False),
        databases=dict(type='bool', default=False),
        parameters=dict(type='bool', default=False),
    )
    spec.update(HTAP_REF_ARGUMENT_SPEC)
    CloudModule('gaussdb', spec, **HTAP_REF_KWARGS).run(run)


if __name__ == '__main__':
    main()
