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
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
notes:
  - Supports C(check_mode) and C(diff) (the diff shows only the policy sent; the current one is unknown).
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

import re

from ansible_collections.clouddb.mysql.plugins.module_utils.cds_resources import (
    finish, instance_ref_module, parent_instance,
)

DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']
SLOT = re.compile(r'^(\d{1,2}):00(?:\s*-\s*(\d{1,2}):00)?$')


def parse_slot(text):
    match = SLOT.match(text.strip())
    if not match:
        return None
    start = int(match.group(1))
    end = int(match.group(2)) if match.group(2) else start + 1
    if not 0 <= start <= 23 or end != start + 1:
        return None
    return '%02d:00-%02d:00' % (start, end)


def parse_day(text):
    text = str(text).strip().lower()
    if text in [str(n) for n in range(7)]:
        return text
    for index, name in enumerate(DAYS):
        if text in (name, name[:3]):
            return str(index)
    return None


def main(module):
    p = module.params
    slot = parse_slot(p['time_slot'])
    days = [parse_day(d) for d in p['days']]
    errors = []
    if slot is None:
        errors.append('time_slot must be a one-hour window on the hour like 03:00-04:00, not %r' % p['time_slot'])
    if not days or None in days:
        errors.append('days must be weekdays 0-6 (0 = Sunday) or their names, not %s' % p['days'])
    if errors:
        module.fail_json(msg='; '.join(errors))
    policy = dict(TimeSlot=slot, DateList=sorted(set(days)), Sign=1 if p['enabled'] else 0)
    instance = parent_instance(module)
    uuid = instance['InstanceUuid']
    if instance.get('SubProductKey') not in (None, 'mysql-replication'):
        module.fail_json(msg='Automatic backup policies need the high-availability edition')
    if not module.check_mode:
        # Setting the same policy again is harmless, so a lost answer may be re-sent.
        module.client.call('ModifyDbBackupPolicy', dict(InstanceUuid=uuid, DataBackups=policy), instance_id=uuid,
                           idempotent=True)
    view = dict(time_slot=policy['TimeSlot'], date_list=policy['DateList'], sign=policy['Sign'])
    finish(module, True, {}, view, policy=view, instance_id=uuid)


def run():
    spec = dict(
        enabled=dict(type='bool', default=True),
        time_slot=dict(type='str', required=True),
        days=dict(type='list', elements='str', required=True),
    )
    instance_ref_module(spec).run(main)


if __name__ == '__main__':
    run()
