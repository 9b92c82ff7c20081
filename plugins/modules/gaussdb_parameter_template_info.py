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
  - clouddb.mysql.huawei_auth
notes:
  - Supports C(check_mode); it changes nothing.
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
    apply_history, find_template, list_templates, modify_history, require_template,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def extras(module, client, template):
    params = module.params
    if params['applicable_instances']:
        template['applicable_instances'] = client.paginate('list_applicable_instances', 'instances',
                                                           configuration_id=template['id'])
    if params['modify_history']:
        template['modify_history'] = modify_history(client, template['id'])
    if params['apply_history']:
        template['apply_history'] = apply_history(client, template['id'])
    return template


def main(module):
    params = module.params
    client = module.client
    result = dict(changed=False)
    single = params['id'] or params['name']
    if params['compare_with'] and not single:
        module.fail_json(msg='compare_with needs id or name')
    summaries = None if params['id'] else list_templates(client)
    if not single:
        result['parameter_templates'] = [extras(module, client, dict(t)) for t in summaries]
        module.exit_json(**result)

    summary, detail = find_template(client, params['name'], configuration_id=params['id'], summaries=summaries)
    templates = []
    if detail is not None:
        template = dict(summary or {})
        template.update(detail)
        templates.append(extras(module, client, template))
    result['parameter_templates'] = templates
    if params['compare_with']:
        if detail is None:
            module.fail_json(msg='Parameter template %s does not exist' % single)
        other = require_template(client, params['compare_with'], summaries=summaries)
        body = dict(source_configuration_id=detail['id'], target_configuration_id=other['id'])
        # A POST that only reads: safe to re-send.
        result['differences'] = client.call('compare_configurations', body=body, idempotent=True).get('differences') or []
    module.exit_json(**result)


def run():
    spec = dict(
        id=dict(type='str', aliases=['configuration_id']),
        name=dict(type='str'),
        compare_with=dict(type='str'),
        applicable_instances=dict(type='bool', default=False),
        modify_history=dict(type='bool', default=False),
        apply_history=dict(type='bool', default=False),
    )
    module = CloudModule('gaussdb', spec, mutually_exclusive=[('id', 'name')])
    module.run(main)


if __name__ == '__main__':
    run()
