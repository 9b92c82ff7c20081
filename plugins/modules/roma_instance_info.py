#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: roma_instance_info
short_description: Creation progress of Huawei Cloud ROMA Connect instances
version_added: 0.1.0
description:
  - Reads the creation progress of ROMA Connect instances with C(GET /v2/{project_id}/instances/{instance_id}/process),
    that is the overall progress and status, the instance's details and the progress of each sub-service.
  - With O(wait=true) it polls, with a backoff that starts at one second, until no instance is
    C(CREATING) any more, and fails if one ended C(CREATE_FAILED).
author:
  - clouddb.mysql contributors (@clouddb)
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
options:
  instance_ids:
    description: Ids of the ROMA Connect instances.
    type: list
    elements: str
    required: true
    aliases: [instance_id, id]
  wait:
    description: Wait until every instance has finished creating (C(RUNNING) or C(CREATE_FAILED)).
    type: bool
    default: false
  wait_timeout:
    description: How long to wait, in seconds, with O(wait=true).
    type: int
    default: 1800
notes:
  - The service endpoint is C(https://roma.<region>.myhuaweicloud.com) unless O(endpoint_url) (or
    E(HW_ROMA_ENDPOINT)) is set.
'''

EXAMPLES = r'''
- name: Report how far the creation of an instance is
  clouddb.mysql.roma_instance_info:
    instance_id: b037d389-62a4-464a-8461-c88797ad4f23
  register: roma

- name: Show it
  ansible.builtin.debug:
    msg: "{{ roma.instances[0].name }}: {{ roma.instances[0].progress }}% ({{ roma.instances[0].instance.status }})"

- name: Wait until it runs
  clouddb.mysql.roma_instance_info:
    instance_id: b037d389-62a4-464a-8461-c88797ad4f23
    wait: true
    wait_timeout: 3600
'''

RETURN = r'''
instances:
  description: One creation-progress record per instance, in the order asked, with the API's field names in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    instance_id:
      description: Instance id.
      type: str
    name:
      description: Instance name.
      type: str
    progress:
      description: Overall progress, 0 to 100.
      type: int
    status:
      description: Overall status of the creation, for example C(creating).
      type: str
    start_time:
      description: Start of the creation, in milliseconds since the epoch.
      type: int
    end_time:
      description: End of the creation (0 while it runs), in milliseconds since the epoch.
      type: int
    taken_time:
      description: Time taken so far.
      type: int
    instance:
      description: The instance's details; C(status) is C(CREATING), C(RUNNING) or C(CREATE_FAILED).
      type: dict
    items:
      description: Progress of each sub-service (C(name), C(status), C(progress), C(error_code), C(error_msg) ...).
      type: list
      elements: dict
  sample:
    - instance_id: b037d389-62a4-464a-8461-c88797ad4f23
      name: roma-2222
      progress: 40
      status: creating
      instance: {instance_id: b037d389-62a4-464a-8461-c88797ad4f23, status: CREATING, spec_code: roma.basic.001}
      items: [{name: mqs, status: success, progress: 100}, {name: lvs, status: creating, progress: 60}]
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule
from ansible_collections.clouddb.mysql.plugins.module_utils.roma import instance_ids_errors


def run(module):
    ids = [i for i in module.params['instance_ids'] if i]
    module.check_input(instance_ids_errors(ids))
    if module.params['wait']:
        records = module.client.wait_created(ids, module.jobs.remaining())
    else:
        records = [module.client.progress(i) for i in ids]
    module.finish(False, instances=records)


def main():
    spec = dict(
        instance_ids=dict(type='list', elements='str', required=True, aliases=['instance_id', 'id']),
        wait=dict(type='bool', default=False),
        wait_timeout=dict(type='int', default=1800),
    )
    CloudModule('roma', spec).run(run)


if __name__ == '__main__':
    main()
