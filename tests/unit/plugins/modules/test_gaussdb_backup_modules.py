"""gaussdb_backup, gaussdb_backup_info, gaussdb_backup_policy, gaussdb_restore, gaussdb_restorable_tables_info."""
from ansible_collections.clouddb.mysql.plugins.modules import (
    gaussdb_backup, gaussdb_backup_info, gaussdb_backup_policy, gaussdb_restorable_tables_info, gaussdb_restore,
)
from fake_gaussdb_protection_api import FakeApi, run_module

KEY = 'b82fa43f-f6e8-4ec4-9c31-231bc547c526'
OFFSITE = dict(open_auto_backup=True, destination_region='cn-north-7',
               destination_project_id='fd710c89089a448aa2e666ab15817090', keep_days=7)


def setup():
    api = FakeApi()
    return api, api.add_instance('shop-db')


# -- gaussdb_backup -------------------------------------------------------------------------------
def test_backup_check_apply_check_apply():
    api, iid = setup()
    args = dict(instance_name='shop-db', name='nightly-1', description='before upgrade')
    check = run_module(gaussdb_backup, args, api, check_mode=True, diff=True)
    assert check.result['changed'] and api.writes() == []
    assert check.result['diff'] == {'before': {}, 'after': {'name': 'nightly-1', 'description': 'before upgrade'}}
    applied = run_module(gaussdb_backup, args, api)
    assert applied.result['changed'] and applied.result['job_id'].startswith('job-')
    assert applied.result['backup']['status'] == 'COMPLETED' and api.writes() == ['create_backup']
    for check_mode in (True, False):
        again = run_module(gaussdb_backup, args, api, check_mode=check_mode)
        assert not again.result['changed'] and api.writes() == ['create_backup']


def test_backup_by_id_costs_one_read_and_a_new_description_only_warns():
    api, iid = setup()
    api.add_backup(iid, 'nightly-1', description='old')
    result = run_module(gaussdb_backup, dict(instance_id=iid, name='nightly-1', description='new'), api)
    assert not result.result['changed'] and 'cannot change' in result.result['warnings'][0]
    assert [c[0] for c in api.calls] == ['list_backups']


def test_backup_delete_and_automated_backups_are_refused():
    api, iid = setup()
    api.add_backup(iid, 'nightly-1')
    api.add_backup(iid, 'GaussDBforMySQL-shop-db-2024', kind='auto')
    assert run_module(gaussdb_backup, dict(instance_id=iid, name='nightly-1', state='absent'), api,
                      check_mode=True).result['changed'] and api.writes() == []
    deleted = run_module(gaussdb_backup, dict(instance_id=iid, name='nightly-1', state='absent'), api)
    assert deleted.result['changed'] and deleted.result['backup'] == {} and api.writes() == ['delete_backup']
    assert not run_module(gaussdb_backup, dict(instance_id=iid, name='nightly-1', state='absent'), api).result['changed']
    auto = run_module(gaussdb_backup, dict(instance_id=iid, name='GaussDBforMySQL-shop-db-2024', state='absent'), api)
    assert auto.failed and 'automated' in auto.result['msg']


def test_bad_backup_input_is_refused_before_any_request():
    api, iid = setup()
    for args in (dict(name='1bad'), dict(name='good-name', description='a=b')):
        failed = run_module(gaussdb_backup, dict(args, instance_id=iid), api)
        assert failed.failed and failed.result['msg'].startswith('Invalid input') and api.calls == []


def test_ambiguous_backup_name_lists_the_ids():
    api, iid = setup()
    ids = sorted([api.add_backup(iid, 'twin')['id'], api.add_backup(iid, 'twin')['id']])
    failed = run_module(gaussdb_backup, dict(instance_id=iid, name='twin'), api)
    assert failed.failed and all(i in failed.result['msg'] for i in ids)


def test_backup_info_filters_and_extras():
    api, iid = setup()
    api.add_backup(iid, 'nightly-1')
    api.add_backup(iid, 'auto-one', kind='auto')
    result = run_module(gaussdb_backup_info, dict(instance_name='shop-db', backup_type='manual', incremental=True,
                                                  restore_times=True, begin_time='2024-05-01T18:00:00+08:00'), api)
    assert [b['name'] for b in result.result['backups']] == ['nightly-1']
    assert result.result['restore_times'][0]['end_time_iso'] == '2024-05-01T10:00:00Z'
    listed = [c for c in api.calls if c[0] == 'list_backups'][0]
    assert listed[2]['begin_time'] == '2024-05-01T10:00:00+0000'
    assert run_module(gaussdb_backup_info, dict(incremental=True), api).failed
    calls = len(api.calls)
    assert run_module(gaussdb_backup_info, dict(begin_time='last week'), api).failed and len(api.calls) == calls


# -- gaussdb_backup_policy --------------------------------------------------------------------------
def test_policy_only_set_fields_and_no_write_when_equal():
    api, iid = setup()
    args = dict(instance_id=iid, backup_policy=dict(keep_days=7, period=[7, 6, 5, 4, 3, 2, 1]))
    assert not run_module(gaussdb_backup_policy, args, api).result['changed'] and api.writes() == []
    args['backup_policy']['keep_days'] = 14
    check = run_module(gaussdb_backup_policy, args, api, check_mode=True, diff=True)
    assert check.result['changed'] and api.writes() == []
    assert check.result['diff']['after']['backup_policy']['keep_days'] == 14
    assert run_module(gaussdb_backup_policy, args, api).result['changed']
    assert api.policy == dict(keep_days=14, start_time='19:00-20:00', period='1,2,3,4,5,6,7')
    assert not run_module(gaussdb_backup_policy, args, api).result['changed']


def test_policy_input_rules():
    api, iid = setup()
    for policy, why in ((dict(start_time='01:30-02:30'), 'on the hour'), (dict(keep_days=0), 'keep_days'),
                        (dict(period=[8]), 'period'), (dict(), 'no field')):
        failed = run_module(gaussdb_backup_policy, dict(instance_id=iid, backup_policy=policy), api)
        assert failed.failed and why in failed.result['msg'] and api.calls == []
    failed = run_module(gaussdb_backup_policy, dict(instance_id=iid, encryption=dict(enabled=True)), api)
    assert failed.failed and 'kms_key_id' in failed.result['msg'] and api.calls == []


def test_encryption_is_idempotent_and_cross_region_is_always_sent():
    api, iid = setup()
    args = dict(instance_id=iid, encryption=dict(enabled=True, kms_key_id=KEY))
    assert run_module(gaussdb_backup_policy, args, api).result['changed']
    assert not run_module(gaussdb_backup_policy, args, api).result['changed']
    assert api.writes() == ['set_backup_encryption']
    off_then_copy = dict(instance_id=iid, encryption=dict(enabled=False), cross_region=OFFSITE)
    result = run_module(gaussdb_backup_policy, off_then_copy, api)
    assert result.result['changed'] and api.writes()[1:] == ['set_backup_encryption', 'set_offsite_backup_policy']
    assert result.result['cross_region']['open_incremental_backup'] is False
    stop_copy_then_encrypt = dict(instance_id=iid, encryption=dict(enabled=True, kms_key_id=KEY),
                                  cross_region=dict(OFFSITE, open_auto_backup=False))
    run_module(gaussdb_backup_policy, stop_copy_then_encrypt, api)
    assert api.writes()[3:] == ['set_offsite_backup_policy', 'set_backup_encryption']


# -- gaussdb_restore ----------------------------------------------------------------------------
def test_restore_check_mode_is_changed_without_writing():
    api, iid = setup()
    api.add_backup(iid, 'nightly-1')
    result = run_module(gaussdb_restore, dict(instance_name='shop-db', backup_name='nightly-1'), api, check_mode=True)
    assert result.result['changed'] and api.writes() == []
    assert result.result['restore']['type'] == 'backup' and result.result['restore']['source_instance_id'] == iid


def test_restore_a_backup_and_a_point_in_time_to_another_instance():
    api, iid = setup()
    other = api.add_instance('shop-db-staging')
    backup = api.add_backup(iid, 'nightly-1')
    result = run_module(gaussdb_restore, dict(instance_id=other, source_instance_name='shop-db',
                                              backup_name='nightly-1'), api)
    assert result.result['changed'] and result.result['job_id']
    assert api.calls[-2][3] == dict(source_instance_id=iid, target_instance_id=other, type='backup',
                                    backup_id=backup['id'])
    run_module(gaussdb_restore, dict(instance_id=other, source_instance_id=iid,
                                     restore_time='2024-05-01T18:00:00+08:00'), api)
    restore = [c for c in api.calls if c[0] == 'restore_instance'][-1]
    assert restore[3]['type'] == 'timestamp' and restore[3]['restore_time'] == 1714557600000


def test_table_restore_rules_and_body():
    api, iid = setup()
    tables = [dict(database='shop', tables=[dict(old_name='t1')])]
    bad = run_module(gaussdb_restore, dict(instance_id=iid, source_instance_id=iid, restore_time=1, tables=tables),
                     api)
    assert bad.failed and 'within one instance' in bad.result['msg'] and api.calls == []
    done = run_module(gaussdb_restore, dict(instance_id=iid, restore_time=1714557600000, tables=tables), api)
    assert done.result['restore']['restore_tables'][0]['tables'][0]['new_name'] == 't1_1714557600000'
    assert api.writes() == ['restore_tables']
    missing = run_module(gaussdb_restore, dict(instance_id=iid, backup_name='nope'), api)
    assert missing.failed and 'no backup named' in missing.result['msg']


def test_restorable_tables_info():
    api, iid = setup()
    result = run_module(gaussdb_restorable_tables_info, dict(instance_id=iid, restore_time='2024-05-01T10:00:00Z',
                                                             database_name='sh'), api)
    assert result.result['databases'][0]['tables'] == [{'name': 't1'}]
    assert api.calls[0][2] == dict(restore_time='1714557600000', last_table_info='false', database_name='sh')
