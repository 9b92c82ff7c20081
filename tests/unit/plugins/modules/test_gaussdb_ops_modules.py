"""The operations modules with the client faked: check -> apply -> check -> apply, request bodies, paging."""
import copy

import pytest

from ansible_collections.clouddb.mysql.plugins.modules import (
    gaussdb_audit_log, gaussdb_diagnosis_info, gaussdb_log_info, gaussdb_lts_config, gaussdb_quota,
    gaussdb_sql_throttling, gaussdb_sql_throttling_info,
)
from ansible_collections.clouddb.mysql.tests.unit.plugins.modules.harness import run_printed, use_gaussdb_client

IID = 'a23fb62bd61e4e9e9636fd2225f395bein07'
MASTER = '799a0f2fa49a4151bf9f7063c1fbba36no07'
REPLICA = '799a0f2fa49a4151bf9f7063c1fbba35no07'
GROUP = 'c3dd5233-24a1-443c-6b40-310b3ad85382'
STREAM = '9b476e31-b745-4e76-8d78-2081168651f7'
WRITES = frozenset(('set_sql_filter_switch', 'set_sql_filter_rules', 'delete_sql_filter_rules', 'set_audit_log',
                    'set_audit_log_policy', 'set_slowlog_sensitivity', 'create_lts_configs', 'delete_lts_configs',
                    'create_ep_quotas', 'update_ep_quotas'))


class FakeClient(object):
    """Each change applies at once; its job is done when waited for. Slow logs: one line per minute per node."""

    def __init__(self):
        self.instance = {'id': IID, 'name': 'shop-db', 'created': '2024-05-01T00:00:00+0000', 'nodes': [
            {'id': MASTER, 'name': 'shop-db_node01', 'type': 'master'},
            {'id': REPLICA, 'name': 'shop-db_node02', 'type': 'slave'}]}
        self.switch = 'OFF'
        self.rules = {MASTER: {}, REPLICA: {}}
        self.audit = {'switch': 'OFF', 'keep_days': 0, 'audit_types': [], 'masked': True}
        self.lts = {}
        self.quotas = {'0': {'instance_quota': -1, 'vcpus_quota': -1, 'ram_quota': -1}}
        self.calls = []
        self.waited = []

    # -- the client interface the modules use --
    def get_instance(self, instance_id):
        return copy.deepcopy(self.instance) if instance_id == IID else None

    def find_instances(self, name):
        return [self.instance] if name == 'shop-db' else []

    def paginate(self, operation, key, params=None, page_size=100, **path):
        return self.call(operation, params=params, **path).get(key) or []

    def wait_jobs(self, job_ids, timeout):
        self.waited.append(list(job_ids))

    @property
    def writes(self):
        return [c for c in self.calls if c[0] in WRITES]

    def call(self, operation, params=None, body=None, instance_id=None, idempotent=None, **path):
        self.calls.append((operation, copy.deepcopy(params), copy.deepcopy(body)))
        handler = getattr(self, 'do_' + operation)
        return handler(params or {}, body) or {}

    def _job(self):
        return {'job_id': 'job-%d' % len(self.calls)}

    # -- 4.12 --
    def do_show_sql_filter_switch(self, params, body):
        return {'switch_status': self.switch}

    def do_set_sql_filter_switch(self, params, body):
        self.switch = body['switch_status']
        return self._job()

    def do_list_sql_filter_rules(self, params, body):
        by_type = {}
        for (sql_type, pattern), limit in sorted(self.rules[params['node_id']].items()):
            if params.get('sql_type') in (None, sql_type):
                by_type.setdefault(sql_type, []).append({'pattern': pattern, 'max_concurrency': limit})
        return {'node_id': params['node_id'],
                'sql_filter_rules': [{'sql_type': t, 'patterns': p} for t, p in by_type.items()]}

    def do_set_sql_filter_rules(self, params, body):
        for node in body['sql_filter_rules']:
            for rule in node['rules']:
                for item in rule['patterns']:
                    self.rules[node['node_id']][(rule['sql_type'], item['pattern'])] = item['max_concurrency']
        return self._job()

    def do_delete_sql_filter_rules(self, params, body):
        for node in body['sql_filter_rules']:
            for rule in node['rules']:
                for pattern in rule['patterns']:
                    del self.rules[node['node_id']][(rule['sql_type'], pattern)]
        return self._job()

    # -- 4.8 --
    def do_show_audit_log(self, params, body):
        return {'switch_status': self.audit['switch']}

    def do_set_audit_log(self, params, body):
        self.audit['switch'] = body['switch_status']
        return {'result': 'success'}

    def do_show_audit_log_policy(self, params, body):
        return {'keep_days': self.audit['keep_days'], 'audit_types': list(self.audit['audit_types']),
                'all_audit_log_action': 'SELECT,INSERT,UPDATE,DELETE'}

    def do_set_audit_log_policy(self, params, body):
        self.audit['keep_days'] = body['keep_days']
        self.audit['audit_types'] = body.get('audit_types', self.audit['audit_types'])
        return dict(self._job(), result='COMPLETED')

    def do_show_slowlog_sensitivity(self, params, body):
        return {'open_slow_log_switch': self.audit['masked']}

    def do_set_slowlog_sensitivity(self, params, body):
        self.audit['masked'] = body['open_slow_log_switch']

    def do_list_slow_logs(self, params, body):
        # Lines at 60 s steps since 2024-05-01T00:00:00Z; the node id picks an offset so nodes interleave.
        base = 1714521600000 + (0 if body['node_id'] == MASTER else 30000)
        lines = [{'node_id': body['node_id'], 'line_num': str(base + 60000 * i), 'type': 'SELECT'} for i in range(25)]
        after = int(body.get('line_num') or 0)
        return {'slow_log_list': [line for line in lines if int(line['line_num']) > after][:body['limit']]}

    def do_show_audit_log_links(self, params, body):
        names = ['2024050100%02d00_%s_%s_SQLAudit' % (i, IID, n['id']) for i in range(3) for n in self.instance['nodes']]
        names = sorted(n for n in names if params.get('node_id') in (None, n.split('_')[2]))
        after = params.get('last_file_name') or ''
        return {'files': [{'name': n} for n in names if n > after][:params['limit']]}

    # -- LTS --
    def do_list_lts_configs(self, params, body):
        return {'total_count': 1, 'instance_lts_configs': [{'instance': {'id': IID}, 'lts_configs': [
            dict(log_type=t, enabled=True, **c) for t, c in self.lts.items()]}]}

    def do_create_lts_configs(self, params, body):
        for item in body['log_configs']:
            self.lts[item['log_type']] = {'lts_group_id': item['lts_group_id'], 'lts_stream_id': item['lts_stream_id']}

    def do_delete_lts_configs(self, params, body):
        for item in body['log_configs']:
            self.lts.pop(item['log_type'], None)

    # -- quotas --
    def do_list_enterprise_projects(self, params, body):
        return {'enterprise_projects': [{'id': 0, 'name': 'default'}, {'id': 'ep-1', 'name': 'eps-prod'}]}

    def do_list_ep_quotas(self, params, body):
        names = {'0': 'default', 'ep-1': 'eps-prod'}
        return {'quota_list': [dict(q, enterprise_project_id=ep, enterprise_project_name=names[ep])
                               for ep, q in self.quotas.items()
                               if params.get('enterprise_project_name') in (None, names[ep])]}

    def do_create_ep_quotas(self, params, body):
        for item in body['quota_list']:
            record = self.quotas.setdefault(item['enterprise_project_id'],
                                            {'instance_quota': -1, 'vcpus_quota': -1, 'ram_quota': -1})
            record.update((k, v) for k, v in item.items() if k != 'enterprise_project_id')
        return {'quota_list': body['quota_list']}

    do_update_ep_quotas = do_create_ep_quotas

    # -- diagnosis --
    def do_count_diagnosis_instances(self, params, body):
        return {'diagnosis_info': [{'metric_name': 'high_pressure', 'count': 2}, {'metric_name': 'mem_overrun', 'count': 0}]}

    def do_list_diagnosis_instances(self, params, body):
        return {'total_count': 2, 'instance_infos': [{'instance_id': IID, 'master_node_id': MASTER}] * 2}


@pytest.fixture
def client(monkeypatch):
    return use_gaussdb_client(monkeypatch, FakeClient())


def run(module, args, capsys, check=False, diff=False):
    return run_printed(module.run, args, capsys, check=check, diff=diff)


RULES = [dict(sql_type='select', pattern='select~from~t1', max_concurrency=10),
         dict(sql_type='DELETE', pattern='delete~from~sessions', max_concurrency=2)]


# -- SQL throttling -----------------------------------------------------------------------------
def test_throttling_check_apply_check_apply(client, capsys):
    args = dict(instance_name='shop-db', enabled=True, rules=RULES)
    checked = run(gaussdb_sql_throttling, args, capsys, check=True, diff=True)
    assert checked['changed'] and client.writes == []
    assert checked['diff']['before']['rules'] == [] and len(checked['diff']['after']['rules']) == 4
    applied = run(gaussdb_sql_throttling, args, capsys)
    assert applied['changed'] and applied['sql_throttling']['enabled'] is True
    assert [w[0] for w in client.writes] == ['set_sql_filter_switch', 'set_sql_filter_rules']
    assert [n['node_id'] for n in client.writes[1][2]['sql_filter_rules']] == sorted([MASTER, REPLICA])
    assert client.waited == [applied['job_id']] and len(applied['job_id']) == 2
    assert run(gaussdb_sql_throttling, args, capsys, check=True)['changed'] is False
    again = run(gaussdb_sql_throttling, dict(instance_id=IID, enabled=True, rules=list(reversed(RULES))), capsys)
    assert again['changed'] is False and 'job_id' not in again and len(client.writes) == 2


def test_throttling_purge_on_one_node_and_absent(client, capsys):
    run(gaussdb_sql_throttling, dict(instance_id=IID, rules=RULES), capsys)
    purged = run(gaussdb_sql_throttling, dict(instance_id=IID, nodes=['shop-db_node02'], purge_rules=True,
                                              rules=[dict(sql_type='UPDATE', pattern='update~t', max_concurrency=1)]),
                 capsys)
    assert [w[0] for w in client.writes[-2:]] == ['delete_sql_filter_rules', 'set_sql_filter_rules']
    assert client.writes[-2][2] == {'sql_filter_rules': [{'node_id': REPLICA, 'rules': [
        {'sql_type': 'SELECT', 'patterns': ['select~from~t1']},
        {'sql_type': 'DELETE', 'patterns': ['delete~from~sessions']}]}]}
    assert purged['sql_throttling']['rules'] == [
        dict(node_id=REPLICA, sql_type='UPDATE', pattern='update~t', max_concurrency=1)]
    assert len(client.rules[MASTER]) == 2
    removed = run(gaussdb_sql_throttling, dict(instance_id=IID, state='absent', enabled=False), capsys)
    assert removed['changed'] and client.rules == {MASTER: {}, REPLICA: {}} and client.switch == 'OFF'
    info = run(gaussdb_sql_throttling_info, dict(instance_id=IID), capsys)
    assert info['rules'] == [] and info['enabled'] is False


def test_throttling_bad_input_makes_no_request(client, capsys):
    result = run(gaussdb_sql_throttling, dict(instance_id=IID, rules=[
        dict(sql_type='SELECT', pattern='select~', max_concurrency=1), dict(sql_type='SELECT', pattern='x')]), capsys)
    assert result['failed'] and 'must not end with' in result['msg'] and 'max_concurrency is required' in result['msg']
    assert client.calls == []


def test_throttling_info_filters_by_type_and_node(client, capsys):
    run(gaussdb_sql_throttling, dict(instance_id=IID, rules=RULES), capsys)
    info = run(gaussdb_sql_throttling_info, dict(instance_name='shop-db', nodes=[MASTER], sql_type='DELETE'), capsys)
    assert info['rules'] == [dict(node_id=MASTER, sql_type='DELETE', pattern='delete~from~sessions', max_concurrency=2)]
    assert client.calls[-2][1] == {'sql_type': 'DELETE', 'node_id': MASTER}


# -- logs -----------------------------------------------------------------------------------------------
def test_log_info_pages_every_node_and_merges_in_time_order(client, capsys, monkeypatch):
    from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_ops
    monkeypatch.setattr(gaussdb_ops, 'LINE_PAGE', 10)
    result = run(gaussdb_log_info, dict(instance_id=IID, start_time='2024-05-01T00:00:00Z',
                                        end_time='2024-05-02T00:00:00Z', limit=30), capsys)
    numbers = [int(line['line_num']) for line in result['logs']]
    assert len(numbers) == 30 and numbers == sorted(numbers)
    assert {line['node_id'] for line in result['logs']} == {MASTER, REPLICA}
    queries = [c[2] for c in client.calls if c[0] == 'list_slow_logs']
    # 30 lines per node asked in pages of 10 (the fake has 25 per node: the third page is short)
    assert [q['limit'] for q in queries] == [10, 10, 10, 10, 10, 10]
    assert queries[0]['start_time'] == '2024-05-01T00:00:00+0000' and 'line_num' not in queries[0]
    master_pages = [q for q in queries if q['node_id'] == MASTER]
    assert [q.get('line_num') for q in master_pages] == [None, '1714522140000', '1714522740000']
    assert result['start_time'] == '2024-05-01T00:00:00+0000' and result['end_time'] == '2024-05-02T00:00:00+0000'


def test_log_info_audit_files_by_node_and_window_clamped_to_creation(client, capsys):
    result = run(gaussdb_log_info, dict(instance_id=IID, log_type='audit', start_time='2024-04-01T00:00:00Z',
                                        end_time='2024-05-02T00:00:00Z', nodes=['shop-db_node02'], limit=2), capsys)
    assert [f['name'].split('_')[2] for f in result['logs']] == [REPLICA, REPLICA]
    query = [c for c in client.calls if c[0] == 'show_audit_log_links'][0][1]
    assert query['node_id'] == REPLICA and query['start_time'] == '2024-05-01T00:00:01+0000'
    every = run(gaussdb_log_info, dict(instance_id=IID, log_type='audit', start_time='2024-05-01T00:00:00Z',
                                       end_time='2024-05-02T00:00:00Z'), capsys)
    assert len(every['logs']) == 6 and 'node_id' not in [c for c in client.calls if c[0] == 'show_audit_log_links'][-1][1]


def test_log_info_refuses_bad_input_before_any_request(client, capsys):
    result = run(gaussdb_log_info, dict(instance_id=IID, log_type='error', sql_type='SELECT', database='x',
                                        start_time='-1h', end_time='-2h', limit=10001), capsys)
    assert result['failed'] and client.calls == []
    for fragment in ('sql_type applies to log_type=slow', 'database applies', 'limit must be', 'earlier than'):
        assert fragment in result['msg']


# -- audit log ------------------------------------------------------------------------------------------
def test_audit_log_changes_only_what_is_set(client, capsys):
    args = dict(instance_id=IID, full_sql=True, keep_days=30, audit_types=['INSERT'], slow_log_masking=False)
    checked = run(gaussdb_audit_log, args, capsys, check=True, diff=True)
    assert checked['changed'] and client.writes == []
    applied = run(gaussdb_audit_log, args, capsys)
    assert [w[0] for w in client.writes] == ['set_audit_log', 'set_slowlog_sensitivity', 'set_audit_log_policy']
    assert client.writes[2][2] == {'keep_days': 30, 'audit_types': ['INSERT']}
    assert applied['job_id'].startswith('job-') and client.waited == [[applied['job_id']]]
    assert run(gaussdb_audit_log, args, capsys)['changed'] is False
    off = run(gaussdb_audit_log, dict(instance_id=IID, keep_days=0, reserve_audit_logs=False), capsys)
    assert off['changed'] and client.writes[-1][2] == {'keep_days': 0, 'reserve_audit_logs': False}
    refused = run(gaussdb_audit_log, dict(instance_id=IID, audit_types=['DELETE']), capsys)
    assert refused['failed'] and 'keep_days above 0' in refused['msg']


# -- LTS -------------------------------------------------------------------------------------------------
def test_lts_config_present_then_absent(client, capsys):
    args = dict(instance_id=IID, log_type='slow_log', lts_group_id=GROUP, lts_stream_id=STREAM)
    assert run(gaussdb_lts_config, args, capsys, check=True)['changed'] and client.writes == []
    created = run(gaussdb_lts_config, args, capsys)
    sent = dict(instance_id=IID, log_type='slow_log', lts_group_id=GROUP, lts_stream_id=STREAM)
    assert created['changed'] and client.writes[0][2] == {'log_configs': [sent]}
    assert run(gaussdb_lts_config, args, capsys)['changed'] is False
    gone = run(gaussdb_lts_config, dict(instance_id=IID, log_type='slow_log', state='absent'), capsys)
    assert gone['changed'] and gone['lts_config'] == {} and client.lts == {}
    assert run(gaussdb_lts_config, dict(instance_id=IID, log_type='slow_log', state='absent'), capsys)['changed'] is False


# -- quotas ------------------------------------------------------------------------------------------------
def test_first_quota_is_set_with_post_then_changed_with_put(client, capsys):
    first = run(gaussdb_quota, dict(enterprise_project_name='eps-prod', instance_quota=5), capsys)
    assert first['changed'] and client.writes[-1][0] == 'create_ep_quotas'
    assert client.writes[-1][2] == {'quota_list': [{'enterprise_project_id': 'ep-1', 'instance_quota': 5}]}
    assert first['quota']['instance_quota'] == 5 and first['quota']['vcpus_quota'] == -1
    second = run(gaussdb_quota, dict(enterprise_project_id='ep-1', vcpus_quota=8), capsys)
    assert second['changed'] and client.writes[-1][0] == 'update_ep_quotas'
    assert run(gaussdb_quota, dict(enterprise_project_id='ep-1', vcpus_quota=8, instance_quota=5), capsys)['changed'] \
        is False
    default = run(gaussdb_quota, dict(enterprise_project_id='0', ram_quota=64), capsys, check=True, diff=True)
    assert default['diff'] == {'before': {'instance_quota': -1, 'vcpus_quota': -1, 'ram_quota': -1},
                               'after': {'instance_quota': -1, 'vcpus_quota': -1, 'ram_quota': 64}}
    assert len(client.writes) == 2


# -- diagnosis --------------------------------------------------------------------------------------------
def test_diagnosis_lists_instances_only_for_abnormal_metrics(client, capsys):
    result = run(gaussdb_diagnosis_info, {}, capsys)
    assert result['metrics'][0]['count'] == 2 and len(result['metrics'][0]['instances']) == 2
    assert result['metrics'][1] == {'metric_name': 'mem_overrun', 'count': 0, 'instances': []}
    assert [c[0] for c in client.calls] == ['count_diagnosis_instances', 'list_diagnosis_instances']


def test_audit_log_reads_the_policy_only_when_it_is_managed(client, capsys):
    result = run(gaussdb_audit_log, dict(instance_id=IID, full_sql=True), capsys, diff=True)
    assert result['changed'] and 'show_audit_log_policy' not in [c[0] for c in client.calls]
    assert 'keep_days' not in result['audit_log']
    assert result['diff']['after'] == {'full_sql': True, 'slow_log_masking': True}
