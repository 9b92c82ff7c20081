#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_backup
short_description: Create or delete a manual backup of a GaussDB(for MySQL) instance
version_added: 0.1.0
description:
  - Create a manual full backup with a name and a description, or delete one (Huawei Cloud
    GaussDB(for MySQL) / TaurusDB API v3, sections 4.4.2, 4.4.3 and 4.4.5).
  - A backup is identified by its O(name) within the instance; backups cannot be renamed or
    changed once made.
  - The backup captures the instance's databases, accounts and grants at the moment it is
    taken; M(clouddb.mysql.gaussdb_restore) brings them back.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  name:
    description:
      - Backup name, 4 to 64 characters (at most 64 bytes), starting with a letter or a Chinese
        character, followed by letters, digits, Chinese characters, V(-) or V(_). Case-sensitive.
    type: str
    required: true
  description:
    description:
      - Description of a new backup, at most 256 characters, none of C(>!<"&=).
      - The API cannot change the description of an existing backup; a different value only
        produces a warning.
    type: str
  state:
    description:
      - V(present) makes the backup when no backup of that name exists; V(absent) deletes it.
      - Only manual backups can be deleted; automated ones expire with the backup policy.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - In check mode the backups are read, nothing is changed.
  - With O(wait=true) the module waits for the backup job, so the backup is C(COMPLETED) when the
    module returns. A backup of that name still being built by an earlier run is waited for too.
  - The API answers a backup request on a busy instance (another backup or change in progress)
    with a busy error; the module waits for the instance and sends the request again.
seealso:
  - module: clouddb.mysql.gaussdb_backup_info
  - module: clouddb.mysql.gaussdb_restore
  - module: clouddb.mysql.gaussdb_backup_policy
'''

EXAMPLES = r'''
- name: Take a backup before the upgrade
  clouddb.mysql.gaussdb_backup:
    instance_name: shop-db
    name: before-upgrade-2024-05
    description: taken by the release playbook
  register: backup

- name: Delete it when it is no longer needed
  clouddb.mysql.gaussdb_backup:
    instance_id: "{{ backup.backup.instance_id }}"
    name: before-upgrade-2024-05
    state: absent
'''

RETURN = r'''
backup:
  description:
    - The backup as M(clouddb.mysql.gaussdb_backup_info) returns it (API field names).
    - In check mode, or for a creation run with O(wait=false), the fields known so far.
    - Empty after a deletion.
  returned: always
  type: dict
  contains:
    id:
      description: Backup id.
      type: str
      sample: 7ffbf305376b4cbea0ae491257b6aaf9br07
    name:
      description: Backup name.
      type: str
      sample: before-upgrade-2024-05
    description:
      description: Backup description.
      type: str
    status:
      description: V(BUILDING), V(COMPLETED), V(FAILED) or V(AVAILABLE).
      type: str
      sample: COMPLETED
    type:
      description: V(manual) for backups made by this module, V(auto) for automated ones.
      type: str
      sample: manual
    begin_time:
      description: Start of the backup, C(yyyy-mm-ddThh:mm:ss+0000).
      type: str
    end_time:
      description: End of the backup.
      type: str
    size:
      description: Size in MB.
      type: float
    instance_id:
      description: Id of the instance.
      type: str
    instance_name:
      description: Name of the instance.
      type: str
instance_id:
  description: Id of the instance.
  returned: always
  type: str
  sample: a23fb62bd61e4e9e9636fd2225f395bein07
job_id:
  description: Id of the backup job.
  returned: when a backup was created (not in check mode)
  type: str
  sample: dff1d289-4d03-4942-8b9f-463ea07c000d
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_protection import (
    backup_errors, find_backup, plan_backup, wait_backup, wait_backup_deleted,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(backup_errors(params))
    client = module.client
    instance_id = module.target_instance_id()
    current = find_backup(client, instance_id, params['name'])
    created = {}
    plan = plan_backup(client, instance_id, params, current, created)
    plan.apply(module)
    backup = created.get('backup', current) if plan.after else {}
    if current and plan.after and params['description'] not in (None, current.get('description') or ''):
        module.warn('Backup %r exists with another description; the API cannot change it' % params['name'])
    waiting = module.jobs.wait and not module.check_mode
    if waiting and plan.changed and not plan.after:
        wait_backup_deleted(client, current['id'], instance_id, module.jobs.remaining())
    elif waiting and backup and backup.get('id') and (plan.changed or str(backup.get('status', '')).upper() == 'BUILDING'):
        # A backup of that name still being built by an earlier run is waited for too.
        backup = wait_backup(client, backup['id'], instance_id, module.jobs.remaining())
    module.finish(plan.changed, plan.before, plan.after, backup=backup, instance_id=instance_id)


def main():
    spec = dict(
        name=dict(type='str', required=True),
        description=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    CloudModule('gaussdb', spec, wait=True, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
