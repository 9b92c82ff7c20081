#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_quota_info
short_description: Read GaussDB(for MySQL) quotas and enterprise projects
version_added: 0.1.0
description:
  - Return the instance quota of the project (Huawei Cloud GaussDB(for MySQL) / TaurusDB API v3, section
    4.6.1), the quotas of its enterprise projects with what is still available (4.6.2), and its enterprise
    projects (4.6.5).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  include:
    description:
      - What to read. The enterprise-project quotas (V(quotas)) are a public-beta API that must be enabled
        through a service ticket; leave it out where it is not.
    type: list
    elements: str
    choices: [project_quotas, quotas, enterprise_projects]
    default: [project_quotas, quotas, enterprise_projects]
  enterprise_project_name:
    description:
      - Only the quotas of the enterprise project with this exact name.
    type: str
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
seealso:
  - module: clouddb.mysql.gaussdb_quota
'''

EXAMPLES = r'''
- name: Read every quota
  clouddb.mysql.gaussdb_quota_info:
  register: quota_info

- name: How many instances can still be created in the project
  ansible.builtin.debug:
    msg: "{{ (quota_info.project_quotas | first).quota - (quota_info.project_quotas | first).used }}"

- name: Only the enterprise projects
  clouddb.mysql.gaussdb_quota_info:
    include: [enterprise_projects]
'''

RETURN = r'''
project_quotas:
  description: Quotas of the project (4.6.1).
  returned: when O(include) has V(project_quotas)
  type: list
  elements: dict
  contains:
    type:
      description: Resource type.
      type: str
      sample: instance
    used:
      description: Resources in use.
      type: int
      sample: 4
    quota:
      description: The quota; V(-1) means unlimited.
      type: int
      sample: 50
quotas:
  description: Quotas of the enterprise projects (4.6.2).
  returned: when O(include) has V(quotas)
  type: list
  elements: dict
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
    vcpus_quota:
      description: vCPU quota; V(-1) means unlimited.
      type: int
    ram_quota:
      description: Memory quota in GB; V(-1) means unlimited.
      type: int
    availability_instance_quota:
      description: Instances that can still be created; V(-1) means unlimited.
      type: int
    availability_vcpus_quota:
      description: vCPUs still available; V(-1) means unlimited.
      type: int
    availability_ram_quota:
      description: Memory still available in GB; V(-1) means unlimited.
      type: int
enterprise_projects:
  description: Enterprise projects (4.6.5).
  returned: when O(include) has V(enterprise_projects)
  type: list
  elements: dict
  contains:
    id:
      description: Id of the enterprise project.
      type: str
      sample: "0"
    name:
      description: Name.
      type: str
      sample: default
    description:
      description: Description.
      type: str
    status:
      description: V(1) normal, V(0) abnormal.
      type: str
      sample: "1"
    created:
      description: Creation time.
      type: str
    updated:
      description: Last change.
      type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops import QUOTA_PARTS, read_quota_info
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    module.finish(False, **read_quota_info(module.client, module.params['include'],
                                           module.params['enterprise_project_name']))


def main():
    spec = dict(
        include=dict(type='list', elements='str', choices=list(QUOTA_PARTS), default=list(QUOTA_PARTS)),
        enterprise_project_name=dict(type='str'),
    )
    CloudModule('gaussdb', spec).run(run)


if __name__ == '__main__':
    main()
