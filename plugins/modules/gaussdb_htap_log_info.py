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

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_htap as htap
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops import (
    api_time, merge_lines, paginate_lines, time_window,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule

SUBSETS = ('nodes', 'slow_logs', 'masking', 'lts_configs')
SLOW_LOG_OPTIONS = ('nodes', 'start_time', 'end_time', 'sql_type', 'database')
DEFAULT_SPAN = 86400
MAX_LIMIT = 10000


def validate(module):
    params = module.params
    errors = []
    wanted = set(params['gather_subset'])
    if not wanted:
        errors.append('gather_subset must name at least one of %s' % ', '.join(SUBSETS))
    start, end, window_errors = time_window(params['start_time'], params['end_time'], DEFAULT_SPAN)
    errors += window_errors
    if not 1 <= params['limit'] <= MAX_LIMIT:
        errors.append('limit must be between 1 and %d' % MAX_LIMIT)
    if 'slow_logs' not in wanted:
        errors += ['%s needs slow_logs in gather_subset' % opt for opt in SLOW_LOG_OPTIONS if params[opt]]
    htap.fail_on(module, errors)
    return wanted, (api_time(start), api_time(end))


def read_slow_logs(module, htap_id, nodes, window):
    params = module.params
    query = dict(start_time=window[0], end_time=window[1], operate_type=params['sql_type'], database=params['database'])
    query = dict((k, v) for k, v in query.items() if v)
    chosen = htap.select_clickhouse_nodes(module, nodes, params['nodes'])
    per_node = [paginate_lines(htap.clickhouse_slow_log_fetcher(module.client, htap_id, n['node_id'], query),
                               params['limit']) for n in chosen]
    return merge_lines(per_node, params['limit'])


def main(module):
    wanted, window = validate(module)
    client = module.client
    htap_id = htap.target_clickhouse(module)
    result = dict(changed=False, htap_instance_id=htap_id)
    if wanted & set(('nodes', 'slow_logs')):
        result['nodes'] = htap.clickhouse_nodes(client, htap_id)
    if 'slow_logs' in wanted:
        result.update(start_time=window[0], end_time=window[1],
                      slow_logs=read_slow_logs(module, htap_id, result['nodes'], window))
    if 'masking' in wanted:
        result['slow_log_masking'] = htap.clickhouse_masking(client, htap_id)
    if 'lts_configs' in wanted:
        configs = htap.clickhouse_lts_configs(client, htap_id)
        result['lts_configs'] = [configs[t] for t in sorted(configs)]
    module.exit_json(**result)


def run():
    spec = dict(
        gather_subset=dict(type='list', elements='str', choices=list(SUBSETS), default=list(SUBSETS)),
        nodes=dict(type='list', elements='str'),
        start_time=dict(type='str'),
        end_time=dict(type='str'),
        limit=dict(type='int', default=100),
        sql_type=dict(type='str'),
        database=dict(type='str'),
    )
    spec.update(htap.CLICKHOUSE_REF_ARGUMENT_SPEC)
    module = CloudModule('gaussdb', spec, **htap.clickhouse_ref_kwargs())
    module.run(main)


if __name__ == '__main__':
    run()
