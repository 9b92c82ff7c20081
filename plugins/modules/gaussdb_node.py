#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_node
short_description: Name, failover priority, restart and promotion of a GaussDB(for MySQL) node
version_added: 0.1.0
description:
  - Manages one node of a GaussDB(for MySQL) / TaurusDB instance (Huawei Cloud API v3), that is
    its name (4.3.37), its failover priority (4.3.40), a restart (4.3.14) and a switchover that
    makes it the primary node (4.3.19).
  - Only the options given are compared and changed; a node already in the wanted state makes
    no change (C(changed=false)).
  - Adding and removing read-only nodes is done with the O(clouddb.mysql.gaussdb_instance#module:read_replicas)
    count of M(clouddb.mysql.gaussdb_instance).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  node_id:
    description:
      - Id of the node, for example C(799a0f2fa49a4151bf9f7063c1fbba36no07).
      - Exactly one of O(node_id) and O(node_name) is required.
    type: str
  node_name:
    description:
      - Current name of the node. The module fails when several nodes of the instance have it.
      - To rename a node found by name, give the new name in O(name); the next run then has to
        find the node by its new name (or by O(node_id)).
    type: str
  name:
    description:
      - New name of the node, 4 to 128 characters, letters, digits, Chinese characters, V(-) and V(_).
    type: str
  priority:
    description:
      - Failover priority, V(1) (chosen first) to V(16), or V(-1) for a node that never becomes
        the primary on failover.
      - The API accepts V(-1) only when a single-zone instance has more than two read-only nodes,
        or when a multi-zone instance keeps nodes in more than one zone after the change; the module
        refuses V(-1) before any change otherwise. It reads "more than one zone" as the zones of the
        nodes that still take part in a failover - the primary and the read-only nodes whose priority
        is not V(-1), this node no longer counted.
      - The API may refuse to change the priority of the primary node.
    type: int
  promote:
    description:
      - V(true) makes this node the primary node with a manual switchover (the current primary
        becomes read-only). Nothing happens when it is the primary already.
      - The API switches over only to a node whose failover priority is V(1); set O(priority=1)
        in the same task if it may not be (the priority is changed first). The module refuses
        the switchover before any change otherwise.
      - V(false) requests nothing; a primary cannot be demoted except by promoting another node.
    type: bool
    default: false
  state:
    description:
      - V(present) applies O(name), O(priority) and O(promote).
      - V(restarted) does the same, then restarts the node; a restart always reports a change.
    type: str
    choices: [present, restarted]
    default: present
  restart_delay:
    description:
      - With O(state=restarted), V(true) lets the node restart in the instance's maintenance
        window instead of now. The module does not wait for such a restart.
    type: bool
    default: false
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - The diff shows the before and after of C(name), C(priority) and C(role). The module reads the
    instance once (one request by O(instance_id), two by O(instance_name)), in check mode too.
  - Changes run in the order rename, priority, switchover, restart. Each job is waited for before
    the next request, since the instance accepts one change at a time; with O(wait=false) only the
    last one is not.
seealso:
  - module: clouddb.mysql.gaussdb_node_info
  - module: clouddb.mysql.gaussdb_instance
'''

EXAMPLES = r'''
- name: Make a read-only node the first failover candidate, under a readable name
  clouddb.mysql.gaussdb_node:
    instance_name: shop-db
    node_id: 799a0f2fa49a4151bf9f7063c1fbba35no07
    name: shop-db-replica-1
    priority: 1

- name: Promote it to primary (no change when it already is)
  clouddb.mysql.gaussdb_node:
    instance_name: shop-db
    node_name: shop-db-replica-1
    promote: true

- name: Restart a node in the next maintenance window
  clouddb.mysql.gaussdb_node:
    instance_id: a23fb62bd61e4e9e9636fd2225f395bein07
    node_name: shop-db-replica-1
    state: restarted
    restart_delay: true
'''

RETURN = r'''
node:
  description:
    - The node as the instance details return it (4.3.32), plus C(role); after a change run with
      O(wait=false) or in check mode, the expected state.
  returned: always
  type: dict
  contains:
    id:
      description: Node id.
      type: str
      sample: 799a0f2fa49a4151bf9f7063c1fbba35no07
    name:
      description: Node name.
      type: str
      sample: shop-db-replica-1
    type:
      description: Node type as the API says it, C(master) or C(slave).
      type: str
      sample: slave
    role:
      description: C(master) or C(readonly).
      type: str
      sample: readonly
    status:
      description: Node status.
      type: str
      sample: normal
    priority:
      description: Failover priority.
      type: int
      sample: 1
    private_read_ips:
      description: Private IP addresses of the node.
      type: list
      elements: str
    az_code:
      description: Availability zone.
      type: str
instance_id:
  description: Id of the instance.
  returned: always
  type: str
  sample: a23fb62bd61e4e9e9636fd2225f395bein07
job_id:
  description: Id of the job of the change (a list when there were several).
  returned: when a change was made (not in check mode)
  type: raw
  sample: dff1d289-4d03-4942-8b9f-463ea07c000d
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_node import (
    node_errors, node_view, plan_node, target_node, with_role,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(node_errors(params))
    instance = module.target_instance()
    node = target_node(instance, params['node_id'], params['node_name'])
    plan = plan_node(instance, node, params)
    plan.apply(module)
    after = plan.after
    if plan.changed and not module.check_mode and module.jobs.wait:
        fresh = module.client.get_instance(instance['id']) or {}
        after = next((with_role(n) for n in fresh.get('nodes') or [] if n.get('id') == node['id']), after)
    module.finish(plan.changed, node_view(plan.before), node_view(plan.after), node=after, instance_id=instance['id'])


def main():
    spec = dict(
        node_id=dict(type='str'),
        node_name=dict(type='str'),
        name=dict(type='str'),
        priority=dict(type='int'),
        promote=dict(type='bool', default=False),
        state=dict(type='str', choices=['present', 'restarted'], default='present'),
        restart_delay=dict(type='bool', default=False),
    )
    CloudModule('gaussdb', spec, wait=True, instance_ref=True, mutually_exclusive=[('node_id', 'node_name')],
                required_one_of=[('node_id', 'node_name')]).run(run)


if __name__ == '__main__':
    main()
