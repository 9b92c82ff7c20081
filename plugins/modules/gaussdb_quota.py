#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_quota
short_description: Manage the GaussDB(for MySQL) resource quotas of an enterprise project
version_added: 0.1.0
description:
  - Set how many instances, vCPUs and GB of memory the GaussDB(for MySQL) instances of an enterprise project
    may use (Huawei Cloud GaussDB(for MySQL) / TaurusDB API v3, sections 4.6.2 to 4.6.5).
  - Only the quotas that are set are compared and changed; the first quota of an enterprise project is set
    with 4.6.3, later changes use 4.6.4.
  - The API reference marks these calls as public beta, to be enabled through a service ticket.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  enterprise_project_id:
    description:
      - Id of the enterprise project, V(0) for the default one.
      - Exactly one of O(enterprise_project_id) and O(enterprise_project_name) is required.
    type: str
  enterprise_project_name:
    description:
      - Exact name of the enterprise project, for example V(default).
    type: str
  instance_quota:
    description:
      - Number of instances, V(0) to V(100000). The service refuses a quota below what the enterprise project
        already uses.
    type: int
  vcpus_quota:
    description:
      - Number of vCPUs (of every node), V(0) to V(2147483646).
    type: int
  ram_quota:
    description:
      - Memory in GB (of every node), V(0) to V(2147483646).
    type: int
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
notes:
  - In check mode the C(availability_*) values are those read before the change.
  - A quota cannot be removed again through the API (V(-1), unlimited, is not accepted).
seealso:
  - module: clouddb.mysql.gaussdb_quota_info
'''

EXAMPLES = r'''
- name: At most 20 instances and 80 vCPUs in the production enterprise project
  clouddb.mysql.gaussdb_quota:
    enterprise_project_name: eps-prod
    instance_quota: 20
    vcpus_quota: 80

- name: Memory quota of the default enterprise project
  clouddb.mysql.gaussdb_quota:
    enterprise_project_id: "0"
    ram_quota: 512
'''

RETURN = r'''
quota:
  description: The quotas of the enterprise project after the run, as M(clouddb.mysql.gaussdb_quota_info) returns them.
  returned: always
  type: dict
  contains:
    enterprise_project_id:
      description: Id of the enterprise project.
      type: str
      sample: "0"
    enterprise_project_name:
      description: Name of the enterprise project.
      type: str
      sample: default
    instance_quota:
      description: Instance quota; V(-1) means unlimited.
      type: int
      sample: 20
    vcpus_quota:
      description: vCPU quota; V(-1) means unlimited.
      type: int
      sample: 80
    ram_quota:
      description: Memory quota in GB; V(-1) means unlimited.
      type: int
      sample: 320
    availability_instance_quota:
      description: Instances that can still be created; V(-1) means unlimited.
      type: int
      sample: 12
    availability_vcpus_quota:
      description: vCPUs still available; V(-1) means unlimited.
      type: int
      sample: 48
    availability_ram_quota:
      description: Memory still available in GB; V(-1) means unlimited.
      type: int
      sample: 192
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops import (
    find_enterprise_project, find_quota, plan_quota, quota_errors, quota_view,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(quota_errors(params))
    ep_id, ep_name = find_enterprise_project(module.client, params['enterprise_project_id'],
                                             params['enterprise_project_name'])
    current = find_quota(module.client, ep_id, ep_name)
    plan = plan_quota(ep_id, params, current)
    plan.apply(module)
    quota = plan.after
    if plan.changed and not module.check_mode and module.jobs.wait:
        quota = find_quota(module.client, ep_id, ep_name)
    module.finish(plan.changed, quota_view(plan.before), quota_view(quota), quota=quota)


def main():
    spec = dict(
        enterprise_project_id=dict(type='str'),
        enterprise_project_name=dict(type='str'),
        instance_quota=dict(type='int'),
        vcpus_quota=dict(type='int'),
        ram_quota=dict(type='int'),
    )
    CloudModule('gaussdb', spec,
                mutually_exclusive=[('enterprise_project_id', 'enterprise_project_name')],
                required_one_of=[('enterprise_project_id', 'enterprise_project_name'),
                                 ('instance_quota', 'vcpus_quota', 'ram_quota')]).run(run)


if __name__ == '__main__':
    main()
