#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_task_info
short_description: List the immediate or scheduled tasks of the GaussDB(for MySQL) task center
version_added: 1.0.0
description:
  - Lists the immediate tasks (jobs that ran or run at once, Huawei Cloud GaussDB(for MySQL) / TaurusDB
    API v3 section 4.13.2) or the scheduled tasks (changes asked for the maintenance window, 4.13.3) of
    the project, newest first, with the filters of the API.
  - Pages through every task the filters match (4.13.2 pages of 10, 20 or 50; 4.13.3 pages of 50), or
    stops after O(limit) tasks.
  - To wait for one job use M(clouddb.mysql.gaussdb_job_info); to cancel a scheduled task or delete a
    task record use M(clouddb.mysql.gaussdb_task).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  kind:
    description:
      - V(immediate) lists the immediate tasks (RV(jobs)), V(scheduled) the scheduled tasks (RV(schedules)).
    type: str
    choices: [immediate, scheduled]
    default: immediate
  status:
    description:
      - Only tasks in this status. V(Pending) is a scheduled task that has not run yet.
    type: str
    choices: [Running, Completed, Failed, Pending]
  job_name:
    description:
      - Only tasks of this name (the API's task type), for example V(RebootGaussDBforMySQLInstance),
        V(UpgradeGaussDBforMySQLDatabaseVersion) or V(CreateGaussDBforMySQLInstance).
    type: str
  job_id:
    description: Only the task with this id.
    type: str
  start_time:
    description:
      - Only tasks created at or after this time, as UNIX milliseconds or ISO 8601
        (V(2024-05-01T10:00:00Z), V(2024-05-01T18:00:00+08:00); UTC without an offset).
    type: raw
  end_time:
    description:
      - Only tasks created at or before this time, in the same forms as O(start_time).
    type: raw
  instance_id:
    description:
      - Only tasks of the instance with this id.
      - The API has no instance filter; the tasks are filtered as they are read, so tasks of deleted
        instances are found too.
    type: str
  instance_name:
    description:
      - Only tasks of instances with this exact name (filtered as they are read, no look-up).
    type: str
  limit:
    description:
      - Return at most this many tasks (the newest); by default every task that matches.
    type: int
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
notes:
  - The API reads C(offset) as a page number (C(1) is the first page); see the module utility
    C(gaussdb_tasks) for the reading of the reference.
seealso:
  - module: clouddb.mysql.gaussdb_task
  - module: clouddb.mysql.gaussdb_job_info
  - module: clouddb.mysql.gaussdb_node
'''

EXAMPLES = r'''
- name: The scheduled tasks still pending for an instance
  clouddb.mysql.gaussdb_task_info:
    kind: scheduled
    status: Pending
    instance_name: orders-db
  register: pending

- name: Failed tasks of May 2024
  clouddb.mysql.gaussdb_task_info:
    status: Failed
    start_time: "2024-05-01T00:00:00+08:00"
    end_time: "2024-06-01T00:00:00+08:00"
  register: failed

- name: The ten newest restarts
  clouddb.mysql.gaussdb_task_info:
    job_name: RebootGaussDBforMySQLInstance
    limit: 10
'''

RETURN = r'''
jobs:
  description: The immediate tasks (4.13.2), newest first.
  returned: when O(kind=immediate)
  type: list
  elements: dict
  contains:
    job_id:
      description: Task id.
      type: str
    job_name:
      description: Task name, for example C(RebootGaussDBforMySQLInstance).
      type: str
    status:
      description: C(Running), C(Completed), C(Failed) or C(Pending).
      type: str
    process:
      description: Progress.
      type: str
    instance_id:
      description: Id of the instance.
      type: str
    instance_name:
      description: Name of the instance.
      type: str
    instance_status:
      description: Status of the instance (C(normal), C(abnormal), C(creating), C(createfail), C(deleted)).
      type: str
    order_id:
      description: Order id (yearly/monthly changes).
      type: str
    created_time:
      description: Creation time (C(yyyy-mm-ddThh:mm:ss+0000)).
      type: str
    ended_time:
      description: End time.
      type: str
    fail_reason:
      description: Why the task failed.
      type: str
  sample:
    - job_id: 7155730b-a60b-4dc0-9f89-3f55897f29d6
      job_name: RebootGaussDBforMySQLInstance
      status: Completed
      instance_id: ede953923f06448d9be8686ef0c1378ein07
      instance_name: orders-db
      instance_status: normal
      created_time: "2024-08-06T10:41:14+0000"
      ended_time: "2024-08-06T10:42:14+0000"
schedules:
  description: The scheduled tasks (4.13.3), newest first.
  returned: when O(kind=scheduled)
  type: list
  elements: dict
  contains:
    job_id:
      description: Task id, to cancel it with M(clouddb.mysql.gaussdb_task).
      type: str
    job_name:
      description: Task name, for example C(UpgradeGaussDBforMySQLDatabaseVersion).
      type: str
    job_status:
      description: C(Pending) (not run yet), C(Running), C(Completed) or C(Failed).
      type: str
    instance_id:
      description: Id of the instance.
      type: str
    instance_name:
      description: Name of the instance.
      type: str
    instance_status:
      description: Status of the instance.
      type: str
    project_id:
      description: Project id.
      type: str
    create_time:
      description: Creation time.
      type: str
    start_time:
      description: Start time.
      type: str
    end_time:
      description: End time.
      type: str
    datastore_type:
      description: Database type.
      type: str
    target_config:
      description: What the task will change (for example a flavor, or the node of a node restart).
      type: dict
  sample:
    - job_id: 56d3c1138dcf4f1da73b0170700c78d0
      job_name: RebootGaussDBforMySQLInstance
      job_status: Pending
      instance_id: 79bc540dd4d6432784894a981fdfacfcin07
      instance_name: orders-db
      datastore_type: gaussdb-mysql
      target_config: {}
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_tasks import (
    KINDS, instance_matcher, list_tasks, task_filter_errors, task_query,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(task_filter_errors(params))
    kind = params['kind']
    tasks = list_tasks(module.client, kind, task_query(params),
                       keep=instance_matcher(params['instance_id'], params['instance_name']), limit=params['limit'])
    module.finish(False, **{KINDS[kind][1]: tasks})


def main():
    spec = dict(
        kind=dict(type='str', default='immediate', choices=['immediate', 'scheduled']),
        status=dict(type='str', choices=['Running', 'Completed', 'Failed', 'Pending']),
        job_name=dict(type='str'),
        job_id=dict(type='str'),
        start_time=dict(type='raw'),
        end_time=dict(type='raw'),
        instance_id=dict(type='str'),
        instance_name=dict(type='str'),
        limit=dict(type='int'),
    )
    CloudModule('gaussdb', spec, mutually_exclusive=[('instance_id', 'instance_name')]).run(run)


if __name__ == '__main__':
    main()
