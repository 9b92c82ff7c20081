#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_readonly_instance
short_description: Create, resize or delete a read-only instance of a CDS cloud MySQL instance
version_added: 0.1.0
description:
  - Creates a read-only instance of a high-availability primary (C(CreateReadOnlyDBInstance)),
    changes its CPU and RAM, or deletes it.
  - The API answers a create without an id; the module finds the new read-only instance in the
    primary's C(RoGroups) (the entry with the name that was not there before) and waits for it.
  - Read-only instances are read through their primary (C(DescribeDBInstances)); see
    M(clouddb.mysql.cds_instance_info).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  name:
    description:
      - Name of the read-only instance (C(ServiceName)). Identifies it among the primary's read-only
        instances when O(id) is not given; the module fails when several have this name.
      - Required to create one.
    type: str
  id:
    description: Id (C(ServiceId)) of an existing read-only instance.
    type: str
    aliases: [readonly_id, service_id]
  state:
    description:
      - V(present) creates the read-only instance or changes its CPU and RAM; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  cpu:
    description:
      - CPU cores; with O(ram) selects a read-only spec (C(DescribeAvailableReadOnlyConfig)), which
        must not be smaller than the primary's.
      - Default for a new read-only instance is the smallest read-only spec at least as large as the primary.
    type: int
  ram:
    description: Memory in GB.
    type: int
  spec_id:
    description: Read-only spec id (C(PaasGoodsId)) instead of O(cpu) and O(ram).
    type: int
  disk_type:
    description: Disk type of a new read-only instance, for example V(ssd_disk) (the default).
    type: str
  disk_size:
    description:
      - Disk size in GB of a new read-only instance, not below the primary's (the default).
      - Not compared afterwards (the API does not report read-only disk sizes).
    type: int
  port:
    description: Service port of a new read-only instance (API default 3306).
    type: int
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
  - clouddb.mysql.cds_wait
notes:
  - Deletion uses C(DeleteDBInstance) with the read-only instance's id; the API reference infers,
    but does not document, that this is how read-only instances are deleted.
seealso:
  - module: clouddb.mysql.cds_instance
  - module: clouddb.mysql.cds_instance_info
'''

EXAMPLES = r'''
- name: A read-only instance of shop-db, as large as the primary
  clouddb.mysql.cds_readonly_instance:
    instance_name: shop-db
    name: shop-db-ro1

- name: Make it larger
  clouddb.mysql.cds_readonly_instance:
    instance_name: shop-db
    name: shop-db-ro1
    cpu: 4
    ram: 8

- name: Delete it
  clouddb.mysql.cds_readonly_instance:
    instance_name: shop-db
    name: shop-db-ro1
    state: absent
'''

RETURN = r'''
readonly_instance:
  description:
    - The read-only instance as the primary lists it (C(RoGroups) entry in snake_case; C(service_id)
      is its id, C(progress) 0-100). Empty after deletion.
  returned: always
  type: dict
  sample:
    service_id: 5f88d00f-7b43-4c1f-9c2d-0e6f2b7d9a10
    service_name: shop-db-ro1
    status: RUNNING
    ip: 10.240.0.21
    port: 3306
    cpu: 2
    ram: 4096
    progress: 100
instance_id:
  description: Uuid of the primary.
  returned: always
  type: str
job_id:
  description: The API's C(TaskId) of the change.
  returned: when a change was requested
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import with_progress
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_instance import (
    find_readonly_of, plan_readonly, readonly_view, settle_readonly,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    primary = module.target_instance()
    ro = find_readonly_of(primary, params)
    plan = plan_readonly(module.client, params, primary, ro)
    plan.apply(module)
    readonly = settle_readonly(module, params, ro, plan)
    module.finish(plan.changed, readonly_view(plan.before), readonly_view(plan.after),
                  readonly_instance=with_progress(readonly), instance_id=primary['InstanceUuid'])


def main():
    spec = dict(
        name=dict(type='str'),
        id=dict(type='str', aliases=['readonly_id', 'service_id']),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        cpu=dict(type='int'),
        ram=dict(type='int'),
        spec_id=dict(type='int'),
        disk_type=dict(type='str'),
        disk_size=dict(type='int'),
        port=dict(type='int'),
    )
    CloudModule('cds', spec, wait=True, instance_ref=True, required_one_of=[('name', 'id')],
                mutually_exclusive=[('spec_id', 'cpu')], required_together=[('cpu', 'ram')]).run(run)


if __name__ == '__main__':
    main()
