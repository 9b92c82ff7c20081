#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_parameters_info
short_description: Read the MySQL parameters of a CDS cloud MySQL instance and their change history
version_added: 0.1.0
description:
  - Returns the parameters with current and default values, whether they can be modified and
    whether a change restarts the instance (C(DescribeDBParameter)).
  - Optionally returns the change history (C(DescribeDBParameterModifyHistory)).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  names:
    description: Only these parameters.
    type: list
    elements: str
  history:
    description: Also return the change history between O(history_start) and O(history_end).
    type: bool
    default: false
  history_start:
    description:
      - Start of the history, C(YYYY-MM-DD HH:MM:SS) in the service's time (China Standard Time).
      - Default seven days before now.
    type: str
  history_end:
    description: End of the history. Default now.
    type: str
extends_documentation_fragment:
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
notes:
  - Supports C(check_mode); it changes nothing.
seealso:
  - module: clouddb.mysql.cds_parameters
'''

EXAMPLES = r'''
- name: A few parameters and the changes of the last week
  clouddb.mysql.cds_parameters_info:
    instance_name: shop-db
    names: [max_connections, slow_query_log]
    history: true
  register: params
'''

RETURN = r'''
parameters:
  description: The parameters (values are strings, as the API gives them).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Parameter name.
      type: str
    current_value:
      description: Current value.
      type: str
    default_value:
      description: Default value.
      type: str
    description:
      description: Description.
      type: str
    is_modify:
      description: Whether the parameter can be changed.
      type: bool
    is_restart:
      description: Whether a change restarts the instance.
      type: bool
    checking_code:
      description: Allowed values, for example C([10-100000]).
      type: str
history:
  description: Changes, the API's fields in snake_case (C(parameter_name), C(old_parameter_value), ...).
  returned: when O(history=true)
  type: list
  elements: dict
instance_id:
  description: Uuid of the instance.
  returned: always
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import format_time, parse_time, to_snake
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_resources import instance_ref_module, parent_instance

WEEK = 7 * 86400


def parameter_result(raw):
    result = to_snake(raw)
    for key in ('is_modify', 'is_restart'):
        if key in result:
            result[key] = str(result[key]).lower() in ('true', 'ture', '1')
    return result


def main(module):
    p = module.params
    for field in ('history_start', 'history_end'):
        if p[field] and parse_time(p[field]) is None:
            module.fail_json(msg='%s must look like 2024-07-05 09:00:00, not %r' % (field, p[field]))
    client = module.client
    uuid = parent_instance(module)['InstanceUuid']
    items = client.parameters(uuid)
    if p['names']:
        items = [i for i in items if i.get('Name') in p['names']]
    result = dict(changed=False, parameters=[parameter_result(i) for i in items], instance_id=uuid)
    if p['history']:
        now = client.clock()
        window = {'InstanceUuid': uuid, 'StartTime': p['history_start'] or format_time(now - WEEK),
                  'EndTime': p['history_end'] or format_time(now)}
        history = client.data('DescribeDBParameterModifyHistory', window) or []
        if p['names']:
            history = [h for h in history if h.get('ParameterName') in p['names']]
        result['history'] = to_snake(history)
    module.exit_json(**result)


def run():
    spec = dict(
        names=dict(type='list', elements='str'),
        history=dict(type='bool', default=False),
        history_start=dict(type='str'),
        history_end=dict(type='str'),
    )
    instance_ref_module(spec).run(main)


if __name__ == '__main__':
    run()
