#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_dedicated_resource_info
short_description: List the dedicated resource pools of GaussDB(for MySQL) and read one
version_added: 1.0.0
description:
  - Lists the dedicated resource pools of the project with their status and capacity (Huawei Cloud
    GaussDB(for MySQL) / TaurusDB API v3 section 4.3.10), 100 pools a page.
  - With O(id) or O(name), returns that one pool with its details - vCPUs and memory in total and in
    use, compute and storage hosts (4.3.11).
  - A pool's id is what M(clouddb.mysql.gaussdb_instance) takes as
    O(clouddb.mysql.gaussdb_instance#module:dedicated_resource_id).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  id:
    description:
      - Id of one pool; its details are read with one request. No pool with this id returns an empty list.
    type: str
    aliases: [dedicated_resource_id]
  name:
    description:
      - Exact name (C(resource_name)) of one pool, looked up in the list. No pool with this name
        returns an empty list; several fail, listing their ids.
    type: str
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
seealso:
  - module: clouddb.mysql.gaussdb_instance
'''

EXAMPLES = r'''
- name: Every dedicated resource pool
  clouddb.mysql.gaussdb_dedicated_resource_info:
  register: pools

- name: How much of one pool is used
  clouddb.mysql.gaussdb_dedicated_resource_info:
    name: prod-dcc
  register: pool

- name: Create an instance in it
  clouddb.mysql.gaussdb_instance:
    name: orders-db
    flavor: gaussdb.mysql.xlarge.x86.4
    vpc_id: "{{ vpc_id }}"
    subnet_id: "{{ subnet_id }}"
    password: "{{ root_password }}"
    dedicated_resource_id: "{{ pool.dedicated_resources[0].id }}"
  when: pool.dedicated_resources[0].dedicated_compute_info.vcpus_total - pool.dedicated_resources[0].dedicated_compute_info.vcpus_used >= 8
'''

RETURN = r'''
dedicated_resources:
  description:
    - The pools (4.3.10); with O(id), the one pool's details (4.3.11); with O(name), the list's fields
      and the details together.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Pool id.
      type: str
    resource_name:
      description: Pool name.
      type: str
    engine_name:
      description: Database engine.
      type: str
    architecture:
      description: CPU architecture.
      type: str
    status:
      description: C(NORMAL), C(BUILDING), C(EXTENDING) or C(DELETED).
      type: str
    capacity:
      description: Capacity - C(ram) and C(volume) in GB, C(vcpus).
      type: dict
      returned: without O(id)
    availability_zone:
      description: Availability zones of the pool.
      type: list
      elements: str
      returned: without O(id)
    availability_zone_ids:
      description: Availability zones of the pool.
      type: list
      elements: str
      returned: with O(id) or O(name)
    dedicated_compute_info:
      description:
        - Compute resources - C(vcpus_total), C(vcpus_used), C(ram_total), C(ram_used) (GB), C(spec_code),
          C(host_num).
      type: dict
      returned: with O(id) or O(name)
    dedicated_storage_info:
      description: Storage resources - C(spec_code), C(host_num).
      type: dict
      returned: with O(id) or O(name)
  sample:
    - id: 1d07f7ba-f140-46a7-b002-58ba22ee6ff3
      resource_name: prod-dcc
      engine_name: gaussdb-mysql
      architecture: ARM
      status: NORMAL
      capacity: {ram: 256, volume: 10000000, vcpus: 64}
      availability_zone: [az1xahz]
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_project import find_dedicated_resources
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.finish(False, dedicated_resources=find_dedicated_resources(module.client, params['id'], params['name']))


def main():
    spec = dict(
        id=dict(type='str', aliases=['dedicated_resource_id']),
        name=dict(type='str'),
    )
    CloudModule('gaussdb', spec, mutually_exclusive=[('id', 'name')]).run(run)


if __name__ == '__main__':
    main()
