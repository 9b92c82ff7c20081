#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_sql_throttling_info
short_description: Read SQL throttling of a GaussDB(for MySQL) instance
version_added: 0.1.0
description:
  - Return whether SQL throttling is on and the throttling rules of the nodes of an instance
    (Huawei Cloud GaussDB(for MySQL) / TaurusDB API v3, sections 4.12.2 and 4.12.4).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  nodes:
    description:
      - Ids or names of the nodes to read. Default is every node of the instance.
    type: list
    elements: str
  sql_type:
    description:
      - Only rules of this statement type.
    type: str
    choices: [SELECT, UPDATE, DELETE]
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
notes:
  - Makes one request per node (4.12.4 answers the rules of one node), plus the instance and switch reads.
seealso:
  - module: clouddb.mysql.gaussdb_sql_throttling
'''

EXAMPLES = r'''
- name: Read the throttling rules of every node
  clouddb.mysql.gaussdb_sql_throttling_info:
    instance_name: shop-db
  register: throttling

- name: Show the SELECT limits of the primary node
  ansible.builtin.debug:
    msg: "{{ throttling.rules | selectattr('sql_type', 'equalto', 'SELECT') | list }}"
'''

RETURN = r'''
instance_id:
  description: Id of the instance.
  returned: always
  type: str
  sample: a23fb62bd61e4e9e9636fd2225f395bein07
switch_status:
  description: The API's switch, V(ON) or V(OFF).
  returned: always
  type: str
  sample: "ON"
enabled:
  description: Whether SQL throttling is on.
  returned: always
  type: bool
  sample: true
rules:
  description: Rules of the nodes read, sorted by node, type and pattern.
  returned: always
  type: list
  elements: dict
  contains:
    node_id:
      description: Node the rule belongs to.
      type: str
      sample: c01a5645eb2c4fb6a9373542f5366e50no07
    sql_type:
      description: Statement type.
      type: str
      sample: SELECT
    pattern:
      description: Keywords joined by V(~).
      type: str
      sample: select~from~t1
    max_concurrency:
      description: Statements that may run at once.
      type: int
      sample: 10
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops import (
    read_rules, read_switch, select_nodes, throttling_view,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    details = module.target_instance()
    instance_id = details['id']
    node_ids = [n['id'] for n in select_nodes(details, module.params['nodes'])]
    by_node = read_rules(module.client, instance_id, node_ids, module.params['sql_type'])
    switch = read_switch(module.client, instance_id)
    module.finish(False, **throttling_view(instance_id, switch, by_node))


def main():
    spec = dict(
        nodes=dict(type='list', elements='str'),
        sql_type=dict(type='str', choices=['SELECT', 'UPDATE', 'DELETE']),
    )
    CloudModule('gaussdb', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
