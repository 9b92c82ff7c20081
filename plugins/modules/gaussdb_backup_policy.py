#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_backup_policy
short_description: Set the backup policies and backup encryption of a GaussDB(for MySQL) instance
version_added: 0.1.0
description:
  - Sets the automated (same-region) backup policy (API v3 sections 4.4.1 and 4.4.4), the
    cross-region backup policy (4.4.11) and backup encryption (4.4.8 and 4.4.9) of an instance.
  - Each of the three is only touched when its option is set; within O(backup_policy), only the
    fields set are compared and changed, the others keep their current values.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  backup_policy:
    description: The automated backup policy.
    type: dict
    suboptions:
      start_time:
        description:
          - Backup window in UTC, V(hh:00-HH:00) with HH one hour after hh, for example V(01:00-02:00)
            (V(23:00-00:00) is accepted as well).
        type: str
      keep_days:
        description:
          - Days to keep automated backups, 1 to 732 (up to 3660 when customer service enabled it
            for the account; the API decides).
        type: int
      period:
        description:
          - Days of the week backups run, as the API numbers them, 1 to 7 (the API reference's
            example calls V([1, 2, 3, 4, 5]) Monday to Friday). Order does not matter.
        type: list
        elements: int
      retention_num_backup_level1:
        description:
          - Number of level-1 backups to keep, V(0) or V(1); only for instances with level-1 backups enabled.
          - While level-1 backups are on, the API needs this number with every policy change; when it is
            not set, the current number is sent again. While they are off, setting it fails before any change.
        type: int
        choices: [0, 1]
  cross_region:
    description:
      - The cross-region backup policy.
      - B(The API offers no way to read this policy back), so the module cannot tell whether it
        already is as wanted. It is sent on every run where this option is set and the module
        reports C(changed=true); run such a task only when the policy should change, for example
        behind a C(when:) condition or with C(changed_when).
      - Cross-region backups and backup encryption exclude each other; when one is switched off and
        the other on in the same run, the module switches off first.
    type: dict
    suboptions:
      open_auto_backup:
        description: Whether full backups are copied to the other region.
        type: bool
        required: true
      open_incremental_backup:
        description: Whether incremental backups are copied too (only with O(cross_region.open_auto_backup=true)).
        type: bool
        default: false
      destination_region:
        description: Region the backups are copied to.
        type: str
        required: true
      destination_project_id:
        description: Project id in O(cross_region.destination_region).
        type: str
        required: true
      keep_days:
        description: Days to keep the copies, 1 to 1825.
        type: int
        required: true
  encryption:
    description: Backup encryption with a KMS key.
    type: dict
    suboptions:
      enabled:
        description: Whether backups are encrypted.
        type: bool
        required: true
      kms_key_id:
        description:
          - Id of the KMS key; required with O(encryption.enabled=true).
          - The API only tells whether encryption is on, not with which key, so a different key
            on an instance that already encrypts its backups is not detected.
        type: str
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
notes:
  - The changes take effect at once (no asynchronous job), so the module has no C(wait) option.
  - The module fails when the API answers that a change failed (status C(FAILED) of the automated
    policy, a C(result) other than C(success) of the cross-region policy).
seealso:
  - module: clouddb.mysql.gaussdb_backup
  - module: clouddb.mysql.gaussdb_backup_info
'''

EXAMPLES = r'''
- name: Back up every night between 01:00 and 02:00 UTC, keep two weeks
  clouddb.mysql.gaussdb_backup_policy:
    instance_name: shop-db
    backup_policy:
      start_time: "01:00-02:00"
      keep_days: 14
      period: [1, 2, 3, 4, 5, 6, 7]

- name: Only change how long backups are kept
  clouddb.mysql.gaussdb_backup_policy:
    instance_name: shop-db
    backup_policy:
      keep_days: 30

- name: Encrypt backups
  clouddb.mysql.gaussdb_backup_policy:
    instance_name: shop-db
    encryption:
      enabled: true
      kms_key_id: b82fa43f-f6e8-4ec4-9c31-231bc547c526

- name: Copy backups to another region (sent on every run; guard it)
  clouddb.mysql.gaussdb_backup_policy:
    instance_name: shop-db
    cross_region:
      open_auto_backup: true
      open_incremental_backup: true
      destination_region: cn-north-7
      destination_project_id: fd710c89089a448aa2e666ab15817090
      keep_days: 7
  when: enable_cross_region | default(false) | bool
'''

RETURN = r'''
backup_policy:
  description:
    - The automated backup policy (4.4.4 fields) and C(encryption_status) (V(on) or V(off), 4.4.9).
    - The parts whose options were not set are not read and not returned.
  returned: always
  type: dict
  sample: {start_time: "01:00-02:00", keep_days: 14, period: "1,2,3,4,5,6,7", encryption_status: "off"}
cross_region:
  description: The cross-region policy sent (4.4.11 fields).
  returned: when O(cross_region) is set
  type: dict
instance_id:
  description: Id of the instance.
  returned: always
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_protection import (
    plan_policy, policy_errors, policy_view, show_policy,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(policy_errors(params))
    client = module.client
    instance_id = module.target_instance_id()
    policy = status = None
    if params['backup_policy'] is not None:
        policy = show_policy(client, instance_id)
    if params['encryption'] is not None:
        status = client.call('show_backup_encryption', instance_id=instance_id).get('encryption_status')
    plan = plan_policy(instance_id, params, policy_view(policy, status))
    plan.apply(module)
    after = plan.after
    if any(step.what == 'backup policy' for step in plan.steps) and not module.check_mode:
        after['backup_policy'] = show_policy(client, instance_id)   # the policy as the service now has it
    result = dict(backup_policy=dict(after.get('backup_policy') or {}), instance_id=instance_id)
    if 'encryption_status' in after:
        result['backup_policy']['encryption_status'] = after['encryption_status']
    if 'cross_region' in after:
        result['cross_region'] = after['cross_region']
    module.finish(plan.changed, plan.before, after, **result)


def main():
    policy = dict(
        start_time=dict(type='str'),
        keep_days=dict(type='int'),
        period=dict(type='list', elements='int'),
        retention_num_backup_level1=dict(type='int', choices=[0, 1]),
    )
    offsite = dict(
        open_auto_backup=dict(type='bool', required=True),
        open_incremental_backup=dict(type='bool', default=False),
        destination_region=dict(type='str', required=True),
        destination_project_id=dict(type='str', required=True),
        keep_days=dict(type='int', required=True),
    )
    encryption = dict(
        enabled=dict(type='bool', required=True),
        kms_key_id=dict(type='str', no_log=False),
    )
    spec = dict(
        backup_policy=dict(type='dict', options=policy),
        cross_region=dict(type='dict', options=offsite),
        encryption=dict(type='dict', options=encryption),
    )
    CloudModule('gaussdb', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
