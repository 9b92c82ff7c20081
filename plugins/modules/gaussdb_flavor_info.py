#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_flavor_info
short_description: List the flavors (specifications) of Huawei Cloud GaussDB(for MySQL)
version_added: 0.1.0
description:
  - Reads the flavors an instance can be created with or resized to (API 4.2.1), with their sale
    status per availability zone.
author:
  - clouddb.mysql contributors (@clouddb)
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
options:
  engine:
    description: Database engine; the API knows only C(gaussdb-mysql).
    type: str
    default: gaussdb-mysql
  version:
    description: Major engine version (the API's C(version_name)).
    type: str
    default: '8.0'
  availability_zone_mode:
    description: Flavors for V(single) or V(multi) availability-zone instances.
    type: str
    choices: [single, multi]
    default: single
  spec_code:
    description: Only this spec code, for example C(gaussdb.mysql.xlarge.x86.4).
    type: str
seealso:
  - module: clouddb.mysql.gaussdb_datastore_info
  - module: clouddb.mysql.gaussdb_instance
'''

EXAMPLES = r'''
- name: Flavors of multi-AZ 8.0 instances
  clouddb.mysql.gaussdb_flavor_info:
    availability_zone_mode: multi
  register: flavors

- name: Four-core x86 flavors on sale
  ansible.builtin.debug:
    msg: "{{ flavors.flavors | selectattr('vcpus', '==', '4') | selectattr('type', '==', 'x86') | map(attribute='spec_code') }}"
'''

RETURN = r'''
flavors:
  description: The flavors, as the API lists them.
  returned: always
  type: list
  elements: dict
  contains:
    spec_code:
      description: Spec code, as O(clouddb.mysql.gaussdb_instance#module:flavor) takes it.
      type: str
    vcpus:
      description: Number of vCPUs.
      type: str
    ram:
      description: Memory in GB.
      type: str
    type:
      description: C(x86), C(arm) or C(generalX86).
      type: str
    id:
      description: Flavor id.
      type: str
    version_name:
      description: Major engine version.
      type: str
    instance_mode:
      description: Always C(Cluster).
      type: str
    az_status:
      description: Sale status per availability zone (C(normal), C(unsupported), C(sellout)).
      type: dict
  sample:
    - {spec_code: gaussdb.mysql.xlarge.x86.4, vcpus: "4", ram: "16", type: x86, instance_mode: Cluster,
       version_name: "8.0", az_status: {cn-north-4a: normal, cn-north-4b: normal}}
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops import list_flavors
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.finish(False, flavors=list_flavors(module.client, params['engine'], params['version'],
                                              params['availability_zone_mode'], params['spec_code']))


def main():
    spec = dict(
        engine=dict(type='str', default='gaussdb-mysql'),
        version=dict(type='str', default='8.0'),
        availability_zone_mode=dict(type='str', default='single', choices=['single', 'multi']),
        spec_code=dict(type='str'),
    )
    CloudModule('gaussdb', spec).run(run)


if __name__ == '__main__':
    main()
