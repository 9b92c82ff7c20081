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
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.wait
notes:
  - Supports C(check_mode) and C(diff); the diff shows the parameters that would change.
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
    - The template (4.5.4 fields) with its C(parameter_values); empty after a deletion.
    - In check mode, the expected state.
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

import re

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import make_diff
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import job_ids_of
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import fail_on
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_parameters import (
    create_template_body, find_template, is_default_template, list_templates, param_changes, param_text,
    require_template, template_description_error, template_detail, template_name_error,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_protection import instance_details
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError

# 4.3.31: instance ids are a UUID without dashes and the suffix in07 (inNN in other regions).
INSTANCE_ID = re.compile(r'^[0-9a-f]{32}in\d{2}$')


def validate(module):
    params = module.params
    errors = [template_name_error(params['name']), template_description_error(params['description'])]
    if params['state'] == 'present' and (params['copy_from'] or params['copy_from_instance']) and params['id']:
        errors.append('copy_from and copy_from_instance create a template: give name, not id')
    fail_on(module, [e for e in errors if e])


def recover_by_name(client, name, shape):
    """A ``recover`` for a lost create/copy answer: the template now existing stands in for it."""
    def recover():
        try:
            found = [t for t in list_templates(client) if t.get('name') == name]
        except ApiError:
            return None
        return shape(found[0]) if found else None
    return recover


def copy_source(module, client, summaries):
    """(operation, path args, source values) of a copy, or (None, None, {}) for a new template."""
    params = module.params
    if params['copy_from']:
        source = require_template(client, params['copy_from'], summaries=summaries)
        return 'copy_configuration', dict(configuration_id=source['id']), source['parameter_values']
    if params['copy_from_instance']:
        ref = params['copy_from_instance']
        by_id = bool(INSTANCE_ID.match(ref))
        details = instance_details(client, instance_id=ref if by_id else None, instance_name=None if by_id else ref)
        if not details.get('configuration_id'):
            module.fail_json(msg='Instance %s reports no parameter group to copy' % details.get('id'))
        return ('copy_instance_configuration',
                dict(instance_id=details['id'], configuration_id=details['configuration_id']), {})
    return None, None, {}


def create(module, client, summaries, result):
    params = module.params
    operation, path, source_values = copy_source(module, client, summaries)
    values = dict(source_values)
    values.update((k, param_text(v)) for k, v in (params['parameters'] or {}).items())
    expected = dict(name=params['name'], description=params['description'] or '', parameter_values=values)
    if module.check_mode:
        return expected
    if operation is None:
        body = create_template_body(params['name'], params['description'], params['parameters'],
                                    params['datastore_version'])
        response = client.call('create_configuration', body=body,
                               recover=recover_by_name(client, params['name'], lambda t: {'configurations': t}))
        new_id = (response.get('configurations') or {}).get('id')
    else:
        body = dict(name=params['name'])
        if params['description'] is not None:
            body['description'] = params['description']
        response = client.call(operation, body=body,
                               recover=recover_by_name(client, params['name'], lambda t: {'configuration_id': t['id']}),
                               **path)
        new_id = response.get('configuration_id')
        detail = template_detail(client, new_id)
        if params['parameters'] and detail is not None:
            update(module, client, detail, dict(parameter_values=params['parameters']), result)
    return template_detail(client, new_id) or expected


def update(module, client, current, wanted, result):
    """Send one 4.5.5 change of the fields in ``wanted`` that differ; return the expected state."""
    body = {}
    changed = param_changes(current.get('parameter_values'), wanted.get('parameter_values'))
    if changed:
        body['parameter_values'] = dict((k, param_text(pair[1])) for k, pair in changed.items())
    for key in ('name', 'description'):
        if wanted.get(key) is not None and wanted[key] != (current.get(key) or ''):
            body[key] = wanted[key]
    if not body:
        return current
    if is_default_template(current):
        module.fail_json(msg='Template %s is a default template of the service; it cannot be changed'
                         % current.get('name'), parameter_template=current)
    result['changed'] = True
    expected = dict(current, parameter_values=dict(current.get('parameter_values') or {}))
    expected['parameter_values'].update(body.get('parameter_values', {}))
    expected.update((k, body[k]) for k in ('name', 'description') if k in body)
    if module.check_mode:
        return expected
    response = client.call('update_configuration', body=body, configuration_id=current['id'])
    jobs = job_ids_of(response)
    if jobs:
        result['job_id'] = jobs[0]
        if module.params['wait']:
            client.wait_jobs(jobs, module.params['wait_timeout'])
    return template_detail(client, current['id']) or expected


def main(module):
    validate(module)
    params = module.params
    client = module.client
    if not params['id'] and not params['name']:
        module.fail_json(msg='one of name and id is required')
    summaries = None if params['id'] else list_templates(client)
    summary, current = find_template(client, params['name'], configuration_id=params['id'], summaries=summaries)
    if current is not None and summary is not None:
        current = dict(summary, **current)  # the list tells user_defined, the detail the values
    result = dict(changed=False)
    if params['id'] and current is None:
        module.fail_json(msg='Parameter template %s does not exist' % params['id'])

    if params['state'] == 'absent':
        after = {}
        if current is not None:
            if is_default_template(current):
                module.fail_json(msg='Template %s is a default template of the service; it cannot be deleted'
                                 % current.get('name'))
            result['changed'] = True
            if not module.check_mode:
                client.call('delete_configuration', configuration_id=current['id'])
    elif current is None:
        result['changed'] = True
        after = create(module, client, summaries, result)
    else:
        wanted = dict(description=params['description'], parameter_values=params['parameters'])
        if params['id']:
            wanted['name'] = params['name']
        after = update(module, client, current, wanted, result)

    result['parameter_template'] = after
    if module._diff:
        result['diff'] = make_diff(_diff_view(current, params['parameters']), _diff_view(after, params['parameters']))
    module.exit_json(**result)


def _diff_view(template, parameters):
    """Name, description and the values of the parameters the user manages (not all of them)."""
    if not template:
        return {}
    values = template.get('parameter_values') or {}
    return dict(name=template.get('name'), description=template.get('description'),
                parameter_values=dict((k, values.get(k)) for k in sorted(parameters or {})))


def run():
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
    module = CloudModule('gaussdb', spec, wait=True, required_one_of=[('name', 'id')],
                         mutually_exclusive=[('copy_from', 'copy_from_instance')])
    module.run(main)


if __name__ == '__main__':
    run()
