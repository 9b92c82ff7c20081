"""gaussdb_htap_log_info and gaussdb_htap_log_config with the client faked: targets, paging, check -> apply."""
import copy

import pytest

from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_htap_log_config, gaussdb_htap_log_info
from ansible_collections.clouddb.mysql.tests.unit.plugins.modules.harness import run_printed, use_gaussdb_client

OWNER = 'a23fb62bd61e4e9e9636fd2225f395bein07'
CH = 'b6280c323ce449f2ad02af74e21f3dc5in16'
MASTER = '799a0f2fa49a4151bf9f7063c1fbba36no16'
SLAVE = '799a0f2fa49a4151bf9f7063c1fbba35no16'
GROUP = '460d8437-9dcb-47d0-8c56-5758f2042272'
STREAM = 'bad1ca5d-e347-437f-be89-f2e08ce117b8'
WRITES = frozenset(('update_clickhouse_slow_log_masking_status', 'batch_clickhouse_create_lts_log_configurations',
                    'batch_clickhouse_remove_lts_log_configurations'))


class FakeClient(object):
    """One ClickHouse instance of two nodes; slow logs: one line a minute per node (the slave 30 s later)."""

    def __init__(self):
        self.masked = 'true'
        self.lts = {}
        self.calls = []

    def find_instances(self, name):
        self.calls.append(('list_instances', {'name': name}, None))
        return [{'id': OWNER, 'name': name}] if name == 'shop-db' else []

    def paginate(self, operation, key, params=None, page_size=100, **path):
        return self.call(operation, params=params, **path).get(key) or []

    @property
    def writes(self):
        return [c for c in self.calls if c[0] in WRITES]

    def call(self, operation, params=None, body=None, instance_id=None, idempotent=None, **path):
        self.calls.append((operation, copy.deepcopy(params), copy.deepcopy(body)))
        if instance_id is not None:
            assert instance_id in (OWNER, CH), instance_id
        return getattr(self, 'do_' + operation)(params or {}, body) or {}

    def do_list_starrocks_htap_instances(self, params, body):
        return {'instances': [{'id': CH, 'name': 'shop-ch', 'engine_name': 'click-house'},
                              {'id': 'x' * 32 + 'in17', 'name': 'shop-sr', 'engine_name': 'star-rocks'}]}

    def do_list_clickhouse_nodes_error_slow_logs(self, params, body):
        return {'node_list': [{'node_id': MASTER, 'node_name': 'shop-ch_node01', 'role': 'master'},
                              {'node_id': SLAVE, 'node_name': 'shop-ch_node02', 'role': 'slave'}]}

    def do_show_clickhouse_slow_logs(self, params, body):
        base = 1700000000000 + (30000 if body['node_id'] == SLAVE else 0)
        after = int(body.get('line_num') or 0)
        lines = [{'node_id': body['node_id'], 'line_num': str(base + 60000 * k), 'type': 'SELECT'} for k in range(50)]
        return {'slow_log_list': [line for line in lines if int(line['line_num']) > after][:body['limit']]}

    def do_show_clickhouse_slow_log_masking_status(self, params, body):
        return {'open_slow_log_switch': self.masked}

    def do_update_clickhouse_slow_log_masking_status(self, params, body):
        self.masked = body['open_slow_log_switch']
        return {'open_slow_log_switch': self.masked}

    def do_list_clickhouse_lts_log_configurations(self, params, body):
        return {'total_count': 1, 'instance_lts_configs': [{'instance': {'id': CH}, 'lts_configs': [
            dict(self.lts[t], log_type=t, enabled=True) for t in self.lts]}]}

    def do_batch_clickhouse_create_lts_log_configurations(self, params, body):
        for item in body['log_configs']:
            self.lts[item['log_type']] = dict(lts_group_id=item['lts_group_id'], lts_stream_id=item['lts_stream_id'])

    def do_batch_clickhouse_remove_lts_log_configurations(self, params, body):
        for item in body['log_configs']:
            self.lts.pop(item['log_type'], None)


@pytest.fixture
def client(monkeypatch):
    return use_gaussdb_client(monkeypatch, FakeClient())


def run(module, args, capsys, check=False, diff=False):
    return run_printed(module.run, args, capsys, check=check, diff=diff)


def test_log_info_reads_everything_of_the_only_clickhouse_instance(client, capsys):
    out = run(gaussdb_htap_log_info, dict(instance_name='shop-db', limit=7), capsys)
    assert out['htap_instance_id'] == CH and not out['changed']
    assert [n['node_id'] for n in out['nodes']] == [MASTER, SLAVE]
    assert [line['node_id'] for line in out['slow_logs']] == [MASTER, SLAVE] * 3 + [MASTER]
    assert out['slow_log_masking'] is True and out['lts_configs'] == []
    assert out['start_time'].endswith('+0000')


def test_log_info_pages_by_line_number_and_filters(client, capsys, monkeypatch):
    monkeypatch.setattr('ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops.LINE_PAGE', 20)
    out = run(gaussdb_htap_log_info, dict(htap_instance_id=CH, nodes=['shop-ch_node02'], limit=45, sql_type='SELECT',
                                          database='shop', gather_subset=['slow_logs']), capsys)
    queries = [c[2] for c in client.calls if c[0] == 'show_clickhouse_slow_logs']
    assert [q.get('line_num') for q in queries] == [None, str(1700000030000 + 60000 * 19),
                                                    str(1700000030000 + 60000 * 39)]
    assert [q['limit'] for q in queries] == [20, 20, 5]
    assert all(q['node_id'] == SLAVE and q['operate_type'] == 'SELECT' and q['database'] == 'shop' for q in queries)
    assert len(out['slow_logs']) == 45 and 'slow_log_masking' not in out and 'lts_configs' not in out


def test_log_info_by_htap_name_and_unknown_node(client, capsys):
    out = run(gaussdb_htap_log_info, dict(instance_id=OWNER, htap_instance_name='shop-ch',
                                          gather_subset=['masking']), capsys)
    assert out['htap_instance_id'] == CH and out['slow_log_masking'] is True
    failed = run(gaussdb_htap_log_info, dict(htap_instance_id=CH, nodes=['nope']), capsys)
    assert failed['failed'] and 'shop-ch_node01' in failed['msg']


@pytest.mark.parametrize('args', [dict(limit=0), dict(start_time='yesterday'), dict(end_time='+1d'),
                                  dict(gather_subset=['masking'], nodes=['n1']), dict(gather_subset=[])])
def test_log_info_refuses_bad_input_before_any_request(client, capsys, args):
    out = run(gaussdb_htap_log_info, dict(args, instance_name='shop-db'), capsys)
    assert out['failed'] and 'Invalid input' in out['msg'] and client.calls == []


def test_log_config_check_apply_check_apply_then_absent(client, capsys):
    args = dict(htap_instance_id=CH, slow_log_masking=False, lts_group_id=GROUP, lts_stream_id=STREAM)
    checked = run(gaussdb_htap_log_config, args, capsys, check=True, diff=True)
    assert checked['changed'] and client.writes == []
    assert checked['diff']['before'] == {'slow_log_masking': True, 'lts_config': {}}
    assert checked['diff']['after']['lts_config']['lts_stream_id'] == STREAM
    applied = run(gaussdb_htap_log_config, args, capsys)
    assert applied['changed'] and applied['log_config'] == checked['log_config']
    assert [w[0] for w in client.writes] == ['update_clickhouse_slow_log_masking_status',
                                             'batch_clickhouse_create_lts_log_configurations']
    assert client.writes[0][2] == {'open_slow_log_switch': 'false'}
    assert client.writes[1][2]['log_configs'] == [dict(instance_id=CH, log_type='slow_log', lts_group_id=GROUP,
                                                       lts_stream_id=STREAM)]
    assert run(gaussdb_htap_log_config, args, capsys, check=True)['changed'] is False
    assert run(gaussdb_htap_log_config, args, capsys)['changed'] is False and len(client.writes) == 2
    # Masking alone leaves the LTS configuration as it is.
    only = run(gaussdb_htap_log_config, dict(htap_instance_id=CH, slow_log_masking=True), capsys)
    assert only['changed'] and only['log_config']['lts_config']['lts_group_id'] == GROUP
    gone = run(gaussdb_htap_log_config, dict(htap_instance_id=CH, state='absent'), capsys)
    assert gone['changed'] and gone['log_config']['lts_config'] == {} and client.lts == {}
    assert client.writes[-1][2] == {'log_configs': [{'instance_id': CH, 'log_type': 'slow_log'}]}
    assert run(gaussdb_htap_log_config, dict(htap_instance_id=CH, state='absent'), capsys)['changed'] is False


@pytest.mark.parametrize('args', [dict(lts_group_id='g1', lts_stream_id=STREAM),
                                  dict(state='absent', lts_group_id=GROUP, lts_stream_id=STREAM)])
def test_log_config_refuses_bad_input_before_any_request(client, capsys, args):
    out = run(gaussdb_htap_log_config, dict(args, instance_name='shop-db'), capsys)
    assert out['failed'] and 'Invalid input' in out['msg'] and client.calls == []


def test_log_config_needs_both_lts_ids(client, capsys):
    out = run(gaussdb_htap_log_config, dict(htap_instance_id=CH, lts_group_id=GROUP), capsys)
    assert out['failed'] and 'lts_stream_id' in out['msg'] and client.calls == []


def test_the_gaussdb_instance_alone_needs_exactly_one_clickhouse_instance(client, capsys, monkeypatch):
    two = {'instances': [{'id': CH, 'name': 'a', 'engine_name': 'click-house'},
                         {'id': 'c' * 32 + 'in16', 'name': 'b', 'engine_name': 'click-house'}]}
    monkeypatch.setattr(client, 'do_list_starrocks_htap_instances', lambda params, body: two)
    out = run(gaussdb_htap_log_info, dict(instance_id=OWNER), capsys)
    assert out['failed'] and 'has 2 ClickHouse instances' in out['msg'] and CH in out['msg']
    monkeypatch.setattr(client, 'do_list_starrocks_htap_instances', lambda params, body: {'instances': []})
    out = run(gaussdb_htap_log_config, dict(instance_id=OWNER, slow_log_masking=True), capsys)
    assert out['failed'] and 'has no ClickHouse instances' in out['msg'] and client.writes == []
