# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Operations features of GaussDB(for MySQL): SQL throttling (seed 002 §4.12), logs (§4.8), quotas and
enterprise projects (§4.6), intelligent diagnosis (§4.14), the task center's job reads (§4.13.1) and the
catalog reads (§4.1, §4.2).

Shared by gaussdb_sql_throttling[_info], gaussdb_audit_log, gaussdb_log_info, gaussdb_lts_config,
gaussdb_quota[_info], gaussdb_diagnosis_info, gaussdb_job_info, gaussdb_datastore_info and gaussdb_flavor_info:
the documented input rules (checked before any request), time parsing, the nodes of the target instance, the
readers and views of each resource and their plan builders (one ``plan.Step`` per API call).

The HTAP log modules import ``parse_time``, ``api_time``, ``time_window``, ``paginate_lines``, ``merge_lines``
and ``uuid_errors`` from here.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import time

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import as_bool
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import JOB_VISIBILITY_GRACE
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_protection import to_epoch_ms
from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import find
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan, replace_with, set_fields
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError, WaitTimeout
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import InputError, range_errors

# -- time ---------------------------------------------------------------------------------
_RELATIVE = re.compile(r'^\s*-\s*(\d+)\s*([smhdw])\s*$')
_UNITS = {'s': 1, 'm': 60, 'h': 3600, 'd': 86400, 'w': 604800}


def parse_time(value, now=None):
    """A moment given by the user -> epoch seconds, or raise ValueError.

    Accepted: ``now``; a negative duration relative to now (``-30m``, ``-2h``, ``-7d``); UNIX seconds (or
    milliseconds, told apart by size); ISO 8601 as gaussdb_protection.to_epoch_ms reads it
    (``2024-05-01T08:00:00+08:00``, ``...Z``, the API's ``+0800``; no offset = UTC).
    """
    now = time.time() if now is None else now
    if isinstance(value, bool):
        raise ValueError('a time cannot be a boolean')
    text = str(value).strip()
    if text.lower() == 'now':
        return now
    relative = _RELATIVE.match(text)
    if relative:
        return now - int(relative.group(1)) * _UNITS[relative.group(2)]
    if re.match(r'^\d+(\.\d+)?$', text):
        number = float(text)
        return number / 1000.0 if number > 1e11 else number
    try:
        return to_epoch_ms(text) / 1000.0
    except ValueError:
        raise ValueError('%r is not a time: give ISO 8601 (2024-05-01T08:00:00+08:00), UNIX seconds, now, '
                         'or a time relative to now such as -2h' % (value,))


def api_time(epoch):
    """The API's request time format, "yyyy-mm-ddThh:mm:ss+0000" (§4.8.3-§4.8.5)."""
    return time.strftime('%Y-%m-%dT%H:%M:%S+0000', time.gmtime(int(epoch)))


def time_window(start, end, default_span, now=None):
    """``(start, end, errors)`` in epoch seconds; end defaults to now, start to ``default_span`` before end."""
    now = time.time() if now is None else now
    errors = []
    try:
        end_ts = parse_time(end, now) if end not in (None, '') else now
    except ValueError as exc:
        errors.append('end_time: %s' % exc)
        end_ts = now
    try:
        start_ts = parse_time(start, now) if start not in (None, '') else end_ts - default_span
    except ValueError as exc:
        errors.append('start_time: %s' % exc)
        start_ts = end_ts - default_span
    if not errors:
        if end_ts > now + 1:
            errors.append('end_time must not be in the future')
        if start_ts >= end_ts:
            errors.append('start_time must be earlier than end_time')
    return start_ts, min(end_ts, now), errors


# -- the nodes of the target instance ---------------------------------------------------------------------------
def select_nodes(details, wanted):
    """The nodes of the instance ``details`` named by id or name in ``wanted`` (all when empty), in the order
    given; an unknown one raises InputError naming the instance's nodes."""
    nodes = details.get('nodes') or []
    if not wanted:
        return nodes
    chosen, unknown = [], []
    for item in wanted:
        node = find(nodes, 'Node', item) or find(nodes, 'Node', name=item)
        if node is None:
            unknown.append(item)
        elif node not in chosen:
            chosen.append(node)
    if unknown:
        raise InputError('Instance %s has no node %s; its nodes are %s'
                         % (details.get('id'), ', '.join(unknown),
                            ', '.join('%s (%s)' % (n.get('name'), n.get('id')) for n in nodes)))
    return chosen


# -- SQL throttling (§4.12) -------------------------------------------------------------------------------------------
SQL_TYPES = ('SELECT', 'UPDATE', 'DELETE')     # 4.12.3-4.12.5 取值范围
MAX_PATTERN_KEYWORDS = 128


def sql_pattern_errors(pattern):
    """4.12.3: keywords joined by ``~`` (at most 128); no ``\\``, no comma (ASCII or full-width), no ``~~``,
    not ending with ``~``."""
    if not isinstance(pattern, str) or not pattern.strip():
        return ['pattern must be a non-empty string']
    errors = []
    bad = [c for c in '\\,\uff0c' if c in pattern]
    if bad:
        errors.append('pattern %r must not contain %s' % (pattern, ' or '.join(repr(c) for c in bad)))
    if '~~' in pattern:
        errors.append('pattern %r must not contain "~~"' % pattern)
    if pattern.endswith('~'):
        errors.append('pattern %r must not end with "~"' % pattern)
    if len(pattern.split('~')) > MAX_PATTERN_KEYWORDS:
        errors.append('pattern %r has more than %d keywords' % (pattern, MAX_PATTERN_KEYWORDS))
    return errors


def rule_errors(rules, need_limit=True):
    """The documented rules of a list of ``{sql_type, pattern, max_concurrency}`` and no (type, pattern) twice."""
    errors, seen = [], set()
    for rule in rules or []:
        sql_type = str(rule.get('sql_type') or '').upper()
        if sql_type not in SQL_TYPES:
            errors.append('sql_type %r must be one of %s' % (rule.get('sql_type'), ', '.join(SQL_TYPES)))
        errors.extend(sql_pattern_errors(rule.get('pattern')))
        limit = rule.get('max_concurrency')
        if need_limit and limit is None:
            errors.append('max_concurrency is required for %s rule %r' % (sql_type, rule.get('pattern')))
        elif limit is not None and limit < 0:
            errors.append('max_concurrency of %s rule %r must be 0 or more' % (sql_type, rule.get('pattern')))
        key = (sql_type, rule.get('pattern'))
        if key in seen:
            errors.append('%s rule %r is listed more than once' % key)
        seen.add(key)
    return errors


def normalize_rules(rules):
    """User rules -> ``{(SQL_TYPE, pattern): max_concurrency}`` (identity: type, case-insensitive, and pattern)."""
    return dict(((str(r['sql_type']).upper(), r['pattern']), r.get('max_concurrency')) for r in rules or [])


def api_rules(response):
    """A 4.12.4 answer -> ``{(SQL_TYPE, pattern): max_concurrency}``."""
    result = {}
    for rule in response.get('sql_filter_rules') or []:
        for item in rule.get('patterns') or []:
            result[(str(rule.get('sql_type')).upper(), item.get('pattern'))] = int(item.get('max_concurrency') or 0)
    return result


def read_rules(client, instance_id, node_ids, sql_type=None):
    """``{node_id: {(SQL_TYPE, pattern): max_concurrency}}``: one 4.12.4 request per node (``sql_type``: only
    the rules of that type)."""
    query = {'sql_type': sql_type} if sql_type else {}
    return dict((node_id, api_rules(client.call('list_sql_filter_rules', params=dict(query, node_id=node_id),
                                                instance_id=instance_id)))
                for node_id in node_ids)


def read_switch(client, instance_id):
    """The 4.12.2 switch, ``ON`` or ``OFF``."""
    return str(client.call('show_sql_filter_switch', instance_id=instance_id).get('switch_status') or 'OFF').upper()


def rule_changes(current, desired, state='present', purge=False):
    """What turns the rules ``current`` (``{node: {key: limit}}``) into ``desired`` (``{key: limit}`` or None)
    on every node of ``current``.

    - ``present``: listed rules are created or get the listed ``max_concurrency``; with ``purge`` every other
      rule of those nodes is deleted;
    - ``absent``: listed rules are deleted where they exist (their ``max_concurrency`` does not matter);
      ``desired`` None deletes every rule of those nodes.

    Returns ``{'set': {node: {key: limit}}, 'delete': {node: [key]}}`` holding only nodes with work.
    """
    to_set, to_delete = {}, {}
    for node_id, have in current.items():
        if state == 'absent':
            keys = sorted(have) if desired is None else sorted(k for k in desired if k in have)
            if keys:
                to_delete[node_id] = keys
            continue
        wanted = desired or {}
        changed = dict((k, v) for k, v in wanted.items() if have.get(k) != v)
        if changed:
            to_set[node_id] = changed
        stale = sorted(k for k in have if k not in wanted) if purge else []
        if stale:
            to_delete[node_id] = stale
    return {'set': to_set, 'delete': to_delete}


def has_rule_changes(changes):
    return bool(changes['set'] or changes['delete'])


def apply_rule_changes(current, changes):
    result = dict((node, dict(rules)) for node, rules in current.items())
    for node, keys in changes['delete'].items():
        for key in keys:
            result[node].pop(key, None)
    for node, rules in changes['set'].items():
        result.setdefault(node, {}).update(rules)
    return result


def _by_type(keys):
    grouped = {}
    for sql_type, pattern in keys:
        grouped.setdefault(sql_type, []).append(pattern)
    return [(sql_type, grouped[sql_type]) for sql_type in SQL_TYPES if sql_type in grouped]


def set_rules_body(to_set):
    """4.12.3 body: per node, per type (unique within a node, as the API wants), the patterns with limits."""
    return {'sql_filter_rules': [
        {'node_id': node_id, 'rules': [
            {'sql_type': sql_type, 'patterns': [{'pattern': p, 'max_concurrency': to_set[node_id][(sql_type, p)]}
                                                for p in patterns]}
            for sql_type, patterns in _by_type(sorted(to_set[node_id]))]}
        for node_id in sorted(to_set)]}


def delete_rules_body(to_delete):
    """4.12.5 body: per node, per type, the patterns to delete."""
    return {'sql_filter_rules': [
        {'node_id': node_id, 'rules': [{'sql_type': sql_type, 'patterns': patterns}
                                       for sql_type, patterns in _by_type(to_delete[node_id])]}
        for node_id in sorted(to_delete)]}


def rules_list(by_node):
    """``{node: {key: limit}}`` -> the flat list modules return, sorted by node, type and pattern."""
    return [dict(node_id=node_id, sql_type=key[0], pattern=key[1], max_concurrency=limit)
            for node_id in sorted(by_node) for key, limit in sorted(by_node[node_id].items())]


def throttling_view(instance_id, switch_status, by_node):
    """SQL throttling as gaussdb_sql_throttling returns it (and its diff): the switch and the rules of the nodes."""
    return dict(instance_id=instance_id, switch_status=switch_status, enabled=switch_status == 'ON',
                rules=rules_list(by_node))


def plan_throttling(instance_id, params, switch_status, current):
    """The steps from the switch ``switch_status`` and the rules ``current`` (``{node: {key: limit}}``, the
    managed nodes) to what ``params`` ask for: the 4.12.1 switch, one 4.12.5 DELETE and one 4.12.3 PUT for
    every node (each a job)."""
    plan = Plan(throttling_view(instance_id, switch_status, current))
    if params['enabled'] is not None:
        wanted = 'ON' if params['enabled'] else 'OFF'
        if wanted != switch_status:
            # A switch sets a state: sending it again after a lost answer is safe.
            plan.add('switch', set_fields(switch_status=wanted, enabled=params['enabled']), 'set_sql_filter_switch',
                     body={'switch_status': wanted}, idempotent=True, instance_id=instance_id)
    desired = normalize_rules(params['rules']) if params['rules'] is not None else None
    changes = rule_changes(current, desired, params['state'], params['purge_rules'])
    if changes['delete']:
        deleted = apply_rule_changes(current, {'set': {}, 'delete': changes['delete']})
        plan.add('delete rules', set_fields(rules=rules_list(deleted)), 'delete_sql_filter_rules',
                 body=delete_rules_body(changes['delete']), instance_id=instance_id)
    if changes['set']:
        plan.add('set rules', set_fields(rules=rules_list(apply_rule_changes(current, changes))),
                 'set_sql_filter_rules', body=set_rules_body(changes['set']), instance_id=instance_id)
    return plan


# -- logs (§4.8) -------------------------------------------------------------------------------------------------------
LINE_PAGE = 500           # 4.8.3/4.8.4 accept 1-5000 lines per request; smaller pages keep answers small
FILE_PAGE = 50            # 4.8.5: 1-50 files per request
SLOW_LOG_TYPES = ('INSERT', 'UPDATE', 'SELECT', 'DELETE', 'ALTER', 'DROP', 'CREATE')
ERROR_LOG_LEVELS = ('INFO', 'LOG', 'WARNING', 'ERROR', 'FATAL', 'PANIC', 'NOTE')


def paginate_lines(fetch, limit, page_size=None):
    """Up to ``limit`` lines of a §4.8.3/§4.8.4 query, oldest first.

    ``fetch(line_num, size)`` returns one page; the next page starts after the ``line_num`` of the last line of
    the previous one. Stops at a short page, at ``limit``, or when the server repeats a position.
    """
    page_size = page_size or LINE_PAGE
    lines, after = [], None
    while len(lines) < limit:
        size = min(page_size, limit - len(lines))
        page = fetch(after, size) or []
        lines.extend(page[:size])
        last = page[-1].get('line_num') if page else None
        if len(page) < size or last is None or last == after:
            break
        after = last
    return lines[:limit]


def paginate_files(fetch, limit, page_size=FILE_PAGE):
    """Up to ``limit`` files of §4.8.5 in name order; the next page starts after the last file's name."""
    files, after = [], None
    while len(files) < limit:
        size = min(page_size, limit - len(files))
        page = fetch(after, size) or []
        files.extend(page[:size])
        last = page[-1].get('name') if page else None
        if len(page) < size or last is None or last == after:
            break
        after = last
    return files[:limit]


def merge_lines(per_node, limit):
    """Lines of several nodes in time order (line numbers are epoch milliseconds), at most ``limit``."""
    merged = [line for lines in per_node for line in lines]
    merged.sort(key=lambda line: (int(line.get('line_num') or 0), line.get('node_id') or ''))
    return merged[:limit]


LOG_SPAN = 86400          # gaussdb_log_info's default window: the day before end_time
LOG_MAX_LIMIT = 10000
LOG_FILTERS = {'sql_type': 'slow', 'database': 'slow', 'level': 'error'}    # option -> the log type it filters


def log_window(params, now=None):
    """``(start, end, errors)`` of gaussdb_log_info's window, in epoch seconds."""
    return time_window(params['start_time'], params['end_time'], LOG_SPAN, now)


def log_errors(params):
    """gaussdb_log_info's rules: a readable window, a limit of 1 to 10000, filters of the log type they apply to."""
    errors = log_window(params)[2]
    errors.extend(range_errors('limit', params['limit'], 1, LOG_MAX_LIMIT))
    for option, log_type in sorted(LOG_FILTERS.items()):
        if params[option] is not None and params['log_type'] != log_type:
            errors.append('%s applies to log_type=%s only' % (option, log_type))
    return errors


def audit_log_start(details, start):
    """4.8.5 refuses a start before the creation of the instance: ``start`` moved to one second after it (the
    creation time is shown to the second); unchanged when the creation time cannot be read."""
    try:
        return max(start, parse_time(details.get('created')) + 1) if details.get('created') else start
    except ValueError:
        return start


def read_log_lines(client, instance_id, node_ids, window, params):
    """Up to ``params['limit']`` slow-log (4.8.3) or error-log (4.8.4) lines of the nodes within ``window`` (API
    times), with the filters of ``params``, oldest first."""
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
            return client.call(operation, body=body, instance_id=instance_id, idempotent=True).get(key)
        return fetch

    limit = params['limit']
    return merge_lines([paginate_lines(fetcher(node_id), limit) for node_id in node_ids], limit)


def read_audit_files(client, instance_id, node_ids, window, limit):
    """Up to ``limit`` full-SQL files (4.8.5) of the nodes within ``window``, in name order; a node id None
    asks for the files of every node in one query."""
    def fetcher(node_id):
        def fetch(last_file_name, size):
            query = dict(start_time=window[0], end_time=window[1], limit=size)
            if node_id:
                query['node_id'] = node_id
            if last_file_name:
                query['last_file_name'] = last_file_name
            return client.call('show_audit_log_links', params=query, instance_id=instance_id).get('files')
        return fetch

    files = [f for node_id in node_ids for f in paginate_files(fetcher(node_id), limit)]
    return sorted(files, key=lambda f: f.get('name') or '')[:limit]


# -- full SQL, the SQL audit policy and slow-log masking (§4.8.1, §4.8.2, §4.8.9, §4.8.10) ------------------------
# The audit policy is not in seed 002: ShowAuditLogPolicy / SetAuditLogPolicy of the current TaurusDB reference
# (keep_days 0-732, 0 = off; audit_types a subset of all_audit_log_action, empty = every type).
KEEP_DAYS_MAX = 732
AUDIT_FIELDS = ('full_sql', 'keep_days', 'audit_types', 'slow_log_masking')     # what gaussdb_audit_log manages


def audit_errors(params):
    errors = range_errors('keep_days', params['keep_days'], 0, KEEP_DAYS_MAX)
    if params['audit_types'] and len(set(params['audit_types'])) != len(params['audit_types']):
        errors.append('audit_types lists a type more than once')
    return errors


def manages_audit_policy(params):
    return params['keep_days'] is not None or params['audit_types'] is not None


def read_audit_settings(client, instance_id, policy_too):
    """The full-SQL switch (4.8.2) and slow-log masking (4.8.9); the audit policy only when asked for (its API
    is not offered in every region)."""
    switch = str(client.call('show_audit_log', instance_id=instance_id).get('switch_status') or 'OFF').upper()
    masking = client.call('show_slowlog_sensitivity', instance_id=instance_id).get('open_slow_log_switch')
    current = dict(instance_id=instance_id, full_sql=switch == 'ON', switch_status=switch,
                   slow_log_masking=as_bool(masking))
    if policy_too:
        policy = client.call('show_audit_log_policy', instance_id=instance_id)
        current.update(keep_days=int(policy.get('keep_days') or 0), audit_types=list(policy.get('audit_types') or []),
                       all_audit_log_action=policy.get('all_audit_log_action') or '')
    return current


def audit_view(settings):
    """The managed fields of ``settings`` (gaussdb_audit_log's diff); the policy's only when it was read."""
    return dict((f, settings[f]) for f in AUDIT_FIELDS if f in settings)


def plan_audit_log(instance_id, params, current):
    """The steps from the settings ``current`` to what ``params`` ask for: the full-SQL switch, the masking
    switch (both set a state, so they are sent with ``idempotent=True``) and the audit policy (a job)."""
    plan = Plan(current)
    full_sql = params['full_sql']
    if full_sql is not None and full_sql != current['full_sql']:
        status = 'ON' if full_sql else 'OFF'
        plan.add('full SQL', set_fields(full_sql=full_sql, switch_status=status), 'set_audit_log',
                 body={'switch_status': status}, idempotent=True, instance_id=instance_id)
    masking = params['slow_log_masking']
    if masking is not None and masking != current['slow_log_masking']:
        plan.add('slow-log masking', set_fields(slow_log_masking=masking), 'set_slowlog_sensitivity',
                 body={'open_slow_log_switch': masking}, idempotent=True, instance_id=instance_id)
    if 'keep_days' in current:
        _plan_audit_policy(plan, instance_id, params, current)
    return plan


def _plan_audit_policy(plan, instance_id, params, current):
    keep_days = current['keep_days'] if params['keep_days'] is None else params['keep_days']
    audit_types = current['audit_types']
    changed = keep_days != current['keep_days']
    if params['audit_types'] is not None:
        offered = [t for t in current['all_audit_log_action'].split(',') if t]
        unknown = [t for t in params['audit_types'] if offered and t not in offered]
        if unknown:
            raise InputError('Unknown audit type(s) %s; the instance offers %s' % (', '.join(unknown), ', '.join(offered)))
        if sorted(params['audit_types']) != sorted(current['audit_types']):
            if keep_days == 0:
                raise InputError('audit_types needs the audit policy on: set keep_days above 0')
            audit_types = list(params['audit_types'])
            changed = True
    if not changed:
        return
    body = {'keep_days': keep_days}
    if params['audit_types'] is not None:
        body['audit_types'] = audit_types
    if keep_days == 0 and params['reserve_audit_logs'] is not None:
        body['reserve_audit_logs'] = params['reserve_audit_logs']
    plan.add('audit policy', set_fields(keep_days=keep_days, audit_types=audit_types), 'set_audit_log_policy',
             body=body, instance_id=instance_id)


# -- LTS (§4.8.6-§4.8.8) ----------------------------------------------------------------------------------------------
LTS_LOG_TYPES = ('error_log', 'slow_log', 'audit_log')
_UUID = re.compile(r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$')


def uuid_errors(value, what):
    if value is not None and not _UUID.match(value):
        return ['%s %r must be an LTS id (a UUID such as c3dd5233-24a1-443c-6b40-310b3ad85382)' % (what, value)]
    return []


def lts_errors(params):
    return uuid_errors(params['lts_group_id'], 'lts_group_id') + uuid_errors(params['lts_stream_id'], 'lts_stream_id')


def lts_configs(client, instance_id):
    """``{log_type: {log_type, lts_group_id, lts_stream_id, enabled}}`` of one instance (4.8.6), disabled ones
    included."""
    items = client.paginate('list_lts_configs', 'instance_lts_configs', params={'instance_id': instance_id})
    found = {}
    for item in items:
        if (item.get('instance') or {}).get('id') != instance_id:
            continue
        for config in item.get('lts_configs') or []:
            enabled = as_bool(config.get('enabled', True))
            found[config.get('log_type')] = dict(log_type=config.get('log_type'),
                                                 lts_group_id=config.get('lts_group_id'),
                                                 lts_stream_id=config.get('lts_stream_id'),
                                                 enabled=enabled is not False)
    return found


def find_lts_config(client, instance_id, log_type):
    """The configuration that reports ``log_type`` (gaussdb_lts_config's view), None when the type is not reported.

    4.8.6 lists a configuration with ``enabled`` (table 4-707): one that 4.8.7 turned off stays listed with
    ``enabled: false``. It reports nothing, so it counts as absent: ``present`` turns it on again with 4.8.8,
    ``absent`` has nothing left to do.
    """
    config = lts_configs(client, instance_id).get(log_type)
    if not config or not config['enabled']:
        return None
    return dict(config, instance_id=instance_id)


def plan_lts_config(instance_id, params, current):
    """The 4.8.8 (report) or 4.8.7 (stop) step from the configuration ``current`` (None: not reported).

    4.8.8 replaces the configuration of a log type and 4.8.7 stops it: both are safe to send again after a lost
    answer (``idempotent=True``).
    """
    plan = Plan(current)
    ref = dict(instance_id=instance_id, log_type=params['log_type'])
    if params['state'] == 'absent':
        if current:
            plan.add('stop reporting', replace_with({}), 'delete_lts_configs', body={'log_configs': [ref]},
                     idempotent=True)
        return plan
    wanted = dict(ref, lts_group_id=params['lts_group_id'], lts_stream_id=params['lts_stream_id'])
    if not current or any(current.get(k) != wanted[k] for k in ('lts_group_id', 'lts_stream_id')):
        plan.add('report', replace_with(dict(wanted, enabled=True)), 'create_lts_configs',
                 body={'log_configs': [wanted]}, idempotent=True)
    return plan


# -- quotas and enterprise projects (§4.6) ----------------------------------------------------------------------
QUOTA_LIMITS = (('instance_quota', 100000), ('vcpus_quota', 2147483646), ('ram_quota', 2147483646))   # 4.6.3
QUOTA_FIELDS = tuple(field for field, dummy in QUOTA_LIMITS)
QUOTA_PARTS = ('project_quotas', 'quotas', 'enterprise_projects')     # what gaussdb_quota_info can read


def quota_errors(params):
    errors = []
    for field, high in QUOTA_LIMITS:
        errors.extend(range_errors(field, params.get(field), 0, high))
    return errors


def enterprise_projects(client):
    """The enterprise projects (4.6.5), ids as strings (the default one is ``0``, a number in some answers)."""
    return [dict(p, id=str(p.get('id'))) for p in client.paginate('list_enterprise_projects', 'enterprise_projects')]


def find_enterprise_project(client, ep_id=None, name=None):
    """``(id, name)`` of the enterprise project given by id or unique name (one paginated 4.6.5 listing)."""
    projects = enterprise_projects(client)
    found = find(projects, 'Enterprise project', None if ep_id is None else str(ep_id), name,
                 hint='enterprise_project_id')
    if found is None:
        raise InputError('No enterprise project %s; the project has %s'
                         % (ep_id if ep_id is not None else repr(name),
                            ', '.join('%s (%s)' % (p.get('name'), p.get('id')) for p in projects)))
    return found['id'], found.get('name')


def ep_quotas(client, name=None):
    """Quota records of the enterprise projects (4.6.2), optionally only the one named ``name``."""
    params = {'enterprise_project_name': name} if name else None
    return client.paginate('list_ep_quotas', 'quota_list', params=params)


def quota_is_set(record):
    """4.6.2 shows -1 for a quota never set; a record with all three at -1 has no quota yet (4.6.3 sets one)."""
    return any(int(record.get(field, -1)) != -1 for field in QUOTA_FIELDS)


def find_quota(client, ep_id, ep_name):
    """The 4.6.2 record of the enterprise project; a project the listing omits has no quota yet (all -1)."""
    for record in ep_quotas(client, ep_name):
        if str(record.get('enterprise_project_id')) == ep_id:
            return record
    return dict(enterprise_project_id=ep_id, enterprise_project_name=ep_name,
                **dict((f, -1) for f in QUOTA_FIELDS + tuple('availability_' + f for f in QUOTA_FIELDS)))


def quota_view(record):
    """The quotas gaussdb_quota manages (its diff)."""
    return dict((f, record.get(f)) for f in QUOTA_FIELDS)


def plan_quota(ep_id, params, current):
    """The one step that sets the quotas of ``params`` that differ from the record ``current``: 4.6.3 (POST) for
    an enterprise project without any quota, 4.6.4 (PUT) afterwards. Both set the quotas they are given, so one
    is safe to send again after a lost answer."""
    plan = Plan(current)
    wanted = dict((f, params[f]) for f in QUOTA_FIELDS if params[f] is not None)
    changes = dict((f, v) for f, v in wanted.items() if int(current.get(f, -1)) != v)
    if changes:
        operation = 'update_ep_quotas' if quota_is_set(current) else 'create_ep_quotas'
        plan.add('quotas', set_fields(**changes), operation,
                 body={'quota_list': [dict(wanted, enterprise_project_id=ep_id)]}, idempotent=True)
    return plan


def read_quota_info(client, include, ep_name=None):
    """What gaussdb_quota_info returns: the parts of QUOTA_PARTS named in ``include``."""
    result = {}
    if 'project_quotas' in include:
        answer = client.call('show_project_quotas', params={'type': 'instance'})
        result['project_quotas'] = (answer.get('quotas') or {}).get('resources') or []
    if 'quotas' in include:
        result['quotas'] = ep_quotas(client, ep_name)
    if 'enterprise_projects' in include:
        result['enterprise_projects'] = enterprise_projects(client)
    return result


# -- intelligent diagnosis (§4.14) ------------------------------------------------------------------------------
# Metric names are not checked against the five of the 4.14.1 example: the service may add metrics, and 4.14.1
# lists the ones it has (an unknown name fails naming them).
DIAGNOSIS_PAGE = 100


def diagnosis_instances(client, metric):
    """Every abnormal instance of ``metric`` (4.14.2, offset/limit pages of 100)."""
    return client.paginate('list_diagnosis_instances', 'instance_infos', params={'metric_name': metric},
                           page_size=DIAGNOSIS_PAGE)


def read_diagnosis(client, metric_name=None, with_instances=True):
    """The abnormal-instance count of every metric (4.14.1) or of ``metric_name`` (an unknown one raises
    InputError naming the known ones), with the instances (4.14.2) of the metrics that have any."""
    counts = client.call('count_diagnosis_instances').get('diagnosis_info') or []
    metrics = [dict(metric_name=c.get('metric_name'), count=int(c.get('count') or 0)) for c in counts
               if metric_name is None or c.get('metric_name') == metric_name]
    if metric_name is not None and not metrics:
        raise InputError('Unknown metric %r; the service diagnoses %s'
                         % (metric_name, ', '.join(str(c.get('metric_name')) for c in counts)))
    if with_instances:
        for metric in metrics:
            metric['instances'] = diagnosis_instances(client, metric['metric_name']) if metric['count'] else []
    return metrics


# -- jobs (§4.13.1) --------------------------------------------------------------------------------------------
JOB_FINISHED = ('Completed', 'Failed')


def job_info_errors(params):
    """gaussdb_job_info's rule: a positive wait_timeout."""
    return [] if params['wait_timeout'] > 0 else ['wait_timeout must be a positive number of seconds']


def read_jobs(client, job_ids):
    """The 4.13.1 record of each job, as it is now (an unknown id raises the API's error)."""
    return [client.call('show_job', params={'id': job_id}).get('job') or {} for job_id in job_ids]


def follow_jobs(client, job_ids, timeout):
    """Poll until every job finished (Completed or Failed): ``(latest record by id, WaitTimeout or None)``.

    A job not yet visible is tolerated for JOB_VISIBILITY_GRACE seconds (4.13.1), then raises ``JobNotFound``.
    """
    clock = client.poller.clock
    visible_by = clock() + JOB_VISIBILITY_GRACE
    latest = {}

    def probe():
        for job_id in job_ids:
            if latest.get(job_id, {}).get('status') in JOB_FINISHED:
                continue
            record = client.job(job_id)
            if record is None:
                if clock() > visible_by:
                    raise ApiError('Job %s does not exist (not visible after %ds)' % (job_id, JOB_VISIBILITY_GRACE),
                                   error_code='JobNotFound')
                continue
            latest[job_id] = record
        return all(latest.get(j, {}).get('status') in JOB_FINISHED for j in job_ids), None

    try:
        client.poller.wait(probe, timeout, 'job(s) %s' % ', '.join(job_ids))
    except WaitTimeout as exc:
        return latest, exc
    return latest, None


def failed_jobs_error(jobs):
    """The ``JobFailed`` ApiError naming every failed job of ``jobs`` with its reason, None when none failed."""
    failed = [j for j in jobs if j.get('status') == 'Failed']
    if not failed:
        return None
    return ApiError('Job(s) failed: %s' % '; '.join(
        '%s (%s): %s' % (j.get('id'), j.get('name'), j.get('fail_reason') or 'no reason given') for j in failed),
        error_code='JobFailed')


# -- the catalog (§4.1, §4.2) --------------------------------------------------------------------------------------
def list_datastores(client, engine, version=None):
    """The engine versions of ``engine`` (4.1.1), only ``version`` when given."""
    datastores = client.call('list_datastores', database_name=engine).get('datastores') or []
    return [d for d in datastores if not version or str(d.get('name')) == version]


def list_flavors(client, engine, version, availability_zone_mode, spec_code=None):
    """The flavors of ``engine`` ``version`` for the availability-zone mode (4.2.1), only ``spec_code`` when given."""
    params = dict(availability_zone_mode=availability_zone_mode, version_name=version)
    if spec_code:
        params['spec_code'] = spec_code
    flavors = client.call('list_flavors', params=params, database_name=engine).get('flavors') or []
    # The API filters by spec_code; filtering again keeps the contract if a server ignores it.
    return [f for f in flavors if not spec_code or f.get('spec_code') == spec_code]
