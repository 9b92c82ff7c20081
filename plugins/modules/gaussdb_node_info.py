#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_node_info
short_description: Nodes of one GaussDB(for MySQL) instance
version_added: 0.1.0
description:
  - Returns the nodes of one GaussDB(for MySQL) / TaurusDB instance, with their role, status,
    failover priority and addresses, from one instance details request (4.3.32).
  - M(clouddb.mysql.gaussdb_instance_info) returns the nodes of every instance it finds too,
    inside each instance; this module is the cheap way to read the nodes of one instance (for
    example to pick a node for M(clouddb.mysql.gaussdb_node)), and returns them as a flat list.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  node_id:
    description: Return only the node with this id.
    type: str
  node_name:
    description: Return only the nodes with this name.
    type: str
  role:
    description: Return only the primary (V(master)) or the read-only (V(readonly)) nodes.
    type: str
    choices: [master, readonly]
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
notes:
  - An instance that does not exist gives an empty list, not a failure.
seealso:
  - module: clouddb.mysql.gaussdb_node
  - module: clouddb.mysql.gaussdb_instance_info
'''

EXAMPLES = r'''
- name: Read the nodes of an instance
  clouddb.mysql.gaussdb_node_info:
    instance_name: shop-db
  register: shop

- name: Promote the read-only node with the best failover priority
  clouddb.mysql.gaussdb_node:
    instance_name: shop-db
    node_id: "{{ (shop.nodes | selectattr('role', 'eq', 'readonly') | sort(attribute='priority') | first).id }}"
    promote: true
'''

RETURN = r'''
nodes:
  description: The nodes, as the instance details return them, plus C(role) and C(instance_id).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Node id.
      type: str
      sample: 799a0f2fa49a4151bf9f7063c1fbba35no07
    name:
      description: Node name.
      type: str
    type:
      description: Node type as the API says it, C(master) or C(slave).
      type: str
    role:
      description: C(master) or C(readonly).
      type: str
    status:
      description: Node status.
      type: str
    priority:
      description: Failover priority (1 to 16, or -1).
      type: int
    private_read_ips:
      description: Private IP addresses of the node.
      type: list
      elements: str
    az_code:
      description: Availability zone.
      type: str
    instance_id:
      description: Id of the instance.
      type: str
instance_id:
  description: Id of the instance; empty when it does not exist.
  returned: always
  type: str
instance_name:
  description: Name of the instance; empty when it does not exist.
  returned: always
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_node import select_nodes
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    # Not module.target_instance(): an instance that does not exist gives an empty list, not a failure.
    instance = module.client.resolve_instance(params['instance_id'], params['instance_name']) or {}
    module.finish(False, nodes=select_nodes(instance, params['node_id'], params['node_name'], params['role']),
                  instance_id=instance.get('id') or '', instance_name=instance.get('name') or '')


def main():
    spec = dict(
        node_id=dict(type='str'),
        node_name=dict(type='str'),
        role=dict(type='str', choices=['master', 'readonly']),
    )
    CloudModule('gaussdb', spec, instance_ref=True, mutually_exclusive=[('node_id', 'node_name')]).run(run)


if __name__ == '__main__':
    main()
