#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_auto_scaling_info
short_description: Read the auto-scaling policy and history of a GaussDB(for MySQL) instance
version_added: 1.0.0
description:
  - Returns the auto-scaling policy of a GaussDB(for MySQL) (TaurusDB) instance (Huawei Cloud GaussDB(for MySQL)
    API v3, section 4.3.29) and the automatic changes it made (section 4.3.38, every page).
  - The policy is set by M(clouddb.mysql.gaussdb_auto_scaling).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  history:
    description: Also read the history of automatic changes (one request per 100 records).
    type: bool
    default: true
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
seealso:
  - module: clouddb.mysql.gaussdb_auto_scaling
'''

EXAMPLES = r'''
- name: Policy and history
  clouddb.mysql.gaussdb_auto_scaling_info:
    instance_name: orders-db
  register: scaling

- name: Flavor changes made automatically
  ansible.builtin.debug:
    msg: "{{ scaling.records | selectattr('scaling_type', 'equalto', 'ENLARGE_FLAVOR') | list }}"
'''

RETURN = r'''
auto_scaling_policy:
  description:
    - The policy as section 4.3.29 reports it (see M(clouddb.mysql.gaussdb_auto_scaling) for its fields); while
      auto-scaling is off, C(status) is V(OFF) and the values are null.
  returned: always
  type: dict
  sample:
    id: 26d8e193-1ea0-4adb-89d0-d1343399d0e7
    instance_id: 41ff7519e22d44eea6066615fa5b17c7in07
    status: "ON"
    monitor_cycle: 300
    silence_cycle: 300
    enlarge_threshold: 50
    max_flavor: gaussdb.mysql.large.x86.4
    reduce_enabled: false
    scaling_strategy: {flavor_switch: "ON", read_only_switch: "OFF"}
records:
  description: The automatic changes (section 4.3.38), newest first; empty with O(history=false).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Id of the record.
      type: str
    instance_id:
      description: Id of the instance.
      type: str
    instance_name:
      description: Name of the instance.
      type: str
    scaling_type:
      description: What changed, for example C(ENLARGE_FLAVOR).
      type: str
    original_value:
      description: Value before the change (for a flavor, its spec code).
      type: str
    target_value:
      description: Value after the change.
      type: str
    result:
      description: Result, for example C(SUCCESSFUL).
      type: str
    create_at:
      description: When the change was made.
      type: str
  sample:
    - id: 2f5f3eeb-16c7-4b0c-bd44-4b2968275abe
      instance_id: 94bb6ce031424d02a1c61019d1d2298bin07
      instance_name: orders-db
      scaling_type: ENLARGE_FLAVOR
      original_value: gaussdb.mysql.medium.x86.4
      target_value: gaussdb.mysql.large.x86.4
      result: SUCCESSFUL
      create_at: "2023-04-30 16:47:40.877"
instance_id:
  description: Id of the instance.
  returned: always
  type: str
  sample: 94bb6ce031424d02a1c61019d1d2298bin07
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_scaling import auto_scaling_history, read_auto_scaling
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    instance_id = module.target_instance_id()
    policy = read_auto_scaling(module.client, instance_id)
    records = auto_scaling_history(module.client, instance_id) if module.params['history'] else []
    module.finish(False, auto_scaling_policy=policy, records=records, instance_id=instance_id)


def main():
    spec = dict(history=dict(type='bool', default=True))
    CloudModule('gaussdb', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
