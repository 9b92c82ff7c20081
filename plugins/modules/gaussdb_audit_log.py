#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_audit_log
short_description: Manage full SQL, the SQL audit policy and slow-log masking of a GaussDB(for MySQL) instance
version_added: 0.1.0
description:
  - Turn full SQL (the audit log switch of Huawei Cloud GaussDB(for MySQL) / TaurusDB API v3, sections 4.8.1
    and 4.8.2) on or off; its files are listed by M(clouddb.mysql.gaussdb_log_info) with O(clouddb.mysql.gaussdb_log_info#module:log_type=audit).
  - Set the SQL audit policy, how many days audit logs are kept and which operation types are audited
    (C(ShowAuditLogPolicy) / C(SetAuditLogPolicy) of the current TaurusDB API reference; not part of the 2023
    reference the rest of this collection follows).
  - Turn the masking of SQL statements in slow logs on or off (sections 4.8.9 and 4.8.10).
  - Only the options that are set are compared and changed.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  full_sql:
    description:
      - Whether full SQL is recorded (the API's C(switch_status) V(ON) or V(OFF)).
      - Turning it off may make the full-SQL features of DAS and DBSS unavailable.
    type: bool
  keep_days:
    description:
      - Days SQL audit logs are kept, V(0) to V(732). V(0) turns the SQL audit policy off.
    type: int
  audit_types:
    description:
      - Operation types to audit, for example V(INSERT) or V(DROP); an empty list audits every type.
      - The types the instance offers are returned as RV(audit_log.all_audit_log_action); an unknown type is
        refused before anything is changed.
      - Compared as a set. Needs the audit policy on (O(keep_days) above V(0), now or after this run).
    type: list
    elements: str
  reserve_audit_logs:
    description:
      - When O(keep_days=0) turns the audit policy off, whether the audit logs written so far are kept
        (the API's default) or deleted.
      - Sent only with that change; never compared.
    type: bool
  slow_log_masking:
    description:
      - Whether literals in the SQL statements of slow logs are masked (the API's C(open_slow_log_switch)).
    type: bool
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - The full-SQL and masking switches are always read; the audit policy only when O(keep_days) or
    O(audit_types) is set (its API is not offered in every region).
  - Full SQL and the slow-log masking switch change at once; an audit policy change runs as a job, whose id is
    returned as RV(job_id).
seealso:
  - module: clouddb.mysql.gaussdb_log_info
  - module: clouddb.mysql.gaussdb_lts_config
'''

EXAMPLES = r'''
- name: Record full SQL and keep audit logs of writes for 30 days
  clouddb.mysql.gaussdb_audit_log:
    instance_name: shop-db
    full_sql: true
    keep_days: 30
    audit_types: [INSERT, UPDATE, DELETE]

- name: Show slow-log statements in plain text
  clouddb.mysql.gaussdb_audit_log:
    instance_name: shop-db
    slow_log_masking: false

- name: Turn the audit policy off and delete its logs
  clouddb.mysql.gaussdb_audit_log:
    instance_id: a23fb62bd61e4e9e9636fd2225f395bein07
    keep_days: 0
    reserve_audit_logs: false
'''

RETURN = r'''
audit_log:
  description: The settings after the run (the expected ones in check mode).
  returned: always
  type: dict
  contains:
    instance_id:
      description: Id of the instance.
      type: str
      sample: a23fb62bd61e4e9e9636fd2225f395bein07
    full_sql:
      description: Whether full SQL is recorded.
      type: bool
      sample: true
    switch_status:
      description: The full-SQL switch as the API spells it, V(ON) or V(OFF).
      type: str
      sample: "ON"
    keep_days:
      description:
        - Days audit logs are kept; V(0) when the audit policy is off.
        - Only when O(keep_days) or O(audit_types) is set.
      type: int
      sample: 30
    audit_types:
      description:
        - Audited operation types; empty means every type.
        - Only when O(keep_days) or O(audit_types) is set.
      type: list
      elements: str
      sample: [INSERT, UPDATE, DELETE]
    all_audit_log_action:
      description:
        - Every operation type the instance can audit, comma-separated, as the API returns it.
        - Only when O(keep_days) or O(audit_types) is set.
      type: str
      sample: SELECT,INSERT,UPDATE,DELETE,CREATE,ALTER,DROP
    slow_log_masking:
      description: Whether slow-log statements are masked.
      type: bool
      sample: true
job_id:
  description: Id of the job of an audit policy change.
  returned: when the audit policy was changed (not in check mode)
  type: str
  sample: aef6a470-fb63-4d5b-b644-12ead7e019b3
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops import (
    audit_errors, audit_view, manages_audit_policy, plan_audit_log, read_audit_settings,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(audit_errors(params))
    instance_id = module.target_instance_id()
    current = read_audit_settings(module.client, instance_id, manages_audit_policy(params))
    plan = plan_audit_log(instance_id, params, current)
    plan.apply(module)
    module.finish(plan.changed, audit_view(plan.before), audit_view(plan.after), audit_log=plan.after)


def main():
    spec = dict(
        full_sql=dict(type='bool'),
        keep_days=dict(type='int'),
        audit_types=dict(type='list', elements='str'),
        reserve_audit_logs=dict(type='bool'),
        slow_log_masking=dict(type='bool'),
    )
    CloudModule('gaussdb', spec, wait=True, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
