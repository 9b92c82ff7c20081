#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_restore
short_description: Overwrite a CDS cloud MySQL instance with one of its backups (undocumented API)
version_added: 1.0.0
description:
  - Restores a finished backup of an instance B(over the instance itself) (C(StartBatchRollback), an
    overwrite restore). The instance's data goes back to the state the backup captured, and every
    change made since is lost. Then the module waits until the instance is C(RUNNING) again.
  - B(Undocumented API; read the notes before use.) To get data back without touching the instance,
    restore into a new temporary instance with M(clouddb.mysql.cds_temporary_instance) instead.
  - A restore is an action, not a state. Every run that is not skipped restores again and reports
    C(changed=true); see the examples for how to run it once.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  backup_id:
    description: Id (C(BackupId)) of the backup, automatic or manual, as M(clouddb.mysql.cds_backup_info) lists it.
    type: str
  backup_description:
    description:
      - Description (C(Desc)) of the backup, its identity in M(clouddb.mysql.cds_backup).
      - Several backups with this description fail the run, listing their ids.
    type: str
extends_documentation_fragment:
  - clouddb.mysql.attributes.ACTION
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
  - clouddb.mysql.cds_wait
notes:
  - "What it is: C(StartBatchRollback) was documented by Capital Online as the restore of a
    I(cluster-edition) instance from a backup, overwriting it (\"集群版数据库恢复（覆盖性恢复）\":
    parameters C(InstanceUuid) and C(BackupId), an answer with a C(TaskId))."
  - "Why it is undocumented: the vendor withdrew it from its API documentation on 2021-12-30, with
    the other restore and temporary-instance actions, but its Go SDK (C(cds-gic-sdk-go)) still
    implements it. The cluster edition it was written for is no longer in the sales catalog, which
    offers the basic and the high-availability editions only."
  - "What could break: the live service may refuse the action (for an edition, or altogether) and
    the run then fails with the API's error code; it may behave on today's editions in a way
    nobody has documented; and the overwrite cannot be undone. Take a backup first
    (M(clouddb.mysql.cds_backup)) if the current data may be needed again, and try it on a copy."
  - The API has no task query and shows no trace of a restore, so the module cannot tell whether or
    when the data was restored; with O(wait=true) it waits until the instance reports C(RUNNING)
    again. A lost answer is reported, never sent again.
  - In check mode the backup is looked up (read requests only) and the result says what would be
    restored; nothing is restored, and C(changed) is V(true) as for a real run.
seealso:
  - module: clouddb.mysql.cds_temporary_instance
  - module: clouddb.mysql.cds_backup
  - module: clouddb.mysql.cds_backup_info
'''

EXAMPLES = r'''
# A restore runs every time it is not skipped: guard it, for example behind a flag given on the
# command line (-e restore_requested=true), and see what it would do first with --check.
- name: Put shop-db back to the backup taken before the upgrade
  clouddb.mysql.cds_restore:
    instance_name: shop-db
    backup_description: before-upgrade-2024-07
  when: restore_requested | default(false) | bool

- name: Restore an automatic backup by its id, without waiting
  clouddb.mysql.cds_restore:
    instance_id: 5ac7c945-ae47-4bbf-82e6-2823d64b57c5
    backup_id: 3e56d1d6-32a9-4afd-af32-00e76aba4f07
    wait: false
  when: restore_requested | default(false) | bool
'''

RETURN = r'''
restore:
  description: What was (in check mode, what would be) restored.
  returned: always
  type: dict
  contains:
    instance_id:
      description: Uuid of the instance overwritten.
      type: str
    instance_name:
      description: Name of the instance overwritten.
      type: str
    backup_id:
      description: Id of the backup restored.
      type: str
    backup_type:
      description: C(physical-backup) or C(logical-backup).
      type: str
    backup_mode:
      description: C(auto) or C(manual).
      type: str
    description:
      description: Description of the backup.
      type: str
    restored_to:
      description: When the backup ended, the state the instance goes back to (China Standard Time).
      type: str
      sample: "2024-07-05 16:32:00"
backup:
  description: The backup as M(clouddb.mysql.cds_backup_info) returns it.
  returned: always
  type: dict
instance:
  description:
    - The instance as M(clouddb.mysql.cds_instance_info) returns it, once C(RUNNING) again with
      O(wait=true), else as read before the restore.
  returned: always
  type: dict
instance_id:
  description: Uuid of the instance.
  returned: always
  type: str
job_id:
  description: The API's C(TaskId) of the restore (it cannot be queried).
  returned: when not in check mode
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import instance_result
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_backup import (
    backup_result, plan_restore, restore_errors, restore_source, settle_restore,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_instance import apply_when_running
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(restore_errors(params))
    instance = module.target_instance()
    uuid = instance['InstanceUuid']
    backup = restore_source(module.client, uuid, params)
    plan = plan_restore(instance, backup)
    apply_when_running(module, plan, instance)
    instance = settle_restore(module, instance, plan)
    module.finish(plan.changed, plan.before, plan.after, restore=plan.after, backup=backup_result(backup),
                  instance=instance_result(instance), instance_id=uuid)


def main():
    spec = dict(
        backup_id=dict(type='str'),
        backup_description=dict(type='str'),
    )
    CloudModule('cds', spec, wait=True, instance_ref=True, mutually_exclusive=[('backup_id', 'backup_description')],
                required_one_of=[('backup_id', 'backup_description')]).run(run)


if __name__ == '__main__':
    main()
