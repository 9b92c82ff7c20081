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
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
  - clouddb.mysql.cds_wait
notes:
  - Supports C(check_mode) and C(diff).
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

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import RUNNING
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_resources import (
    check_param, finish, instance_ref_module, job_ids, param_key, param_value, parent_instance, recover_if,
    wait_parent_running,
)


def plan(module, definitions):
    errors, changes, restart = [], {}, []
    for name, value in sorted(module.params['parameters'].items()):
        definition = definitions.get(name)
        if definition is None:
            errors.append('unknown parameter %s' % name)
            continue
        if value is None or isinstance(value, (dict, list)):
            errors.append('%s needs a plain value' % name)
            continue
        if param_key(definition.get('CurrentValue')) == param_key(value):
            continue
        if str(definition.get('IsModify', 'true')).lower() != 'true':
            errors.append('%s cannot be modified' % name)
            continue
        error = check_param(definition, value)
        if error:
            errors.append(error)
            continue
        changes[name] = param_value(value)
        if str(definition.get('IsRestart', 'false')).lower() == 'true':
            restart.append(name)
    if errors:
        module.fail_json(msg='; '.join(errors))
    if restart and not module.params['allow_restart']:
        module.fail_json(msg='Changing %s restarts the instance; set allow_restart to true to do it' % ', '.join(restart))
    return changes, bool(restart)


def applied(client, uuid, changes):
    current = dict((d['Name'], d.get('CurrentValue')) for d in client.parameters(uuid))
    return all(param_key(current.get(n)) == param_key(v) for n, v in changes.items()), current


def main(module):
    p = module.params
    client = module.client
    instance = parent_instance(module)
    uuid = instance['InstanceUuid']
    definitions = dict((d['Name'], d) for d in client.parameters(uuid))
    changes, restart = plan(module, definitions)
    before = dict((n, definitions[n].get('CurrentValue')) for n in p['parameters'] if n in definitions)
    after = dict(before, **changes)
    response = None
    if changes and not module.check_mode:
        wait_parent_running(module, instance)
        body = dict(InstanceUuid=uuid, Parameters=[dict(Name=n, Value=v) for n, v in sorted(changes.items())])

        def took_effect():
            inst = client.get_instance(uuid) or {}
            return inst.get('Status') != RUNNING or applied(client, uuid, changes)[0]
        response = client.call('ModifyDBParameter', body, instance_id=uuid, recover=recover_if(took_effect))
        if p['wait']:
            def probe():
                inst = client.get_instance(uuid) or {}
                if inst.get('Status') != RUNNING:
                    return False, None
                return applied(client, uuid, changes)
            current = client.poller.wait(probe, p['wait_timeout'], 'the parameters of %s to take effect' % uuid)
            after = dict((n, current.get(n)) for n in before)
    finish(module, bool(changes), before, after, parameters=after, restart=restart and bool(changes),
           changed_parameters=dict((n, dict(before=before.get(n), after=v)) for n, v in changes.items()),
           instance_id=uuid, job_id=job_ids(response))


def run():
    spec = dict(
        parameters=dict(type='dict', required=True),
        allow_restart=dict(type='bool', default=False),
    )
    instance_ref_module(spec, wait=True).run(main)


if __name__ == '__main__':
    run()
