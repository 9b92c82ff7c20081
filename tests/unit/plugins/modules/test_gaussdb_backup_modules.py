"""gaussdb_backup, gaussdb_backup_info, gaussdb_backup_policy, gaussdb_restore, gaussdb_restorable_tables_info
against the in-process emulator."""
import time

import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_api import OPERATIONS
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_protection import iso_from_ms
from ansible_collections.clouddb.mysql.plugins.modules import (
    gaussdb_backup, gaussdb_backup_info, gaussdb_backup_policy, gaussdb_database, gaussdb_restorable_tables_info,
    gaussdb_restore,
)
from gaussdb_cloud import GaussDBCloud, api_call as api, seed_named, whole_seconds

KEY = 'b82fa43f-f6e8-4ec4-9c31-231bc547c526'
OFFSITE = dict(open_auto_backup=True, destination_region='cn-north-7',
               destination_project_id='fd710c89089a448aa2e666ab15817090', keep_days=7)
POLICY_ROUTE = 'PUT /v3/{project_id}/instances/{instance_id}/backups/policy/update'


@pytest.fixture
def cloud():
    return whole_seconds(GaussDBCloud())


@pytest.fixture
def iid(cloud):
    return seed_named(cloud, 'shop-db')


def add_backup(cloud, instance_id, name, description=''):
    backup = api(cloud, 'create_backup', body=dict(instance_id=instance_id, name=name, description=description))['backup']
    cloud.advance(600)   # the backup job ends
    return backup


def auto_backup(cloud, instance_id):
    listed = api(cloud, 'list_backups', params=dict(instance_id=instance_id, backup_type='auto'))['backups']
    return listed[0]


def writes(cloud):
    """The write operations the modules sent (in order)."""
    return [op for op in cloud.ops() if OPERATIONS[op][1] != 'GET']


def run(cloud, module, args, check_mode=False, diff=False):
    return cloud.run(module, args, check_mode=check_mode, diff=diff)


# -- gaussdb_backup -------------------------------------------------------------------------------
def test_backup_check_apply_check_apply(cloud, iid):
    args = dict(instance_name='shop-db', name='nightly-1', description='before upgrade')
    check = run(cloud, gaussdb_backup, args, check_mode=True, diff=True)
    assert check.result['changed'] and writes(cloud) == []
    assert check.result['diff'] == {'before': {}, 'after': {'name': 'nightly-1', 'description': 'before upgrade'}}
    applied = run(cloud, gaussdb_backup, args)
    assert applied.result['changed'] and isinstance(applied.result['job_id'], str)
    assert applied.result['job_id'] in [c[2]['id'] for c in cloud.calls if c[0] == 'show_job']
    assert applied.result['backup']['status'] == 'COMPLETED' and writes(cloud) == ['create_backup']
    assert [c for c in cloud.calls if c[0] == 'create_backup'][0][4] is not None, 'a create carries recover='
    for check_mode in (True, False):
        again = run(cloud, gaussdb_backup, args, check_mode=check_mode)
        assert not again.result['changed'] and writes(cloud) == ['create_backup']


def test_backup_by_id_costs_one_read_and_a_new_description_only_warns(cloud, iid):
    add_backup(cloud, iid, 'nightly-1', description='old')
    result = run(cloud, gaussdb_backup, dict(instance_id=iid, name='nightly-1', description='new'))
    assert not result.result['changed'] and 'cannot change' in result.result['warnings'][0]
    assert cloud.ops() == ['list_backups']


def test_backup_delete_and_automated_backups_are_refused(cloud, iid):
    add_backup(cloud, iid, 'nightly-1')
    auto = auto_backup(cloud, iid)['name']
    assert run(cloud, gaussdb_backup, dict(instance_id=iid, name='nightly-1', state='absent'),
               check_mode=True).result['changed'] and writes(cloud) == []
    deleted = run(cloud, gaussdb_backup, dict(instance_id=iid, name='nightly-1', state='absent'))
    assert deleted.result['changed'] and deleted.result['backup'] == {} and writes(cloud) == ['delete_backup']
    assert not run(cloud, gaussdb_backup, dict(instance_id=iid, name='nightly-1', state='absent')).result['changed']
    refused = run(cloud, gaussdb_backup, dict(instance_id=iid, name=auto, state='absent'))
    assert refused.failed and 'automated' in refused.result['msg'] and writes(cloud) == ['delete_backup']


def test_bad_backup_input_is_refused_before_any_request(cloud, iid):
    for args in (dict(name='1bad'), dict(name='good-name', description='a=b')):
        failed = run(cloud, gaussdb_backup, dict(args, instance_id=iid))
        assert failed.failed and failed.result['msg'].startswith('Invalid input') and cloud.calls == []


def test_ambiguous_backup_name_lists_the_ids(cloud, iid):
    ids = sorted([add_backup(cloud, iid, 'twin')['id'], add_backup(cloud, iid, 'twin')['id']])
    failed = run(cloud, gaussdb_backup, dict(instance_id=iid, name='twin'))
    assert failed.failed and all(i in failed.result['msg'] for i in ids) and 'backup_id' in failed.result['msg']


def test_backup_waits_share_one_wait_timeout(cloud, iid):
    start = cloud.clock.now
    res = run(cloud, gaussdb_backup, dict(instance_id=iid, name='nightly-1', wait_timeout=100))
    assert res.failed and res.result['error_code'] == 'WaitTimeout' and isinstance(res.result['job_id'], str)
    assert cloud.clock.now - start <= 100 + 30   # one budget: the job, then the backup, never twice 100 s


def test_backup_with_wait_false_returns_the_building_backup(cloud, iid):
    res = run(cloud, gaussdb_backup, dict(instance_id=iid, name='nightly-1', wait=False))
    assert res.result['changed'] and res.result['backup']['status'] == 'BUILDING' and res.result['backup']['id']
    assert 'show_job' not in cloud.ops()


def test_backup_info_filters_and_extras(cloud, iid):
    add_backup(cloud, iid, 'nightly-1')
    result = run(cloud, gaussdb_backup_info, dict(instance_name='shop-db', backup_type='manual', incremental=True,
                                                  restore_times=True, begin_time='2024-05-01T18:00:00+08:00'))
    assert [b['name'] for b in result.result['backups']] == ['nightly-1']
    ranges = result.result['restore_times']
    assert ranges and all(r['end_time_iso'] == iso_from_ms(r['end_time']) for r in ranges)
    assert ranges[0]['start_time_iso'] == iso_from_ms(ranges[0]['start_time'])
    listed = [c for c in cloud.calls if c[0] == 'list_backups'][0]
    assert listed[2]['begin_time'] == '2024-05-01T10:00:00+0000'
    assert result.result['instance_id'] == iid and 'incremental_backups' in result.result
    assert run(cloud, gaussdb_backup_info, dict(incremental=True)).failed
    calls = len(cloud.calls)
    failed = run(cloud, gaussdb_backup_info, dict(begin_time='last week'))
    assert failed.failed and failed.result['msg'].startswith('Invalid input: begin_time') and len(cloud.calls) == calls


# -- gaussdb_backup_policy --------------------------------------------------------------------------
def test_policy_only_set_fields_and_no_write_when_equal(cloud, iid):
    args = dict(instance_id=iid, backup_policy=dict(keep_days=7, period=[7, 6, 5, 4, 3, 2, 1]))
    assert not run(cloud, gaussdb_backup_policy, args).result['changed'] and writes(cloud) == []
    args['backup_policy']['keep_days'] = 14
    check = run(cloud, gaussdb_backup_policy, args, check_mode=True, diff=True)
    assert check.result['changed'] and writes(cloud) == []
    assert check.result['diff']['after']['backup_policy']['keep_days'] == 14
    applied = run(cloud, gaussdb_backup_policy, args)
    assert applied.result['changed'] and applied.result['backup_policy']['keep_days'] == 14
    sent = [c[3] for c in cloud.calls if c[0] == 'set_backup_policy']
    assert sent == [{'backup_policy': dict(keep_days=14, start_time='19:00-20:00', period='1,2,3,4,5,6,7')}]
    assert not run(cloud, gaussdb_backup_policy, args).result['changed']
    assert writes(cloud) == ['set_backup_policy']


def test_policy_input_rules(cloud, iid):
    for policy, why in ((dict(start_time='01:30-02:30'), 'on the hour'), (dict(keep_days=0), 'keep_days'),
                        (dict(period=[8]), 'period'), (dict(), 'no field')):
        failed = run(cloud, gaussdb_backup_policy, dict(instance_id=iid, backup_policy=policy))
        assert failed.failed and why in failed.result['msg'] and cloud.calls == []
    failed = run(cloud, gaussdb_backup_policy, dict(instance_id=iid, encryption=dict(enabled=True)))
    assert failed.failed and 'kms_key_id' in failed.result['msg'] and cloud.calls == []
    failed = run(cloud, gaussdb_backup_policy, dict(instance_id=iid))
    assert failed.failed and failed.result['msg'].startswith('Invalid input: set at least one') and cloud.calls == []


def test_policy_keeps_the_level1_retention_while_level1_backups_are_on(cloud, iid):
    cloud.admin('POST', 'seed', dict(gaussdb_level1_backups=[iid]))
    args = dict(instance_id=iid, backup_policy=dict(keep_days=14))
    res = run(cloud, gaussdb_backup_policy, args, diff=True)
    assert not res.failed, res.result
    sent = [c[3] for c in cloud.calls if c[0] == 'set_backup_policy']
    assert sent == [{'backup_policy': dict(keep_days=14, start_time='19:00-20:00', period='1,2,3,4,5,6,7',
                                           retention_num_backup_level1=0)}]
    assert res.result['backup_policy']['retention_num_backup_level1'] == 0
    args = dict(instance_id=iid, backup_policy=dict(retention_num_backup_level1=1))
    first_check, applied, second_check, again = cloud.rhythm(gaussdb_backup_policy, args)
    assert first_check.result['changed'] and applied.result['changed']
    assert not second_check.result['changed'] and not again.result['changed']
    assert applied.result['backup_policy'] == dict(keep_days=14, start_time='19:00-20:00', period='1,2,3,4,5,6,7',
                                                   retention_num_backup_level1=1)
    assert writes(cloud) == ['set_backup_policy', 'set_backup_policy']


def test_level1_retention_on_an_instance_without_level1_backups_fails_before_any_write(cloud, iid):
    res = run(cloud, gaussdb_backup_policy, dict(instance_id=iid, backup_policy=dict(keep_days=9,
                                                                                     retention_num_backup_level1=1)))
    assert res.failed and 'level-1 backups are off' in res.result['msg']
    assert cloud.ops() == ['show_backup_policy']


def test_a_failed_policy_change_fails_the_module(cloud, iid):
    cloud.configure(fail_jobs=[{'name': 'ModifyGaussDBforMySQLBackupPolicy', 'count': 1}])
    res = run(cloud, gaussdb_backup_policy, dict(instance_id=iid, backup_policy=dict(keep_days=14)))
    assert res.failed and res.result['error_code'] == 'BackupPolicyFailed' and 'FAILED' in res.result['msg']
    assert cloud.stats()['by_route'][POLICY_ROUTE] == 1
    assert run(cloud, gaussdb_backup_policy, dict(instance_id=iid, backup_policy=dict(keep_days=14))).result['changed']


def test_a_failed_cross_region_change_fails_the_module(cloud, iid):
    cloud.configure(fail_jobs=[{'name': 'ModifyGaussDBforMySQLOffsiteBackupPolicy', 'count': 1}])
    res = run(cloud, gaussdb_backup_policy, dict(instance_id=iid, cross_region=OFFSITE))
    assert res.failed and res.result['error_code'] == 'BackupPolicyFailed' and "'failed'" in res.result['msg']
    assert run(cloud, gaussdb_backup_policy, dict(instance_id=iid, cross_region=OFFSITE)).result['changed']


def test_encryption_is_idempotent_and_cross_region_is_always_sent(cloud, iid):
    args = dict(instance_id=iid, encryption=dict(enabled=True, kms_key_id=KEY))
    assert run(cloud, gaussdb_backup_policy, args).result['changed']
    assert not run(cloud, gaussdb_backup_policy, args).result['changed']
    assert writes(cloud) == ['set_backup_encryption']
    off_then_copy = dict(instance_id=iid, encryption=dict(enabled=False), cross_region=OFFSITE)
    result = run(cloud, gaussdb_backup_policy, off_then_copy)
    assert result.result['changed'] and writes(cloud)[1:] == ['set_backup_encryption', 'set_offsite_backup_policy']
    assert result.result['cross_region']['open_incremental_backup'] is False
    stop_copy_then_encrypt = dict(instance_id=iid, encryption=dict(enabled=True, kms_key_id=KEY),
                                  cross_region=dict(OFFSITE, open_auto_backup=False))
    assert not run(cloud, gaussdb_backup_policy, stop_copy_then_encrypt).failed
    assert writes(cloud)[3:] == ['set_offsite_backup_policy', 'set_backup_encryption']


# -- gaussdb_restore ----------------------------------------------------------------------------
def test_restore_check_mode_is_changed_without_writing(cloud, iid):
    add_backup(cloud, iid, 'nightly-1')
    result = run(cloud, gaussdb_restore, dict(instance_name='shop-db', backup_name='nightly-1'), check_mode=True,
                 diff=True)
    assert result.result['changed'] and writes(cloud) == []
    assert result.result['restore']['type'] == 'backup' and result.result['restore']['source_instance_id'] == iid
    assert result.result['diff'] == {'before': {}, 'after': result.result['restore']}


def test_restore_a_backup_and_a_point_in_time_to_another_instance(cloud, iid):
    other = seed_named(cloud, 'shop-db-staging')
    backup = add_backup(cloud, iid, 'nightly-1')
    result = run(cloud, gaussdb_restore, dict(instance_id=other, source_instance_name='shop-db', backup_name='nightly-1'))
    assert not result.failed, result.result
    assert result.result['changed'] and isinstance(result.result['job_id'], str)
    restore = [c for c in cloud.calls if c[0] == 'restore_instance'][-1]
    assert restore[3] == dict(source_instance_id=iid, target_instance_id=other, type='backup', backup_id=backup['id'])
    moment = int(cloud.clock.now) - 60
    local = time.strftime('%Y-%m-%dT%H:%M:%S+08:00', time.gmtime(moment + 8 * 3600))
    result = run(cloud, gaussdb_restore, dict(instance_id=other, source_instance_id=iid, restore_time=local))
    assert not result.failed, result.result
    restore = [c for c in cloud.calls if c[0] == 'restore_instance'][-1]
    assert restore[3]['type'] == 'timestamp' and restore[3]['restore_time'] == moment * 1000


def test_table_restore_rules_and_body(cloud, iid):
    tables = [dict(database='shop', tables=[dict(old_name='t1')])]
    bad = run(cloud, gaussdb_restore, dict(instance_id=iid, source_instance_id=iid, restore_time=1, tables=tables))
    assert bad.failed and 'within one instance' in bad.result['msg'] and cloud.calls == []
    auto_backup(cloud, iid)   # restorable ranges start at the first full backup
    assert not run(cloud, gaussdb_database, dict(instance_id=iid, name='shop', character_set='utf8mb4')).failed
    cloud.advance(120)
    moment = (int(cloud.clock.now) - 60) * 1000
    cloud.calls[:] = []
    done = run(cloud, gaussdb_restore, dict(instance_id=iid, restore_time=moment, tables=tables))
    assert not done.failed, done.result
    assert done.result['restore']['restore_tables'][0]['tables'][0]['new_name'] == 't1_%d' % moment
    assert writes(cloud) == ['restore_tables']
    missing = run(cloud, gaussdb_restore, dict(instance_id=iid, backup_name='nope'))
    assert missing.failed and 'no backup named' in missing.result['msg'] and writes(cloud) == ['restore_tables']


def test_restorable_tables_info(cloud, iid):
    auto_backup(cloud, iid)   # restorable ranges start at the first full backup
    assert not run(cloud, gaussdb_database, dict(instance_id=iid, name='shop', character_set='utf8mb4')).failed
    cloud.advance(120)
    moment = int(cloud.clock.now) - 60
    cloud.calls[:] = []
    result = run(cloud, gaussdb_restorable_tables_info, dict(
        instance_id=iid, restore_time=time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(moment)), database_name='sh',
        table_name='t1'))
    assert not result.failed, result.result
    assert result.result['databases'][0]['tables'] == [{'name': 't1'}] and result.result['restore_time'] == moment * 1000
    assert cloud.calls[0][2] == dict(restore_time=str(moment * 1000), last_table_info='false', database_name='sh',
                                     table_name='t1')
    bad = run(cloud, gaussdb_restorable_tables_info, dict(instance_id=iid, restore_time='yesterday'))
    assert bad.failed and bad.result['msg'].startswith('Invalid input: restore_time') and len(cloud.calls) == 1
