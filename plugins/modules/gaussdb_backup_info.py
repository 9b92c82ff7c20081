#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_backup_info
short_description: List backups and restorable time ranges of GaussDB(for MySQL) instances
version_added: 0.1.0
description:
  - Lists full backups, automated and manual (API v3 section 4.4.3), optionally filtered.
  - With O(incremental=true), also the incremental (binlog) backups of the instance (4.4.10).
  - With O(restore_times=true), also the time ranges the instance can be restored to (4.4.7),
    for M(clouddb.mysql.gaussdb_restore) with O(clouddb.mysql.gaussdb_restore#module:restore_time).
  - Tables that a table-level restore can bring back are listed by
    M(clouddb.mysql.gaussdb_restorable_tables_info).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  instance_id:
    description:
      - Id of the instance whose backups to list. Without O(instance_id) or O(instance_name),
        the backups of every instance of the project are listed.
      - Required (or O(instance_name)) for O(incremental) and O(restore_times).
    type: str
  instance_name:
    description:
      - Exact name of the instance, looked up with one list request.
    type: str
  backup_id:
    description: Only the backup with this id.
    type: str
  name:
    description: Only backups with exactly this name.
    type: str
  backup_type:
    description: Only automated (V(auto)) or manual (V(manual)) full backups.
    type: str
    choices: [auto, manual]
  begin_time:
    description:
      - Only backups that started at or after this time, given as UNIX milliseconds or ISO 8601
        (V(2024-05-01T10:00:00Z), V(2024-05-01T18:00:00+08:00)). Also bounds O(incremental)
        backups when O(end_time) is set.
    type: raw
  end_time:
    description: Only backups that started before this time (same formats as O(begin_time)).
    type: raw
  incremental:
    description: Also list the incremental backups of the instance, under RV(incremental_backups).
    type: bool
    default: false
  restore_times:
    description: Also list the time ranges the instance can be restored to, under RV(restore_times).
    type: bool
    default: false
  restore_date:
    description:
      - Day (V(yyyy-mm-dd), UTC) whose restorable ranges to list; the API's default without it.
      - Only with O(restore_times=true).
    type: str
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
seealso:
  - module: clouddb.mysql.gaussdb_backup
  - module: clouddb.mysql.gaussdb_restore
  - module: clouddb.mysql.gaussdb_restorable_tables_info
'''

EXAMPLES = r'''
- name: Manual backups of one instance
  clouddb.mysql.gaussdb_backup_info:
    instance_name: shop-db
    backup_type: manual
  register: manual

- name: Everything a point-in-time restore needs to know
  clouddb.mysql.gaussdb_backup_info:
    instance_name: shop-db
    incremental: true
    restore_times: true
    restore_date: "2024-05-01"
  register: pitr

- name: Print the newest restorable moment
  ansible.builtin.debug:
    msg: "{{ pitr.restore_times | map(attribute='end_time_iso') | max }}"
'''

RETURN = r'''
backups:
  description: Full backups (4.4.3 fields), newest first as the API orders them.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Backup id.
      type: str
      sample: 7ffbf305376b4cbea0ae491257b6aaf9br07
    name:
      description: Backup name.
      type: str
    description:
      description: Backup description.
      type: str
    status:
      description: V(BUILDING), V(COMPLETED), V(FAILED) or V(AVAILABLE).
      type: str
    type:
      description: V(auto) or V(manual).
      type: str
    begin_time:
      description: Start of the backup.
      type: str
    end_time:
      description: End of the backup.
      type: str
    take_up_time:
      description: Minutes the backup took.
      type: int
    size:
      description: Size in MB.
      type: float
    datastore:
      description: Engine (C(type)) and version (C(version)).
      type: dict
    instance_id:
      description: Id of the instance.
      type: str
    instance_name:
      description: Name of the instance.
      type: str
incremental_backups:
  description: Incremental backups (4.4.10 fields C(id), C(name), C(begin_time), C(end_time), C(size) in KB, C(instance_id)).
  returned: when O(incremental=true)
  type: list
  elements: dict
restore_times:
  description:
    - Restorable time ranges; C(start_time) and C(end_time) are UNIX milliseconds (UTC) as the API
      gives them, C(start_time_iso) and C(end_time_iso) the same moments in ISO 8601.
  returned: when O(restore_times=true)
  type: list
  elements: dict
  sample: [{start_time: 1714521600000, end_time: 1714557600000,
            start_time_iso: "2024-05-01T00:00:00Z", end_time_iso: "2024-05-01T10:00:00Z"}]
instance_id:
  description: Id of the instance, when one was given.
  returned: when O(instance_id) or O(instance_name) is set
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_protection import (
    backup_info_errors, list_backups, list_incremental_backups, restore_times, to_api_time,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(backup_info_errors(params))
    bounds = dict((key, to_api_time(params[key])) for key in ('begin_time', 'end_time'))
    client = module.client
    result = {}
    instance_id = None
    if params['instance_id'] or params['instance_name']:
        instance_id = result['instance_id'] = module.target_instance_id()
    backups = list_backups(client, instance_id=instance_id, backup_id=params['backup_id'], name=params['name'],
                           backup_type=params['backup_type'], **bounds)
    if params['name']:
        backups = [b for b in backups if b.get('name') == params['name']]
    result['backups'] = backups
    if params['incremental']:
        result['incremental_backups'] = list_incremental_backups(client, instance_id, **bounds)
    if params['restore_times']:
        result['restore_times'] = restore_times(client, instance_id, params['restore_date'])
    module.finish(False, **result)


def main():
    spec = dict(
        instance_id=dict(type='str'),
        instance_name=dict(type='str'),
        backup_id=dict(type='str'),
        name=dict(type='str'),
        backup_type=dict(type='str', choices=['auto', 'manual']),
        begin_time=dict(type='raw'),
        end_time=dict(type='raw'),
        incremental=dict(type='bool', default=False),
        restore_times=dict(type='bool', default=False),
        restore_date=dict(type='str'),
    )
    CloudModule('gaussdb', spec, mutually_exclusive=[('instance_id', 'instance_name')]).run(run)


if __name__ == '__main__':
    main()
