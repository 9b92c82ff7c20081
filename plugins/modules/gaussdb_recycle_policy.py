#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_recycle_policy
short_description: Set how long deleted GaussDB(for MySQL) instances stay in the recycle bin
version_added: 1.0.0
description:
  - Reads the recycle bin policy of the project (Huawei Cloud GaussDB(for MySQL) / TaurusDB API v3
    section 4.3.35) and sets its retention when it differs (4.3.34).
  - A deleted instance stays in the recycle bin for this many days, with a backup from which it can be
    restored as a new instance; M(clouddb.mysql.gaussdb_recycle_info) lists them.
  - The change is synchronous (no job). Without O(retention_period_in_days) the module only reads the
    policy.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  retention_period_in_days:
    description:
      - Days a deleted instance is kept in the recycle bin, 1 to 7.
      - Not set means read the policy only.
    type: int
    aliases: [retention_days]
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
seealso:
  - module: clouddb.mysql.gaussdb_recycle_info
  - module: clouddb.mysql.gaussdb_instance
'''

EXAMPLES = r'''
- name: Keep deleted instances for three days
  clouddb.mysql.gaussdb_recycle_policy:
    retention_period_in_days: 3

- name: Read the policy
  clouddb.mysql.gaussdb_recycle_policy:
  register: recycle

- name: Show it
  ansible.builtin.debug:
    msg: "Deleted instances are kept {{ recycle.recycle_policy.retention_period_in_days }} days"
'''

RETURN = r'''
recycle_policy:
  description: The policy; after a change, the one set.
  returned: always
  type: dict
  contains:
    retention_period_in_days:
      description: Days a deleted instance is kept in the recycle bin.
      type: int
      sample: 3
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_project import (
    plan_recycle_policy, recycle_policy, recycle_policy_errors,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    module.check_input(recycle_policy_errors(module.params))
    plan = plan_recycle_policy(module.params, recycle_policy(module.client))
    plan.apply(module)
    module.finish(plan.changed, plan.before, plan.after, recycle_policy=plan.after)


def main():
    spec = dict(
        retention_period_in_days=dict(type='int', aliases=['retention_days']),
    )
    CloudModule('gaussdb', spec).run(run)


if __name__ == '__main__':
    main()
