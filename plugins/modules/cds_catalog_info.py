#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_catalog_info
short_description: Read the CDS cloud MySQL sales catalog, sites, specs and disk types
version_added: 0.1.0
description:
  - Lists the sites where MySQL is sold (C(DescribeRegions)) and, for O(region), the versions,
    editions, specs (CPU/RAM with their spec id C(PaasGoodsId)) and disk types
    (C(DescribeAvailableDBConfig)).
  - For an instance, also the specs it can change to (C(DescribeModifiableDBSpec)) and the
    read-only specs it offers (C(DescribeAvailableReadOnlyConfig)).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  instance_id:
    description: Also list the specs this instance can change to and its read-only specs.
    type: str
    aliases: [instance_uuid]
  instance_name:
    description: The same, naming the instance by its exact (unique) name.
    type: str
  privileges:
    description: Also list the MySQL grants of each account privilege type (C(DescribeDbPrivileges)).
    type: bool
    default: false
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.cds_auth
notes:
  - Without O(region) only the sites are listed.
seealso:
  - module: clouddb.mysql.cds_instance
'''

EXAMPLES = r'''
- name: What can be bought in Beijing A
  clouddb.mysql.cds_catalog_info:
    region: CN_Beijing_A
  register: catalog

- name: Spec ids of MySQL 8.0 high-availability instances
  ansible.builtin.debug:
    msg: "{{ catalog.specs | selectattr('version', 'equalto', '8.0') | selectattr('architecture_type', 'equalto', 1) }}"
'''

RETURN = r'''
regions:
  description: Sites (C(region_id), C(region_name), C(city_name), C(site_name), C(is_saling)).
  returned: always
  type: list
  elements: dict
specs:
  description: One entry per purchasable spec in O(region).
  returned: when O(region) is set
  type: list
  elements: dict
  contains:
    version:
      description: MySQL version, for example C(8.0).
      type: str
    architecture_type:
      description: 0 basic, 1 high availability (primary-replica).
      type: int
    architecture_name:
      description: Edition name.
      type: str
    compute_type:
      description: Compute type (0, general purpose).
      type: int
    cpu:
      description: CPU cores.
      type: int
    ram:
      description: Memory in GB.
      type: int
    name:
      description: Spec name, for example C(2C4G).
      type: str
    spec_id:
      description: The C(PaasGoodsId) to create with.
      type: int
    disk_types:
      description: Disk types offered with it.
      type: list
      elements: str
disks:
  description: Disk types of O(region) with their bounds (C(disk_value) is the type to use, C(disk_min), C(disk_max), C(disk_step)).
  returned: when O(region) is set
  type: list
  elements: dict
modifiable_specs:
  description: Specs and disks the instance can change to, in snake_case.
  returned: when an instance is given
  type: dict
readonly_specs:
  description: Read-only specs of the instance, in snake_case (empty for basic editions).
  returned: when an instance is given
  type: dict
privileges:
  description: MySQL grants of each privilege type.
  returned: when O(privileges=true)
  type: dict
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import to_snake
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_instance import disks_of, readonly_specs
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    client = module.client
    result = dict(regions=to_snake(client.regions()))
    if client.region:
        rows, config = client.specs()
        result.update(specs=rows, disks=disks_of(config))
    if params['instance_id'] or params['instance_name']:
        uuid = module.target_instance()['InstanceUuid']
        result.update(modifiable_specs=to_snake(client.modifiable_specs(uuid)), readonly_specs=readonly_specs(client, uuid))
    if params['privileges']:
        result['privileges'] = client.data('DescribeDbPrivileges') or {}
    module.finish(False, **result)


def main():
    spec = dict(
        instance_id=dict(type='str', aliases=['instance_uuid']),
        instance_name=dict(type='str'),
        privileges=dict(type='bool', default=False),
    )
    CloudModule('cds', spec, mutually_exclusive=[('instance_id', 'instance_name')]).run(run)


if __name__ == '__main__':
    main()
