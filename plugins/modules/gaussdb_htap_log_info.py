#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_htap_log_info
short_description: Read the slow logs, slow-log masking and LTS configurations of a ClickHouse HTAP instance
version_added: 0.1.0
description:
  - Return the nodes (Huawei Cloud GaussDB(for MySQL) / TaurusDB API v3, section 4.16.2), the slow-log lines
    within a time window (4.16.3), the slow-log masking status (4.16.5) and the LTS log configurations (4.16.6)
    of a ClickHouse instance (HTAP lightweight edition).
  - Slow-log lines come oldest first; the module reads page after page until O(limit) lines are collected, and
    merges the lines of several nodes in time order.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  gather_subset:
    description:
      - What to read; each item costs at least one request.
    type: list
    elements: str
    choices: [nodes, slow_logs, masking, lts_configs]
    default: [nodes, slow_logs, masking, lts_configs]
  nodes:
    description:
      - Ids or names of the nodes whose slow logs are read. Default is every node of the instance.
    type: list
    elements: str
  start_time:
    description:
      - Start of the window; ISO 8601 (V(2024-05-01T08:00:00+08:00), no offset means UTC), UNIX seconds,
        or a time relative to now such as V(-2h), V(-30m), V(-7d). Default is one day before O(end_time).
    type: str
  end_time:
    description:
      - End of the window, in the forms of O(start_time) or V(now). Default is now; it cannot lie in the future.
    type: str
  limit:
    description:
      - Most slow-log lines returned, 1 to 10000.
    type: int
    default: 100
  sql_type:
    description:
      - Only statements of this type (the API's C(operate_type), for example V(SELECT) or V(INSERT)).
    type: str
  database:
    description:
      - Only statements run in this database (exact name).
    type: str
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_clickhouse_ref
notes:
  - O(nodes), O(start_time), O(end_time), O(sql_type) and O(database) need V(slow_logs) in O(gather_subset).
  - Whether statements show literals depends on the masking switch of M(clouddb.mysql.gaussdb_htap_log_config).
seealso:
  - module: clouddb.mysql.gaussdb_htap_log_config
  - module: clouddb.mysql.gaussdb_htap_instance
'''

EXAMPLES = r'''
- name: Slow SELECTs of the last two hours of the only ClickHouse instance of shop-db
  clouddb.mysql.gaussdb_htap_log_info:
    instance_name: shop-db
    sql_type: SELECT
    start_time: -2h
  register: ch_logs

- name: Masking and LTS settings of a ClickHouse instance
  clouddb.mysql.gaussdb_htap_log_info:
    htap_instance_id: b6280c323ce449f2ad02af74e21f3dc5in16
    gather_subset: [masking, lts_configs]
'''

RETURN = r'''
htap_instance_id:
  description: Id of the ClickHouse instance.
  returned: always
  type: str
  sample: b6280c323ce449f2ad02af74e21f3dc5in16
start_time:
  description: Start of the window as sent to the API.
  returned: when O(gather_subset) has V(slow_logs)
  type: str
  sample: "2024-05-01T00:00:00+0000"
end_time:
  description: End of the window as sent to the API.
  returned: when O(gather_subset) has V(slow_logs)
  type: str
  sample: "2024-05-02T00:00:00+0000"
nodes:
  description: The nodes of the instance (4.16.2).
  returned: when O(gather_subset) has V(nodes) or V(slow_logs)
  type: list
  elements: dict
  contains:
    node_id:
      description: Node id.
      type: str
      sample: f1a5641d62f44803ac38ffefed0e4736no16
    node_name:
      description: Node name.
      type: str
    role:
      description: Role of the node, for example V(master) or V(slave).
      type: str
slow_logs:
  description: Slow-log lines (4.16.3) with the API's field names, oldest first.
  returned: when O(gather_subset) has V(slow_logs)
  type: list
  elements: dict
  contains:
    node_id:
      description: Node of the line.
      type: str
    line_num:
      description: Position of the line (its time in UNIX milliseconds).
      type: str
      sample: "1669344916000"
    start_time:
      description: When the statement ran.
      type: str
      sample: "2023-08-28T08:22:13.591394+08:00"
    time:
      description: Duration of the statement.
      type: str
      sample: 0.000143s
    lock_time:
      description: Lock wait of the statement.
      type: str
    rows_sent:
      description: Rows the statement returned.
      type: int
    rows_examined:
      description: Rows the statement examined.
      type: int
    database:
      description: Database of the statement.
      type: str
    users:
      description: Account that ran the statement.
      type: str
    query_sample:
      description: The statement.
      type: str
    type:
      description: Statement type.
      type: str
    client_ip:
      description: Client address.
      type: str
    count:
      description: Executions of the statement.
      type: str
slow_log_masking:
  description: Whether slow-log statements are masked (4.16.5).
  returned: when O(gather_subset) has V(masking)
  type: bool
  sample: true
lts_configs:
  description: LTS configurations of the instance (4.16.6), one per reported log type.
  returned: when O(gather_subset) has V(lts_configs)
  type: list
  elements: dict
  contains:
    log_type:
      description: Log type.
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
    CLICKHOUSE_REF_ARGUMENT_SPEC, LOG_SUBSETS, clickhouse_ref_kwargs, log_info_input, read_logs, target_clickhouse,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    window, errors = log_info_input(module.params)
    module.check_input(errors)
    htap_id = target_clickhouse(module)
    module.finish(False, htap_instance_id=htap_id, **read_logs(module.client, htap_id, module.params, window))


def main():
    spec = dict(
        gather_subset=dict(type='list', elements='str', choices=list(LOG_SUBSETS), default=list(LOG_SUBSETS)),
        nodes=dict(type='list', elements='str'),
        start_time=dict(type='str'),
        end_time=dict(type='str'),
        limit=dict(type='int', default=100),
        sql_type=dict(type='str'),
        database=dict(type='str'),
    )
    spec.update(CLICKHOUSE_REF_ARGUMENT_SPEC)
    CloudModule('gaussdb', spec, **clickhouse_ref_kwargs()).run(run)


if __name__ == '__main__':
    main()
