#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_instance
short_description: Create, resize or delete a Capital Online (CDS) cloud MySQL instance
version_added: 0.1.0
description:
  - Creates an instance from CPU and RAM (resolved to a spec id through the sales catalog,
    C(DescribeAvailableDBConfig)) or from a spec id, changes its spec, grows its data disk, or
    deletes it.
  - The disk size is given as the new total; the module sends the increment the API expects.
    Disks cannot shrink.
  - Name, site, network, port, version, edition and disk type cannot be changed through the API;
    the module fails when they differ from an existing instance instead of re-creating it.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  name:
    description:
      - Instance name. Identifies the instance when O(id) is not given; names are not unique, and
        the module fails, listing the uuids, when several instances have this name.
      - Required to create an instance.
    type: str
  id:
    description:
      - Uuid (C(InstanceUuid)) of an existing instance.
    type: str
    aliases: [instance_id, instance_uuid]
  state:
    description:
      - V(present) creates the instance or brings its spec and disk to the given values;
        V(absent) deletes it (with its read-only instances).
    type: str
    choices: [present, absent]
    default: present
  vdc_id:
    description:
      - Virtual data centre id. Required to create an instance.
    type: str
  base_pipe_id:
    description:
      - Private network id in the virtual data centre; the instance address is allocated from it.
        Required to create an instance.
    type: str
  version:
    description:
      - MySQL version, V(5.7) or V(8.0). Default V(8.0) for a new instance.
    type: str
    choices: ['5.7', '8.0']
  architecture:
    description:
      - Edition, V(ha) (primary-replica, C(ArchitectureType) 1, needed for backups, read-only
        instances and restores) or V(basic) (C(ArchitectureType) 0). Default V(ha) for a new instance.
    type: str
    choices: [basic, ha]
  cpu:
    description:
      - CPU cores. With O(ram), selects the spec from the catalog (or from the specs the instance
        can change to).
    type: int
  ram:
    description:
      - Memory in GB (the API reports it in MB on instances; the module converts).
    type: int
  spec_id:
    description:
      - Spec id (C(PaasGoodsId)) instead of O(cpu) and O(ram).
    type: int
  disk_type:
    description:
      - Data disk type as the catalog offers it, for example V(ssd_disk) or V(high_disk).
        Default V(ssd_disk) for a new instance. Cannot be changed.
    type: str
  disk_size:
    description:
      - Total data disk size in GB, within the catalog's bounds and steps (typically 100 to 2000 in steps of 100).
      - Growing sends the difference; a smaller value than the current size fails.
    type: int
  port:
    description:
      - Service port of a new instance, 1024 to 65535 except 9100 and 9101 (API default 3306).
    type: int
  time_zone:
    description:
      - Time zone of a new instance, for example V(+08:00). Only used at creation (it is not
        reported back, so it is not compared).
    type: str
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_wait
notes:
  - In check mode the catalog is still read, so that an impossible spec or disk size fails as it
    would in a real run.
  - A create whose answer was lost is never repeated. The module lists the instances with the
    name first, and afterwards takes as its own the one instance with that name that was not
    there before and was created after the request started.
seealso:
  - module: clouddb.mysql.cds_instance_info
  - module: clouddb.mysql.cds_catalog_info
'''

EXAMPLES = r'''
- name: Create a high-availability MySQL 8.0 instance with 2 cores, 4 GB and 200 GB SSD
  clouddb.mysql.cds_instance:
    region: CN_Beijing_A
    name: shop-db
    vdc_id: 3a9d1c2e-0000-4000-8000-000000000001
    base_pipe_id: 7b2f4e6a-0000-4000-8000-000000000002
    cpu: 2
    ram: 4
    disk_size: 200

- name: Grow the disk to 400 GB and move to 4 cores / 8 GB
  clouddb.mysql.cds_instance:
    name: shop-db
    cpu: 4
    ram: 8
    disk_size: 400

- name: Delete it
  clouddb.mysql.cds_instance:
    name: shop-db
    state: absent
'''

RETURN = r'''
instance:
  description:
    - The instance as M(clouddb.mysql.cds_instance_info) returns it (the API's fields in snake_case,
      read-only instances under C(readonly_instances)). Empty after deletion.
    - In check mode, or with O(wait=false), the state expected after the change.
  returned: always
  type: dict
  sample:
    instance_uuid: 5ac7c945-ae47-4bbf-82e6-2823d64b57c5
    instance_name: shop-db
    status: RUNNING
    region_id: CN_Beijing_A
    ip: 10.240.0.12
    port: 3306
    cpu: 2
    ram: 4096
    disks: 200
    version: 8.0.22
    readonly_instances: []
job_id:
  description: The API's C(TaskId) of the change (may be empty; CDS task ids cannot be queried).
  returned: when a change was requested
  type: str
  sample: 0b8a7e4e-1c55-4f4b-9d1c-5f0d3a7c6b21
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import instance_result
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_instance import (
    instance_errors, instance_view, plan_instance, settle_instance,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(instance_errors(params))
    raw = module.client.resolve_instance(params['id'], params['name'], hint='id')
    plan = plan_instance(module.client, params, raw)
    plan.apply(module)
    instance = settle_instance(module, params, raw, plan)
    module.finish(plan.changed, instance_view(plan.before), instance_view(plan.after),
                  instance=instance_result(instance) if instance else {})


def main():
    spec = dict(
        name=dict(type='str'),
        id=dict(type='str', aliases=['instance_id', 'instance_uuid']),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        vdc_id=dict(type='str'),
        base_pipe_id=dict(type='str'),
        version=dict(type='str', choices=['5.7', '8.0']),
        architecture=dict(type='str', choices=['basic', 'ha']),
        cpu=dict(type='int'),
        ram=dict(type='int'),
        spec_id=dict(type='int'),
        disk_type=dict(type='str'),
        disk_size=dict(type='int'),
        port=dict(type='int'),
        time_zone=dict(type='str'),
    )
    CloudModule('cds', spec, wait=True, required_one_of=[('name', 'id')], required_together=[('cpu', 'ram')],
                mutually_exclusive=[('spec_id', 'cpu')]).run(run)


if __name__ == '__main__':
    main()
