#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_lts_config
short_description: Manage the reporting of a GaussDB(for MySQL) log type to Log Tank Service (LTS)
version_added: 0.1.0
description:
  - Send the error log, the slow log or the audit log of an instance to an LTS log group and stream, change
    them, or stop reporting (Huawei Cloud GaussDB(for MySQL) / TaurusDB API v3, sections 4.8.6 to 4.8.8).
  - One task manages one log type of one instance; the LTS log group and stream must already exist in the
    same region.
  - A configuration that the API lists as disabled (reporting was stopped) counts as absent, so
    O(state=present) turns it on again and O(state=absent) leaves it as it is.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  log_type:
    description:
      - Log type to report.
    type: str
    choices: [error_log, slow_log, audit_log]
    required: true
  lts_group_id:
    description:
      - Id (a UUID) of the LTS log group. Required with O(state=present).
    type: str
  lts_stream_id:
    description:
      - Id (a UUID) of the LTS log stream. Required with O(state=present).
      - The service lets one stream receive one log type only.
    type: str
  state:
    description:
      - V(present) reports the log type to the given group and stream; V(absent) stops reporting it (the API
        keeps listing the configuration, disabled).
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
notes:
  - The service starts or stops reporting about ten minutes after the change.
seealso:
  - module: clouddb.mysql.gaussdb_log_info
  - module: clouddb.mysql.gaussdb_audit_log
'''

EXAMPLES = r'''
- name: Report the slow log of an instance to LTS
  clouddb.mysql.gaussdb_lts_config:
    instance_name: shop-db
    log_type: slow_log
    lts_group_id: c3dd5233-24a1-443c-6b40-310b3ad85382
    lts_stream_id: 9b476e31-b745-4e76-8d78-2081168651f7

- name: Stop reporting its error log
  clouddb.mysql.gaussdb_lts_config:
    instance_name: shop-db
    log_type: error_log
    state: absent
'''

RETURN = r'''
lts_config:
  description: The configuration after the run (the expected one in check mode); empty when the log type is not reported.
  returned: always
  type: dict
  contains:
    instance_id:
      description: Id of the instance.
      type: str
      sample: a23fb62bd61e4e9e9636fd2225f395bein07
    log_type:
      description: Log type.
      type: str
      sample: slow_log
    lts_group_id:
      description: LTS log group.
      type: str
      sample: c3dd5233-24a1-443c-6b40-310b3ad85382
    lts_stream_id:
      description: LTS log stream.
      type: str
      sample: 9b476e31-b745-4e76-8d78-2081168651f7
    enabled:
      description: Whether reporting is on (always true; a disabled configuration is returned as empty).
      type: bool
      sample: true
instance_id:
  description: Id of the instance.
  returned: always
  type: str
  sample: a23fb62bd61e4e9e9636fd2225f395bein07
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops import (
    LTS_LOG_TYPES, find_lts_config, lts_errors, plan_lts_config,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(lts_errors(params))
    instance_id = module.target_instance_id()
    current = find_lts_config(module.client, instance_id, params['log_type'])
    plan = plan_lts_config(instance_id, params, current)
    plan.apply(module)
    module.finish(plan.changed, plan.before, plan.after, lts_config=plan.after, instance_id=instance_id)


def main():
    spec = dict(
        log_type=dict(type='str', required=True, choices=list(LTS_LOG_TYPES)),
        lts_group_id=dict(type='str'),
        lts_stream_id=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    CloudModule('gaussdb', spec, instance_ref=True,
                required_if=[('state', 'present', ('lts_group_id', 'lts_stream_id'))]).run(run)


if __name__ == '__main__':
    main()
