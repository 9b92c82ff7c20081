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
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - The diff shows exactly the parameters that would change (and the template id with O(template)).
  - Each change is waited for before the next one (the instance accepts one change at a time); with
    O(wait=false) the last one (the restart, with O(restart=true)) is not.
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

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_parameters import (
    by_name, instance_parameters, plan_instance_parameters,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    client = module.client
    instance = module.target_instance()
    items = by_name(instance_parameters(client, instance['id'])[1])
    plan = plan_instance_parameters(client, instance, items, module.params)
    plan.apply(module)
    after = None
    if plan.changed and not module.check_mode and module.jobs.wait:
        # Report the values as the server stored them (it rewrites 4G as 4294967296).
        after = by_name(instance_parameters(client, instance['id'])[1])
    module.finish(plan.changed, plan.before, plan.after, **plan.result(after))


def main():
    spec = dict(
        parameters=dict(type='dict'),
        template=dict(type='str'),
        restart=dict(type='bool', default=False),
    )
    CloudModule('gaussdb', spec, wait=True, instance_ref=True, required_one_of=[('parameters', 'template')]).run(run)


if __name__ == '__main__':
    main()
