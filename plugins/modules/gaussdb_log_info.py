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

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import fail_on, instance_module
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops import (
    ERROR_LOG_LEVELS, SLOW_LOG_TYPES, api_time, merge_lines, paginate_files, paginate_lines, parse_time,
    select_nodes, target_instance, time_window,
)

DEFAULT_SPAN = 86400
MAX_LIMIT = 10000
FILTERS = {'sql_type': 'slow', 'database': 'slow', 'level': 'error'}


def validate(module):
    params = module.params
    start, end, errors = time_window(params['start_time'], params['end_time'], DEFAULT_SPAN)
    if not 1 <= params['limit'] <= MAX_LIMIT:
        errors.append('limit must be between 1 and %d' % MAX_LIMIT)
    for option, log_type in sorted(FILTERS.items()):
        if params[option] is not None and params['log_type'] != log_type:
            errors.append('%s applies to log_type=%s only' % (option, log_type))
    fail_on(module, errors)
    return start, end


def read_lines(module, instance_id, node_ids, window):
    params = module.params
    operation, key = ('list_slow_logs', 'slow_log_list') if params['log_type'] == 'slow' else \
        ('list_error_logs', 'error_log_list')
    query = dict(start_time=window[0], end_time=window[1])
    if params['log_type'] == 'slow':
        query.update(operate_type=params['sql_type'], database=params['database'])
    else:
        query.update(level=params['level'])
    query = dict((k, v) for k, v in query.items() if v)

    def fetcher(node_id):
        def fetch(line_num, size):
            body = dict(query, node_id=node_id, limit=size)
            if line_num is not None:
                body['line_num'] = line_num
            # A query sent as POST: safe to send again after a lost answer.
            return module.client.call(operation, body=body, instance_id=instance_id, idempotent=True).get(key)
        return fetch

    return merge_lines([paginate_lines(fetcher(node_id), params['limit']) for node_id in node_ids], params['limit'])


def read_files(module, instance_id, node_ids, window):
    def fetcher(node_id):
        def fetch(last_file_name, size):
            query = dict(start_time=window[0], end_time=window[1], limit=size)
            if node_id:
                query['node_id'] = node_id
            if last_file_name:
                query['last_file_name'] = last_file_name
            return module.client.call('show_audit_log_links', params=query, instance_id=instance_id).get('files')
        return fetch

    limit = module.params['limit']
    files = [f for node_id in node_ids for f in paginate_files(fetcher(node_id), limit)]
    return sorted(files, key=lambda f: f.get('name') or '')[:limit]


def main(module):
    params = module.params
    start, end = validate(module)
    instance_id, details = target_instance(module)
    nodes = select_nodes(module, details, params['nodes'])
    if params['log_type'] == 'audit':
        try:
            # The creation time is shown to the second: one more keeps the start from falling before it.
            start = max(start, parse_time(details.get('created')) + 1) if details.get('created') else start
        except ValueError:
            pass   # an unreadable creation time: let the API judge the window
        if start >= end:
            module.exit_json(changed=False, instance_id=instance_id, log_type='audit', start_time=api_time(start),
                             end_time=api_time(end), logs=[])
    window = (api_time(start), api_time(end))
    if params['log_type'] == 'audit':
        # Without O(nodes) one query covers every node (4.8.5 node_id is optional).
        logs = read_files(module, instance_id, [n['id'] for n in nodes] if params['nodes'] else [None], window)
    else:
        logs = read_lines(module, instance_id, [n['id'] for n in nodes], window)
    module.exit_json(changed=False, instance_id=instance_id, log_type=params['log_type'], start_time=window[0],
                     end_time=window[1], logs=logs)


def run():
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
    module = instance_module(spec)
    module.run(main)


if __name__ == '__main__':
    run()
