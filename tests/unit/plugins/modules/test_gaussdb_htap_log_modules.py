"""gaussdb_htap_log_info and gaussdb_htap_log_config against the in-process emulator: targets, paging,
check -> apply -> check -> apply, bad input."""
import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_api import OPERATIONS
from ansible_collections.clouddb.mysql.plugins.modules import (
    gaussdb_htap_instance, gaussdb_htap_log_config, gaussdb_htap_log_info,
)
from gaussdb_cloud import GaussDBCloud

GROUP = '460d8437-9dcb-47d0-8c56-5758f2042272'
STREAM = 'bad1ca5d-e347-437f-be89-f2e08ce117b8'
DAY = 86400


@pytest.fixture
def cloud():
    return GaussDBCloud()


def htap_record(cloud, owner, htap_id):
    return cloud.ctx.state['gaussdb'].instances[owner].ext['htap'][htap_id]


@pytest.fixture
def seeded(cloud):
    """(GaussDB instance, its only ClickHouse instance: two nodes, two days old, so it has slow logs)."""
    owner = cloud.seed(1, nodes=1)[0]
    res = cloud.run(gaussdb_htap_instance, dict(instance_id=owner, engine='clickhouse', name='shop-ch', ha_mode='Ha',
                                                flavor='gaussdb.ch.xlarge.x86.4', volume_size=50,
                                                availability_zone='cn-north-4a', password='Htap_Root1234'))
    assert not res.failed, res.result
    ch_id = res.result['htap_instance']['id']
    htap_record(cloud, owner, ch_id).created -= 2 * DAY
    cloud.calls[:] = []
    return owner, ch_id


def writes(cloud):
    return [(c[0], c[3]) for c in cloud.calls if OPERATIONS[c[0]][1] != 'GET']


def queries(cloud):
    """The bodies of the slow-log queries (4.16.3) the module sent."""
    return [c[3] for c in cloud.calls if c[0] == 'show_clickhouse_slow_logs']


def test_log_info_reads_everything_of_the_only_clickhouse_instance(cloud, seeded):
    owner, ch_id = seeded
    name = cloud.ctx.state['gaussdb'].instances[owner].name
    out = cloud.run(gaussdb_htap_log_info, dict(instance_name=name, limit=7), check_mode=True).result
    assert out['htap_instance_id'] == ch_id and not out['changed']
    nodes = [n['node_id'] for n in out['nodes']]
    assert nodes == [n['id'] for n in htap_record(cloud, owner, ch_id).nodes] and len(nodes) == 2
    lines = out['slow_logs']
    assert len(lines) == 7 and set(line['node_id'] for line in lines) == set(nodes)
    assert [int(line['line_num']) for line in lines] == sorted(int(line['line_num']) for line in lines)
    assert out['slow_log_masking'] is True and out['lts_configs'] == []
    assert out['start_time'].endswith('+0000') and out['end_time'].endswith('+0000')
    assert [q['node_id'] for q in queries(cloud)] == nodes   # one page per node was enough


def test_log_info_pages_by_line_number_and_filters(cloud, seeded, monkeypatch):
    monkeypatch.setattr('ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops.LINE_PAGE', 20)
    owner, ch_id = seeded
    second = htap_record(cloud, owner, ch_id).nodes[1]
    out = cloud.run(gaussdb_htap_log_info, dict(htap_instance_id=ch_id, nodes=[second['name']], limit=45,
                                                sql_type='SELECT', database='shop', gather_subset=['slow_logs'])).result
    sent = queries(cloud)
    lines = out['slow_logs']
    assert len(lines) == 45 and [q['limit'] for q in sent] == [20, 20, 5]
    assert [q.get('line_num') for q in sent] == [None, lines[19]['line_num'], lines[39]['line_num']]
    assert all(q['node_id'] == second['id'] and q['operate_type'] == 'SELECT' and q['database'] == 'shop' for q in sent)
    assert all(line['type'] == 'SELECT' and line['database'] == 'shop' for line in lines)
    assert 'slow_log_masking' not in out and 'lts_configs' not in out
    assert [c[0] for c in cloud.calls] == ['list_clickhouse_nodes_error_slow_logs'] + ['show_clickhouse_slow_logs'] * 3


def test_log_info_by_htap_name_and_unknown_node(cloud, seeded):
    owner, ch_id = seeded
    out = cloud.run(gaussdb_htap_log_info, dict(instance_id=owner, htap_instance_name='shop-ch',
                                                gather_subset=['masking'])).result
    assert out['htap_instance_id'] == ch_id and out['slow_log_masking'] is True
    failed = cloud.run(gaussdb_htap_log_info, dict(htap_instance_id=ch_id, nodes=['nope']))
    first = htap_record(cloud, owner, ch_id).nodes[0]['name']
    assert failed.failed and 'no node nope' in failed.result['msg'] and first in failed.result['msg']


def test_an_unknown_clickhouse_instance_is_the_apis_not_found(cloud):
    out = cloud.run(gaussdb_htap_log_info, dict(htap_instance_id='0' * 32 + 'in16', gather_subset=['masking']))
    assert out.failed and out.result['error_code'] == 'DBS.200002' and out.result['status'] == 404


@pytest.mark.parametrize('args', [dict(limit=0), dict(start_time='yesterday'), dict(end_time='+1d'),
                                  dict(gather_subset=['masking'], nodes=['n1']), dict(gather_subset=[]),
                                  dict(htap_instance_name='shop-ch', instance_name=None)])
def test_log_info_refuses_bad_input_before_any_request(cloud, args):
    out = cloud.run(gaussdb_htap_log_info, dict(dict(instance_name='shop-db'), **args))
    assert out.failed and out.result['msg'].startswith('Invalid input: ') and cloud.calls == []


def test_log_config_check_apply_check_apply_then_absent(cloud, seeded):
    owner, ch_id = seeded
    args = dict(htap_instance_id=ch_id, slow_log_masking=False, lts_group_id=GROUP, lts_stream_id=STREAM)
    checked = cloud.run(gaussdb_htap_log_config, args, check_mode=True, diff=True).result
    assert checked['changed'] and writes(cloud) == []
    assert checked['diff']['before'] == {'slow_log_masking': True, 'lts_config': {}}
    assert checked['diff']['after']['lts_config']['lts_stream_id'] == STREAM
    applied = cloud.run(gaussdb_htap_log_config, args, diff=True).result
    assert applied['changed'] and applied['log_config'] == checked['log_config']
    assert applied['diff'] == checked['diff']
    assert [w[0] for w in writes(cloud)] == ['update_clickhouse_slow_log_masking_status',
                                             'batch_clickhouse_create_lts_log_configurations']
    assert writes(cloud)[0][1] == {'open_slow_log_switch': 'false'}
    assert writes(cloud)[1][1]['log_configs'] == [dict(instance_id=ch_id, log_type='slow_log', lts_group_id=GROUP,
                                                       lts_stream_id=STREAM)]
    cloud.calls[:] = []
    assert cloud.run(gaussdb_htap_log_config, args, check_mode=True).result['changed'] is False
    assert cloud.run(gaussdb_htap_log_config, args).result['changed'] is False and writes(cloud) == []
    # Masking alone leaves the LTS configuration as it is.
    only = cloud.run(gaussdb_htap_log_config, dict(htap_instance_id=ch_id, slow_log_masking=True)).result
    assert only['changed'] and only['log_config']['lts_config']['lts_group_id'] == GROUP
    gone = cloud.run(gaussdb_htap_log_config, dict(htap_instance_id=ch_id, state='absent')).result
    assert gone['changed'] and gone['log_config']['lts_config'] == {}
    assert writes(cloud)[-1] == ('batch_clickhouse_remove_lts_log_configurations',
                                 {'log_configs': [{'instance_id': ch_id, 'log_type': 'slow_log'}]})
    listed = cloud.run(gaussdb_htap_log_info, dict(htap_instance_id=ch_id, gather_subset=['lts_configs'])).result
    assert listed['lts_configs'] == []
    assert cloud.run(gaussdb_htap_log_config, dict(htap_instance_id=ch_id, state='absent')).result['changed'] is False


@pytest.mark.parametrize('args', [dict(lts_group_id='g1', lts_stream_id=STREAM),
                                  dict(state='absent', lts_group_id=GROUP, lts_stream_id=STREAM)])
def test_log_config_refuses_bad_input_before_any_request(cloud, args):
    out = cloud.run(gaussdb_htap_log_config, dict(args, instance_name='shop-db'))
    assert out.failed and out.result['msg'].startswith('Invalid input: ') and cloud.calls == []


def test_log_config_needs_both_lts_ids(cloud):
    out = cloud.run(gaussdb_htap_log_config, dict(htap_instance_id='0' * 32 + 'in16', lts_group_id=GROUP))
    assert out.failed and 'lts_stream_id' in out.result['msg'] and cloud.calls == []


def test_the_gaussdb_instance_alone_needs_exactly_one_clickhouse_instance(cloud, seeded):
    owner, ch_id = seeded
    other = cloud.admin('POST', 'seed', dict(gaussdb_instances=1, nodes_per_instance=1,
                                             htap_clickhouse_per_instance=2))
    two = other['gaussdb_instances'][0]
    out = cloud.run(gaussdb_htap_log_info, dict(instance_id=two))
    assert out.failed and 'has 2 ClickHouse instances' in out.result['msg']
    assert all(i in out.result['msg'] for i in other['htap_clickhouse_instances'])
    none = cloud.seed(1, nodes=1)[0]
    cloud.calls[:] = []
    out = cloud.run(gaussdb_htap_log_config, dict(instance_id=none, slow_log_masking=True))
    assert out.failed and 'has no ClickHouse instances' in out.result['msg'] and writes(cloud) == []
