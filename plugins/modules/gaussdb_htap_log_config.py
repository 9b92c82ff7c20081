#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_htap_log_config
short_description: Manage slow-log masking and LTS reporting of a ClickHouse HTAP instance
version_added: 0.1.0
description:
  - Turn the masking of slow-log statements of a ClickHouse instance (HTAP lightweight edition) on or off
    (Huawei Cloud GaussDB(for MySQL) / TaurusDB API v3, sections 4.16.4 and 4.16.5), and send its slow log to
    a Log Tank Service (LTS) log group and stream or stop doing so (4.16.6 to 4.16.8).
  - The slow log is the only log type the API can report to LTS.
  - These calls answer at once (no job), so there is nothing to wait for.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  slow_log_masking:
    description:
      - V(true) masks the literals of slow-log statements, V(false) shows them. Left as it is when not given.
    type: bool
  lts_group_id:
    description:
      - Id (a UUID) of the LTS log group that receives the slow log. Needs O(lts_stream_id).
    type: str
  lts_stream_id:
    description:
      - Id (a UUID) of the LTS log stream that receives the slow log. Needs O(lts_group_id).
    type: str
  state:
    description:
      - State of the LTS configuration of the slow log.
      - V(present) reports the slow log to O(lts_group_id) and O(lts_stream_id); without them the LTS
        configuration is left as it is.
      - V(absent) stops reporting it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_clickhouse_ref
notes:
  - The masking switch cannot change while the ClickHouse instance runs a job (restart, resize) or is not normal.
seealso:
  - module: clouddb.mysql.gaussdb_htap_log_info
  - module: clouddb.mysql.gaussdb_htap_instance
'''

EXAMPLES = r'''
- name: Show slow-log literals and report the slow log to LTS
  clouddb.mysql.gaussdb_htap_log_config:
    instance_name: shop-db
    htap_instance_name: shop-ch
    slow_log_masking: false
    lts_group_id: 460d8437-9dcb-47d0-8c56-5758f2042272
    lts_stream_id: bad1ca5d-e347-437f-be89-f2e08ce117b8

- name: Stop reporting to LTS
  clouddb.mysql.gaussdb_htap_log_config:
    htap_instance_id: b6280c323ce449f2ad02af74e21f3dc5in16
    state: absent
'''

RETURN = r'''
htap_instance_id:
  description: Id of the ClickHouse instance.
  returned: always
  type: str
  sample: b6280c323ce449f2ad02af74e21f3dc5in16
log_config:
  description: The settings after the run (the expected ones in check mode).
  returned: always
  type: dict
  contains:
    htap_instance_id:
      description: Id of the ClickHouse instance.
      type: str
      sample: b6280c323ce449f2ad02af74e21f3dc5in16
    slow_log_masking:
      description: Whether slow-log statements are masked.
      type: bool
      sample: true
    lts_config:
      description: The LTS configuration of the slow log; empty when it is not reported.
      type: dict
      contains:
        log_type:
          description: Log type, V(slow_log).
          type: str
          sample: slow_log
        lts_group_id:
          description: LTS log group.
          type: str
        lts_stream_id:
          description: LTS log stream.
          type: str
        enabled:
          description: Whether reporting is on.
          type: bool
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_htap import (
    CLICKHOUSE_REF_ARGUMENT_SPEC, LTS_FIELDS, clickhouse_ref_kwargs, log_config_errors, plan_log_config,
    read_log_config, target_clickhouse,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    module.check_input(log_config_errors(module.params))
    htap_id = target_clickhouse(module)
    plan = plan_log_config(htap_id, module.params, read_log_config(module.client, htap_id))
    plan.apply(module)
    module.finish(plan.changed, plan.before, plan.after, htap_instance_id=htap_id,
                  log_config=dict(plan.after, htap_instance_id=htap_id))


def main():
    spec = dict(
        slow_log_masking=dict(type='bool'),
        lts_group_id=dict(type='str'),
        lts_stream_id=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    spec.update(CLICKHOUSE_REF_ARGUMENT_SPEC)
    CloudModule('gaussdb', spec, **clickhouse_ref_kwargs(required_together=[LTS_FIELDS])).run(run)


if __name__ == '__main__':
    main()
