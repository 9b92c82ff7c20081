#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_proxy
short_description: Manage a database proxy of a GaussDB(for MySQL) instance
version_added: 0.1.0
description:
  - Enables, changes, restarts and disables a database proxy (read/write splitting) of a
    GaussDB(for MySQL) / TaurusDB instance (Huawei Cloud API v3, section 4.7).
  - Changes cover the flavor (4.7.7), the number of proxy nodes (4.7.5, 4.7.6), the name (4.7.16),
    the port (4.7.14), the route mode and read weights (4.7.8, 4.7.9), automatic joining of new
    read-only nodes (4.7.11), session consistency (4.7.12), the connection pool (4.7.13),
    transaction splitting (4.7.10), SSL (4.7.23), access control (4.7.21, 4.7.22), proxy
    kernel parameters (4.7.19) and the proxy kernel version (4.7.15, with the versions of 4.7.18).
  - Only the options given are compared and changed; a proxy already in the wanted state makes
    no change (C(changed=false)).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  proxy_id:
    description:
      - Id of the proxy, for example C(151c14381ac14ecfb9703a745b992677po01).
      - When given, O(name) is the name the proxy should have (it is renamed when it differs).
    type: str
  name:
    description:
      - Without O(proxy_id), the proxy is the one of the instance with this exact name (a name
        that several proxies carry fails with their ids), and a new proxy gets this name.
      - With O(proxy_id), the new name of the proxy.
      - 4 to 64 characters (at most 64 bytes), starting with a letter or Chinese character, then
        letters, digits, Chinese characters, V(-) and V(_).
      - Without O(proxy_id) and O(name), the proxy is the only one of the instance (the module fails
        when the instance has several).
    type: str
  state:
    description:
      - V(present) enables the proxy when it does not exist and applies the options.
      - V(restarted) does the same, then restarts the proxy (4.7.24); a restart always reports a
        change. A proxy enabled by the same task is not restarted.
      - V(absent) disables the proxy (4.7.2).
    type: str
    choices: [present, absent, restarted]
    default: present
  flavor:
    description:
      - Proxy flavor, a spec code of M(clouddb.mysql.gaussdb_proxy_info) with O(clouddb.mysql.gaussdb_proxy_info#module:flavors=true),
        for example V(gaussdb.proxy.large.x86.2), or a flavor id.
      - Required to enable a proxy. The module checks that the instance offers it before any change.
    type: str
  node_num:
    description:
      - Number of proxy nodes. A new proxy has 2 to 16 nodes (default V(2)); an existing one grows
        to at most 32 (4.7.5, at most 30 at a time) or shrinks to at least 2 (4.7.6, at most 14 at a time).
    type: int
  proxy_mode:
    description:
      - V(readwrite) or V(readonly) (only read-only nodes serve reads).
      - Only used to enable a proxy; the API neither returns nor changes it.
    type: str
    choices: [readwrite, readonly]
  subnet_id:
    description:
      - Subnet of the proxy addresses, in the instance's VPC. Only used to enable a proxy.
    type: str
  port:
    description:
      - Port of the proxy, 1025 to 65534 except 1033, 5342 to 5345, 12017, 20000, 20201, 20202, 33062
        and 33071.
    type: int
  route_mode:
    description:
      - V(0) routes reads by weight; V(1) balances them over the read-only nodes; V(2) balances them
        over the read-only nodes and the primary.
      - With V(1) the primary's weight is V(0), with V(2) it is V(1), and read-only nodes take V(0) or V(1).
      - A read-only proxy (O(proxy_mode=readonly)) cannot use V(2).
    type: int
    choices: [0, 1, 2]
  master_weight:
    description:
      - Read weight of the primary node, V(0) to V(1000) in route mode V(0) (see O(route_mode)).
    type: int
  readonly_nodes:
    description:
      - Read weights of read-only nodes. Nodes not listed keep their weight.
    type: list
    elements: dict
    suboptions:
      id:
        description: Id of the database node. One of O(readonly_nodes[].id) and O(readonly_nodes[].name) is required.
        type: str
      name:
        description: Name of the database node (it must be unique in the instance).
        type: str
      weight:
        description: Read weight, V(0) to V(1000) in route mode V(0), V(0) or V(1) in the other modes.
        type: int
        required: true
  session_consistence:
    description:
      - V(true) makes reads of a session see its own writes (session consistency).
      - Read back from the proxy's C(consistence_mode) (V(session) means on).
    type: bool
  consistence_mode:
    description:
      - V(session) (goes with O(session_consistence=true)), V(global) or V(eventual) (go with
        O(session_consistence=false)).
    type: str
    choices: [session, global, eventual]
  connection_pool_type:
    description:
      - V(CLOSED) (no pool) or V(SESSION) (a session-level connection pool).
    type: str
    choices: [CLOSED, SESSION]
  transaction_split:
    description:
      - Whether reads of a transaction before its first write go to read-only nodes.
    type: bool
  new_node_auto_add:
    description:
      - Whether read-only nodes added to the instance later join the proxy.
    type: bool
  new_node_weight:
    description:
      - Read weight of those new nodes, V(0) to V(1000); required with O(new_node_auto_add=true) in
        route mode V(0).
    type: int
  ssl:
    description:
      - Whether the proxy encrypts connections with SSL.
    type: bool
  access_control:
    description:
      - Which addresses may connect to the proxy.
    type: dict
    suboptions:
      enabled:
        description: Whether access control applies.
        type: bool
      type:
        description: V(white) (only the rules may connect) or V(black) (the rules may not).
        type: str
        choices: [white, black]
      rules:
        description:
          - The complete list of addresses or networks (at most 300); order does not matter.
            Not set means leave the rules alone.
        type: list
        elements: dict
        suboptions:
          ip:
            description: An IP address or a network (CIDR).
            type: str
            required: true
          description:
            description: A remark of at most 50 characters, without V(<) or V(>).
            type: str
  kernel_version:
    description:
      - The proxy kernel version the proxy should run, V(latest) or an exact version such as V(2.24.03.000).
      - The proxy's versions are read (4.7.18, one request) only when this option is set. A proxy that runs
        the version already is not changed; otherwise it is upgraded from its current version (4.7.15).
      - 4.7.18 lists the current and the latest version only, so those are the only versions a proxy can
        move to; any other version, or an upgrade 4.7.18 answers C(can_upgrade=false) for, fails before any
        change. Check mode and diff show the version the proxy would move to (C(kernel_version)).
      - The upgrade starts at once (4.7.15 has no timing option). Its answer names workflows, not jobs, so
        the module waits by polling the proxy until it runs the new version and is C(ACTIVE) again, and
        returns the workflow ids as RV(job_id).
    type: str
    version_added: 1.0.0
  parameters:
    description:
      - Proxy kernel parameters to set, by name (M(clouddb.mysql.gaussdb_proxy_info) with
        O(clouddb.mysql.gaussdb_proxy_info#module:parameters=true) lists them with their ranges).
      - Values compare by meaning with the parameter's data type (V(1000) equals C("1000"),
        V(true) equals C(ON), enumerations ignore case). Parameters not listed are left alone.
    type: dict
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - Check mode reads the proxies (and the flavors, access control or parameters when those options
    are set) and changes nothing.
  - Changes run in this order, each as one request, waiting for each job before the next since the
    instance accepts one change at a time; with O(wait=false) only the last one is not waited for.
    Order - enable, kernel upgrade (the version decides which route modes and connection pools the
    proxy supports), rename, flavor, node count, route mode or weights, new-node auto add, session
    consistency, connection pool, transaction splitting, port, SSL, access control, parameters, restart.
  - Options that the API refuses as documented (names, ports, weights by route mode, node counts,
    access rules) are refused before any request.
  - The route mode, new-node auto add and connection pool APIs are in open beta at Huawei Cloud
    and may need to be enabled for the account.
seealso:
  - module: clouddb.mysql.gaussdb_proxy_info
  - module: clouddb.mysql.gaussdb_instance
'''

EXAMPLES = r'''
- name: Enable a proxy with three nodes
  clouddb.mysql.gaussdb_proxy:
    instance_name: shop-db
    name: shop-proxy
    flavor: gaussdb.proxy.large.x86.2
    node_num: 3

- name: Send a quarter of the reads to the primary, the rest to a replica, with session consistency
  clouddb.mysql.gaussdb_proxy:
    instance_name: shop-db
    name: shop-proxy
    route_mode: 0
    master_weight: 100
    readonly_nodes:
      - name: shop-db_node02
        weight: 300
    session_consistence: true

- name: Only the application subnet may connect, over SSL
  clouddb.mysql.gaussdb_proxy:
    instance_name: shop-db
    name: shop-proxy
    ssl: true
    access_control:
      enabled: true
      type: white
      rules:
        - ip: 10.0.1.0/24
          description: application servers

- name: Raise the slow query threshold and restart the proxy
  clouddb.mysql.gaussdb_proxy:
    instance_name: shop-db
    name: shop-proxy
    parameters:
      slowLogQueryTime: 1000
    state: restarted

- name: Run the latest proxy kernel (a no-op when it does)
  clouddb.mysql.gaussdb_proxy:
    instance_name: shop-db
    name: shop-proxy
    kernel_version: latest

- name: Disable it
  clouddb.mysql.gaussdb_proxy:
    instance_id: a23fb62bd61e4e9e9636fd2225f395bein07
    proxy_id: 151c14381ac14ecfb9703a745b992677po01
    state: absent
'''

RETURN = r'''
proxy:
  description:
    - The proxy as M(clouddb.mysql.gaussdb_proxy_info) returns it (the fields of 4.7.3 with
      C(master_node) and C(readonly_nodes)); after a change run with O(wait=false) or in check mode,
      the expected state. Empty when there is no proxy (any more).
  returned: always
  type: dict
  contains:
    pool_id:
      description: Proxy id.
      type: str
      sample: 151c14381ac14ecfb9703a745b992677po01
    name:
      description: Proxy name.
      type: str
      sample: shop-proxy
    status:
      description: Proxy status, C(ACTIVE) when idle (C(ENABLING PROXY), C(ADDING PROXY NODE)... while changing).
      type: str
      sample: ACTIVE
    address:
      description: Read/write splitting address.
      type: str
      sample: 192.168.0.12
    port:
      description: Proxy port.
      type: int
      sample: 3306
    flavor_ref:
      description: Flavor spec code.
      type: str
      sample: gaussdb.proxy.large.x86.2
    vcpus:
      description: vCPUs of the flavor.
      type: str
    ram:
      description: Memory of the flavor, in GB.
      type: str
    node_num:
      description: Number of proxy nodes.
      type: int
      sample: 2
    nodes:
      description: Proxy nodes (C(id), C(name), C(role), C(az_code), C(status), C(frozen_flag)).
      type: list
      elements: dict
    route_mode:
      description: Route mode (0 weights, 1 and 2 load balancing).
      type: int
    consistence_mode:
      description: Consistency mode (C(session), C(global) or C(eventual)).
      type: str
    connection_pool_type:
      description: C(CLOSED) or C(SESSION).
      type: str
    transaction_split:
      description: Transaction splitting, C(true) or C(false).
      type: str
    ssl_option:
      description: SSL, C(true) or C(false).
      type: str
    new_node_auto_add_status:
      description: C(ON) or C(OFF).
      type: str
    new_node_weight:
      description: Read weight of new read-only nodes.
      type: int
    master_node:
      description: The primary database node with its read weight (C(id), C(name), C(weight), C(status), C(availability_zone)).
      type: dict
    readonly_nodes:
      description: The read-only database nodes with their read weights.
      type: list
      elements: dict
    access_control:
      description: Access control (4.7.17), C(enable_ip_group), C(type) and C(ip_group.ip_list).
      returned: when O(access_control) is set
      type: dict
    configurations:
      description: Proxy kernel parameters (4.7.20).
      returned: when O(parameters) is set
      type: list
      elements: dict
    version:
      description:
        - The proxy kernel versions (4.7.18), C(current_version), C(latest_version) and C(can_upgrade); in
          check mode or with O(wait=false) after an upgrade, the version the proxy moves to.
      returned: when O(kernel_version) is set
      type: dict
      version_added: 1.0.0
      sample: {current_version: 2.24.03.000, latest_version: 2.24.03.000, can_upgrade: false}
instance_id:
  description: Id of the instance.
  returned: always
  type: str
  sample: a23fb62bd61e4e9e9636fd2225f395bein07
job_id:
  description:
    - Id of the job of the change (a list when there were several); for a kernel upgrade, the workflow
      id 4.7.15 answers.
  returned: when a change ran as a job (not in check mode)
  type: raw
  sample: 04efe8e2-9255-44ae-a98b-d87cae411890
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_proxy import (
    current_proxy, list_proxies, managed_view, plan_proxy, proxy_errors, read_proxy,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(proxy_errors(params))
    instance_id = module.target_instance_id()
    proxies = list_proxies(module.client, instance_id)
    current = current_proxy(module.client, instance_id, params, proxies)
    plan = plan_proxy(module.client, instance_id, params, proxies, current)
    plan.apply(module)
    proxy = plan.after
    if plan.changed and proxy and not module.check_mode and module.jobs.wait:
        proxy = read_proxy(module.client, instance_id, proxy['pool_id'], params) or proxy
    names = sorted(params['parameters'] or {})
    module.finish(plan.changed, managed_view(plan.before, names), managed_view(plan.after, names),
                  proxy=proxy, instance_id=instance_id)


def main():
    spec = dict(
        proxy_id=dict(type='str'),
        name=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent', 'restarted']),
        flavor=dict(type='str'),
        node_num=dict(type='int'),
        proxy_mode=dict(type='str', choices=['readwrite', 'readonly']),
        subnet_id=dict(type='str'),
        port=dict(type='int'),
        route_mode=dict(type='int', choices=[0, 1, 2]),
        master_weight=dict(type='int'),
        readonly_nodes=dict(type='list', elements='dict', options=dict(
            id=dict(type='str'),
            name=dict(type='str'),
            weight=dict(type='int', required=True),
        ), mutually_exclusive=[('id', 'name')], required_one_of=[('id', 'name')]),
        session_consistence=dict(type='bool'),
        consistence_mode=dict(type='str', choices=['session', 'global', 'eventual']),
        connection_pool_type=dict(type='str', choices=['CLOSED', 'SESSION']),
        transaction_split=dict(type='bool'),
        new_node_auto_add=dict(type='bool'),
        new_node_weight=dict(type='int'),
        ssl=dict(type='bool'),
        access_control=dict(type='dict', options=dict(
            enabled=dict(type='bool'),
            type=dict(type='str', choices=['white', 'black']),
            rules=dict(type='list', elements='dict', options=dict(
                ip=dict(type='str', required=True),
                description=dict(type='str'),
            )),
        )),
        parameters=dict(type='dict'),
        kernel_version=dict(type='str'),
    )
    CloudModule('gaussdb', spec, wait=True, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
