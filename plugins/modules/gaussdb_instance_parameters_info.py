#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_instance_parameters_info
short_description: Read the parameters of a GaussDB(for MySQL) instance and their change history
version_added: 0.1.0
description:
  - Lists the parameters of an instance with their values, types, ranges and whether a change
    needs a restart (API v3 section 4.5.11).
  - With O(history=true), also the parameter change history of the instance's parameter group
    (4.5.10, keyed by the C(configuration_id) of the instance details).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  names:
    description: Only these parameters (exact names).
    type: list
    elements: str
  history:
    description: Add the change history under RV(histories).
    type: bool
    default: false
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
notes:
  - One request reads the parameters of an instance given by O(instance_id); its name costs one more,
    and O(history=true) one for the instance details and one per page of history.
seealso:
  - module: clouddb.mysql.gaussdb_instance_parameters
  - module: clouddb.mysql.gaussdb_parameter_template_info
'''

EXAMPLES = r'''
- name: Two parameters of shop-db
  clouddb.mysql.gaussdb_instance_parameters_info:
    instance_name: shop-db
    names: [max_connections, innodb_buffer_pool_size]
  register: params

- name: Show them
  ansible.builtin.debug:
    msg: "{{ params.parameters | items2dict(key_name='name', value_name='value') }}"

- name: What changed lately
  clouddb.mysql.gaussdb_instance_parameters_info:
    instance_name: shop-db
    names: [max_connections]
    history: true
'''

RETURN = r'''
parameters:
  description: Parameters of the instance (4.5.11 fields).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Parameter name.
      type: str
      sample: max_connections
    value:
      description: Current value.
      type: str
      sample: "3000"
    type:
      description: Value type (V(integer), V(string), V(boolean), V(list), V(float)).
      type: str
    value_range:
      description: Allowed values, for example V(1-100000) or V(ON|OFF).
      type: str
    restart_required:
      description: Whether a change takes effect only after a restart.
      type: bool
    readonly:
      description: Whether the parameter cannot be changed.
      type: bool
    description:
      description: What the parameter does.
      type: str
configuration:
  description: The parameter group of the instance (4.5.11 C(configurations) object).
  returned: always
  type: dict
configuration_id:
  description: Id of the parameter group of the instance (from the instance details).
  returned: when O(history=true)
  type: str
histories:
  description:
    - Parameter changes (C(parameter_name), C(old_value), C(new_value), C(update_result),
      C(is_applied), C(updated), C(applied)), limited to O(names) when set.
  returned: when O(history=true)
  type: list
  elements: dict
instance_id:
  description: Id of the instance.
  returned: always
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_parameters import (
    instance_parameters, modify_history,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    client = module.client
    result = {}
    if params['history']:
        # The history is keyed by the instance's parameter group, which only the details tell.
        details = module.target_instance()
        instance_id, result['configuration_id'] = details['id'], details.get('configuration_id')
    else:
        instance_id = module.target_instance_id()
    configuration, items = instance_parameters(client, instance_id)
    wanted = set(params['names'] or [])
    result.update(instance_id=instance_id, configuration=configuration,
                  parameters=[item for item in items if not wanted or item.get('name') in wanted])
    if params['history']:
        histories = modify_history(client, result['configuration_id']) if result['configuration_id'] else []
        result['histories'] = [h for h in histories if not wanted or h.get('parameter_name') in wanted]
    module.finish(False, **result)


def main():
    spec = dict(
        names=dict(type='list', elements='str'),
        history=dict(type='bool', default=False),
    )
    CloudModule('gaussdb', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
