# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Operations features of GaussDB(for MySQL): SQL throttling (seed 002 §4.12), logs (§4.8), quotas and
enterprise projects (§4.6) and intelligent diagnosis (§4.14).

Shared by gaussdb_sql_throttling[_info], gaussdb_audit_log, gaussdb_log_info, gaussdb_lts_config,
gaussdb_quota[_info] and gaussdb_diagnosis_info: the documented input rules (checked before any request),
time parsing, the target instance and its nodes, the throttling-rule diff, log pagination by line number or
file name, and the look-ups of LTS configurations, enterprise projects and quotas.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import time

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import job_ids_of
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import Changes, target_instance_id
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_protection import to_epoch_ms

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


# -- the target instance and its nodes --------------------------------------------------------------------------
def target_instance(module):
    """``(instance_id, details)``: the instance by id or exact name, with its nodes; fails when it is absent."""
    instance_id = target_instance_id(module)
    details = module.client.get_instance(instance_id)
    if details is None:
        module.fail_json(msg='GaussDB instance %s does not exist' % instance_id)
    return instance_id, details


def select_nodes(module, details, wanted):
    """The nodes of ``details`` named by id or name in ``wanted`` (all when empty); unknown ones fail."""
    nodes = details.get('nodes') or []
    if not wanted:
        return nodes
    chosen, unknown = [], []
    for item in wanted:
        match = [n for n in nodes if item in (n.get('id'), n.get('name'))]
        if match:
            if match[0] not in chosen:
                chosen.append(match[0])
        else:
            unknown.append(item)
    if unknown:
        module.fail_json(msg='Instance %s has no node %s; its nodes are %s'
                         % (details.get('id'), ', '.join(unknown),
                            ', '.join('%s (%s)' % (n.get('name'), n.get('id')) for n in nodes)))
    return chosen


class Jobs(Changes):
    """The write calls of one module run: collects the job ids they answer and waits for them together."""

    def call(self, operation, body=None, params=None, idempotent=None):
        """Call ``operation`` on the instance (if any); the switches and settings of these sections set a state,
        so re-sending one after a lost answer is safe (``idempotent=True`` for their POSTs)."""
        kwargs = {'instance_id': self.instance_id} if self.instance_id else {}
        response = self.module.client.call(operation, body=body, params=params, idempotent=idempotent, **kwargs)
        self.job_ids.extend(job_ids_of(response))
        return response


# -- SQL throttling (§4.12) -------------------------------------------------------------------------------------------
SQL_TYPES = ('SELECT', 'UPDATE', 'DELETE')     # 4.12.3-4.12.5 取值范围
MAX_PATTERN_KEYWORDS = 128


def pattern_errors(pattern):
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
        errors.extend(pattern_errors(rule.get('pattern')))
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


def read_rules(client, instance_id, node_ids):
    """``{node_id: {(SQL_TYPE, pattern): max_concurrency}}``: one 4.12.4 request per node."""
    return dict((node_id, api_rules(client.call('list_sql_filter_rules', params={'node_id': node_id},
                                                instance_id=instance_id)))
                for node_id in node_ids)


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


# -- LTS (§4.8.6-§4.8.8) ----------------------------------------------------------------------------------------------
LTS_LOG_TYPES = ('error_log', 'slow_log', 'audit_log')
_UUID = re.compile(r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$')


def uuid_errors(value, what):
    if value is not None and not _UUID.match(value):
        return ['%s %r must be an LTS id (a UUID such as c3dd5233-24a1-443c-6b40-310b3ad85382)' % (what, value)]
    return []


def lts_configs(client, instance_id):
    """``{log_type: {log_type, lts_group_id, lts_stream_id, enabled}}`` of one instance (4.8.6)."""
    items = client.paginate('list_lts_configs', 'instance_lts_configs', params={'instance_id': instance_id})
    found = {}
    for item in items:
        if (item.get('instance') or {}).get('id') != instance_id:
            continue
        for config in item.get('lts_configs') or []:
            found[config.get('log_type')] = dict(log_type=config.get('log_type'),
                                                 lts_group_id=config.get('lts_group_id'),
                                                 lts_stream_id=config.get('lts_stream_id'),
                                                 enabled=config.get('enabled', True))
    return found


# -- quotas and enterprise projects (§4.6) ----------------------------------------------------------------------
QUOTA_LIMITS = (('instance_quota', 100000), ('vcpus_quota', 2147483646), ('ram_quota', 2147483646))


def quota_errors(params):
    errors = []
    for field, high in QUOTA_LIMITS:
        value = params.get(field)
        if value is not None and not 0 <= value <= high:
            errors.append('%s must be between 0 and %d' % (field, high))
    return errors


def enterprise_projects(client):
    return client.paginate('list_enterprise_projects', 'enterprise_projects')


def resolve_enterprise_project(module, ep_id=None, name=None):
    """``(id, name)`` of the enterprise project given by id or exact name (one paginated 4.6.5 listing)."""
    projects = enterprise_projects(module.client)
    if ep_id is not None:
        match = [p for p in projects if str(p.get('id')) == str(ep_id)]
    else:
        match = [p for p in projects if p.get('name') == name]
    if not match:
        module.fail_json(msg='No enterprise project %s; the project has %s'
                         % (ep_id if ep_id is not None else repr(name),
                            ', '.join('%s (%s)' % (p.get('name'), p.get('id')) for p in projects)))
    if len(match) > 1:
        module.fail_json(msg='Enterprise project name %r is ambiguous: %s; give enterprise_project_id instead'
                         % (name, ', '.join(sorted(str(p.get('id')) for p in match))))
    return str(match[0].get('id')), match[0].get('name')


def ep_quotas(client, name=None):
    """Quota records of the enterprise projects (4.6.2), optionally only the one named ``name``."""
    params = {'enterprise_project_name': name} if name else None
    return client.paginate('list_ep_quotas', 'quota_list', params=params)


def quota_is_set(record):
    """4.6.2 shows -1 for a quota never set; a record with all three at -1 has no quota yet (4.6.3 sets one)."""
    return any(int(record.get(field, -1)) != -1 for field, dummy in QUOTA_LIMITS)


# -- intelligent diagnosis (§4.14) ------------------------------------------------------------------------------
# The metrics of the 4.14.1 example. Not enforced as choices: the service may add metrics, and 4.14.1 lists them.
DIAGNOSIS_METRICS = ('high_pressure', 'insufficient_capacity', 'slow_sql_frequency', 'mem_overrun',
                     'connections_exceed')
DIAGNOSIS_PAGE = 100


def diagnosis_instances(client, metric):
    """Every abnormal instance of ``metric`` (4.14.2, offset/limit pages of 100)."""
    return client.paginate('list_diagnosis_instances', 'instance_infos', params={'metric_name': metric},
                           page_size=DIAGNOSIS_PAGE)
