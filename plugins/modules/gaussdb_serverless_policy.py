#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_serverless_policy
short_description: Set the Serverless vCPU range of a GaussDB(for MySQL) instance
version_added: 1.0.0
description:
  - Sets how far the compute of each node of a Serverless GaussDB(for MySQL) (TaurusDB) instance may scale, as a
    lower and an upper number of vCPUs (Huawei Cloud GaussDB(for MySQL) API v3, section 4.3.39).
  - The API reference documents no way to read the policy back (section 4.3.39 is its only call, and neither the
    instance details of sections 4.3.32/4.3.33 nor the flavors of section 4.2.1 carry it). The module therefore
    cannot compare. Every run sends the policy and reports a change, with a warning; check mode reports the change
    the real run would make. Run it only when the range should change (for example with a C(when) condition).
  - The change is synchronous (no job).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  min_vcpus:
    description:
      - Lowest number of vCPUs of each node; at least 1 and not above O(max_vcpus).
      - The allowed values are the vCPU counts of the flavors (M(clouddb.mysql.gaussdb_flavor_info)); the API
        refuses others.
    type: int
    required: true
  max_vcpus:
    description: Highest number of vCPUs of each node.
    type: int
    required: true
extends_documentation_fragment:
  - clouddb.mysql.attributes.ACTION
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
notes:
  - The diff has no C(before) (the policy cannot be read); C(after) is the range sent.
seealso:
  - module: clouddb.mysql.gaussdb_auto_scaling
  - module: clouddb.mysql.gaussdb_flavor_info
'''

EXAMPLES = r'''
- name: Let each node scale between 1 and 4 vCPUs
  clouddb.mysql.gaussdb_serverless_policy:
    instance_name: orders-db
    min_vcpus: 1
    max_vcpus: 4
'''

RETURN = r'''
serverless_policy:
  description: The range sent (the API answers no body).
  returned: always
  type: dict
  contains:
    min_vcpus:
      description: Lowest vCPUs per node.
      type: int
    max_vcpus:
      description: Highest vCPUs per node.
      type: int
  sample: {min_vcpus: 1, max_vcpus: 4}
instance_id:
  description: Id of the instance.
  returned: always
  type: str
  sample: 096c0fc43e804757b59946b80dc27f8bin07
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_scaling import (
    SERVERLESS_UNREADABLE, plan_serverless, serverless_errors,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(serverless_errors(params))
    instance_id = module.target_instance_id()
    plan = plan_serverless(instance_id, params)
    module.warn(SERVERLESS_UNREADABLE)
    plan.apply(module)
    module.finish(plan.changed, plan.before, plan.after, serverless_policy=plan.after, instance_id=instance_id)


def main():
    spec = dict(
        min_vcpus=dict(type='int', required=True),
        max_vcpus=dict(type='int', required=True),
    )
    CloudModule('gaussdb', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
