#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_instance_parameters
short_description: Set parameters of a GaussDB(for MySQL) instance or apply a template to it
version_added: 0.1.0
description:
  - Applies a parameter template to an instance (API v3 section 4.5.6) and/or sets single
    parameter values (4.5.12), comparing with the instance's current values first (4.5.11).
  - Reports whether the changes only take effect after a restart (RV(restart_required)) and,
    with O(restart=true), restarts the instance when they do (4.3.2).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  parameters:
    description:
      - Parameter values to set, as a dictionary of name and value. Only the parameters listed
        are compared and changed.
      - Values are compared by meaning with the parameter's type as the instance reports it -
        V(ON), V(on), V(1) and V(true) are the same boolean, V(1G) and V(1073741824) the same size.
      - Unknown and read-only parameters, and values outside the parameter's documented range, are
        refused before any change is requested.
      - Applied after O(template), so they win over the template's values.
    type: dict
  template:
    description:
      - Id or exact name of a parameter template to apply.
      - Applied when the instance does not use this template yet, or when any of the template's
        values (other than those in O(parameters)) differs from the instance's current value.
    type: str
  restart:
    description:
      - Restart the instance when changed parameters wait for a restart, whether changed by this run
        or earlier (the instance's nodes report C(need_restart)).
      - With V(false) the new values of such parameters take effect at the next restart; the module
        only reports RV(restart_required).
    type: bool
    default: false
extends_documentation_fragment:
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - Supports C(check_mode) and C(diff). The diff shows exactly the parameters that would change.
  - The instance is found by id with one request, by name with two; its parameters cost one more.
seealso:
  - module: clouddb.mysql.gaussdb_instance_parameters_info
  - module: clouddb.mysql.gaussdb_parameter_template
'''

EXAMPLES = r'''
- name: Set two parameters
  clouddb.mysql.gaussdb_instance_parameters:
    instance_name: shop-db
    parameters:
      max_connections: 3000
      slow_query_log: "ON"
  register: params

- name: Tell when a restart is due
  ansible.builtin.debug:
    msg: "shop-db needs a restart for the new values to take effect"
  when: params.restart_required

- name: Apply the shop template, override one value, restart if needed
  clouddb.mysql.gaussdb_instance_parameters:
    instance_name: shop-db
    template: shop-params
    parameters:
      innodb_buffer_pool_size: 4G
    restart: true
'''

RETURN = r'''
parameters:
  description:
    - The parameters named in O(parameters) and O(template), with their values after the run, as the
      server stores them (read back after a change, unless O(wait=false) or in check mode).
  returned: always
  type: dict
  sample: {max_connections: "3000", slow_query_log: "ON"}
changed_parameters:
  description: The parameters this run changed (or would change in check mode), with their new values.
  returned: always
  type: dict
  sample: {max_connections: "3000"}
restart_required:
  description: Whether changed parameters (of this run or an earlier one) take effect only after a restart.
  returned: always
  type: bool
restarted:
  description: Whether the module restarted the instance.
  returned: always
  type: bool
configuration_id:
  description: Id of the template the instance uses (after the run).
  returned: always
  type: str
instance_id:
  description: Id of the instance.
  returned: always
  type: str
job_id:
  description: Ids of the jobs of the changes (a string for one job, a list for several).
  returned: when a change was made (not in check mode)
  type: raw
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import as_bool, make_diff
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import job_ids_of
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import fail_on, instance_module
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_parameters import (
    by_name, instance_parameters, param_changes, param_text, param_value_error, require_template,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_protection import instance_details


class Run(object):
    """One module run: the instance's parameters, the changes, their jobs."""

    def __init__(self, module):
        self.module = module
        self.client = module.client
        self.jobs = []
        self.changed = {}
        self.applied = False
        self.restart_required = False

    def submit(self, operation, body, **path):
        response = self.client.call(operation, body=body, **path)
        jobs = job_ids_of(response)
        self.jobs.extend(jobs)
        if jobs and (self.module.params['wait'] or self.module.params['restart']):
            self.client.wait_jobs(jobs, self.module.params['wait_timeout'])
        return response


def check_parameters(module, items):
    wanted = module.params['parameters'] or {}
    unknown = sorted(name for name in wanted if name not in items)
    errors = []
    if unknown:
        errors.append('unknown parameter(s) %s' % ', '.join(unknown))
    errors.extend(param_value_error(name, value, items[name]) for name, value in sorted(wanted.items())
                  if name in items)
    fail_on(module, [e for e in errors if e])


def main(module):
    params = module.params
    client = module.client
    work = Run(module)
    details = instance_details(client, params['instance_id'], params['instance_name'])
    instance_id, configuration_id = details['id'], details.get('configuration_id')
    before_configuration = configuration_id
    # 4.3.32: each node tells whether changed parameters still wait for a restart.
    pending = any(as_bool(node.get('need_restart')) is True for node in details.get('nodes') or [])
    items = by_name(instance_parameters(client, instance_id)[1])
    check_parameters(module, items)
    types = dict((name, item.get('type')) for name, item in items.items())
    current = dict((name, item.get('value')) for name, item in items.items())
    expected = dict(current)
    wanted = params['parameters'] or {}
    managed = set(wanted)

    if params['template'] is not None:
        template = require_template(client, params['template'])
        values = dict((k, v) for k, v in template['parameter_values'].items() if k in items)
        managed.update(values)
        # Whether to apply: the template's values other than those the user sets explicitly.
        differing = param_changes(current, dict((k, v) for k, v in values.items() if k not in wanted), types)
        if template['id'] != configuration_id or differing:
            # Applying sets every value of the template, the explicit ones too (set again below).
            for name in param_changes(current, values, types):
                expected[name] = param_text(values[name], types.get(name))
                work.restart_required = work.restart_required or as_bool(items[name].get('restart_required')) is True
                if name not in wanted:
                    work.changed[name] = expected[name]
            if not module.check_mode:
                work.submit('apply_configuration', dict(instance_ids=[instance_id]), configuration_id=template['id'])
            configuration_id = template['id']
            work.applied = True

    changes = param_changes(expected, wanted, types)
    if changes:
        update = dict((name, param_text(pair[1], types.get(name))) for name, pair in changes.items())
        work.changed.update(update)
        expected.update(update)
        work.restart_required = work.restart_required or any(
            as_bool(items[n].get('restart_required')) is True for n in changes)
        if not module.check_mode:
            response = work.submit('update_instance_configuration', dict(parameter_values=update),
                                   instance_id=instance_id)
            work.restart_required = work.restart_required or as_bool(response.get('restart_required')) is True

    work.restart_required = work.restart_required or pending
    restarted = bool(params['restart'] and work.restart_required)
    if restarted and not module.check_mode:
        work.submit('restart_instance', {}, instance_id=instance_id)

    if work.jobs and params['wait']:
        # Report the values as the server stored them (it rewrites 4G as 4294967296).
        after = by_name(instance_parameters(client, instance_id)[1])
        expected.update((name, after[name].get('value')) for name in managed if name in after)
    result = dict(changed=bool(work.changed) or work.applied or restarted, instance_id=instance_id,
                  configuration_id=configuration_id, changed_parameters=work.changed,
                  restart_required=work.restart_required, restarted=restarted,
                  parameters=dict((name, expected.get(name)) for name in sorted(managed)))
    if work.jobs:
        result['job_id'] = work.jobs[0] if len(work.jobs) == 1 else work.jobs
    if module._diff:
        # A value the template overwrote and the user's set back is no change worth showing.
        names = sorted(param_changes(current, work.changed, types))
        before = dict(parameters=dict((n, current.get(n)) for n in names))
        after = dict(parameters=dict((n, work.changed[n]) for n in names))
        if params['template'] is not None:
            before['configuration_id'], after['configuration_id'] = before_configuration, configuration_id
        result['diff'] = make_diff(before, after)
    module.exit_json(**result)


def run():
    spec = dict(
        parameters=dict(type='dict'),
        template=dict(type='str'),
        restart=dict(type='bool', default=False),
    )
    instance_module(spec, wait=True, required_one_of=[('parameters', 'template')]).run(main)


if __name__ == '__main__':
    run()
