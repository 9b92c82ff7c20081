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
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
  - clouddb.mysql.cds_wait
notes:
  - Supports C(check_mode) and C(diff).
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

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import backup_result
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_resources import (
    finish, instance_ref_module, job_ids, parent_instance, recover_if, wait_parent_running,
)

TYPES = {'physical': 'physical-backup', 'logical': 'logical-backup'}


def matching(module, backups):
    p = module.params
    if p['id']:
        return [b for b in backups if b.get('BackupId') == p['id']]
    if p['description'] is None:
        return []
    return sorted((b for b in backups if b.get('BackupMode', 'manual') == 'manual' and b.get('Status') != 'deleting'
                   and (b.get('Desc') or '') == p['description']),
                  key=lambda b: b.get('StartTime') or '', reverse=True)


def diff_view(backup):
    if not backup:
        return {}
    return dict(id=backup.get('BackupId'), description=backup.get('Desc'), type=backup.get('BackupType'),
                status=backup.get('Status'))


def create(module, client, instance):
    p = module.params
    if instance.get('SubProductKey') not in (None, 'mysql-replication'):
        module.fail_json(msg='Backups need the high-availability edition; instance %s is %s'
                         % (instance['InstanceUuid'], instance.get('SubProductName') or instance.get('SubProductKey')))
    if p['databases'] and p['type'] != 'logical':
        module.fail_json(msg='databases is only for logical backups (type: logical)')
    planned = dict(BackupId=None, InstanceId=instance['InstanceUuid'], Status='doing', BackupType=TYPES[p['type']],
                   BackupMode='manual', BackupStrategy='db' if p['databases'] else 'instance',
                   Desc=p['description'] or '')
    if module.check_mode:
        return planned, None
    instance = wait_parent_running(module, instance)
    uuid = instance['InstanceUuid']
    existing = set(b.get('BackupId') for b in client.backups(uuid))
    body = dict(BackupType=TYPES[p['type']], Desc=p['description'], DBList=p['databases'] or None)
    backup_id, task = client.create_backup(uuid, body, existing)
    if p['wait']:
        return client.wait_backup(uuid, backup_id, p['wait_timeout']), {'TaskId': task}
    return client.get_backup(uuid, backup_id) or dict(planned, BackupId=backup_id), {'TaskId': task}


def delete(module, client, uuid, backups):
    responses = []
    for backup in backups:
        bid = backup['BackupId']
        if backup.get('Status') == 'deleting':
            continue
        responses.append(client.call('DeleteBackup', {'InstanceUuid': uuid, 'BackupId': bid}, instance_id=uuid,
                                     recover=recover_if(lambda: (client.get_backup(uuid, bid) or {}).get(
                                         'Status', 'deleting') == 'deleting')))
    if module.params['wait']:
        for backup in backups:
            client.wait_backup(uuid, backup['BackupId'], module.params['wait_timeout'], gone=True)
    return responses


def main(module):
    p = module.params
    client = module.client
    instance = parent_instance(module)
    uuid = instance['InstanceUuid']
    found = matching(module, client.backups(uuid))
    if p['state'] == 'absent':
        if not p['id'] and p['description'] is None:
            module.fail_json(msg='state=absent needs id or description')
        changed = any(b.get('Status') != 'deleting' for b in found)
        responses = [] if module.check_mode else delete(module, client, uuid, found)
        finish(module, changed, diff_view(found[0] if found else None), {}, backup={},
               deleted=[b['BackupId'] for b in found], instance_id=uuid, job_id=job_ids(*responses))
    if found:
        backup = found[0]
        if p['wait'] and backup.get('Status') != 'finished':
            backup = client.wait_backup(uuid, backup['BackupId'], p['wait_timeout'])
        finish(module, False, diff_view(backup), diff_view(backup), backup=backup_result(backup), instance_id=uuid)
    if p['id']:
        module.fail_json(msg='Backup %s does not exist on instance %s' % (p['id'], uuid))
    backup, response = create(module, client, instance)
    finish(module, True, {}, diff_view(backup), backup=backup_result(backup), instance_id=uuid, job_id=job_ids(response))


def run():
    spec = dict(
        id=dict(type='str', aliases=['backup_id']),
        description=dict(type='str', aliases=['desc']),
        type=dict(type='str', default='physical', choices=['physical', 'logical']),
        databases=dict(type='list', elements='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    instance_ref_module(spec, wait=True).run(main)


if __name__ == '__main__':
    run()
