#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_parameter_template
short_description: Manage a GaussDB(for MySQL) parameter template
version_added: 0.1.0
description:
  - Create a parameter template from the defaults, as a copy of another template, or as a copy
    of an instance's parameters; change its name, description and parameter values; delete it
    (Huawei Cloud GaussDB(for MySQL) / TaurusDB API v3, sections 4.5.2 to 4.5.5, 4.5.7 and 4.5.13).
  - Applying a template to instances is done by M(clouddb.mysql.gaussdb_instance_parameters).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  name:
    description:
      - Template name, 1 to 64 letters, digits, V(-), V(_) or V(.); case-sensitive. Identifies
        the template unless O(id) is given, in which case a different O(name) renames it.
      - Required unless O(id) is given.
    type: str
  id:
    description: Id of the template (C(...pr07)).
    type: str
    aliases: [configuration_id]
  description:
    description:
      - Template description, at most 256 characters, without line breaks or any of C(!<"='>&).
      - Not set means leave it alone.
    type: str
  parameters:
    description:
      - Parameter values to set, as a dictionary of name and value. Only the parameters listed
        are compared and changed.
      - Values are compared by meaning, as the server rewrites them - V(ON), V(on), V(1) and
        V(true) are the same for a boolean, V(1G) and V(1073741824) for a size. Templates do not
        tell the type of a parameter, so other values compare case-insensitively (the server
        spells enumerations such as V(repeatable-read) its own way).
    type: dict
  copy_from:
    description:
      - Create the template as a copy of this template (id or exact name), then set O(parameters).
      - Used only when the template does not exist yet.
    type: str
  copy_from_instance:
    description:
      - Create the template as a copy of this instance's current parameters (instance id or exact
        name), then set O(parameters).
      - Used only when the template does not exist yet.
    type: str
  datastore_version:
    description: Engine version of a new template created from the defaults.
    type: str
    default: '8.0'
  state:
    description: V(present) creates or updates the template, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.wait
notes:
  - The diff shows the name, the description and the values of the parameters in O(parameters).
  - The default templates of the service (C(user_defined=false)) cannot be changed or deleted.
  - Changing a template does not change the instances it was applied to; apply it again with
    M(clouddb.mysql.gaussdb_instance_parameters).
seealso:
  - module: clouddb.mysql.gaussdb_parameter_template_info
  - module: clouddb.mysql.gaussdb_instance_parameters
'''

EXAMPLES = r'''
- name: A template for the shop databases
  clouddb.mysql.gaussdb_parameter_template:
    name: shop-params
    description: shop workload
    parameters:
      max_connections: 2000
      innodb_lock_wait_timeout: 100
      autocommit: "ON"

- name: A copy of what the production instance runs with
  clouddb.mysql.gaussdb_parameter_template:
    name: shop-params-from-prod
    copy_from_instance: shop-db

- name: A variant of the shop template
  clouddb.mysql.gaussdb_parameter_template:
    name: shop-params-batch
    copy_from: shop-params
    parameters:
      max_connections: 500

- name: Delete it
  clouddb.mysql.gaussdb_parameter_template:
    name: shop-params-batch
    state: absent
'''

RETURN = r'''
parameter_template:
  description:
    - The template (4.5.4 fields) with its C(parameter_values), read back after a change; empty after
      a deletion.
    - In check mode, or after a change whose job was not waited for (O(wait=false)), the expected state.
  returned: always
  type: dict
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
    datastore:
      description: Engine (C(type)) and version (C(version)).
      type: dict
    created:
      description: Creation time.
      type: str
    updated:
      description: Time of the last change.
      type: str
    parameter_values:
      description: Parameter names and values.
      type: dict
job_id:
  description: Id of the job that changed the template.
  returned: when the template was changed (not in check mode)
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_parameters import (
    current_template, plan_template, template_detail, template_errors, template_view,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(template_errors(params))
    current, summaries = current_template(module.client, params)
    plan = plan_template(module.client, params, current, summaries)
    plan.apply(module)
    template = plan.after
    # A creation answers at once (no job): it is read back even with wait=false.
    if plan.changed and template and not module.check_mode and (module.jobs.wait or not module.jobs.job_ids):
        template = template_detail(module.client, template['id']) or template
    module.finish(plan.changed, template_view(plan.before, params['parameters']),
                  template_view(plan.after, params['parameters']), parameter_template=template)


def main():
    spec = dict(
        name=dict(type='str'),
        id=dict(type='str', aliases=['configuration_id']),
        description=dict(type='str'),
        parameters=dict(type='dict'),
        copy_from=dict(type='str'),
        copy_from_instance=dict(type='str'),
        datastore_version=dict(type='str', default='8.0'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    CloudModule('gaussdb', spec, wait=True, required_one_of=[('name', 'id')],
                mutually_exclusive=[('copy_from', 'copy_from_instance')]).run(run)


if __name__ == '__main__':
    main()
