#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_log_info
short_description: Read slow logs, error logs and full-SQL files of a GaussDB(for MySQL) instance
version_added: 0.1.0
description:
  - Return the slow-log lines (Huawei Cloud GaussDB(for MySQL) / TaurusDB API v3, section 4.8.3), the error-log
    lines (4.8.4) or the full-SQL (audit log) files with their temporary download links (4.8.5) of an instance,
    within a time window.
  - Lines come oldest first; the module reads page after page until O(limit) lines are collected, and merges
    the lines of several nodes in time order.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  log_type:
    description:
      - V(slow) for slow-log lines, V(error) for error-log lines, V(audit) for full-SQL files
        (see M(clouddb.mysql.gaussdb_audit_log) to turn full SQL on).
    type: str
    choices: [slow, error, audit]
    default: slow
  nodes:
    description:
      - Ids or names of the nodes whose logs are read. Default is every node of the instance.
    type: list
    elements: str
  start_time:
    description:
      - Start of the window; ISO 8601 (V(2024-05-01T08:00:00+08:00), no offset means UTC), UNIX seconds,
        or a time relative to now such as V(-2h), V(-30m), V(-7d).
      - Default is one day before O(end_time). For O(log_type=audit) a start before the creation of the
        instance is moved to its creation (the API refuses earlier ones).
    type: str
  end_time:
    description:
      - End of the window, in the forms of O(start_time) or V(now). Default is now; it cannot lie in the future.
    type: str
  limit:
    description:
      - Most lines (or files) returned, 1 to 10000.
    type: int
    default: 100
  sql_type:
    description:
      - With O(log_type=slow), only statements of this type.
    type: str
    choices: [INSERT, UPDATE, SELECT, DELETE, ALTER, DROP, CREATE]
  database:
    description:
      - With O(log_type=slow), only statements run in this database (exact name).
    type: str
  level:
    description:
      - With O(log_type=error), only lines of this level.
    type: str
    choices: [INFO, LOG, WARNING, ERROR, FATAL, PANIC, NOTE]
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
notes:
  - Reads the instance once (for its nodes and creation time), then at least one page per node.
  - Whether slow-log statements show literals depends on the masking switch of M(clouddb.mysql.gaussdb_audit_log).
seealso:
  - module: clouddb.mysql.gaussdb_audit_log
  - module: clouddb.mysql.gaussdb_lts_config
'''

EXAMPLES = r'''
- name: Slow SELECTs of the last two hours
  clouddb.mysql.gaussdb_log_info:
    instance_name: shop-db
    log_type: slow
    sql_type: SELECT
    start_time: -2h
  register: slow

- name: Errors of the primary node on one day
  clouddb.mysql.gaussdb_log_info:
    instance_name: shop-db
    log_type: error
    level: ERROR
    nodes: [shop-db_node01]
    start_time: "2024-05-01T00:00:00+08:00"
    end_time: "2024-05-02T00:00:00+08:00"
    limit: 1000

- name: Download links of yesterday's full-SQL files
  clouddb.mysql.gaussdb_log_info:
    instance_id: a23fb62bd61e4e9e9636fd2225f395bein07
    log_type: audit
    start_time: -1d
  register: audit_files
'''

RETURN = r'''
instance_id:
  description: Id of the instance.
  returned: always
  type: str
  sample: a23fb62bd61e4e9e9636fd2225f395bein07
log_type:
  description: The O(log_type) read.
  returned: always
  type: str
  sample: slow
start_time:
  description: Start of the window as sent to the API.
  returned: always
  type: str
  sample: "2024-05-01T00:00:00+0000"
end_time:
  description: End of the window as sent to the API.
  returned: always
  type: str
  sample: "2024-05-02T00:00:00+0000"
logs:
  description:
    - Slow-log lines (4.8.3), error-log lines (4.8.4) or full-SQL files (4.8.5), with the API's field names;
      lines oldest first, files by name (their names start with the time they were begun).
  returned: always
  type: list
  elements: dict
  contains:
    node_id:
      description: Node of the line (slow and error logs).
      type: str
      sample: cc07c60e94ec4575989840e648fb4f66no07
    line_num:
      description: Position of the line (its time in UNIX milliseconds).
      type: str
      sample: "1669344916000"
    start_time:
      description: Time of a slow statement (UTC).
      type: str
      sample: "2022-11-25T02:55:16.000"
    type:
      description: Statement type of a slow-log line.
      type: str
      sample: INSERT
    query_sample:
      description: The slow statement.
      type: str
    time:
      description: Duration of a slow statement; time of an error-log line.
      type: str
      sample: 1.04899 s
    lock_time:
      description: Lock wait of a slow statement.
      type: str
    rows_sent:
      description: Rows a slow statement returned.
      type: str
    rows_examined:
      description: Rows a slow statement examined.
      type: str
    count:
      description: Executions of a slow statement.
      type: str
    database:
      description: Database of a slow statement.
      type: str
    users:
      description: Account that ran a slow statement.
      type: str
    client_ip:
      description: Client address of a slow statement, partly masked.
      type: str
      sample: 192.*.*.1
    level:
      description: Level of an error-log line.
      type: str
      sample: ERROR
    content:
      description: Text of an error-log line.
      type: str
    name:
      description: File name of a full-SQL file.
      type: str
    size:
      description: Size of a full-SQL file in KB.
      type: int
    updated_time:
      description: Last change of a full-SQL file.
      type: str
    download_link:
      description: Temporary download link of a full-SQL file.
      type: str
    link_expired_time:
      description: When the download link expires.
      type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops import (
    ERROR_LOG_LEVELS, SLOW_LOG_TYPES, api_time, audit_log_start, log_errors, log_window, read_audit_files,
    read_log_lines, select_nodes,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(log_errors(params))
    start, end = log_window(params)[:2]
    details = module.target_instance()
    instance_id = details['id']
    nodes = select_nodes(details, params['nodes'])
    if params['log_type'] == 'audit':
        start = audit_log_start(details, start)
    window = (api_time(start), api_time(end))
    if params['log_type'] != 'audit':
        logs = read_log_lines(module.client, instance_id, [n['id'] for n in nodes], window, params)
    elif start < end:
        # Without O(nodes) one query covers every node (4.8.5 node_id is optional).
        node_ids = [n['id'] for n in nodes] if params['nodes'] else [None]
        logs = read_audit_files(module.client, instance_id, node_ids, window, params['limit'])
    else:
        logs = []   # the window ends before the instance was created
    module.finish(False, instance_id=instance_id, log_type=params['log_type'], start_time=window[0],
                  end_time=window[1], logs=logs)


def main():
    spec = dict(
        log_type=dict(type='str', default='slow', choices=['slow', 'error', 'audit']),
        nodes=dict(type='list', elements='str'),
        start_time=dict(type='str'),
        end_time=dict(type='str'),
        limit=dict(type='int', default=100),
        sql_type=dict(type='str', choices=list(SLOW_LOG_TYPES)),
        database=dict(type='str'),
        level=dict(type='str', choices=list(ERROR_LOG_LEVELS)),
    )
    CloudModule('gaussdb', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
