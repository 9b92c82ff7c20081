#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_sql_throttling
short_description: Manage SQL throttling of a GaussDB(for MySQL) instance
version_added: 0.1.0
description:
  - Turn SQL throttling on or off and manage its rules (Huawei Cloud GaussDB(for MySQL) / TaurusDB API v3,
    sections 4.12.1 to 4.12.5).
  - A rule limits how many statements of one type (V(SELECT), V(UPDATE) or V(DELETE)) that contain the
    keywords of a pattern may run at the same time on a node. Rules are kept per node; the module applies
    the same rules to every node it manages (O(nodes), by default all nodes of the instance).
  - A rule is identified by its O(rules[].sql_type) and O(rules[].pattern); a listed rule whose
    O(rules[].max_concurrency) differs is updated in place.
  - Every change runs as an asynchronous job; its id is returned as RV(job_id).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  enabled:
    description:
      - Whether SQL throttling is on (the API's C(switch_status) V(ON) or V(OFF)).
      - Not set means leave the switch as it is. Rules can be managed while throttling is off; they take
        effect once it is on.
    type: bool
  rules:
    description:
      - Throttling rules.
      - With O(state=present) the listed rules are created or updated; with O(purge_rules=true) every other
        rule of the managed nodes is deleted.
      - With O(state=absent) the listed rules are deleted where they exist (O(rules[].max_concurrency) is
        ignored); when O(rules) is not set, every rule of the managed nodes is deleted.
    type: list
    elements: dict
    suboptions:
      sql_type:
        description:
          - Statement type, V(SELECT), V(UPDATE) or V(DELETE) (case-insensitive).
        type: str
        required: true
      pattern:
        description:
          - One to 128 keywords joined by V(~), for example V(select~from~t1).
          - Must not contain a backslash, a comma (also the full-width one) or V(~~), and must not end with V(~).
          - Compared exactly (case-sensitive).
        type: str
        required: true
      max_concurrency:
        description:
          - Number of matching statements that may run at once; V(0) or more. V(0) refuses every matching
            statement.
          - Required with O(state=present).
        type: int
  nodes:
    description:
      - Ids or names of the nodes whose rules are managed. Default is every node of the instance.
    type: list
    elements: str
  purge_rules:
    description:
      - With O(state=present), delete the rules of the managed nodes that O(rules) does not list.
    type: bool
    default: false
  state:
    description:
      - V(present) makes the listed rules exist; V(absent) deletes them.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - Reads one request per managed node (4.12.4 answers the rules of one node).
  - The switch, the deletions and the additions are separate jobs; each is waited for before the next is sent.
seealso:
  - module: clouddb.mysql.gaussdb_sql_throttling_info
'''

EXAMPLES = r'''
- name: Throttle heavy reports on every node
  clouddb.mysql.gaussdb_sql_throttling:
    instance_name: shop-db
    enabled: true
    rules:
      - sql_type: SELECT
        pattern: select~from~order_history
        max_concurrency: 10
      - sql_type: DELETE
        pattern: delete~from~sessions
        max_concurrency: 2

- name: Exactly these rules on the read replicas, nothing else
  clouddb.mysql.gaussdb_sql_throttling:
    instance_name: shop-db
    nodes: [shop-db_node02, shop-db_node03]
    rules:
      - sql_type: SELECT
        pattern: select~from~order_history
        max_concurrency: 20
    purge_rules: true

- name: Remove one rule
  clouddb.mysql.gaussdb_sql_throttling:
    instance_id: a23fb62bd61e4e9e9636fd2225f395bein07
    rules:
      - sql_type: DELETE
        pattern: delete~from~sessions
    state: absent

- name: Turn throttling off and remove every rule
  clouddb.mysql.gaussdb_sql_throttling:
    instance_name: shop-db
    enabled: false
    state: absent
'''

RETURN = r'''
sql_throttling:
  description:
    - SQL throttling of the instance after the run (the expected state in check mode or with O(wait=false)),
      with the rules of the managed nodes.
  returned: always
  type: dict
  contains:
    instance_id:
      description: Id of the instance.
      type: str
      sample: a23fb62bd61e4e9e9636fd2225f395bein07
    switch_status:
      description: The API's switch, V(ON) or V(OFF).
      type: str
      sample: "ON"
    enabled:
      description: Whether throttling is on.
      type: bool
      sample: true
    rules:
      description: Rules of the managed nodes, sorted by node, type and pattern.
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
job_id:
  description: Id of the job of the change (a list when there were several).
  returned: when a change was made (not in check mode)
  type: raw
  sample: aef6a470-fb63-4d5b-b644-12ead7e019b3
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops import (
    plan_throttling, read_rules, read_switch, rule_errors, select_nodes,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(rule_errors(params['rules'], need_limit=params['state'] == 'present'))
    details = module.target_instance()
    instance_id = details['id']
    node_ids = [n['id'] for n in select_nodes(details, params['nodes'])]
    switch = read_switch(module.client, instance_id)
    current = read_rules(module.client, instance_id, node_ids)
    plan = plan_throttling(instance_id, params, switch, current)
    plan.apply(module)
    module.finish(plan.changed, plan.before, plan.after, sql_throttling=plan.after)


def main():
    spec = dict(
        enabled=dict(type='bool'),
        rules=dict(type='list', elements='dict', options=dict(
            sql_type=dict(type='str', required=True),
            pattern=dict(type='str', required=True),
            max_concurrency=dict(type='int'),
        )),
        nodes=dict(type='list', elements='str'),
        purge_rules=dict(type='bool', default=False),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    CloudModule('gaussdb', spec, wait=True, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
