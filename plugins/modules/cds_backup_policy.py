#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_backup_policy
short_description: Set the automatic backup policy of a CDS cloud MySQL instance
version_added: 0.1.0
description:
  - Turns automatic backups of a high-availability instance on or off and sets their one-hour
    window and weekdays (C(ModifyDbBackupPolicy)).
  - The API has no call that reads the policy, so the module cannot compare it with what is set
    and cannot detect drift. It sends the policy on every run and always reports a change (also
    in check mode, where nothing is sent).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  enabled:
    description: Whether automatic backups run (C(Sign) 1 or 0).
    type: bool
    default: true
  time_slot:
    description:
      - The one-hour window on the hour when backups start, V(03:00-04:00), or only its start, V(03:00).
    type: str
    required: true
  days:
    description:
      - Weekdays, as numbers (V(0) is Sunday ... V(6) Saturday) or English names (V(sunday), V(sun), ...).
    type: list
    elements: str
    required: true
extends_documentation_fragment:
  - clouddb.mysql.attributes.ACTION
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
notes:
  - The diff shows only the policy sent; the current one is unknown.
seealso:
  - module: clouddb.mysql.cds_backup
'''

EXAMPLES = r'''
- name: Nightly backups at 03:00 on weekdays
  clouddb.mysql.cds_backup_policy:
    instance_name: shop-db
    time_slot: "03:00-04:00"
    days: [monday, tuesday, wednesday, thursday, friday]

- name: Turn automatic backups off
  clouddb.mysql.cds_backup_policy:
    instance_name: shop-db
    enabled: false
    time_slot: "03:00"
    days: ["0"]
'''

RETURN = r'''
policy:
  description: The policy sent, as the API takes it.
  returned: always
  type: dict
  sample: {time_slot: "03:00-04:00", date_list: ["1", "2", "3", "4", "5"], sign: 1}
instance_id:
  description: Uuid of the instance.
  returned: always
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds_backup import plan_policy, policy_errors
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    module.check_input(policy_errors(module.params))
    instance = module.target_instance()
    plan = plan_policy(module.params, instance)
    plan.apply(module)
    module.finish(plan.changed, plan.before, plan.after, policy=plan.after, instance_id=instance['InstanceUuid'])


def main():
    spec = dict(
        enabled=dict(type='bool', default=True),
        time_slot=dict(type='str', required=True),
        days=dict(type='list', elements='str', required=True),
    )
    CloudModule('cds', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
