#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_job_info
short_description: Look up Huawei Cloud GaussDB(for MySQL) jobs and optionally wait for them
version_added: 0.1.0
description:
  - Reads asynchronous jobs of the task center by id (API 4.13.1) and reports their status, progress
    and entities, for example the RV(clouddb.mysql.gaussdb_instance#module:job_id) of a change made with
    O(clouddb.mysql.gaussdb_instance#module:wait=false).
  - With O(wait=true) it polls (with a backoff that starts at one second) until every job is
    C(Completed) or C(Failed), and fails if one of them failed.
author:
  - clouddb.mysql contributors (@clouddb)
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
options:
  id:
    description: Job id, or a list of job ids.
    type: list
    elements: str
    required: true
    aliases: [job_id]
  wait:
    description:
      - Wait until every job has finished (C(Completed) or C(Failed)).
      - A job the API does not show yet (it may take a few seconds after its creation) is waited for
        up to 30 seconds; without O(wait) an unknown job fails at once with the API's error.
    type: bool
    default: false
  wait_timeout:
    description: How long to wait, in seconds, with O(wait=true).
    type: int
    default: 1800
seealso:
  - module: clouddb.mysql.gaussdb_instance
'''

EXAMPLES = r'''
- name: Start a resize without waiting
  clouddb.mysql.gaussdb_instance:
    name: orders-db
    flavor: gaussdb.mysql.2xlarge.x86.4
    wait: false
  register: resize

- name: Report the progress of the job
  clouddb.mysql.gaussdb_job_info:
    id: "{{ resize.job_id }}"
  register: progress

- name: Show it
  ansible.builtin.debug:
    msg: "{{ progress.jobs[0].name }}: {{ progress.jobs[0].status }} {{ progress.jobs[0].process }}"

- name: Wait for it to finish
  clouddb.mysql.gaussdb_job_info:
    id: "{{ resize.job_id }}"
    wait: true
    wait_timeout: 3600
'''

RETURN = r'''
jobs:
  description: The jobs, in the order asked, as the API reports them.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Job id.
      type: str
    name:
      description: Job name, for example C(CreateGaussDBforMySQLInstance).
      type: str
    status:
      description: C(Pending), C(Running), C(Completed) or C(Failed).
      type: str
    process:
      description: Progress of a running job, for example C(60%); empty otherwise.
      type: str
    created:
      description: Creation time.
      type: str
    ended:
      description: End time.
      type: str
    instance:
      description: Id and name of the instance the job works on.
      type: dict
    entities:
      description: Job-specific details.
      type: dict
    fail_reason:
      description: Why the job failed.
      type: str
  sample:
    - id: 31b8ae23-c687-4d80-b7b4-42a66c9bb886
      name: CreateGaussDBforMySQLInstance
      status: Completed
      process: ""
      instance: {id: a48e43ff268f4c0e879652d65e63d0fbin07, name: orders-db}
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops import (
    failed_jobs_error, follow_jobs, job_info_errors, read_jobs,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(job_info_errors(params))
    ids = [i for i in params['id'] if i]
    if not params['wait']:
        module.finish(False, jobs=read_jobs(module.client, ids))
        return
    latest, timed_out = follow_jobs(module.client, ids, module.jobs.remaining())
    jobs = [latest.get(job_id, {'id': job_id}) for job_id in ids]
    failure = timed_out or failed_jobs_error(jobs)
    if failure:
        module.fail_api(failure, jobs=jobs)
        return
    module.finish(False, jobs=jobs)


def main():
    spec = dict(
        id=dict(type='list', elements='str', required=True, aliases=['job_id']),
        wait=dict(type='bool', default=False),
        wait_timeout=dict(type='int', default=1800),
    )
    CloudModule('gaussdb', spec).run(run)


if __name__ == '__main__':
    main()
