# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Performance metrics of a CDS instance (cds_instance_performance_info): the metrics, the time window
and its rules, the granularity the API picks for a span and how long it keeps it, and the reader
(reference 5.21, ``DescribeDBInstancePerformance`` at ``<host>/paas/monitor``)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import format_time, parse_time, to_snake

# Reference 5.21: the option's name for each MetricKey (the API spells network traffic "trffice"), in
# the order of the reference's table.
METRIC_KEYS = (
    ('cpu_usage', 'mysql_cpu_usage'),
    ('mem_usage', 'mysql_mem_usage'),
    ('space_usage', 'mysql_space_usage'),
    ('network_traffic', 'mysql_network_trffice'),
    ('sessions', 'mysql_sessions'),
    ('slow_queries', 'mysql_slow_queries'),
)
METRICS = dict(METRIC_KEYS)
METRIC_NAMES = [pair[0] for pair in METRIC_KEYS]
HOUR = 3600
DAY = 24 * HOUR
DEFAULT_SPAN = HOUR
# Reference 5.21, the adaptive granularity: (longest span, period, how long points of that period are
# kept), in seconds. A span must be more than 0 and at most 30 days.
GRANULARITY = (
    (4 * HOUR, 30, DAY),
    (2 * DAY, 60, 15 * DAY),
    (10 * DAY, 300, 31 * DAY),
    (30 * DAY, HOUR, 62 * DAY),
)
MAX_SPAN = GRANULARITY[-1][0]
TIME_RULE = 'must look like 2024-07-05 09:00:00 (China Standard Time)'


def granularity(span):
    """(period, retention) in seconds the API uses for a window of ``span`` seconds (0 < span <= 30 days)."""
    return next((period, kept) for longest, period, kept in GRANULARITY if span <= longest)


def performance_window(params, now):
    """(start, end) epoch seconds of the window: O(end_time) (default now), O(start_time) (default one
    hour before the end). None for a time that cannot be read."""
    end = parse_time(params['end_time'].strip()) if params['end_time'] else now
    if params['start_time']:
        return parse_time(params['start_time'].strip()), end
    return (end - DEFAULT_SPAN if end is not None else None), end


def performance_errors(params, now):
    """cds_instance_performance_info's rules that need no request (reference 5.21)."""
    errors = ['%s %s, not %r' % (name, TIME_RULE, params[name])
              for name in ('start_time', 'end_time') if params[name] and parse_time(params[name].strip()) is None]
    if not params['metrics']:
        errors.append('metrics must name at least one of %s' % ', '.join(METRIC_NAMES))
    if errors:
        return errors
    start, end = performance_window(params, now)
    if end <= start:
        errors.append('end_time %s must be after start_time %s' % (format_time(end), format_time(start)))
    elif end - start > MAX_SPAN:
        errors.append('the window from %s to %s is longer than the 30 days the API serves'
                      % (format_time(start), format_time(end)))
    return errors


def retention_warning(start, end, now):
    """A warning when the window starts before the API still keeps points of its granularity, else None."""
    period, kept = granularity(end - start)
    if start < now - kept:
        return ('The API keeps %d-second points for %d days only: points before %s are not returned; a longer '
                'window gives a coarser granularity kept longer' % (period, kept // DAY, format_time(now - kept)))
    return None


def read_performance(client, uuid, name, start, end):
    """One metric's answer (``Data``) in snake_case, with ``name`` (the option's name of the metric).
    A read sent as POST: safe to send again when the answer is lost."""
    params = {'InstanceUuid': uuid, 'MetricKey': METRICS[name], 'StartTime': start, 'EndTime': end}
    data = client.call('DescribeDBInstancePerformance', params, idempotent=True).get('Data') or {}
    result = to_snake(data)
    result['name'] = name
    result.setdefault('data_points', [])
    return result


def read_metrics(client, uuid, params, now):
    """The metrics O(metrics) asks for over the window, one request each, in the order given."""
    start, end = performance_window(params, now)
    start_text, end_text = format_time(start), format_time(end)
    names = []
    for name in params['metrics']:
        if name not in names:
            names.append(name)
    return [read_performance(client, uuid, name, start_text, end_text) for name in names], start_text, end_text
