"""cds_instance_performance_info against the in-process emulator (reference 5.21)."""
import json
from urllib.parse import parse_qsl, urlsplit

import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import format_time
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_monitor import (
    METRIC_NAMES, granularity, performance_errors, retention_warning,
)
from ansible_collections.clouddb.mysql.plugins.modules import cds_instance_performance_info as module
from cds_module_harness import run_module
from tests.emulator.cds import actions_parameter

KEYS = ['mysql_cpu_usage', 'mysql_mem_usage', 'mysql_space_usage', 'mysql_network_trffice', 'mysql_sessions',
        'mysql_slow_queries']


def requests_of(cloud):
    """Record (action, method, URL path, query, JSON body) of every request; the harness records the
    action and the merged parameters only."""
    seen = []
    callback = cloud._callback

    def recording(request):
        parts = urlsplit(request.url)
        query = dict(parse_qsl(parts.query))
        seen.append(dict(action=query['Action'], method=request.method, path=parts.path, query=query,
                         body=json.loads(request.body or '{}')))
        return callback(request)
    cloud._callback = recording
    return seen


def params(**kwargs):
    return dict(dict(metrics=list(METRIC_NAMES), start_time=None, end_time=None), **kwargs)


def test_every_metric_of_the_last_hour_by_default_at_paas_monitor(cloud, uuid):
    seen = requests_of(cloud)
    res = run_module(module, dict(instance_id=uuid), cloud)
    assert not res.failed and res.result['changed'] is False, res.result
    now = cloud.clock.now
    window = dict(StartTime=format_time(now - 3600), EndTime=format_time(now))
    sent = [r for r in seen if r['action'] == 'DescribeDBInstancePerformance']
    # POST at the monitoring base, the parameters in the (unsigned) JSON body, none in the query.
    assert [r['body'] for r in sent] == [dict(window, InstanceUuid=uuid, MetricKey=key) for key in KEYS]
    assert set((r['method'], r['path']) for r in sent) == {('POST', '/paas/monitor/')}
    assert all('MetricKey' not in r['query'] and r['query']['Signature'] for r in sent)
    assert cloud.writes() == [] and cloud.actions() == ['DescribeDBInstances'] + ['DescribeDBInstancePerformance'] * 6
    result = res.result
    assert (result['instance_id'], result['start_time'], result['end_time']) == (uuid, window['StartTime'],
                                                                                 window['EndTime'])
    assert [m['name'] for m in result['metrics']] == list(METRIC_NAMES)
    assert [m['metric_key'] for m in result['metrics']] == KEYS
    cpu = result['metrics'][0]
    assert set(cpu) == {'name', 'metric_key', 'instance_uuid', 'product_type', 'period', 'start_time', 'end_time',
                        'data_points'}
    assert (cpu['instance_uuid'], cpu['product_type'], cpu['period']) == (uuid, 'mysql-replication', 30)
    [series] = cpu['data_points']
    assert set(series) == {'metric_name', 'metric_type', 'monitor_type', 'unit', 'values'}
    assert (series['metric_name'], series['monitor_type']) == ('cpu_usage', 'resources')
    values = series['values']
    assert 119 <= len(values) <= 121 and set(values[0]) == {'date_time', 'value'}
    assert window['StartTime'] <= values[0]['date_time'] and values[-1]['date_time'] <= window['EndTime']
    assert not result['warnings']


def test_some_metrics_by_instance_name_over_a_chosen_window(cloud, uuid):
    name = cloud.instance(uuid)['InstanceName']
    start, end = format_time(cloud.clock.now - 5 * 3600), format_time(cloud.clock.now)
    res = run_module(module, dict(instance_name=name, metrics=['slow_queries', 'sessions', 'slow_queries'],
                                  start_time=start, end_time=end), cloud)
    assert not res.failed, res.result
    assert [m['name'] for m in res.result['metrics']] == ['slow_queries', 'sessions']   # each metric once
    assert all(m['period'] == 60 and m['start_time'] == start and m['end_time'] == end for m in res.result['metrics'])
    assert cloud.actions() == ['DescribeDBInstances'] + ['DescribeDBInstancePerformance'] * 2
    assert len(res.result['metrics'][0]['data_points'][0]['values']) in (300, 301)


def test_only_end_time_reads_the_hour_before_it(cloud, uuid):
    end = format_time(cloud.clock.now - 600)
    res = run_module(module, dict(instance_id=uuid, metrics=['cpu_usage'], end_time=end), cloud)
    sent = [p for a, p in cloud.calls if a == 'DescribeDBInstancePerformance'][0]
    assert (sent['StartTime'], sent['EndTime']) == (format_time(cloud.clock.now - 4200), end)
    assert res.result['start_time'] == sent['StartTime']


def test_a_window_past_the_retention_warns_and_gives_no_points(cloud, uuid):
    now = cloud.clock.now
    res = run_module(module, dict(instance_id=uuid, metrics=['cpu_usage'], start_time=format_time(now - 3 * 86400),
                                  end_time=format_time(now - 3 * 86400 + 3600)), cloud)
    assert not res.failed and res.result['metrics'][0]['data_points'][0]['values'] == []
    assert res.result['warnings'] and '30-second points for 1 days' in res.result['warnings'][0]


@pytest.mark.parametrize('args, message', [
    (dict(start_time='yesterday'), "start_time must look like 2024-07-05 09:00:00 (China Standard Time), not 'yesterday'"),
    (dict(end_time='2024-07-05T09:00:00Z'), 'end_time must look like'),
    (dict(start_time='2024-07-05 10:00:00', end_time='2024-07-05 09:00:00'),
     'end_time 2024-07-05 09:00:00 must be after start_time 2024-07-05 10:00:00'),
    (dict(start_time='2024-07-05 09:00:00', end_time='2024-07-05 09:00:00'), 'must be after start_time'),
    (dict(start_time='2024-06-01 00:00:00', end_time='2024-07-05 00:00:00'), 'longer than the 30 days'),
    (dict(metrics=[]), 'metrics must name at least one of cpu_usage'),
    (dict(metrics=['cpu']), 'value of metrics must be one or more of'),
])
def test_bad_input_is_refused_before_any_request(cloud, uuid, args, message):
    res = run_module(module, dict(instance_id=uuid, **args), cloud)
    assert res.failed and message in res.result['msg'], res.result
    assert cloud.calls == []


def test_an_unknown_instance_fails_before_any_metric_is_read(cloud, uuid):
    res = run_module(module, dict(instance_id='00000000-0000-0000-0000-000000000000'), cloud)
    assert res.failed and 'does not exist' in res.result['msg']
    assert cloud.actions() == ['DescribeDBInstances']


def test_an_api_error_is_surfaced_with_its_code(cloud, uuid, monkeypatch):
    # The emulator no longer serves one metric: the API's refusal is the module's failure, with its details.
    monkeypatch.delitem(actions_parameter.METRICS, 'mysql_sessions')
    res = run_module(module, dict(instance_id=uuid, metrics=['cpu_usage', 'sessions']), cloud)
    assert res.failed and res.result['error_code'] == 'InvalidParameter' and res.result['status'] == 400
    assert 'MetricKey must be one of' in res.result['msg'] and 'Signature' not in str(res.result)
    assert cloud.actions().count('DescribeDBInstancePerformance') == 2


def test_check_mode_reads_the_same(cloud, uuid):
    res = run_module(module, dict(instance_id=uuid, metrics=['mem_usage']), cloud, check_mode=True)
    assert not res.failed and res.result['changed'] is False and res.result['metrics'][0]['name'] == 'mem_usage'


def test_window_rules():
    now = 1.7e9
    assert performance_errors(params(), now) == []
    assert performance_errors(params(start_time=format_time(now - 30 * 86400), end_time=format_time(now)), now) == []
    assert performance_errors(params(start_time=format_time(now - 30 * 86400 - 1), end_time=format_time(now)), now)
    assert [granularity(s) for s in (1, 4 * 3600, 4 * 3600 + 1, 2 * 86400 + 1, 10 * 86400 + 1)] == [
        (30, 86400), (30, 86400), (60, 15 * 86400), (300, 31 * 86400), (3600, 62 * 86400)]
    assert retention_warning(now - 3600, now, now) is None
    assert retention_warning(now - 16 * 86400, now - 15 * 86400, now)   # one day at 60 s points, kept 15 days
    assert retention_warning(now - 20 * 86400, now, now) is None       # 20 days at 1 h points, kept 62 days


def test_a_lost_answer_is_asked_again_it_is_a_read(cloud, uuid):
    cloud.drop_next.add('DescribeDBInstancePerformance')
    res = run_module(module, dict(instance_id=uuid, metrics=['cpu_usage']), cloud)
    assert not res.failed and res.result['metrics'][0]['data_points'][0]['values'], res.result
    assert cloud.actions().count('DescribeDBInstancePerformance') == 2
