"""cds_parameters, cds_parameters_info and cds_catalog_info against the in-process emulator."""
import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils.cds_parameters import check_param, param_key
from ansible_collections.clouddb.mysql.plugins.modules import cds_catalog_info, cds_parameters, cds_parameters_info
from cds_module_harness import rhythm, run_module


def test_parameters_rhythm_normalises_values(cloud, uuid):
    args = dict(instance_id=uuid, parameters={'max_connections': 3000, 'slow_query_log': False,
                                              'transaction_isolation': 'repeatable-read'})
    results = rhythm(cds_parameters, args, cloud)
    assert [r.result['changed'] for r in results] == [True, True, False, False]
    assert results[1].result['parameters'] == {'max_connections': '3000', 'slow_query_log': 'OFF',
                                               'transaction_isolation': 'REPEATABLE-READ'}
    assert cloud.writes() == ['ModifyDBParameter']
    sent = [p for a, p in cloud.calls if a == 'ModifyDBParameter'][0]['Parameters']
    assert {'Name': 'slow_query_log', 'Value': 'OFF'} in sent
    assert results[1].result['changed_parameters']['max_connections'] == {'before': '2000', 'after': '3000'}


@pytest.mark.parametrize('parameters, message', [
    ({'no_such': 1}, 'unknown parameter'),
    ({'innodb_buffer_pool_size': 1073741824}, 'cannot be modified'),
    ({'max_connections': 5}, 'integer in [10-100000]'),
    ({'slow_query_log': 'maybe'}, 'one of ON, OFF'),
    ({'character_set_server': 'latin1'}, 'allow_restart'),
])
def test_bad_parameters_are_refused_before_any_write(cloud, uuid, parameters, message):
    res = run_module(cds_parameters, dict(instance_id=uuid, parameters=parameters), cloud)
    assert res.failed and message in res.result['msg'], res.result
    assert cloud.writes() == []


def test_restart_parameter_with_allow_restart(cloud, uuid):
    res = run_module(cds_parameters, dict(instance_id=uuid, parameters={'character_set_server': 'latin1'},
                                          allow_restart=True), cloud)
    assert res.result['changed'] and res.result['restart'] and res.result['parameters'] == {'character_set_server': 'latin1'}


def test_info_and_history(cloud, uuid):
    run_module(cds_parameters, dict(instance_id=uuid, parameters={'wait_timeout': 600}), cloud)
    res = run_module(cds_parameters_info, dict(instance_id=uuid, names=['wait_timeout'], history=True), cloud)
    param = res.result['parameters'][0]
    assert param['current_value'] == '600' and param['is_modify'] is True and param['is_restart'] is False
    assert res.result['history'][0]['new_parameter_value'] == '600'
    before = len(cloud.calls)
    bad = run_module(cds_parameters_info, dict(instance_id=uuid, history=True, history_start='last week'), cloud)
    assert bad.failed and len(cloud.calls) == before


def test_catalog_info(cloud, uuid):
    res = run_module(cds_catalog_info, dict(instance_id=uuid, privileges=True), cloud)
    assert any(r['region_id'] == 'CN_Beijing_A' for r in res.result['regions'])
    spec = [s for s in res.result['specs'] if (s['version'], s['architecture_type'], s['cpu'], s['ram']) == ('8.0', 1, 2, 4)]
    assert len(spec) == 1 and isinstance(spec[0]['spec_id'], int)
    assert {d['disk_value'] for d in res.result['disks']} == {'ssd_disk', 'high_disk'}
    assert res.result['modifiable_specs']['cpu_ram'] and res.result['readonly_specs']['compute_roles']
    assert 'SELECT' in res.result['privileges']['ReadOnly']


def test_parameter_value_rules():
    assert param_key('ON') == param_key('on') == param_key(True)
    assert param_key('0100') == param_key(100)
    assert check_param({'Name': 'x', 'CheckingCode': '[10-84]'}, 85)
    assert check_param({'Name': 'x', 'CheckingCode': '[10-84]'}, '84') is None
    assert check_param({'Name': 'x', 'CheckingCode': ''}, 'anything') is None


def test_no_op_and_check_mode(cloud, uuid):
    del cloud.calls[:]
    res = run_module(cds_parameters, dict(instance_id=uuid, parameters={'max_connections': '2000'}), cloud)
    assert res.result['changed'] is False and cloud.actions() == ['DescribeDBInstances', 'DescribeDBParameter']
    res = run_module(cds_parameters, dict(instance_id=uuid, parameters={'max_connections': 3000}), cloud, check_mode=True,
                     diff=True)
    assert res.result['changed'] and cloud.writes() == []
    assert res.result['diff'] == {'before': {'max_connections': '2000'}, 'after': {'max_connections': '3000'}}
    assert res.result['changed_parameters'] == {'max_connections': {'before': '2000', 'after': '3000'}}


def test_a_value_that_is_not_plain_is_refused_before_any_request(cloud, uuid):
    res = run_module(cds_parameters, dict(instance_id=uuid, parameters={'max_connections': [1]}), cloud)
    assert res.failed and res.result['msg'] == 'Invalid input: max_connections needs a plain value' and cloud.calls == []
