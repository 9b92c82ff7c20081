"""The operations modules against the in-process emulator: check -> apply -> check -> apply, request bodies,
paging, job waits with one deadline, bad input before any request."""
import random

import pytest
import responses

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_ops
from ansible_collections.clouddb.mysql.plugins.module_utils.huawei import HuaweiSession
from ansible_collections.clouddb.mysql.plugins.module_utils.roma import RomaClient
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import RetryPolicy
from ansible_collections.clouddb.mysql.plugins.module_utils.waiter import Poller
from ansible_collections.clouddb.mysql.plugins.modules import (
    gaussdb_audit_log, gaussdb_datastore_info, gaussdb_diagnosis_info, gaussdb_flavor_info, gaussdb_job_info,
    gaussdb_log_info, gaussdb_lts_config, gaussdb_quota, gaussdb_quota_info, gaussdb_sql_throttling,
    gaussdb_sql_throttling_info, roma_instance_info,
)
from ansible_collections.clouddb.mysql.tests.unit.plugins.modules import harness
from gaussdb_cloud import AUTH, GaussDBCloud
from tests.emulator.huawei.gaussdb_diagnosis import METRICS, abnormal
from tests.emulator.huawei.gaussdb_logs import logs_of

GROUP = 'c3dd5233-24a1-443c-6b40-310b3ad85382'
STREAM = '9b476e31-b745-4e76-8d78-2081168651f7'
WRITES = frozenset(('set_sql_filter_switch', 'set_sql_filter_rules', 'delete_sql_filter_rules', 'set_audit_log',
                    'set_audit_log_policy', 'set_slowlog_sensitivity', 'create_lts_configs', 'delete_lts_configs',
                    'create_ep_quotas', 'update_ep_quotas'))


@pytest.fixture
def cloud():
    return GaussDBCloud()


class Shop(object):
    """One seeded instance "shop-00001" with a primary and a read replica, created an hour ago."""

    def __init__(self, cloud):
        self.id = cloud.seed(1, nodes=2, name_prefix='shop')[0]
        self.inst = cloud.ctx.state['gaussdb'].instances[self.id]
        self.name = self.inst.name
        self.master, self.replica = [n.id for n in sorted(self.inst.nodes.values(), key=lambda n: n.name)]
        self.created = self.inst.created


@pytest.fixture
def shop(cloud):
    return Shop(cloud)


def writes(cloud):
    """The write calls so far: (operation, body)."""
    return [(c[0], c[3]) for c in cloud.calls if c[0] in WRITES]


def job_waits(cloud):
    """The job ids polled, in order."""
    return [c[2]['id'] for c in cloud.calls if c[0] == 'show_job']


RULES = [dict(sql_type='select', pattern='select~from~t1', max_concurrency=10),
         dict(sql_type='DELETE', pattern='delete~from~sessions', max_concurrency=2)]


# -- SQL throttling -----------------------------------------------------------------------------
def test_throttling_check_apply_check_apply(cloud, shop):
    args = dict(instance_name=shop.name, enabled=True, rules=RULES)
    checked = cloud.run(gaussdb_sql_throttling, args, check_mode=True, diff=True).result
    assert checked['changed'] and writes(cloud) == [] and not cloud.writes()
    assert checked['diff']['before']['rules'] == [] and len(checked['diff']['after']['rules']) == 4
    assert 'job_id' not in checked
    applied = cloud.run(gaussdb_sql_throttling, args, diff=True).result
    assert applied['changed'] and applied['sql_throttling']['enabled'] is True
    assert applied['diff'] == checked['diff']
    assert [w[0] for w in writes(cloud)] == ['set_sql_filter_switch', 'set_sql_filter_rules']
    assert [n['node_id'] for n in writes(cloud)[1][1]['sql_filter_rules']] == sorted([shop.master, shop.replica])
    # Both jobs are returned and waited for, the switch's before the rules are sent.
    assert len(applied['job_id']) == 2 and sorted(set(job_waits(cloud))) == sorted(applied['job_id'])
    ops = cloud.ops()
    assert ops.index('set_sql_filter_switch') < ops.index('show_job') < ops.index('set_sql_filter_rules')
    assert cloud.run(gaussdb_sql_throttling, args, check_mode=True).result['changed'] is False
    before = cloud.stats()['requests_total']
    again = cloud.run(gaussdb_sql_throttling, dict(instance_id=shop.id, enabled=True, rules=list(reversed(RULES))))
    assert again.result['changed'] is False and 'job_id' not in again.result and len(writes(cloud)) == 2
    # A no-op by id: the instance, the switch and one rule read per node.
    assert cloud.stats()['requests_total'] - before == 4


def test_throttling_purge_on_one_node_and_absent(cloud, shop):
    cloud.run(gaussdb_sql_throttling, dict(instance_id=shop.id, rules=RULES))
    purged = cloud.run(gaussdb_sql_throttling, dict(instance_id=shop.id, nodes=[shop.name + '_node02'],
                                                    purge_rules=True, rules=[
                                                        dict(sql_type='UPDATE', pattern='update~t', max_concurrency=1)]))
    assert [w[0] for w in writes(cloud)[-2:]] == ['delete_sql_filter_rules', 'set_sql_filter_rules']
    assert writes(cloud)[-2][1] == {'sql_filter_rules': [{'node_id': shop.replica, 'rules': [
        {'sql_type': 'SELECT', 'patterns': ['select~from~t1']},
        {'sql_type': 'DELETE', 'patterns': ['delete~from~sessions']}]}]}
    assert purged.result['sql_throttling']['rules'] == [
        dict(node_id=shop.replica, sql_type='UPDATE', pattern='update~t', max_concurrency=1)]
    master = cloud.run(gaussdb_sql_throttling_info, dict(instance_id=shop.id, nodes=[shop.master])).result
    assert len(master['rules']) == 2
    removed = cloud.run(gaussdb_sql_throttling, dict(instance_id=shop.id, state='absent', enabled=False))
    assert removed.result['changed'] and removed.result['sql_throttling']['rules'] == []
    info = cloud.run(gaussdb_sql_throttling_info, dict(instance_id=shop.id)).result
    assert info['rules'] == [] and info['enabled'] is False and info['switch_status'] == 'OFF'


def test_throttling_bad_input_makes_no_request(cloud, shop):
    res = cloud.run(gaussdb_sql_throttling, dict(instance_id=shop.id, rules=[
        dict(sql_type='SELECT', pattern='select~', max_concurrency=1), dict(sql_type='SELECT', pattern='x')]))
    assert res.failed and res.result['msg'].startswith('Invalid input: ')
    assert 'must not end with' in res.result['msg'] and 'max_concurrency is required' in res.result['msg']
    assert cloud.calls == []


def test_throttling_unknown_node_fails_naming_the_nodes_before_any_write(cloud, shop):
    res = cloud.run(gaussdb_sql_throttling, dict(instance_id=shop.id, nodes=['no-such-node'], rules=RULES))
    assert res.failed and 'no-such-node' in res.result['msg'] and shop.name + '_node01' in res.result['msg']
    assert not cloud.writes()


def test_throttling_a_failed_job_names_it(cloud, shop):
    cloud.configure(fail_jobs=[{'name': 'GaussDBforMySQLSetSqlFilterRules', 'count': 1}])
    res = cloud.run(gaussdb_sql_throttling, dict(instance_id=shop.id, rules=RULES))
    assert res.failed and res.result['error_code'] == 'JobFailed'
    assert 'GaussDBforMySQLSetSqlFilterRules' in res.result['msg'] and isinstance(res.result['job_id'], str)


def test_throttling_info_filters_by_type_and_node(cloud, shop):
    cloud.run(gaussdb_sql_throttling, dict(instance_id=shop.id, rules=RULES))
    info = cloud.run(gaussdb_sql_throttling_info, dict(instance_name=shop.name, nodes=[shop.master],
                                                       sql_type='DELETE')).result
    assert info['rules'] == [dict(node_id=shop.master, sql_type='DELETE', pattern='delete~from~sessions',
                                  max_concurrency=2)]
    assert cloud.calls[-2][0] == 'list_sql_filter_rules'
    assert cloud.calls[-2][2] == {'sql_type': 'DELETE', 'node_id': shop.master}


# -- logs -----------------------------------------------------------------------------------------------
def window(shop, seconds=3600):
    """A window from the instance's creation (emulator time; a seeded instance is an hour old)."""
    return dict(start_time=str(int(shop.created)), end_time=str(int(shop.created) + seconds))


def test_log_info_pages_every_node_and_merges_in_time_order(cloud, shop, monkeypatch):
    monkeypatch.setattr(gaussdb_ops, 'LINE_PAGE', 10)
    result = cloud.run(gaussdb_log_info, dict(window(shop), instance_id=shop.id, limit=30)).result
    numbers = [int(line['line_num']) for line in result['logs']]
    assert len(numbers) == 30 and numbers == sorted(numbers)
    assert {line['node_id'] for line in result['logs']} == {shop.master, shop.replica}
    queries = [c[3] for c in cloud.calls if c[0] == 'list_slow_logs']
    # 30 lines per node asked in pages of 10
    assert [q['limit'] for q in queries] == [10, 10, 10, 10, 10, 10]
    assert queries[0]['start_time'] == gaussdb_ops.api_time(int(shop.created)) and 'line_num' not in queries[0]
    master_pages = [q for q in queries if q['node_id'] == shop.master]
    master = cloud.run(gaussdb_log_info, dict(window(shop), instance_id=shop.id, nodes=[shop.master], limit=30)).result
    assert [q.get('line_num') for q in master_pages] == [None, master['logs'][9]['line_num'],
                                                         master['logs'][19]['line_num']]
    assert result['start_time'] == gaussdb_ops.api_time(int(shop.created))
    assert result['end_time'] == gaussdb_ops.api_time(int(shop.created) + 3600)


def test_log_info_error_lines_with_a_level(cloud, shop):
    # A day of lines (one per 5 minutes, about 3 in 10 a WARNING): a window surely holding a warning.
    shop.inst.created = shop.created = shop.created - 86400
    result = cloud.run(gaussdb_log_info, dict(window(shop, 86400), instance_id=shop.id, log_type='error',
                                              level='WARNING',
                                              nodes=[shop.replica])).result
    assert result['logs'] and {(line['node_id'], line['level']) for line in result['logs']} == {(shop.replica, 'WARNING')}
    assert [c[3]['level'] for c in cloud.calls if c[0] == 'list_error_logs'] == ['WARNING']


def test_log_info_audit_files_by_node_and_window_clamped_to_creation(cloud, shop):
    # Full SQL on since the creation; files of a quarter of an hour (time_scale 0.25): 4 per node in the window.
    logs_of(shop.inst).update(full_sql='ON', full_sql_periods=[[shop.created, None]])
    cloud.configure(time_scale=0.25)
    start = str(int(shop.created) - 30 * 86400)
    end = str(int(shop.created) + 3000)
    result = cloud.run(gaussdb_log_info, dict(instance_id=shop.id, log_type='audit', start_time=start, end_time=end,
                                              nodes=[shop.name + '_node02'], limit=2)).result
    assert [f['name'].split('_')[2] for f in result['logs']] == [shop.replica, shop.replica]
    query = [c for c in cloud.calls if c[0] == 'show_audit_log_links'][0][2]
    assert query['node_id'] == shop.replica and query['start_time'] == gaussdb_ops.api_time(shop.created + 1)
    every = cloud.run(gaussdb_log_info, dict(instance_id=shop.id, log_type='audit', start_time=start,
                                             end_time=end)).result
    assert len(every['logs']) == 8
    assert 'node_id' not in [c for c in cloud.calls if c[0] == 'show_audit_log_links'][-1][2]
    before = cloud.run(gaussdb_log_info, dict(instance_id=shop.id, log_type='audit', start_time=start,
                                              end_time=str(int(shop.created) - 60))).result
    assert before['logs'] == [] and cloud.ops()[-1] == 'show_instance'    # nothing to ask before the creation


def test_log_info_refuses_bad_input_before_any_request(cloud, shop):
    res = cloud.run(gaussdb_log_info, dict(instance_id=shop.id, log_type='error', sql_type='SELECT', database='x',
                                           start_time='-1h', end_time='-2h', limit=10001))
    assert res.failed and res.result['msg'].startswith('Invalid input: ') and cloud.calls == []
    for fragment in ('sql_type applies to log_type=slow', 'database applies', 'limit must be', 'earlier than'):
        assert fragment in res.result['msg']


# -- audit log ------------------------------------------------------------------------------------------
def test_audit_log_changes_only_what_is_set(cloud, shop):
    args = dict(instance_id=shop.id, full_sql=True, keep_days=30, audit_types=['INSERT'], slow_log_masking=False)
    checked = cloud.run(gaussdb_audit_log, args, check_mode=True, diff=True).result
    assert checked['changed'] and writes(cloud) == [] and not cloud.writes()
    applied = cloud.run(gaussdb_audit_log, args).result
    assert [w[0] for w in writes(cloud)] == ['set_audit_log', 'set_slowlog_sensitivity', 'set_audit_log_policy']
    assert writes(cloud)[2][1] == {'keep_days': 30, 'audit_types': ['INSERT']}
    assert isinstance(applied['job_id'], str) and set(job_waits(cloud)) == {applied['job_id']}
    assert applied['audit_log']['switch_status'] == 'ON' and applied['audit_log']['keep_days'] == 30
    before = cloud.stats()['requests_total']
    assert cloud.run(gaussdb_audit_log, args).result['changed'] is False
    assert cloud.stats()['requests_total'] - before == 3     # a no-op by id: the two switches and the policy
    off = cloud.run(gaussdb_audit_log, dict(instance_id=shop.id, keep_days=0, reserve_audit_logs=False)).result
    assert off['changed'] and writes(cloud)[-1][1] == {'keep_days': 0, 'reserve_audit_logs': False}
    cloud.calls[:] = []
    refused = cloud.run(gaussdb_audit_log, dict(instance_id=shop.id, audit_types=['DELETE']))
    assert refused.failed and 'keep_days above 0' in refused.result['msg'] and writes(cloud) == []


def test_audit_log_reads_the_policy_only_when_it_is_managed(cloud, shop):
    result = cloud.run(gaussdb_audit_log, dict(instance_id=shop.id, full_sql=True), diff=True).result
    assert result['changed'] and 'show_audit_log_policy' not in cloud.ops()
    assert 'keep_days' not in result['audit_log']
    assert result['diff'] == {'before': {'full_sql': False, 'slow_log_masking': True},
                              'after': {'full_sql': True, 'slow_log_masking': True}}


def test_audit_log_bad_input_and_unknown_types(cloud, shop):
    bad = cloud.run(gaussdb_audit_log, dict(instance_id=shop.id, keep_days=733, audit_types=['INSERT', 'INSERT']))
    assert bad.failed and bad.result['msg'] == ('Invalid input: keep_days must be between 0 and 732, got 733; '
                                                'audit_types lists a type more than once')
    assert cloud.calls == []
    unknown = cloud.run(gaussdb_audit_log, dict(instance_id=shop.id, keep_days=7, audit_types=['MERGE']))
    assert unknown.failed and 'MERGE' in unknown.result['msg'] and not cloud.writes()


# -- LTS -------------------------------------------------------------------------------------------------
def lts_listed(shop):
    return shop.inst.ext.get('lts', {})


def test_lts_config_present_then_absent(cloud, shop):
    args = dict(instance_id=shop.id, log_type='slow_log', lts_group_id=GROUP, lts_stream_id=STREAM)
    assert cloud.run(gaussdb_lts_config, args, check_mode=True).result['changed'] and writes(cloud) == []
    created = cloud.run(gaussdb_lts_config, args).result
    sent = dict(instance_id=shop.id, log_type='slow_log', lts_group_id=GROUP, lts_stream_id=STREAM)
    assert created['changed'] and writes(cloud)[0][1] == {'log_configs': [sent]}
    assert created['lts_config'] == dict(sent, enabled=True) and created['instance_id'] == shop.id
    before = cloud.stats()['requests_total']
    assert cloud.run(gaussdb_lts_config, args).result['changed'] is False
    assert cloud.stats()['requests_total'] - before == 1     # a no-op by id: one listing
    gone = cloud.run(gaussdb_lts_config, dict(instance_id=shop.id, log_type='slow_log', state='absent')).result
    assert gone['changed'] and gone['lts_config'] == {} and writes(cloud)[-1][0] == 'delete_lts_configs'
    assert lts_listed(shop)['slow_log']['enabled'] is False
    assert cloud.run(gaussdb_lts_config, dict(instance_id=shop.id, log_type='slow_log',
                                              state='absent')).result['changed'] is False
    assert len(writes(cloud)) == 2


def test_a_disabled_lts_configuration_is_enabled_again(cloud, shop):
    """Issue 10: 4.8.6 lists a configuration that 4.8.7 turned off as enabled false; it reports nothing."""
    args = dict(instance_id=shop.id, log_type='error_log', lts_group_id=GROUP, lts_stream_id=STREAM)
    cloud.run(gaussdb_lts_config, args)
    cloud.run(gaussdb_lts_config, dict(args, state='absent'))
    assert lts_listed(shop)['error_log'] == dict(lts_group_id=GROUP, lts_stream_id=STREAM, enabled=False)
    checked = cloud.run(gaussdb_lts_config, args, check_mode=True, diff=True).result
    assert checked['changed'] and checked['diff'] == {'before': {}, 'after': dict(
        instance_id=shop.id, log_type='error_log', lts_group_id=GROUP, lts_stream_id=STREAM, enabled=True)}
    assert len(writes(cloud)) == 2
    again = cloud.run(gaussdb_lts_config, args, diff=True).result
    assert again['changed'] and again['diff'] == checked['diff'] and writes(cloud)[-1][0] == 'create_lts_configs'
    assert lts_listed(shop)['error_log']['enabled'] is True
    assert cloud.run(gaussdb_lts_config, args).result['changed'] is False and len(writes(cloud)) == 3


def test_lts_config_bad_ids_make_no_request(cloud, shop):
    res = cloud.run(gaussdb_lts_config, dict(instance_id=shop.id, log_type='audit_log', lts_group_id='group',
                                             lts_stream_id='stream'))
    assert res.failed and res.result['msg'].startswith('Invalid input: lts_group_id')
    assert 'lts_stream_id' in res.result['msg']
    assert cloud.calls == []


# -- quotas ------------------------------------------------------------------------------------------------
def test_first_quota_is_set_with_post_then_changed_with_put(cloud, shop):
    first = cloud.run(gaussdb_quota, dict(enterprise_project_name='eps-prod', instance_quota=5)).result
    prod = first['quota']['enterprise_project_id']
    assert first['changed'] and writes(cloud)[-1][0] == 'create_ep_quotas'
    assert writes(cloud)[-1][1] == {'quota_list': [{'enterprise_project_id': prod, 'instance_quota': 5}]}
    assert first['quota']['instance_quota'] == 5 and first['quota']['vcpus_quota'] == -1
    second = cloud.run(gaussdb_quota, dict(enterprise_project_id=prod, vcpus_quota=8)).result
    assert second['changed'] and writes(cloud)[-1][0] == 'update_ep_quotas'
    before = cloud.stats()['requests_total']
    assert cloud.run(gaussdb_quota, dict(enterprise_project_id=prod, vcpus_quota=8,
                                         instance_quota=5)).result['changed'] is False
    assert cloud.stats()['requests_total'] - before == 2     # a no-op: the enterprise projects and the quotas
    default = cloud.run(gaussdb_quota, dict(enterprise_project_id='0', ram_quota=64), check_mode=True, diff=True)
    assert default.result['diff'] == {'before': {'instance_quota': -1, 'vcpus_quota': -1, 'ram_quota': -1},
                                      'after': {'instance_quota': -1, 'vcpus_quota': -1, 'ram_quota': 64}}
    assert len(writes(cloud)) == 2 and not [r for r in cloud.writes() if 'quotas' not in r]


def test_quota_bad_input_and_unknown_projects(cloud):
    bad = cloud.run(gaussdb_quota, dict(enterprise_project_name='eps-test', instance_quota=100001, ram_quota=-1))
    assert bad.failed and 'instance_quota must be between 0 and 100000' in bad.result['msg']
    assert 'ram_quota' in bad.result['msg'] and cloud.calls == []
    unknown = cloud.run(gaussdb_quota, dict(enterprise_project_name='eps-none', instance_quota=5))
    assert unknown.failed and 'eps-none' in unknown.result['msg'] and 'eps-test' in unknown.result['msg']
    assert not cloud.writes()


def test_quota_info_reads_the_parts_asked_for(cloud, shop):
    every = cloud.run(gaussdb_quota_info, {}).result
    assert every['project_quotas'] == [{'type': 'instance', 'used': 1, 'quota': 1000}]
    assert [q['enterprise_project_name'] for q in every['quotas']] == ['default', 'eps-prod', 'eps-test']
    assert [p['id'] for p in every['enterprise_projects']][0] == '0'
    cloud.calls[:] = []
    one = cloud.run(gaussdb_quota_info, dict(include=['quotas'], enterprise_project_name='eps-test')).result
    assert [q['enterprise_project_name'] for q in one['quotas']] == ['eps-test']
    assert set(one) == {'changed', 'quotas', 'warnings'} and cloud.ops() == ['list_ep_quotas']


# -- diagnosis --------------------------------------------------------------------------------------------
def test_diagnosis_lists_instances_only_for_abnormal_metrics(cloud):
    # Seed until one metric has abnormal instances and another has none (the emulator hashes the ids).
    while True:
        cloud.seed(1)
        instances = cloud.ctx.state['gaussdb'].instances
        counts = dict((m, sum(abnormal(i, m) for i in instances.values())) for m in METRICS)
        if any(counts.values()) and not all(counts.values()):
            break
    result = cloud.run(gaussdb_diagnosis_info, {}).result
    assert [(m['metric_name'], m['count']) for m in result['metrics']] == list(counts.items())
    for metric in result['metrics']:
        assert len(metric['instances']) == metric['count']
    assert cloud.ops() == ['count_diagnosis_instances'] + ['list_diagnosis_instances'] * sum(
        1 for count in counts.values() if count)
    quiet = next(m for m, count in counts.items() if not count)
    one = cloud.run(gaussdb_diagnosis_info, dict(metric_name=quiet)).result
    assert one['metrics'] == [{'metric_name': quiet, 'count': 0, 'instances': []}]
    unknown = cloud.run(gaussdb_diagnosis_info, dict(metric_name='cpu_overload'))
    assert unknown.failed and 'high_pressure' in unknown.result['msg']


# -- jobs and the catalog -------------------------------------------------------------------------------------
def a_job(cloud, shop):
    """The id of a job the emulator runs for five seconds (times time_scale): a rule change not waited for."""
    return cloud.run(gaussdb_sql_throttling, dict(instance_id=shop.id, rules=RULES, wait=False)).result['job_id']


def test_job_info_reads_and_waits_with_one_deadline(cloud, shop):
    job_id = a_job(cloud, shop)
    unknown_yet = cloud.run(gaussdb_job_info, dict(id=job_id))      # a new job is not visible at once
    assert unknown_yet.failed and unknown_yet.result['error_code'] == 'DBS.200543'
    cloud.advance(2.5)
    running = cloud.run(gaussdb_job_info, dict(id=job_id)).result
    assert running['jobs'][0]['id'] == job_id and running['jobs'][0]['status'] == 'Running'
    done = cloud.run(gaussdb_job_info, dict(id=[job_id], wait=True)).result
    assert not done['changed'] and done['jobs'][0]['status'] == 'Completed'
    unknown = cloud.run(gaussdb_job_info, dict(id='0123'))
    assert unknown.failed and unknown.result['error_code'] == 'DBS.200543'


def test_job_info_timeout_and_failure(cloud, shop):
    cloud.configure(time_scale=100, job_visible_after=0)
    job_id = a_job(cloud, shop)
    slept = len(cloud.clock.sleeps)
    late = cloud.run(gaussdb_job_info, dict(id=job_id, wait=True, wait_timeout=5))
    assert late.failed and late.result['error_code'] == 'WaitTimeout' and late.result['jobs'][0]['status'] == 'Running'
    assert 4 < sum(cloud.clock.sleeps[slept:]) <= 5
    cloud.configure(time_scale=1, fail_jobs=[{'name': 'GaussDBforMySQLSwitchSqlFilter', 'count': 1}])
    failed_id = cloud.run(gaussdb_sql_throttling, dict(instance_id=shop.id, enabled=True, wait=False)).result['job_id']
    failed = cloud.run(gaussdb_job_info, dict(id=failed_id, wait=True))
    assert failed.failed and failed.result['error_code'] == 'JobFailed'
    assert failed.result['jobs'][0]['status'] == 'Failed' and 'GaussDBforMySQLSwitchSqlFilter' in failed.result['msg']
    calls = len(cloud.calls)
    bad = cloud.run(gaussdb_job_info, dict(id=job_id, wait_timeout=0))
    assert bad.failed and bad.result['msg'] == 'Invalid input: wait_timeout must be a positive number of seconds'
    assert len(cloud.calls) == calls


def test_datastores_and_flavors(cloud):
    every = cloud.run(gaussdb_datastore_info, {}).result['datastores']
    datastores = cloud.run(gaussdb_datastore_info, dict(version='8.0')).result['datastores']
    assert datastores and datastores == [d for d in every if d['name'] == '8.0']
    assert cloud.calls[-1][1] == {'database_name': 'gaussdb-mysql'}
    assert '2.0.51.240300' in [d['kernel_version'] for d in datastores]
    flavors = cloud.run(gaussdb_flavor_info, dict(spec_code='gaussdb.mysql.xlarge.x86.8',
                                                  availability_zone_mode='multi')).result['flavors']
    assert [f['spec_code'] for f in flavors] == ['gaussdb.mysql.xlarge.x86.8']
    assert cloud.calls[-1][2] == {'availability_zone_mode': 'multi', 'version_name': '8.0',
                                  'spec_code': 'gaussdb.mysql.xlarge.x86.8'}


# -- ROMA Connect (the emulator serves it on the same endpoint) -----------------------------------------------
def run_roma(cloud, args):
    clock = cloud.clock
    retry = RetryPolicy(rng=random.Random(0), sleep=clock.sleep, clock=clock.clock)
    client = RomaClient(AUTH, session=HuaweiSession(AUTH, service='roma', retry=retry),
                        poller=Poller(sleep=clock.sleep, clock=clock.clock))
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        cloud.install(rsps)
        return harness.run_module(roma_instance_info.main, AUTH, args, client)


def test_roma_progress_and_waits(cloud):
    creating = cloud.admin('POST', 'seed', {'roma_instances': 1, 'roma_state': 'creating'})['roma_instances'][0]
    record = run_roma(cloud, dict(instance_ids=[creating])).result['instances'][0]
    assert record['instance']['instance_id'] == creating and record['instance']['status'] == 'CREATING'
    assert [item['name'] for item in record['items']] == ['mqs', 'lvs', 'apic', 'fdi']
    late = run_roma(cloud, dict(instance_ids=[creating], wait=True, wait_timeout=60))
    assert late.failed and late.result['error_code'] == 'WaitTimeout'
    done = run_roma(cloud, dict(instance_ids=[creating], wait=True)).result['instances'][0]
    assert done['progress'] == 100 and done['instance']['status'] == 'RUNNING'
    failing = cloud.admin('POST', 'seed', {'roma_instances': 1, 'roma_state': 'failed'})['roma_instances'][0]
    failed = run_roma(cloud, dict(instance_ids=[failing], wait=True))
    assert failed.failed and 'resource allocation failed' in failed.result['msg']
    empty = run_roma(cloud, dict(instance_ids=['']))
    assert empty.failed and empty.result['msg'] == 'Invalid input: instance_ids must name at least one instance'
