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
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
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

from ansible_collections.clouddb.mysql.plugins.module_utils.cds_parameters import (
    history_errors, list_parameters, parameter_history, parameter_result,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(history_errors(params))
    uuid = module.target_instance()['InstanceUuid']
    items = list_parameters(module.client, uuid)
    if params['names']:
        items = [i for i in items if i.get('Name') in params['names']]
    result = dict(parameters=[parameter_result(i) for i in items], instance_id=uuid)
    if params['history']:
        result['history'] = parameter_history(module.client, uuid, params)
    module.finish(False, **result)


def main():
    spec = dict(
        names=dict(type='list', elements='str'),
        history=dict(type='bool', default=False),
        history_start=dict(type='str'),
        history_end=dict(type='str'),
    )
    CloudModule('cds', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
