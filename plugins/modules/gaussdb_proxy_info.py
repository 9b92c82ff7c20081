#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_proxy_info
short_description: Database proxies of a GaussDB(for MySQL) instance
version_added: 0.1.0
description:
  - Returns the database proxies of one GaussDB(for MySQL) / TaurusDB instance (Huawei Cloud API
    v3, 4.7.3) with their proxy nodes and the read weights of the database nodes, and optionally
    the access control (4.7.17) and kernel versions (4.7.18) of each, their kernel parameters
    (4.7.20) and the proxy flavors the instance offers (4.7.4).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  proxy_id:
    description: Return only the proxy with this id.
    type: str
  name:
    description: Return only the proxies with this exact name.
    type: str
  details:
    description:
      - Also read the access control and the kernel versions of each proxy (two requests per proxy).
    type: bool
    default: true
  parameters:
    description:
      - Also read the kernel parameters of each proxy (one request per 100 parameters).
    type: bool
    default: false
  flavors:
    description:
      - Also return the proxy flavors the instance offers, in RV(flavors) (one request).
    type: bool
    default: false
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
seealso:
  - module: clouddb.mysql.gaussdb_proxy
'''

EXAMPLES = r'''
- name: Read the proxies of an instance and the flavors a proxy can have
  clouddb.mysql.gaussdb_proxy_info:
    instance_name: shop-db
    flavors: true
  register: shop_proxies

- name: Show the read/write splitting addresses
  ansible.builtin.debug:
    msg: "{{ shop_proxies.proxies | map(attribute='address') | list }}"

- name: Upgrade proxies whose kernel is not the latest
  ansible.builtin.debug:
    msg: "{{ item.name }} can go from {{ item.version.current_version }} to {{ item.version.latest_version }}"
  loop: "{{ shop_proxies.proxies | selectattr('version.can_upgrade') | list }}"
'''

RETURN = r'''
proxies:
  description:
    - The proxies, each with the fields of 4.7.3 (C(pool_id), C(name), C(status), C(address), C(port),
      C(flavor_ref), C(node_num), C(nodes), C(route_mode), C(consistence_mode), C(connection_pool_type),
      C(transaction_split), C(ssl_option), C(new_node_auto_add_status), C(new_node_weight), ...) plus
      C(master_node) and C(readonly_nodes), the database nodes with their read weights.
  returned: always
  type: list
  elements: dict
  contains:
    pool_id:
      description: Proxy id.
      type: str
      sample: 151c14381ac14ecfb9703a745b992677po01
    name:
      description: Proxy name.
      type: str
    status:
      description: Proxy status (C(ACTIVE) when idle).
      type: str
    address:
      description: Read/write splitting address.
      type: str
    port:
      description: Proxy port.
      type: int
    master_node:
      description: The primary database node and its read weight.
      type: dict
    readonly_nodes:
      description: The read-only database nodes and their read weights.
      type: list
      elements: dict
    access_control:
      description: C(enable_ip_group), C(type) (C(white) or C(black)) and C(ip_group) with its C(ip_list).
      returned: when O(details=true)
      type: dict
    version:
      description: C(current_version), C(latest_version) and C(can_upgrade) of the proxy kernel.
      returned: when O(details=true)
      type: dict
    configurations:
      description: Kernel parameters (C(name), C(value), C(data_type), C(elem_type), C(value_range), C(description)).
      returned: when O(parameters=true)
      type: list
      elements: dict
flavors:
  description: Proxy flavors (4.7.4), each with C(group_type) (C(x86) or C(arm)), C(spec_code), C(id),
    C(vcpus), C(ram) and C(az_status).
  returned: when O(flavors=true)
  type: list
  elements: dict
  sample:
    - group_type: x86
      spec_code: gaussdb.proxy.large.x86.2
      vcpus: "2"
      ram: "4"
instance_id:
  description: Id of the instance.
  returned: always
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_proxy import info_proxies, list_flavors
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    instance_id = module.target_instance_id()
    result = dict(instance_id=instance_id, proxies=info_proxies(module.client, instance_id, module.params))
    if module.params['flavors']:
        result['flavors'] = list_flavors(module.client, instance_id)
    module.finish(False, **result)


def main():
    spec = dict(
        proxy_id=dict(type='str'),
        name=dict(type='str'),
        details=dict(type='bool', default=True),
        parameters=dict(type='bool', default=False),
        flavors=dict(type='bool', default=False),
    )
    CloudModule('gaussdb', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
