#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_instance_info
short_description: List Huawei Cloud GaussDB(for MySQL) instances with their full details and nodes
version_added: 0.1.0
description:
  - Lists instances (API 4.3.31, 100 per page) and reads their details, nodes included, in batches of
    20 instances per call (API 4.3.33), never one call per instance.
  - Each returned instance is the list entry merged with its details (the details win where both
    carry a field), with the API's own field names.
author:
  - clouddb.mysql contributors (@clouddb)
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
options:
  id:
    description: Instance id; at most one instance is returned.
    type: str
    aliases: [instance_id]
  name:
    description:
      - Exact instance name. A leading C(*) makes it the API's fuzzy match (C(*orders) matches names
        containing C(orders)).
    type: str
  filters:
    description:
      - Query fields of the list API (4.3.31), passed as they are.
      - Allowed keys are C(type), C(datastore_type), C(vpc_id), C(subnet_id), C(private_ip),
        C(readonly_private_ip), C(proxy_ip) and C(tags).
      - C(tags) is a dictionary of key and value (or the API's C(key=value,key2=value2) string); an
        instance must carry all of them.
      - The API has no status filter; use O(query) for that.
    type: dict
  query:
    description:
      - A JMESPath expression applied to the list of instances; its result is returned as RV(query_result).
      - Needs the C(jmespath) Python library.
      - "For example C([?status=='normal'].{id: id, write_ip: private_write_ips[0]})."
    type: str
requirements:
  - jmespath (for O(query))
seealso:
  - module: clouddb.mysql.gaussdb_instance
'''

EXAMPLES = r'''
- name: Every instance of the project
  clouddb.mysql.gaussdb_instance_info:
  register: all_instances

- name: One instance by name, with its nodes
  clouddb.mysql.gaussdb_instance_info:
    name: orders-db
  register: found

- name: Instances of a VPC tagged team=orders, reduced to what a report needs
  clouddb.mysql.gaussdb_instance_info:
    filters:
      vpc_id: 3cedfc54-b105-4652-a4e0-847b11576b58
      tags:
        team: orders
    query: "[?status=='normal'].{name: name, ip: private_write_ips[0], read_only: length(nodes[?type=='slave'])}"
  register: report

- name: Show the report
  ansible.builtin.debug:
    var: report.query_result
'''

RETURN = r'''
instances:
  description: The instances, newest first, each with its full details and C(nodes).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 5eebbb4c0f9f4a99b42ed1b6334569aain07
      name: orders-db
      status: normal
      flavor_ref: gaussdb.mysql.xlarge.x86.4
      private_write_ips: ["192.168.0.12"]
      readonly_private_ips: ["192.168.0.13"]
      nodes:
        - {id: 799a0f2fa49a4151bf9f7063c1fbba36no07, type: master, status: normal, private_read_ips: ["192.168.0.14"]}
        - {id: 799a0f2fa49a4151bf9f7063c1fbba35no07, type: slave, status: normal, private_read_ips: ["192.168.0.13"]}
query_result:
  description: The result of O(query) applied to RV(instances).
  returned: when O(query) is set
  type: raw
'''

import traceback

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_instance import (
    instance_info_errors, instances_with_details, list_filters,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule

try:
    import jmespath
    JMESPATH_ERROR = None
except ImportError:  # pragma: no cover - reported when query is used
    jmespath = None
    JMESPATH_ERROR = traceback.format_exc()


def compile_query(module):
    """``(expression, errors)``: the compiled JMESPath expression (None without ``query``), or why it is invalid."""
    if not module.params['query']:
        return None, []
    if jmespath is None:
        module.fail_json(msg=missing_required_lib('jmespath'), exception=JMESPATH_ERROR)
    try:
        return jmespath.compile(module.params['query']), []
    except jmespath.exceptions.JMESPathError as exc:
        return None, ['Invalid query: %s' % exc]


def run(module):
    params = module.params
    expression, errors = compile_query(module)
    module.check_input(instance_info_errors(params) + errors)
    query = list_filters(params['name'], params['filters'])
    if params['id']:
        query['id'] = params['id']
    instances = instances_with_details(module.client, query)
    result = dict(instances=instances)
    if expression is not None:
        result['query_result'] = expression.search(instances)
    module.finish(False, **result)


def main():
    spec = dict(
        id=dict(type='str', aliases=['instance_id']),
        name=dict(type='str'),
        filters=dict(type='dict'),
        query=dict(type='str'),
    )
    CloudModule('gaussdb', spec).run(run)


if __name__ == '__main__':
    main()
