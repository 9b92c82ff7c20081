#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_htap_instance_info
short_description: List the HTAP instances of a GaussDB(for MySQL) instance, and the HTAP engine resources
version_added: 0.1.0
description:
  - Lists the StarRocks and ClickHouse instances of a GaussDB(for MySQL) instance (seed section 4.15.12),
    optionally with the details of each (4.15.4, 4.16.16).
  - With O(resources=true), also returns what an O(engine) offers for creation, from any GaussDB
    instance, namely versions (4.15.9), flavors (4.15.11) and storage types (4.15.10).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  instance_id:
    description:
      - Id of the GaussDB(for MySQL) instance whose HTAP instances are listed, used as given.
      - One of O(instance_id), O(instance_name) or O(resources=true) is required.
    type: str
  instance_name:
    description:
      - Exact name of the GaussDB(for MySQL) instance (one list request; fails when ambiguous).
    type: str
  engine:
    description:
      - Only instances of this engine; required with O(resources=true).
    type: str
    choices: [starrocks, clickhouse]
  name:
    description:
      - Only HTAP instances with exactly this name.
    type: str
  details:
    description:
      - Add the details of each listed instance (one request per instance).
    type: bool
    default: false
  resources:
    description:
      - Return the versions, flavors and storage types that O(engine) offers.
    type: bool
    default: false
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
seealso:
  - module: clouddb.mysql.gaussdb_htap_instance
'''

EXAMPLES = r'''
- name: HTAP instances of a GaussDB instance, with details
  clouddb.mysql.gaussdb_htap_instance_info:
    instance_name: shop-db
    details: true
  register: htap

- name: What ClickHouse offers
  clouddb.mysql.gaussdb_htap_instance_info:
    engine: clickhouse
    resources: true
  register: offer
'''

RETURN = r'''
htap_instances:
  description: The HTAP instances as 4.15.12 lists them (with C(details) when asked). Empty without an instance.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: HTAP instance id.
      type: str
    name:
      description: Name.
      type: str
    engine_name:
      description: C(star-rocks) or C(click-house).
      type: str
    instance_state:
      description: Status (C(instance_status)) and creation errors.
      type: dict
    node_num:
      description: Number of nodes.
      type: int
    details:
      description: The details (4.15.4 or 4.16.16), with O(details=true).
      type: dict
instance_id:
  description: Id of the GaussDB instance.
  returned: when an instance was given
  type: str
datastores:
  description: Versions of O(engine) (4.15.9); C(name) is what O(clouddb.mysql.gaussdb_htap_instance#module:engine_version) takes.
  returned: with O(resources=true)
  type: list
  elements: dict
flavors:
  description: Flavors of O(engine) (4.15.11), each with C(id), C(spec_code), C(vcpus), C(ram) and C(az_status).
  returned: with O(resources=true)
  type: list
  elements: dict
storage_types:
  description: Storage types (4.15.10), each with C(name), C(az_status) and C(min_volume_size).
  returned: with O(resources=true)
  type: list
  elements: dict
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_htap import (
    engine_resources, info_errors, info_instances,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(info_errors(params))
    result = dict(htap_instances=[])
    if params['instance_id'] or params['instance_name']:
        result['instance_id'] = module.target_instance_id()
        result['htap_instances'] = info_instances(module.client, result['instance_id'], params)
    if params['resources']:
        result.update(engine_resources(module.client, params['engine']))
    module.finish(False, **result)


def main():
    spec = dict(
        instance_id=dict(type='str'),
        instance_name=dict(type='str'),
        engine=dict(type='str', choices=['starrocks', 'clickhouse']),
        name=dict(type='str'),
        details=dict(type='bool', default=False),
        resources=dict(type='bool', default=False),
    )
    CloudModule('gaussdb', spec, mutually_exclusive=[('instance_id', 'instance_name')]).run(run)


if __name__ == '__main__':
    main()
