#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_parameter_template_info
short_description: List and compare GaussDB(for MySQL) parameter templates
version_added: 0.1.0
description:
  - Lists parameter templates, the service's defaults and the user's own (API v3 section 4.5.1).
  - For one template (O(id) or O(name)) also its parameter values (4.5.4) and, on request, how it
    differs from another template (4.5.8), the instances it can be applied to (4.5.9), its change
    history (4.5.10) and where it was applied (4.5.14).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  id:
    description: Id of one template.
    type: str
    aliases: [configuration_id]
  name:
    description: Exact name of one template.
    type: str
  compare_with:
    description:
      - Id or exact name of a second template; its differences from the first are returned under
        RV(differences) (the first is the source, this one the target).
      - Needs O(id) or O(name).
    type: str
  applicable_instances:
    description: Add the instances the template can be applied to (C(applicable_instances) of the template).
    type: bool
    default: false
  modify_history:
    description: Add the template's parameter change history (C(modify_history) of the template).
    type: bool
    default: false
  apply_history:
    description: Add the record of where the template was applied (C(apply_history) of the template).
    type: bool
    default: false
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
notes:
  - Without O(id) or O(name), templates are listed without their values and O(applicable_instances),
    O(modify_history) and O(apply_history) cost one request per template.
seealso:
  - module: clouddb.mysql.gaussdb_parameter_template
  - module: clouddb.mysql.gaussdb_instance_parameters
'''

EXAMPLES = r'''
- name: Every template
  clouddb.mysql.gaussdb_parameter_template_info:
  register: templates

- name: One template with its values, where it can go and where it went
  clouddb.mysql.gaussdb_parameter_template_info:
    name: shop-params
    applicable_instances: true
    apply_history: true
  register: shop

- name: What differs from the default template
  clouddb.mysql.gaussdb_parameter_template_info:
    name: shop-params
    compare_with: Default-GaussDBforMySQL
  register: cmp

- name: Show the differences
  ansible.builtin.debug:
    msg: "{{ item.parameter_name }}: {{ item.source_value }} -> {{ item.target_value }}"
  loop: "{{ cmp.differences }}"
'''

RETURN = r'''
parameter_templates:
  description: Templates (4.5.1 fields, plus 4.5.4's C(datastore) and C(parameter_values) for one template).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Template id.
      type: str
      sample: 887ea0d1bb0843c49e8d8e5a09a95652pr07
    name:
      description: Template name.
      type: str
    description:
      description: Template description.
      type: str
    user_defined:
      description: V(false) for the service's default templates.
      type: bool
    datastore_name:
      description: Engine name.
      type: str
    datastore_version_name:
      description: Engine version.
      type: str
    created:
      description: Creation time.
      type: str
    updated:
      description: Time of the last change.
      type: str
    parameter_values:
      description: Parameter names and values (one template only).
      type: dict
    applicable_instances:
      description: Instances (C(instance_id), C(instance_name)) the template can be applied to.
      type: list
      elements: dict
      returned: when O(applicable_instances=true)
    modify_history:
      description: >-
        Parameter changes (C(parameter_name), C(old_value), C(new_value), C(update_result),
        C(is_applied), C(updated), C(applied)).
      type: list
      elements: dict
      returned: when O(modify_history=true)
    apply_history:
      description: Applications (C(target_id), C(target_name), C(apply_result), C(applied_at)).
      type: list
      elements: dict
      returned: when O(apply_history=true)
differences:
  description: Parameters whose values differ (C(parameter_name), C(source_value), C(target_value)).
  returned: when O(compare_with) is set
  type: list
  elements: dict
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_parameters import (
    compare_templates, find_template, list_templates, template_extras,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import required
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    single = params['id'] or params['name']
    module.check_input(['compare_with needs id or name'] if params['compare_with'] and not single else [])
    client = module.client
    summaries = None if params['id'] else list_templates(client)
    if not single:
        module.finish(False, parameter_templates=[template_extras(client, dict(t), params) for t in summaries])
        return
    summary, detail = find_template(client, params['name'], configuration_id=params['id'], summaries=summaries)
    templates = [template_extras(client, dict(summary or {}, **detail), params)] if detail is not None else []
    result = dict(parameter_templates=templates)
    if params['compare_with']:
        template = required(detail, 'Parameter template', single)
        result['differences'] = compare_templates(client, template, params['compare_with'], summaries)
    module.finish(False, **result)


def main():
    spec = dict(
        id=dict(type='str', aliases=['configuration_id']),
        name=dict(type='str'),
        compare_with=dict(type='str'),
        applicable_instances=dict(type='bool', default=False),
        modify_history=dict(type='bool', default=False),
        apply_history=dict(type='bool', default=False),
    )
    CloudModule('gaussdb', spec, mutually_exclusive=[('id', 'name')]).run(run)


if __name__ == '__main__':
    main()
