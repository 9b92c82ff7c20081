#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_instance_info
short_description: List Capital Online (CDS) cloud MySQL instances with their read-only instances
version_added: 0.1.0
description:
  - Lists the MySQL instances of the account (C(DescribeDBInstances), one call, as the API has no
    paging) with their read-only instances, optionally filtered.
  - Filters are passed to the API and applied again here exactly (the API does not document
    whether its name filter is exact).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  id:
    description: Only the instance with this uuid.
    type: str
    aliases: [instance_id, instance_uuid]
  name:
    description: Only instances with exactly this name.
    type: str
  ip:
    description: Only the instance with this private IP address.
    type: str
  tag:
    description: Only instances carrying a tag with this name.
    type: str
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.cds_auth
seealso:
  - module: clouddb.mysql.cds_instance
'''

EXAMPLES = r'''
- name: All instances
  clouddb.mysql.cds_instance_info:
  register: all_instances

- name: One instance by name
  clouddb.mysql.cds_instance_info:
    name: shop-db
  register: shop

- name: Addresses of its read-only instances
  ansible.builtin.debug:
    msg: "{{ shop.instances[0].readonly_instances | map(attribute='ip') | list }}"
'''

RETURN = r'''
instances:
  description: The instances, the API's fields in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    instance_uuid:
      description: Instance id.
      type: str
      sample: 5ac7c945-ae47-4bbf-82e6-2823d64b57c5
    instance_name:
      description: Name.
      type: str
    status:
      description: C(RUNNING), C(CREATING), or another transient status.
      type: str
    region_id:
      description: Site id.
      type: str
    ip:
      description: Private IP address.
      type: str
    port:
      description: Service port.
      type: int
    cpu:
      description: CPU cores.
      type: int
    ram:
      description: Memory in MB.
      type: int
    disks:
      description: Data disk size in GB.
      type: int
    version:
      description: Full MySQL version.
      type: str
    tags:
      description: Tags, as C(tag_id) and C(tag_name).
      type: list
      elements: dict
    readonly_instances:
      description: Read-only instances (the API's C(RoGroups)), with C(service_id) as their id.
      type: list
      elements: dict
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import instance_result
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    items = module.client.list_instances(instance_id=params['id'], name=params['name'], ip=params['ip'],
                                         tag=params['tag'])
    module.finish(False, instances=[instance_result(i) for i in items])


def main():
    spec = dict(
        id=dict(type='str', aliases=['instance_id', 'instance_uuid']),
        name=dict(type='str'),
        ip=dict(type='str'),
        tag=dict(type='str'),
    )
    CloudModule('cds', spec).run(run)


if __name__ == '__main__':
    main()
