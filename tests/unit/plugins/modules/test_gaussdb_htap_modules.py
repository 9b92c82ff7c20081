"""gaussdb_htap_instance, gaussdb_htap_instance_info, gaussdb_htap_account and gaussdb_htap_sync against the
in-process emulator: the rhythm, check mode without writes, waits, lost answers, bad input."""
import json

import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_api import OPERATIONS
from ansible_collections.clouddb.mysql.plugins.modules import (
    gaussdb_htap_account, gaussdb_htap_instance, gaussdb_htap_instance_info, gaussdb_htap_sync,
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
    return [(c[0], c[3]) for c in cloud.calls if OPERATIONS[c[0]][1] != 'GET']


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
