"""cds_temporary_instance and cds_temporary_instance_info against the in-process emulator."""
import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import format_time
from ansible_collections.clouddb.mysql.plugins.modules import (
    cds_backup, cds_temporary_instance, cds_temporary_instance_info,
)
from cds_module_harness import rhythm, run_module


@pytest.fixture
def uuid(cloud):
    uuid = cloud.seed(1)[0]
    cloud.advance(3600)   # an hour of history to restore from
    return uuid


def test_restore_point_in_time_rhythm(cloud, uuid):
    when = format_time(cloud.clock.now - 1800)
    results = rhythm(cds_temporary_instance, dict(instance_id=uuid, name='tmp', restore_time=when), cloud)
    assert [r.result['changed'] for r in results] == [True, True, False, False]
    tmp = results[1].result['temporary_instance']
    assert tmp['status'] == 'RUNNING' and tmp['progress'] == 100 and tmp['select_recovery_time'] == when
    assert cloud.writes() == ['StartBatchRollbackToTemporaryDBInstance']


def test_restore_time_outside_the_window_is_refused(cloud, uuid):
    res = run_module(cds_temporary_instance, dict(instance_id=uuid, name='tmp', restore_time='2001-01-01 00:00:00'),
                     cloud)
    assert res.failed and 'outside the restore window' in res.result['msg'] and cloud.writes() == []
    res = run_module(cds_temporary_instance, dict(instance_id=uuid, name='tmp', restore_time='yesterday'), cloud)
    assert res.failed and 'must look like' in res.result['msg']


def test_restore_from_a_backup_and_promote_in_one_step(cloud, uuid):
    backup = run_module(cds_backup, dict(instance_id=uuid, description='b'), cloud).result['backup']
    args = dict(instance_id=uuid, name='restored', backup_id=backup['backup_id'], state='regularized')
    results = rhythm(cds_temporary_instance, args, cloud)
    assert [r.result['changed'] for r in results] == [True, True, False, False]
    promoted = results[1].result['instance']
    assert promoted['instance_name'] == 'restored' and promoted['status'] == 'RUNNING'
    assert promoted['instance_uuid'] in cloud.store.instances and not cloud.store.temporary
    start = [p for a, p in cloud.calls if a == 'StartBatchRollbackToTemporaryDBInstance'][0]
    assert start['SelectTime'] == backup['end_time']
    assert results[3].result['instance']['instance_uuid'] == promoted['instance_uuid']


def test_progress_is_reported_while_creating_and_delete(cloud, uuid):
    when = format_time(cloud.clock.now - 60)
    res = run_module(cds_temporary_instance, dict(instance_id=uuid, name='tmp', restore_time=when, wait=False), cloud)
    assert res.result['temporary_instance']['status'] == 'CREATING'
    cloud.clock.now += 300
    info = run_module(cds_temporary_instance_info, dict(instance_id=uuid, restore_window=True), cloud)
    progress = info.result['temporary_instances'][0]['progress']
    assert isinstance(progress, int) and 0 < progress < 100
    assert set(info.result['restore_window']) == {'left_border_time', 'right_border_time'}
    results = rhythm(cds_temporary_instance, dict(instance_id=uuid, name='tmp', state='absent'), cloud)
    assert [r.result['changed'] for r in results] == [True, True, False, False]
    assert not cloud.store.temporary


def test_promotion_without_wait_of_a_creating_instance_fails_clearly(cloud, uuid):
    when = format_time(cloud.clock.now - 60)
    run_module(cds_temporary_instance, dict(instance_id=uuid, name='tmp', restore_time=when, wait=False), cloud)
    res = run_module(cds_temporary_instance, dict(instance_id=uuid, name='tmp', state='regularized', wait=False), cloud)
    assert res.failed and 'once RUNNING' in res.result['msg']


def test_present_after_promotion_does_not_restore_again(cloud, uuid):
    when = format_time(cloud.clock.now - 60)
    args = dict(instance_id=uuid, name='tmp', restore_time=when)
    run_module(cds_temporary_instance, args, cloud)
    run_module(cds_temporary_instance, dict(args, state='regularized'), cloud)
    again = run_module(cds_temporary_instance, args, cloud)
    assert again.result['changed'] is False and again.result['instance']['instance_name'] == 'tmp'
    assert cloud.writes().count('StartBatchRollbackToTemporaryDBInstance') == 1


def test_no_op_reads_the_instance_and_its_temporary_instances_only(cloud, uuid):
    when = format_time(cloud.clock.now - 60)
    run_module(cds_temporary_instance, dict(instance_id=uuid, name='tmp', restore_time=when), cloud)
    del cloud.calls[:]
    res = run_module(cds_temporary_instance, dict(instance_id=uuid, name='tmp', restore_time=when), cloud)
    assert res.result['changed'] is False
    assert cloud.actions() == ['DescribeDBInstances', 'DescribeTemporaryDBInstances']


def test_restore_and_promote_in_check_mode_write_nothing(cloud, uuid):
    when = format_time(cloud.clock.now - 60)
    res = run_module(cds_temporary_instance, dict(instance_id=uuid, name='t', restore_time=when, state='regularized'),
                     cloud, check_mode=True, diff=True)
    assert res.result['changed'] and cloud.writes() == []
    assert res.result['diff'] == {'before': {}, 'after': {'name': 't', 'status': 'regularized'}}
    assert res.result['instance']['instance_name'] == 't' and res.result['temporary_instance'] == {}
