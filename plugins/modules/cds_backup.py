#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_backup
short_description: Create or delete a manual backup of a CDS cloud MySQL instance
version_added: 0.1.0
description:
  - Creates a physical or logical backup (C(CreateBackup)) of a high-availability instance and waits
    until it is C(finished), or deletes backups (C(DeleteBackup)).
  - The API has no backup name and answers a create without an id, so the backup's description
    (C(Desc)) is its identity here. With O(description) set, O(state=present) creates a backup only
    when no manual backup with that description exists; without O(description) (and O(id)) every run
    creates a new backup.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  id:
    description: Id (C(BackupId)) of an existing backup.
    type: str
    aliases: [backup_id]
  description:
    description:
      - Description of the backup, its identity when O(id) is not given.
      - With O(state=absent), every manual backup with this description is deleted.
    type: str
    aliases: [desc]
  type:
    description: V(physical) (C(physical-backup)) or V(logical) (C(logical-backup)).
    type: str
    choices: [physical, logical]
    default: physical
  databases:
    description: Databases of a logical backup; not set means the whole instance.
    type: list
    elements: str
  state:
    description: V(present) makes sure the backup exists, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
  - clouddb.mysql.cds_wait
notes:
  - While a backup runs the instance is busy; other changes wait for it.
seealso:
  - module: clouddb.mysql.cds_backup_info
  - module: clouddb.mysql.cds_backup_download
'''

EXAMPLES = r'''
- name: A backup before the upgrade (made once, whatever the number of runs)
  clouddb.mysql.cds_backup:
    instance_name: shop-db
    description: before-upgrade-2024-07
  register: backup

- name: A logical backup of two databases, every run
  clouddb.mysql.cds_backup:
    instance_name: shop-db
    type: logical
    databases: [shop, reports]

- name: Delete the backup
  clouddb.mysql.cds_backup:
    instance_name: shop-db
    description: before-upgrade-2024-07
    state: absent
'''

RETURN = r'''
backup:
  description:
    - The backup as C(DescribeBackups) lists it, in snake_case (C(backup_size) in bytes). Empty after deletion.
  returned: always
  type: dict
  sample:
    backup_id: 3e56d1d6-32a9-4afd-af32-00e76aba4f07
    instance_id: 5ac7c945-ae47-4bbf-82e6-2823d64b57c5
    status: finished
    backup_type: physical-backup
    backup_mode: manual
    backup_strategy: instance
    backup_size: 822761
    desc: before-upgrade-2024-07
    start_time: "2024-07-05 16:30:00"
    end_time: "2024-07-05 16:32:00"
deleted:
  description: Ids of the backups deleted.
  returned: when O(state=absent)
  type: list
  elements: str
instance_id:
  description: Uuid of the instance.
  returned: always
  type: str
job_id:
  description: The API's C(TaskId) (a list when several backups were deleted).
  returned: when a change was requested
  type: raw
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds_backup import (
    backup_errors, backup_result, backup_view, list_backups, matching_backups, plan_backup, settle_backup,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(backup_errors(params))
    instance = module.target_instance()
    uuid = instance['InstanceUuid']
    found = matching_backups(list_backups(module.client, uuid), params)
    plan = plan_backup(module.client, params, instance, found)
    plan.apply(module)
    backup = settle_backup(module, uuid, params, found, plan)
    result = dict(backup=backup_result(backup), instance_id=uuid)
    if params['state'] == 'absent':
        result['deleted'] = [b['BackupId'] for b in found]
    module.finish(plan.changed, backup_view(plan.before), backup_view(plan.after), **result)


def main():
    spec = dict(
        id=dict(type='str', aliases=['backup_id']),
        description=dict(type='str', aliases=['desc']),
        type=dict(type='str', default='physical', choices=['physical', 'logical']),
        databases=dict(type='list', elements='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    CloudModule('cds', spec, wait=True, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
