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
  - clouddb.mysql.huawei_auth
notes:
  - Read-only; supports C(check_mode).
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

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_htap as htap
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import target_instance_id
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def main(module):
    p = module.params
    if p['resources'] and not p['engine']:
        module.fail_json(msg='resources=true needs engine')
    if not (p['instance_id'] or p['instance_name'] or p['resources']):
        module.fail_json(msg='one of instance_id, instance_name or resources=true is required')
    client = module.client
    result = dict(changed=False, htap_instances=[])
    if p['instance_id'] or p['instance_name']:
        owner_id = result['instance_id'] = target_instance_id(module)
        items = [i for i in htap.list_htap(client, owner_id, p['engine']) if not p['name'] or i.get('name') == p['name']]
        if p['details']:
            engines = dict((v, k) for k, v in htap.ENGINES.items())
            for item in items:
                item['details'] = htap.show(client, engines[item['engine_name']], owner_id, item['id'])
        result['htap_instances'] = items
    if p['resources']:
        name = htap.ENGINES[p['engine']]
        result['datastores'] = client.call('show_starrocks_htap_engine_resources', engine_name=name).get('datastores') or []
        version = result['datastores'][0]['kernel_version'] if result['datastores'] else None
        params = {'version_name': version} if version else None
        result['flavors'] = client.call('show_starrocks_htap_flavors', params=params, engine_name=name).get('flavors') or []
        result['storage_types'] = client.call('show_starrocks_htap_instance_storage_types', params=params,
                                              database=name).get('storage_type') or []
    module.exit_json(**result)


def run():
    spec = dict(
        instance_id=dict(type='str'),
        instance_name=dict(type='str'),
        engine=dict(type='str', choices=['starrocks', 'clickhouse']),
        name=dict(type='str'),
        details=dict(type='bool', default=False),
        resources=dict(type='bool', default=False),
    )
    module = CloudModule('gaussdb', spec, mutually_exclusive=[('instance_id', 'instance_name')])
    module.run(main)


if __name__ == '__main__':
    run()
