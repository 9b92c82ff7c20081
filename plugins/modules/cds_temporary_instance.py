#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_temporary_instance
short_description: Restore a CDS cloud MySQL instance into a temporary instance, promote or delete it
version_added: 0.1.0
description:
  - Restores a high-availability instance, as it was at a point in time or at a backup, into a new
    temporary instance (C(StartBatchRollbackToTemporaryDBInstance)) and waits until it runs
    (C(DescribeTemporaryDBInstances) reports its progress).
  - V(regularized) turns the temporary instance into a normal instance ("转正",
    C(RegularizeTemporaryDBInstances)), restoring it first when it does not exist yet.
  - V(absent) deletes a temporary instance (C(DeleteTemporaryDBInstances)).
  - These actions were withdrawn from the vendor's documentation in December 2021 but are still
    implemented by its Go SDK; the live service may refuse them.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  name:
    description:
      - Name of the temporary instance (C(TemporaryInstanceName)); identifies it among the
        primary's temporary instances when O(id) is not given. Required to restore.
      - After promotion the new instance keeps this name, which is how a repeated run with
        O(state=present) or O(state=regularized) recognises that the work is done; so do not give
        a temporary instance the name of another instance.
    type: str
  id:
    description: Id (C(TemporaryInstanceUuid)) of an existing temporary instance.
    type: str
    aliases: [temporary_instance_id]
  restore_time:
    description:
      - Point in time to restore, C(YYYY-MM-DD HH:MM:SS) in the service's time (China Standard
        Time), inside the window C(DescribeRollbackRangeTime) reports (the last days).
    type: str
  backup_id:
    description:
      - Restore to the state of this finished backup, that is to the time the backup ended (its
        C(EndTime)); the API restores by point in time only.
    type: str
  state:
    description:
      - V(present) makes sure the temporary instance exists (restoring it if needed).
      - V(regularized) promotes it into a normal instance (restoring it first if needed).
      - V(absent) deletes the temporary instance (a promoted instance is not touched).
    type: str
    choices: [present, regularized, absent]
    default: present
extends_documentation_fragment:
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
  - clouddb.mysql.cds_wait
notes:
  - Supports C(check_mode) and C(diff).
  - Promotion needs the temporary instance to be C(RUNNING); with O(wait=false) a temporary instance
    that is still being created cannot be promoted in the same run.
seealso:
  - module: clouddb.mysql.cds_temporary_instance_info
  - module: clouddb.mysql.cds_instance
'''

EXAMPLES = r'''
- name: Restore shop-db as it was at 09:00 into a temporary instance
  clouddb.mysql.cds_temporary_instance:
    instance_name: shop-db
    name: shop-db-0900
    restore_time: "2024-07-05 09:00:00"

- name: Keep it as a normal instance
  clouddb.mysql.cds_temporary_instance:
    instance_name: shop-db
    name: shop-db-0900
    state: regularized
  register: promoted

- name: Restore the state of a backup and promote it in one step
  clouddb.mysql.cds_temporary_instance:
    instance_name: shop-db
    name: shop-db-restored
    backup_id: "{{ backup.backup.backup_id }}"
    state: regularized
'''

RETURN = r'''
temporary_instance:
  description:
    - The temporary instance as C(DescribeTemporaryDBInstances) lists it, in snake_case, with
      C(progress) as an integer. Empty once promoted or deleted.
  returned: always
  type: dict
  sample:
    temporary_instance_uuid: 09e10c30-0473-419e-8924-16411ee987e2
    temporary_instance_name: shop-db-0900
    status: RUNNING
    progress: 100
    select_recovery_time: "2024-07-05 09:00:00"
    ip: 10.240.0.4
    port: "3306"
instance:
  description: The instance the temporary instance became, as M(clouddb.mysql.cds_instance_info) returns it.
  returned: when O(state=regularized), or when an earlier run already promoted the temporary instance
  type: dict
instance_id:
  description: Uuid of the primary instance.
  returned: always
  type: str
job_id:
  description: The API's C(TaskId) of the restore or deletion.
  returned: when a change was requested
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import (
    RUNNING, format_time, instance_result, parse_time, temporary_result,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_resources import (
    find_by_id_or_name, finish, instance_ref_module, job_ids, parent_instance, recover_if, wait_parent_running,
)


def find(module, temps):
    return find_by_id_or_name(module, temps, 'TemporaryInstanceUuid', 'TemporaryInstanceName', 'Temporary instance')


def diff_view(tmp):
    if not tmp:
        return {}
    return dict(name=tmp.get('TemporaryInstanceName'), status=tmp.get('Status'),
                restore_time=tmp.get('SelectRecoveryTime'))


def select_time(module, client, uuid):
    """SelectTime of the restore, checked against the restore window before anything is created."""
    p = module.params
    if p['backup_id']:
        backup = client.get_backup(uuid, p['backup_id'])
        if backup is None or backup.get('Status') != 'finished':
            module.fail_json(msg='Backup %s of instance %s does not exist or is not finished' % (p['backup_id'], uuid))
        # Reading of "restore a backup into a temporary instance": the API restores only to a point
        # in time, so a backup stands for the moment it ended (EndTime), the state it captured.
        text = backup.get('EndTime') or backup.get('BackupFinishTime')
    elif p['restore_time']:
        text = p['restore_time'].strip()
    else:
        module.fail_json(msg='restore_time or backup_id is required to restore into temporary instance %s' % p['name'])
    wanted = parse_time(text)
    if wanted is None:
        module.fail_json(msg='restore_time must look like 2024-07-05 09:00:00, not %r' % text)
    window = client.data('DescribeRollbackRangeTime', {'InstanceUuid': uuid}) or {}
    left, right = parse_time(window.get('LeftBorderTime')), parse_time(window.get('RightBorderTime'))
    if left is not None and right is not None and not left <= wanted <= right:
        module.fail_json(msg='The restore time %s is outside the restore window %s - %s'
                         % (text, window.get('LeftBorderTime'), window.get('RightBorderTime')))
    return format_time(wanted)


def restore(module, client, primary):
    p = module.params
    uuid = primary['InstanceUuid']
    if not p['name']:
        module.fail_json(msg='name is required to restore into a temporary instance')
    if p['id']:
        module.fail_json(msg='Temporary instance %s does not exist; give name (not id) to restore one' % p['id'])
    if primary.get('SubProductKey') not in (None, 'mysql-replication'):
        module.fail_json(msg='Restores need the high-availability edition')
    when = select_time(module, client, uuid)
    planned = dict(TemporaryInstanceName=p['name'], Status='CREATING', Progress=0, SelectRecoveryTime=when)
    if module.check_mode:
        return planned, None
    wait_parent_running(module, primary)
    existing = set(t.get('TemporaryInstanceUuid') for t in client.temporary_instances(uuid))
    tid, task = client.create_temporary(uuid, p['name'], when, existing)
    if p['wait']:
        return client.wait_temporary(uuid, tid, p['wait_timeout']), {'TaskId': task}
    return client.get_temporary(uuid, tid) or dict(planned, TemporaryInstanceUuid=tid), {'TaskId': task}


def regularize(module, client, uuid, tmp):
    tid = tmp['TemporaryInstanceUuid']
    if tmp.get('Status') != RUNNING:
        if not module.params['wait']:
            module.fail_json(msg='Temporary instance %s is %s; it can be promoted once RUNNING (use wait)'
                             % (tid, tmp.get('Status')))
        client.wait_temporary(uuid, tid, module.params['wait_timeout'])
    client.call('RegularizeTemporaryDBInstances', {'InstanceUuid': uuid, 'TemporaryInstanceUuid': tid},
                instance_id=uuid, recover=recover_if(lambda: client.get_temporary(uuid, tid) is None))
    instance = client.get_instance(tid)
    if instance is None and module.params['wait']:
        instance = client.wait_instance(tid, module.params['wait_timeout'])
    return instance


def promoted(module, client, uuid):
    """The instance a previous run promoted (same uuid, or same name), or None."""
    p = module.params
    if p['id']:
        return client.get_instance(p['id'])
    found = [i for i in client.list_instances(name=p['name']) if i['InstanceUuid'] != uuid]
    if len(found) > 1:
        module.fail_json(msg='Several instances are named %r (%s); give the temporary instance id'
                         % (p['name'], ', '.join(i['InstanceUuid'] for i in found)))
    return found[0] if found else None


def main(module):
    p = module.params
    client = module.client
    primary = parent_instance(module)
    uuid = primary['InstanceUuid']
    tmp = find(module, client.temporary_instances(uuid))
    if p['state'] == 'absent':
        if tmp is None:
            finish(module, False, {}, {}, temporary_instance={}, instance_id=uuid)
        response = None
        changed = tmp.get('Status') != 'DELETING'
        if not module.check_mode:
            tid = tmp['TemporaryInstanceUuid']
            if changed and tmp.get('Status') == 'CREATING' and p['wait']:
                # A restore still running cannot be deleted (ResourceInUse): let it finish first.
                client.wait_temporary(uuid, tid, p['wait_timeout'])
            if changed:
                response = client.call('DeleteTemporaryDBInstances', {'InstanceUuid': uuid, 'TemporaryInstanceUuid': tid},
                                       instance_id=uuid, recover=recover_if(
                                           lambda: (client.get_temporary(uuid, tid) or {'Status': 'DELETING'}).get(
                                               'Status') == 'DELETING'))
            if p['wait']:
                client.wait_temporary(uuid, tid, p['wait_timeout'], gone=True)
        finish(module, changed, diff_view(tmp), {}, temporary_instance={}, instance_id=uuid, job_id=job_ids(response))

    if tmp is None:
        # Once promoted, a temporary instance is gone from the list; an instance with its name means
        # the work of an earlier run is done (present and regularized alike), not "restore again".
        done = promoted(module, client, uuid)
        if done is not None:
            view = dict(name=done.get('InstanceName'), status='regularized')
            finish(module, False, view, view, temporary_instance={}, instance=instance_result(done), instance_id=uuid)

    changed, response, before = False, None, diff_view(tmp)
    if tmp is None:
        tmp, response = restore(module, client, primary)
        changed = True
    elif p['wait'] and tmp.get('Status') == 'CREATING':
        tmp = client.wait_temporary(uuid, tmp['TemporaryInstanceUuid'], p['wait_timeout'])
    if p['state'] == 'present':
        finish(module, changed, before, diff_view(tmp), temporary_instance=temporary_result(tmp), instance_id=uuid,
               job_id=job_ids(response))
    if module.check_mode:
        instance = dict(InstanceName=tmp.get('TemporaryInstanceName'), Status=RUNNING,
                        InstanceUuid=tmp.get('TemporaryInstanceUuid'))
    else:
        instance = regularize(module, client, uuid, tmp)
    finish(module, True, before, dict(name=tmp.get('TemporaryInstanceName'), status='regularized'),
           temporary_instance={}, instance=instance_result(instance), instance_id=uuid, job_id=job_ids(response))


def run():
    spec = dict(
        name=dict(type='str'),
        id=dict(type='str', aliases=['temporary_instance_id']),
        restore_time=dict(type='str'),
        backup_id=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'regularized', 'absent']),
    )
    instance_ref_module(spec, wait=True, required_one_of=[('name', 'id')],
                        mutually_exclusive=[('restore_time', 'backup_id')]).run(main)


if __name__ == '__main__':
    run()
