#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_parameters
short_description: Set MySQL parameters of a CDS cloud MySQL instance
version_added: 0.1.0
description:
  - Compares the wanted values with the current ones (C(DescribeDBParameter)) and sends only the
    differences (C(ModifyDBParameter)), then waits until the instance is C(RUNNING) with the new values.
  - Values are compared as the server stores them; numbers by value, other values case-insensitively
    (V(on) equals V(ON)), booleans as V(ON)/V(OFF).
  - Unknown parameters, parameters the API marks as not modifiable (C(IsModify)) and values outside the
    allowed range (C(CheckingCode)) are refused before any change is requested.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  parameters:
    description: Parameter names and their wanted values.
    type: dict
    required: true
  allow_restart:
    description:
      - Parameters marked C(IsRestart) take effect only after a restart of the instance, which the
        change then causes. Unless this is V(true), changing such a parameter fails before anything
        is requested.
    type: bool
    default: false
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
  - clouddb.mysql.cds_wait
seealso:
  - module: clouddb.mysql.cds_parameters_info
'''

EXAMPLES = r'''
- name: Connection limits and the slow log
  clouddb.mysql.cds_parameters:
    instance_name: shop-db
    parameters:
      max_connections: 3000
      slow_query_log: true
      long_query_time: 2

- name: A change that restarts the instance
  clouddb.mysql.cds_parameters:
    instance_name: shop-db
    parameters:
      character_set_server: utf8mb4
    allow_restart: true
'''

RETURN = r'''
parameters:
  description: Current values of the parameters named in O(parameters), after the change.
  returned: always
  type: dict
  sample: {max_connections: "3000", slow_query_log: "ON"}
changed_parameters:
  description: The parameters changed, with their C(before) and C(after) values.
  returned: always
  type: dict
  sample: {max_connections: {before: "2000", after: "3000"}}
restart:
  description: Whether the change restarts the instance.
  returned: always
  type: bool
instance_id:
  description: Uuid of the instance.
  returned: always
  type: str
job_id:
  description: The API's C(TaskId) of the change.
  returned: when a change was requested
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds_instance import apply_when_running
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_parameters import (
    changed_parameters, list_parameters, parameter_errors, plan_parameters, settle_parameters,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(parameter_errors(params))
    instance = module.target_instance()
    uuid = instance['InstanceUuid']
    definitions = dict((d['Name'], d) for d in list_parameters(module.client, uuid))
    plan, restart = plan_parameters(module.client, uuid, params, definitions)
    apply_when_running(module, plan, instance)
    values = settle_parameters(module, uuid, plan)
    module.finish(plan.changed, plan.before, plan.after, parameters=values, restart=restart,
                  changed_parameters=changed_parameters(plan), instance_id=uuid)


def main():
    spec = dict(
        parameters=dict(type='dict', required=True),
        allow_restart=dict(type='bool', default=False),
    )
    CloudModule('cds', spec, wait=True, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
