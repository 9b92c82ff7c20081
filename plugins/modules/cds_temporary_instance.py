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
  - clouddb.mysql.attributes
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
  - clouddb.mysql.cds_wait
notes:
  - Promotion needs the temporary instance to be C(RUNNING); with O(wait=false) a temporary instance
    that is still being created cannot be promoted in the same run.
seealso:
  - module: clouddb.mysql.cds_temporary_instance_info
  - module: clouddb.mysql.cds_instance
  - module: clouddb.mysql.cds_restore
    description: Overwrites the instance itself with one of its backups (an undocumented API).
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

from ansible_collections.clouddb.mysql.plugins.module_utils.cds_temporary import (
    current_temporary, plan_temporary, promoted_instance, settle_temporary, temporary_errors, temporary_result,
    temporary_view,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(temporary_errors(params))
    primary = module.target_instance()
    uuid = primary['InstanceUuid']
    tmp = current_temporary(module, uuid)
    promoted = promoted_instance(module.client, uuid, params) if tmp is None and params['state'] != 'absent' else None
    plan = plan_temporary(module.client, params, primary, tmp, promoted)
    plan.apply(module)
    state = settle_temporary(module, uuid, plan)
    module.finish(plan.changed, temporary_view(plan.before), temporary_view(plan.after), instance_id=uuid,
                  **temporary_result(state))


def main():
    spec = dict(
        name=dict(type='str'),
        id=dict(type='str', aliases=['temporary_instance_id']),
        restore_time=dict(type='str'),
        backup_id=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'regularized', 'absent']),
    )
    CloudModule('cds', spec, wait=True, instance_ref=True, required_one_of=[('name', 'id')],
                mutually_exclusive=[('restore_time', 'backup_id')]).run(run)


if __name__ == '__main__':
    main()
