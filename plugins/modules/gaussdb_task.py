#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_task
short_description: Cancel scheduled GaussDB(for MySQL) tasks and delete task records
version_added: 1.0.0
description:
  - Removes tasks from the task center of Huawei Cloud GaussDB(for MySQL) / TaurusDB (API v3 section 4.13).
  - A scheduled task (a restart, node restart or kernel upgrade asked for the maintenance window, for
    example with O(clouddb.mysql.gaussdb_node#module:restart_delay=true)) that is still C(Pending) is
    B(cancelled) - with 4.13.4 for the tasks given by id, or with 4.13.6, one task at a time, when an
    instance is given. A cancelled task is gone from the task center.
  - With O(state=absent) (the default), the B(record) of a finished task (C(Completed) or C(Failed)) among
    O(job_ids) is deleted too (4.13.5), so that every task named ends up absent.
  - With O(state=cancelled), only pending scheduled tasks are cancelled; finished tasks and their records
    are left alone.
  - Idempotent. A task that is already gone (cancelled or deleted) changes nothing; so does, with
    O(state=cancelled), a task that is not a pending scheduled one. Check mode reports in RV(cancelled)
    and RV(deleted) what the run would do.
  - To list tasks use M(clouddb.mysql.gaussdb_task_info); to wait for a job use
    M(clouddb.mysql.gaussdb_job_info).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  job_ids:
    description:
      - Ids of the tasks (scheduled task ids as M(clouddb.mysql.gaussdb_task_info) lists them, job ids as
        modules return them in C(job_id)).
      - Without it, the tasks are every pending scheduled task of the instance (O(instance_id) or
        O(instance_name)), optionally only those named O(job_name).
    type: list
    elements: str
    aliases: [job_id, id]
  instance_id:
    description:
      - Id of the instance whose scheduled tasks are cancelled (4.13.6), used as given.
      - With O(job_ids), each task must belong to this instance.
    type: str
  instance_name:
    description:
      - Exact name of the instance, looked up with one list request (an unknown or ambiguous name fails).
    type: str
  job_name:
    description:
      - Only tasks of this name, for example V(RebootGaussDBforMySQLInstance) or
        V(UpgradeGaussDBforMySQLDatabaseVersion).
    type: str
  state:
    description:
      - V(absent) removes the tasks from the task center - cancels the pending scheduled ones and deletes
        the records of the finished ones. A task that is running cannot be removed; the module fails
        before any change.
      - V(cancelled) only cancels pending scheduled tasks.
    type: str
    choices: [absent, cancelled]
    default: absent
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
notes:
  - Cancelling and deleting are synchronous; no job is started, so there is nothing to wait for.
  - The pending scheduled tasks are read with one list request (pages of 50); with O(state=absent) each
    id of O(job_ids) that is not a pending scheduled task is read with 4.13.1.
  - A record deleted by O(state=absent) can no longer be read by M(clouddb.mysql.gaussdb_job_info).
seealso:
  - module: clouddb.mysql.gaussdb_task_info
  - module: clouddb.mysql.gaussdb_job_info
  - module: clouddb.mysql.gaussdb_node
  - module: clouddb.mysql.gaussdb_instance
'''

EXAMPLES = r'''
- name: Restart a node in the maintenance window
  clouddb.mysql.gaussdb_node:
    instance_name: orders-db
    node_id: 7f1a5e0cbbba4b2b8f9ef7dd1c2a9ab3no07
    state: restarted
    restart_delay: true
  register: delayed

- name: Changed our mind, cancel it
  clouddb.mysql.gaussdb_task:
    job_ids: ["{{ delayed.job_id }}"]
    state: cancelled

- name: Cancel every restart still scheduled for an instance
  clouddb.mysql.gaussdb_task:
    instance_name: orders-db
    job_name: RebootGaussDBforMySQLInstance

- name: Delete the records of finished tasks
  clouddb.mysql.gaussdb_task:
    job_ids:
      - 7155730b-a60b-4dc0-9f89-3f55897f29d6
      - 6b00c41d-d54f-4bcb-80da-566ccedc2b5d
    state: absent
'''

RETURN = r'''
tasks:
  description: The tasks the run acted on (or would), as they were before it.
  returned: always
  type: list
  elements: dict
  contains:
    job_id:
      description: Task id.
      type: str
    job_name:
      description: Task name.
      type: str
    instance_id:
      description: Id of the instance.
      type: str
    instance_name:
      description: Name of the instance.
      type: str
    status:
      description: C(Pending), C(Running), C(Completed) or C(Failed).
      type: str
    scheduled:
      description: Whether it is a pending scheduled task (cancelled) rather than a task record (deleted).
      type: bool
  sample:
    - job_id: 56d3c1138dcf4f1da73b0170700c78d0
      job_name: RebootGaussDBforMySQLInstance
      instance_id: 79bc540dd4d6432784894a981fdfacfcin07
      instance_name: orders-db
      status: Pending
      scheduled: true
cancelled:
  description: Ids of the scheduled tasks cancelled (in check mode, that would be cancelled).
  returned: always
  type: list
  elements: str
  sample: [56d3c1138dcf4f1da73b0170700c78d0]
deleted:
  description: Ids of the tasks whose records were deleted (in check mode, would be deleted).
  returned: always
  type: list
  elements: str
  sample: []
instance_id:
  description: Id of the instance, when one was given.
  returned: when O(instance_id) or O(instance_name) is set
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_tasks import (
    plan_tasks, select_tasks, task_selection_errors,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(task_selection_errors(params))
    instance_id = module.target_instance_id() if params['instance_id'] or params['instance_name'] else None
    selected = select_tasks(module.client, params, instance_id)
    plan, cancelled, deleted = plan_tasks(params, selected, instance_id)
    plan.apply(module)
    result = dict(tasks=list(selected.values()), cancelled=cancelled, deleted=deleted)
    if instance_id:
        result['instance_id'] = instance_id
    module.finish(plan.changed, plan.before, plan.after, **result)


def main():
    spec = dict(
        job_ids=dict(type='list', elements='str', aliases=['job_id', 'id']),
        instance_id=dict(type='str'),
        instance_name=dict(type='str'),
        job_name=dict(type='str'),
        state=dict(type='str', default='absent', choices=['absent', 'cancelled']),
    )
    CloudModule('gaussdb', spec, mutually_exclusive=[('instance_id', 'instance_name')],
                required_one_of=[('job_ids', 'instance_id', 'instance_name')]).run(run)


if __name__ == '__main__':
    main()
