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
  - clouddb.mysql.huawei_auth
notes:
  - Supports C(check_mode) and C(diff). In check mode the C(availability_*) values are those read before the
    change.
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

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import fail_on
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops import (
    QUOTA_LIMITS, ep_quotas, quota_errors, quota_is_set, resolve_enterprise_project,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule

FIELDS = tuple(field for field, dummy in QUOTA_LIMITS)


def find_record(client, ep_id, ep_name):
    """The 4.6.2 record of the enterprise project; a project the listing omits has no quota yet."""
    for record in ep_quotas(client, ep_name):
        if str(record.get('enterprise_project_id')) == ep_id:
            return record
    return dict(enterprise_project_id=ep_id, enterprise_project_name=ep_name,
                **dict((f, -1) for f in FIELDS + tuple('availability_' + f for f in FIELDS)))


def main(module):
    params = module.params
    fail_on(module, quota_errors(params))
    ep_id, ep_name = resolve_enterprise_project(module, params['enterprise_project_id'],
                                                params['enterprise_project_name'])
    client = module.client
    current = find_record(client, ep_id, ep_name)
    wanted = dict((f, params[f]) for f in FIELDS if params[f] is not None)
    changes = dict((f, v) for f, v in wanted.items() if int(current.get(f, -1)) != v)
    after = dict(current, **changes)
    if changes and not module.check_mode:
        operation = 'update_ep_quotas' if quota_is_set(current) else 'create_ep_quotas'
        # Both calls set the quotas they are given: sending one again after a lost answer is safe.
        client.call(operation, body={'quota_list': [dict(wanted, enterprise_project_id=ep_id)]}, idempotent=True)
        after = find_record(client, ep_id, ep_name)
    result = dict(changed=bool(changes), quota=after)
    if module._diff:
        result['diff'] = dict(before=dict((f, current.get(f)) for f in FIELDS),
                              after=dict((f, after.get(f)) for f in FIELDS))
    module.exit_json(**result)


def run():
    spec = dict(
        enterprise_project_id=dict(type='str'),
        enterprise_project_name=dict(type='str'),
        instance_quota=dict(type='int'),
        vcpus_quota=dict(type='int'),
        ram_quota=dict(type='int'),
    )
    module = CloudModule('gaussdb', spec,
                         mutually_exclusive=[('enterprise_project_id', 'enterprise_project_name')],
                         required_one_of=[('enterprise_project_id', 'enterprise_project_name'),
                                          ('instance_quota', 'vcpus_quota', 'ram_quota')])
    module.run(main)


if __name__ == '__main__':
    run()
