"""gaussdb_htap_instance, gaussdb_htap_instance_info, gaussdb_htap_account and gaussdb_htap_sync against the
in-process emulator: the rhythm, check mode without writes, waits, lost answers, bad input."""
import json

import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_api import OPERATIONS
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_htap import PRECHECK_OPERATIONS
from ansible_collections.clouddb.mysql.plugins.modules import (
    gaussdb_htap_account, gaussdb_htap_instance, gaussdb_htap_instance_info, gaussdb_htap_sync, gaussdb_htap_sync_info,
)
from gaussdb_cloud import GaussDBCloud

SR_FE = 'afef3bfd-ac7c-32e1-ba44-c388acbb196a'
CH_2XL = '6ebc6add-7462-3c27-b92b-3d79ae37a309'
SR = dict(engine='starrocks', name='shop-sr', fe_flavor='gaussdb.sr-fe.xlarge.x86.4',
          be_flavor='gaussdb.sr-be.xlarge.x86.4', be_volume_size=100, availability_zone='cn-north-4a',
          password='Htap_Root1234')
CH = dict(engine='clickhouse', name='shop-ch', flavor='gaussdb.ch.xlarge.x86.4', volume_type='ESSD', volume_size=40,
          availability_zone='cn-north-4a', password='Htap_Root1234')


@pytest.fixture
def cloud():
    return GaussDBCloud()


@pytest.fixture
def owner(cloud):
    return cloud.seed(1, nodes=1)[0]


@pytest.fixture
def seeded(cloud):
    """(GaussDB instance with a database ``shop``, its ready StarRocks instance, its ready ClickHouse instance)."""
    out = cloud.admin('POST', 'seed', dict(gaussdb_instances=1, nodes_per_instance=1, htap_starrocks_per_instance=1,
                                           htap_clickhouse_per_instance=1))
    owner = out['gaussdb_instances'][0]
    from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_database
    assert not cloud.run(gaussdb_database, dict(instance_id=owner, name='shop', character_set='utf8mb4')).failed
    cloud.calls[:] = []
    return owner, out['htap_starrocks_instances'][0], out['htap_clickhouse_instances'][0]


def writes(cloud):
    """The requests that change something: not the reads, nor the pre-checks (POSTs that only check)."""
    return [(c[0], c[3]) for c in cloud.calls if OPERATIONS[c[0]][1] != 'GET' and c[0] not in PRECHECK_OPERATIONS]


def checks(cloud):
    """The pre-checks sent, in order (operation, body)."""
    return [(c[0], c[3]) for c in cloud.calls if c[0] in PRECHECK_OPERATIONS]


def ops(cloud):
    return [w[0] for w in writes(cloud)]


def between(cloud, first, second, op):
    """How often ``op`` was called after the write ``first`` and before the write ``second``."""
    names = cloud.ops()
    start = names.index(first)
    return names[start:names.index(second, start)].count(op)


# -- gaussdb_htap_instance ---------------------------------------------------------------------------------
def test_starrocks_rhythm(cloud, owner):
    args = dict(SR, instance_id=owner)
    checked, applied, checked_again, again = cloud.rhythm(gaussdb_htap_instance, args)
    assert checked.result['changed'] and 'job_id' not in checked.result
    assert checked.result['diff']['before'] == {}
    assert checked.result['diff']['after']['be_volume_size'] == 100 and checked.result['diff']['after']['fe_count'] == 1
    assert checked.result['diff']['after']['fe_flavor'] == SR_FE   # the spec code resolved to its id
    assert applied.result['changed'] and isinstance(applied.result['job_id'], str)
    sr = applied.result['htap_instance']
    assert sr['id'].endswith('in17') and sr['status'] == 'normal' and len(sr['fe_nodes']) == 1
    assert sr['details']['data_store_type'] == 'star-rocks' and sr['details']['groups'][0]['nodes'][0]['region_code']
    assert 'Htap_Root1234' not in json.dumps(applied.result) and 'password' not in json.dumps(applied.result)
    assert not checked_again.result['changed'] and not again.result['changed'] and 'job_id' not in again.result
    assert ops(cloud) == ['create_starrocks_instance']


def test_a_no_op_run_only_reads(cloud, owner):
    cloud.run(gaussdb_htap_instance, dict(SR, instance_id=owner))
    cloud.calls[:] = []
    assert not cloud.run(gaussdb_htap_instance, dict(SR, instance_id=owner)).result['changed']
    # The list, the details, the two flavor codes compared with the instance's.
    assert cloud.ops() == ['list_starrocks_htap_instances', 'show_starrocks_instance',
                           'show_starrocks_htap_flavors', 'show_starrocks_htap_flavors']


def test_check_mode_writes_nothing(cloud, owner):
    res = cloud.run(gaussdb_htap_instance, dict(CH, instance_id=owner), check_mode=True)
    assert res.result['changed'] and writes(cloud) == [] and res.result['htap_instance']['status'] == 'creating'


def test_clickhouse_changes_wait_for_each_other_even_without_wait(cloud, owner):
    created = cloud.run(gaussdb_htap_instance, dict(CH, instance_id=owner)).result['htap_instance']
    assert created['volume_size'] == 40 and created['status'] == 'normal'
    cloud.calls[:] = []
    change = dict(instance_id=owner, engine='clickhouse', name='shop-ch', flavor='gaussdb.ch.2xlarge.x86.4',
                  volume_type='ESSD', volume_size=60)
    checked = cloud.run(gaussdb_htap_instance, change, check_mode=True, diff=True).result
    assert checked['diff']['before']['volume_size'] == 40 and checked['diff']['after']['volume_size'] == 60
    assert checked['diff']['after']['flavor'] == CH_2XL
    res = cloud.run(gaussdb_htap_instance, dict(change, wait=False)).result
    assert res['changed'] and len(res['job_id']) == 2
    assert ops(cloud) == ['resize_clickhouse_up_instance_storage', 'update_clickhouse_instance_flavor']
    # The flavor change waited for the resize (the instance takes one change at a time); nothing waited after it.
    assert between(cloud, 'resize_clickhouse_up_instance_storage', 'update_clickhouse_instance_flavor',
                   'list_starrocks_htap_instances') > 0
    assert cloud.ops()[-1] == 'update_clickhouse_instance_flavor'
    assert res['htap_instance']['volume_size'] == 60 and res['htap_instance']['flavor'] == CH_2XL
    cloud.advance()
    again = cloud.run(gaussdb_htap_instance, change).result
    assert not again['changed'] and again['htap_instance']['flavor_ref'] == 'gaussdb.ch.2xlarge.x86.4'


def test_restart_a_node_and_refuse_what_cannot_change(cloud, owner):
    sr = cloud.run(gaussdb_htap_instance, dict(SR, instance_id=owner)).result['htap_instance']
    cloud.calls[:] = []
    res = cloud.run(gaussdb_htap_instance, dict(instance_id=owner, engine='starrocks', name='shop-sr',
                                                node_id=sr['be_nodes'][0]['id'], state='restarted')).result
    assert res['changed'] and isinstance(res['job_id'], str) and res['htap_instance']['status'] == 'normal'
    assert ops(cloud) == ['restart_starrocks_node']
    cloud.calls[:] = []
    res = cloud.run(gaussdb_htap_instance, dict(SR, instance_id=owner, be_flavor='gaussdb.sr-be.2xlarge.x86.4'))
    assert res.failed and 'be_flavor' in res.result['msg'] and writes(cloud) == []
    assert cloud.run(gaussdb_htap_instance, dict(CH, instance_id=owner, volume_size=60)).result['changed']
    cloud.calls[:] = []
    res = cloud.run(gaussdb_htap_instance, dict(CH, instance_id=owner, volume_size=50))
    assert res.failed and 'volume_size cannot shrink from 60 to 50 GB' in res.result['msg'] and writes(cloud) == []


def test_creation_waits_no_longer_than_wait_timeout(cloud, owner):
    res = cloud.run(gaussdb_htap_instance, dict(SR, instance_id=owner, wait_timeout=60))
    assert res.failed and res.result['error_code'] == 'WaitTimeout' and isinstance(res.result['job_id'], str)


def test_delete_once_and_a_lost_delete_answer_is_gone(cloud, owner):
    for args in (dict(SR, instance_id=owner), dict(CH, instance_id=owner)):
        cloud.run(gaussdb_htap_instance, args)
    cloud.calls[:] = []
    sr_args = dict(instance_id=owner, engine='starrocks', name='shop-sr', state='absent')
    checked = cloud.run(gaussdb_htap_instance, sr_args, check_mode=True, diff=True).result
    assert checked['changed'] and checked['diff']['after'] == {} and writes(cloud) == []
    res = cloud.run(gaussdb_htap_instance, sr_args).result
    assert res['changed'] and res['htap_instance'] == {} and ops(cloud) == ['delete_starrocks_instance']
    assert not cloud.run(gaussdb_htap_instance, sr_args).result['changed']
    # The DELETE ran but its answer was lost: sent again, it finds the instance gone (404 DBS.200002).
    path = '/v3/{project_id}/instances/{instance_id}/clickhouse/{clickhouse_instance_id}'
    cloud.configure(drop_responses=[{'method': 'DELETE', 'path': path, 'count': 1}])
    res = cloud.run(gaussdb_htap_instance, dict(instance_id=owner, engine='clickhouse', name='shop-ch', state='absent'))
    assert not res.failed, res.result
    assert res.result['changed'] and cloud.stats()['by_route']['DELETE ' + path] == 2
    assert cloud.run(gaussdb_htap_instance_info, dict(instance_id=owner)).result['htap_instances'] == []


@pytest.mark.parametrize('args, messages', [
    (dict(engine='clickhouse', name='9-bad-name', fe_count=3, password='short', volume_size=10),
     ['HTAP instance name', 'fe_count is not used by engine clickhouse', 'password must be 8 to 32',
      'volume_size must be 50 to 32000']),
    (dict(engine='starrocks', name='shop-sr', ha_mode='Ha', node_id='n'),
     ['ha_mode of starrocks', 'node_id is only used with state restarted']),
])
def test_bad_input_is_refused_before_any_request(cloud, args, messages):
    res = cloud.run(gaussdb_htap_instance, dict(args, instance_name='shop-db'))
    assert res.failed and res.result['msg'].startswith('Invalid input: ')
    assert all(m in res.result['msg'] for m in messages) and 'short' not in res.result['msg']
    assert cloud.calls == []


def test_missing_creation_options_fail_before_any_write(cloud, owner):
    res = cloud.run(gaussdb_htap_instance, dict(instance_id=owner, engine='clickhouse', name='shop-ch'))
    assert res.failed and writes(cloud) == []
    assert res.result['msg'] == "creating HTAP instance 'shop-ch' needs password, availability_zone, flavor, volume_size"


# -- gaussdb_htap_instance_info --------------------------------------------------------------------------------
def test_info_lists_both_engines_and_the_catalogue(cloud, seeded):
    owner, sr_id, ch_id = seeded
    res = cloud.run(gaussdb_htap_instance_info, dict(instance_id=owner, details=True), check_mode=True).result
    assert not res['changed'] and res['instance_id'] == owner
    assert sorted(i['engine_name'] for i in res['htap_instances']) == ['click-house', 'star-rocks']
    assert all(i['details']['id'] == i['id'] for i in res['htap_instances'])
    offer = cloud.run(gaussdb_htap_instance_info, dict(engine='starrocks', resources=True)).result
    assert offer['datastores'][0]['name'] == '3.1' and offer['htap_instances'] == []
    assert 'gaussdb.sr-be.xlarge.x86.4' in [f['spec_code'] for f in offer['flavors']] and offer['storage_types']
    cloud.calls[:] = []
    bad = cloud.run(gaussdb_htap_instance_info, dict(resources=True))
    assert bad.failed and bad.result['msg'] == 'Invalid input: resources=true needs engine' and cloud.calls == []


# -- gaussdb_htap_account -------------------------------------------------------------------------------------
def test_account_rhythm_and_the_password_in_diff(cloud, seeded):
    owner, sr_id, ch_id = seeded
    args = dict(htap_instance_id=sr_id, engine='starrocks', name='report_reader', password='Report_1234',
                databases=['default'], dml=1)
    checked, applied, checked_again, again = cloud.rhythm(gaussdb_htap_account, args)
    assert checked.result['diff']['before'] == {} and checked.result['diff']['after']['password'] == '********'
    assert applied.result['account'] == {'user_name': 'report_reader', 'databases': ['default'], 'dml': 1, 'ddl': 0}
    assert not checked_again.result['changed'] and not again.result['changed']
    assert 'diff' not in again.result or 'password' not in again.result['diff']['after']
    assert ops(cloud) == ['create_starrocks_database_account']
    cloud.calls[:] = []
    changed = cloud.run(gaussdb_htap_account, dict(args, databases=['*'], dml=3, ddl=1, password='Report_5678',
                                                   update_password='always'), diff=True).result
    assert changed['changed'] and changed['account'] == {'user_name': 'report_reader', 'databases': ['*'], 'dml': 3,
                                                         'ddl': 1}
    assert changed['diff']['after']['password'] == '********' and 'password' not in changed['diff']['before']
    assert 'Report_5678' not in json.dumps(changed) and 'Report_1234' not in json.dumps(applied.result)
    assert ops(cloud) == ['update_starrocks_account_privileges', 'update_starrocks_account_password']
    assert writes(cloud)[0][1] == dict(user_name='report_reader', databases=['*'], dml=3, ddl=1)


def test_clickhouse_account_by_name_and_delete(cloud, seeded):
    owner, sr_id, ch_id = seeded
    args = dict(instance_id=owner, htap_instance_name='htap-ch-001', engine='clickhouse', name='bi_user',
                password='Bi_user1234', databases=['default'])
    created = cloud.run(gaussdb_htap_account, args).result
    assert created['changed'] and created['htap_instance_id'] == ch_id and created['account']['dml'] == 2
    readonly = cloud.run(gaussdb_htap_account, dict(args, dml=1)).result
    assert readonly['changed'] and readonly['account']['dml'] == 1
    cloud.calls[:] = []
    # The DELETE ran but its answer was lost: sent again, it finds no account (DBS.200824): deleted.
    path = '/v3/{project_id}/instances/{instance_id}/clickhouse/users/{user_name}'
    cloud.configure(drop_responses=[{'method': 'DELETE', 'path': path, 'count': 1}])
    gone = cloud.run(gaussdb_htap_account, dict(args, state='absent'))
    assert not gone.failed, gone.result
    assert gone.result['changed'] and gone.result['account'] == {} and cloud.stats()['by_route']['DELETE ' + path] == 2
    assert not cloud.run(gaussdb_htap_account, dict(args, state='absent')).result['changed']


def test_bad_account_input_is_refused_before_any_request(cloud):
    res = cloud.run(gaussdb_htap_account, dict(htap_instance_id='x' * 32 + 'in17', engine='clickhouse', name='Bad-Name',
                                               password='badpassword', dml=3, ddl=1))
    msg = res.result['msg']
    assert res.failed and msg.startswith('Invalid input: ') and 'account name' in msg
    assert 'password must contain at least three' in msg and 'dml of clickhouse must be 1 to 2' in msg
    assert 'ddl is not used by engine clickhouse' in msg and 'badpassword' not in msg
    res = cloud.run(gaussdb_htap_account, dict(htap_instance_name='x', engine='starrocks', name='abc'))
    assert res.failed and 'htap_instance_name needs instance_id or instance_name' in res.result['msg']
    assert cloud.calls == []


# -- gaussdb_htap_sync -------------------------------------------------------------------------------------------
def test_starrocks_sync_rhythm_pause_resume_delete(cloud, seeded):
    owner, sr_id, ch_id = seeded
    args = dict(instance_id=owner, engine='starrocks', htap_instance_name='htap-sr-001', task_name='shop_task',
                source_database='shop', target_database='shop_sr')
    checked, applied, checked_again, again = cloud.rhythm(gaussdb_htap_sync, args)
    assert checked.result['diff']['after'] == {'task_name': 'shop_task', 'source_database': 'shop',
                                               'target_database': 'shop_sr', 'paused': False}
    assert 'job_id' not in checked.result and isinstance(applied.result['job_id'], str)
    assert applied.result['htap_instance_id'] == sr_id and applied.result['instance_id'] == owner
    assert applied.result['sync']['stage'] == 'incremental'   # the job was waited for
    assert not checked_again.result['changed'] and not again.result['changed']
    paused = cloud.run(gaussdb_htap_sync, dict(args, state='paused')).result
    assert paused['changed'] and paused['sync']['stage'] == 'paused'
    assert not cloud.run(gaussdb_htap_sync, dict(args, state='paused')).result['changed']
    resumed = cloud.run(gaussdb_htap_sync, args).result
    assert resumed['changed'] and resumed['sync']['stage'] == 'incremental'
    cloud.calls[:] = []
    # The DELETE ran but its answer was lost: sent again, it finds no task (404 DBS.290013): deleted.
    path = '/v3/{project_id}/instances/{instance_id}/starrocks/databases/replication'
    cloud.configure(drop_responses=[{'method': 'DELETE', 'path': path, 'count': 1}])
    gone = cloud.run(gaussdb_htap_sync, dict(args, state='absent'))
    assert not gone.failed, gone.result
    assert gone.result['changed'] and gone.result['sync'] == {}
    assert not cloud.run(gaussdb_htap_sync, dict(args, state='absent')).result['changed']


def test_a_new_task_created_paused_waits_for_the_creation_only(cloud, seeded):
    owner, sr_id, ch_id = seeded
    res = cloud.run(gaussdb_htap_sync, dict(instance_id=owner, engine='starrocks', htap_instance_id=sr_id,
                                            task_name='shop_task', source_database='shop', state='paused',
                                            wait=False)).result
    create_job, pause_job = res['job_id']
    jobs_read = [c[2]['id'] for c in cloud.calls if c[0] == 'show_job']
    assert ops(cloud) == ['create_starrocks_data_synchronization', 'pause_starrocks_data_synchronization']
    assert set(jobs_read) == {create_job} and between(cloud, 'create_starrocks_data_synchronization',
                                                      'pause_starrocks_data_synchronization', 'show_job') > 0
    assert res['sync']['stage'] == 'paused' and res['sync']['target_database'] == 'shop'


def test_clickhouse_sync_and_errors(cloud, seeded):
    owner, sr_id, ch_id = seeded
    args = dict(instance_id=owner, engine='clickhouse', htap_instance_name='htap-ch-001', source_database='shop')
    created = cloud.run(gaussdb_htap_sync, args).result
    assert created['changed'] and created['sync']['target_database'] == 'shop'
    assert not cloud.run(gaussdb_htap_sync, args).result['changed']
    cloud.calls[:] = []
    paused = cloud.run(gaussdb_htap_sync, dict(args, state='paused'))
    assert paused.failed and 'cannot be paused' in paused.result['msg'] and cloud.calls == []
    missing = cloud.run(gaussdb_htap_sync, dict(args, engine='starrocks', htap_instance_name='htap-sr-001',
                                                task_name='missing_task',
                                                source_database='missing', target_database='missing_sr'))
    assert missing.failed and missing.result['error_code'] == 'DBS.200823'
    gone = cloud.run(gaussdb_htap_sync, dict(args, state='absent')).result
    assert gone['changed'] and ops(cloud)[-1] == 'delete_clickhouse_data_synchronization'


def test_an_unknown_htap_instance_id_is_the_apis_not_found(cloud, owner):
    res = cloud.run(gaussdb_htap_sync, dict(instance_id=owner, engine='starrocks', htap_instance_id='0' * 32 + 'in17',
                                            task_name='shop_task', source_database='shop'))
    assert res.failed and (res.result['status'], res.result['error_code']) == (404, 'DBS.200002')
    res = cloud.run(gaussdb_htap_sync, dict(instance_id=owner, engine='starrocks', htap_instance_name='nope',
                                            task_name='shop_task', source_database='shop'))
    assert res.failed and "'nope' does not exist" in res.result['msg']


# -- pre-checks of a creation (4.15.8, 4.15.16, 4.16.9) -----------------------------------------------------------
def test_a_starrocks_creation_is_resource_checked_in_check_mode_and_before_the_create(cloud, owner):
    args = dict(SR, instance_id=owner)
    checked = cloud.run(gaussdb_htap_instance, args, check_mode=True)
    assert checked.result['changed'] and writes(cloud) == []
    subnet = cloud.ctx.state['gaussdb'].instances[owner].subnet_id
    assert checks(cloud) == [('resource_starrocks_check', {'action': 'createInstance', 'resource': {
        'enterprise_project_id': '0', 'instance_num': 1, 'mode': 'Single', 'availability_zone_mode': 'single',
        'fe_node_num': 1, 'be_node_num': 1, 'fe_flavor_ref': 'gaussdb.sr-fe.xlarge.x86.4',
        'be_flavor_ref': 'gaussdb.sr-be.xlarge.x86.4', 'availability_zone': 'cn-north-4a', 'subnet_id': subnet}})]
    cloud.calls[:] = []
    # A flavor given by id is checked with its spec code.
    assert cloud.run(gaussdb_htap_instance, dict(args, fe_flavor=SR_FE)).result['changed']
    assert [c[0] for c in cloud.calls if c[0] in ('resource_starrocks_check', 'create_starrocks_instance')] == [
        'resource_starrocks_check', 'create_starrocks_instance']
    assert checks(cloud)[0][1]['resource']['fe_flavor_ref'] == 'gaussdb.sr-fe.xlarge.x86.4'
    cloud.calls[:] = []
    assert not cloud.run(gaussdb_htap_instance, args).result['changed'] and checks(cloud) == []


def test_a_starrocks_creation_over_the_limit_fails_in_check_mode_with_the_reason(cloud):
    """4.15.12 allows 10 HTAP instances per GaussDB instance: 4.15.8 answers result false."""
    full = cloud.admin('POST', 'seed', dict(gaussdb_instances=1, nodes_per_instance=1, htap_starrocks_per_instance=10))
    owner = full['gaussdb_instances'][0]
    for check_mode in (True, False):
        res = cloud.run(gaussdb_htap_instance, dict(SR, instance_id=owner), check_mode=check_mode)
        assert res.failed and res.result['error_code'] == 'PreCheckFailed'
        assert 'StarRocks resource check (4.15.8) did not pass' in res.result['msg']
        assert 'has 10 HTAP instances' in res.result['msg'] and 'job_id' not in res.result
    assert writes(cloud) == [] and [c[0] for c in checks(cloud)] == ['resource_starrocks_check'] * 2
    # ClickHouse has no resource check in the reference: its creation is refused by the create itself.
    res = cloud.run(gaussdb_htap_instance, dict(CH, instance_id=owner))
    assert res.failed and res.result['error_code'] == 'DBS.280001' and checks(cloud)[-1][0] == 'resource_starrocks_check'


def test_a_starrocks_sync_is_checked_before_it_is_created(cloud, seeded):
    owner, sr_id, ch_id = seeded
    args = dict(instance_id=owner, engine='starrocks', htap_instance_id=sr_id, task_name='shop_task',
                source_database='shop', target_database='shop_sr')
    checked = cloud.run(gaussdb_htap_sync, args, check_mode=True)
    assert checked.result['changed'] and writes(cloud) == []
    assert checks(cloud) == [('check_starrocks_htap_sync_database_configuration', {
        'source_instance_id': owner, 'source_database_name': 'shop', 'target_database_name': 'shop_sr',
        'task_name': 'shop_task'})]
    # A database that does not exist, a target database StarRocks has: the check's errors, in check mode too.
    for changes, code in ((dict(source_database='nope_db'), 'DBS.200823'),
                          (dict(target_database='default', task_name='other_task'), 'DBS.05000079')):
        cloud.calls[:] = []
        for check_mode in (True, False):
            res = cloud.run(gaussdb_htap_sync, dict(args, **changes), check_mode=check_mode)
            assert res.failed and res.result['error_code'] == code and writes(cloud) == []
    cloud.calls[:] = []
    assert cloud.run(gaussdb_htap_sync, args).result['changed']
    assert [c[0] for c in cloud.calls if c[0].startswith(('check_', 'create_'))] == [
        'check_starrocks_htap_sync_database_configuration', 'create_starrocks_data_synchronization']
    cloud.calls[:] = []
    assert not cloud.run(gaussdb_htap_sync, args).result['changed'] and checks(cloud) == []


# -- ClickHouse table range (4.16.9, 4.16.10, 4.16.12, 4.16.26, 4.16.27) ------------------------------------------
def ch_sync(owner, **changes):
    return dict(dict(instance_id=owner, engine='clickhouse', htap_instance_name='htap-ch-001', source_database='shop'),
                **changes)


def ch_record(cloud, owner, ch_id):
    return cloud.ctx.state['gaussdb'].instances[owner].ext['htap'][ch_id].syncs['shop']


def test_clickhouse_sync_with_a_table_range_rhythm(cloud, seeded):
    owner, sr_id, ch_id = seeded
    args = ch_sync(owner, tables=['t2'])
    checked, applied, checked_again, again = cloud.rhythm(gaussdb_htap_sync, args)
    assert checked.result['diff']['after'] == {'source_database': 'shop', 'target_database': 'shop', 'paused': False,
                                               'table_list_type': 'black_list', 'tables': ['t2'],
                                               'table_change_pending': False}
    # The database check carried the range; the run created the sync, then set its range.
    assert checks(cloud) == [('check_clickhouse_sync_database_configuration', {
        'source_instance_id': owner, 'source_database_name': 'shop', 'db_configs': [],
        'table_repl_config': {'repl_type': 'black_list', 'tables': ['t2']}})] * 2
    assert ops(cloud) == ['create_clickhouse_data_synchronization', 'update_clickhouse_data_synchronization']
    assert writes(cloud)[1][1] == {'source_instance_id': owner, 'source_node_id': '', 'database': 'shop',
                                   'value': '[{"black_list": "t2"}]'}
    config = applied.result['sync']['configuration']
    assert config['table_repl_config'] == {'repl_type': 'black_list', 'tables': ['t2']} and not config['is_tables_change']
    assert len(applied.result['job_id']) == 2
    assert not checked_again.result['changed'] and not again.result['changed'] and 'job_id' not in again.result


def test_clickhouse_range_change_is_checked_compared_and_waited_for(cloud, seeded):
    owner, sr_id, ch_id = seeded
    assert cloud.run(gaussdb_htap_sync, ch_sync(owner)).result['changed']
    cloud.calls[:] = []
    args = ch_sync(owner, tables=['t3', 't1', 't1'])
    checked = cloud.run(gaussdb_htap_sync, args, check_mode=True, diff=True).result
    assert checked['diff']['before']['tables'] == [] and checked['diff']['after']['tables'] == ['t1', 't3']
    assert writes(cloud) == []
    [(operation, body)] = checks(cloud)
    assert operation == 'check_clickhouse_sync_table_configuration'
    assert body['table_repl_config'] == {'repl_type': 'black_list', 'tables': ['t1', 't3']}
    assert body['tables_configs'] == [] and {c['param_name'] for c in body['db_configs']} >= {'max_sync_threads'}
    cloud.calls[:] = []
    res = cloud.run(gaussdb_htap_sync, args).result
    assert res['changed'] and ops(cloud) == ['update_clickhouse_data_synchronization']
    assert isinstance(res['job_id'], str) and res['job_id'] in [c[2]['id'] for c in cloud.calls if c[0] == 'show_job']
    assert res['sync']['configuration']['table_repl_config']['tables'] == ['t1', 't3']
    assert ch_record(cloud, owner, ch_id)['table_repl_config']['tables'] == ['t1', 't3']
    cloud.calls[:] = []
    assert not cloud.run(gaussdb_htap_sync, ch_sync(owner, tables=['t1', 't3'])).result['changed']
    assert writes(cloud) == [] and checks(cloud) == []
    # Without the option the range is neither read nor changed.
    cloud.calls[:] = []
    assert not cloud.run(gaussdb_htap_sync, ch_sync(owner)).result['changed']
    assert 'show_clickhouse_data_synchronization_configuration' not in cloud.ops()


def test_a_range_naming_a_missing_table_fails_in_check_mode_and_before_the_change(cloud, seeded):
    owner, sr_id, ch_id = seeded
    cloud.run(gaussdb_htap_sync, ch_sync(owner))
    cloud.calls[:] = []
    for check_mode in (True, False):
        res = cloud.run(gaussdb_htap_sync, ch_sync(owner, tables=['t1', 'nope']), check_mode=check_mode)
        assert res.failed and res.result['error_code'] == 'DBS.05000048' and 'nope' in res.result['msg']
    assert writes(cloud) == [] and [c[0] for c in checks(cloud)] == ['check_clickhouse_sync_table_configuration'] * 2
    # A new synchronization: the database check refuses the range before anything is created.
    cloud.run(gaussdb_htap_sync, ch_sync(owner, state='absent'))
    cloud.calls[:] = []
    res = cloud.run(gaussdb_htap_sync, ch_sync(owner, tables=['nope']))
    assert res.failed and res.result['error_code'] == 'DBS.05000048' and writes(cloud) == []


def test_a_failed_range_change_is_surfaced_with_its_job(cloud, seeded):
    owner, sr_id, ch_id = seeded
    cloud.run(gaussdb_htap_sync, ch_sync(owner))
    cloud.configure(fail_jobs=[{'name': 'ModifyClickHouseDataReplication', 'count': 1}])
    res = cloud.run(gaussdb_htap_sync, ch_sync(owner, tables=['t1']))
    assert res.failed and res.result['error_code'] == 'JobFailed' and isinstance(res.result['job_id'], str)
    assert cloud.run(gaussdb_htap_sync, ch_sync(owner, tables=['t1'])).result['changed']   # the range stayed


def test_cancel_a_running_range_change(cloud, seeded):
    owner, sr_id, ch_id = seeded
    cloud.run(gaussdb_htap_sync, ch_sync(owner))
    started = cloud.run(gaussdb_htap_sync, ch_sync(owner, tables=['t2'], wait=False), diff=True).result
    assert started['changed'] and started['diff']['after']['table_change_pending'] is True
    assert started['sync']['configuration']['new_table_repl_config'] == {'repl_type': 'black_list', 'tables': ['t2']}
    # The change still runs: the same range again changes nothing (it counts as the range), another one does.
    assert not cloud.run(gaussdb_htap_sync, ch_sync(owner, tables=['t2'], wait=False)).result['changed']
    cloud.calls[:] = []
    args = ch_sync(owner, cancel_table_change=True)
    checked = cloud.run(gaussdb_htap_sync, args, check_mode=True, diff=True).result
    assert checked['changed'] and checked['diff']['before']['table_change_pending'] is True
    assert checked['diff']['after']['tables'] == [] and checked['diff']['after']['table_change_pending'] is False
    assert writes(cloud) == []
    res = cloud.run(gaussdb_htap_sync, args).result
    assert res['changed'] and writes(cloud) == [('stop_clickhouse_modifying_data_synchronization', None)]
    assert [c[2] for c in cloud.calls if c[0] == 'stop_clickhouse_modifying_data_synchronization'] == [
        {'database': 'shop'}]
    assert res['sync']['configuration']['is_tables_change'] is False
    cloud.advance()
    again = cloud.run(gaussdb_htap_sync, args).result
    assert not again['changed'] and again['sync']['configuration']['table_repl_config']['tables'] == []


def test_a_white_list_keeps_its_type_and_needs_tables(cloud, seeded):
    owner, sr_id, ch_id = seeded
    cloud.run(gaussdb_htap_sync, ch_sync(owner))
    ch_record(cloud, owner, ch_id)['table_repl_config'] = {'repl_type': 'white_list', 'tables': ['t1']}
    cloud.calls[:] = []
    res = cloud.run(gaussdb_htap_sync, ch_sync(owner, tables=['t1', 't2']), diff=True).result
    assert res['changed'] and res['diff']['after']['table_list_type'] == 'white_list'
    assert writes(cloud)[0][1]['value'] == '[{"white_list": "t1,t2"}]'
    cloud.calls[:] = []
    res = cloud.run(gaussdb_htap_sync, ch_sync(owner, tables=[]))
    assert res.failed and 'needs at least one table' in res.result['msg'] and writes(cloud) == checks(cloud) == []


@pytest.mark.parametrize('args, message', [
    (dict(engine='starrocks', task_name='t_1', tables=['t1']), 'tables is only used by engine clickhouse'),
    (dict(engine='starrocks', task_name='t_1', cancel_table_change=True), 'cancel_table_change is only used'),
    (dict(tables=['a,b', '']), 'must not be empty or contain ","'),
    (dict(tables=['t1'], state='absent'), 'not used with state=absent'),
    (dict(tables=['t1'], cancel_table_change=True), 'mutually exclusive'),
])
def test_bad_range_input_is_refused_before_any_request(cloud, args, message):
    res = cloud.run(gaussdb_htap_sync, dict(dict(instance_id='x' * 32 + 'in07', engine='clickhouse',
                                                 htap_instance_id='y' * 32 + 'in16', source_database='shop'), **args))
    assert res.failed and message in res.result['msg'] and cloud.calls == []


# -- gaussdb_htap_sync_info ----------------------------------------------------------------------------------------
def test_sync_info_reads_only_what_is_asked(cloud, seeded):
    owner, sr_id, ch_id = seeded
    cloud.run(gaussdb_htap_sync, dict(instance_id=owner, engine='starrocks', htap_instance_id=sr_id,
                                      task_name='shop_task', source_database='shop', target_database='shop_sr'))
    cloud.run(gaussdb_htap_sync, ch_sync(owner, tables=['t3']))
    cloud.calls[:] = []
    plain = cloud.run(gaussdb_htap_sync_info, dict(engine='starrocks', htap_instance_id=sr_id)).result
    assert not plain['changed'] and [s['task_name'] for s in plain['syncs']] == ['shop_task']
    assert 'configuration' not in plain['syncs'][0] and 'databases' not in plain and 'db_parameters' not in plain
    assert cloud.ops() == ['show_starrocks_data_synchronization_status']
    cloud.calls[:] = []
    full = cloud.run(gaussdb_htap_sync_info, dict(engine='starrocks', htap_instance_id=sr_id, task_name='shop_task',
                                                  configuration=True, databases=True, parameters=True),
                     check_mode=True).result
    config = full['syncs'][0]['configuration']
    assert config['target_database_name'] == 'shop_sr' and config['database_info']['database_name'] == 'shop'
    assert 'shop_sr' in full['databases'] and 'sync_commit_interval_ms' in [p['param_name'] for p in full['db_parameters']]
    assert [c[2] for c in cloud.calls if c[0] == 'show_starrocks_data_synchronization_configuration'] == [
        {'task_name': 'shop_task'}]
    ch = cloud.run(gaussdb_htap_sync_info, dict(engine='clickhouse', instance_id=owner, htap_instance_name='htap-ch-001',
                                                source_database='shop', configuration=True, databases=True,
                                                parameters=True)).result
    assert ch['htap_instance_id'] == ch_id and ch['syncs'][0]['configuration']['table_repl_config']['tables'] == ['t3']
    assert 'shop' in ch['databases'] and 'max_flush_data_time' in [p['param_name'] for p in ch['db_parameters']]
    none = cloud.run(gaussdb_htap_sync_info, dict(engine='clickhouse', htap_instance_id=ch_id, source_database='other',
                                                  configuration=True)).result
    assert none['syncs'] == []
    cloud.calls[:] = []
    bad = cloud.run(gaussdb_htap_sync_info, dict(engine='clickhouse', htap_instance_id=ch_id, task_name='x'))
    assert bad.failed and 'task_name is not used by engine clickhouse' in bad.result['msg'] and cloud.calls == []


def test_sync_info_pages_the_databases(cloud, seeded):
    owner, sr_id, ch_id = seeded
    cloud.ctx.state['gaussdb'].instances[owner].ext['htap'][sr_id].databases.extend('db_%03d' % n for n in range(150))
    res = cloud.run(gaussdb_htap_sync_info, dict(engine='starrocks', htap_instance_id=sr_id, databases=True)).result
    assert len(res['databases']) == 154 and cloud.ops().count('list_starrocks_databases') == 2
