"""cds_restore (StartBatchRollback, reference 5.26, withdrawn) against the in-process emulator."""
import pytest

from ansible_collections.clouddb.mysql.plugins.modules import cds_backup, cds_restore
from cds_module_harness import run_module
from tests.emulator.cds import registry
from tests.emulator.cds.errors import unsupported


@pytest.fixture
def backup(cloud, uuid):
    """A finished manual backup of the instance, described ``before-upgrade``."""
    res = run_module(cds_backup, dict(instance_id=uuid, description='before-upgrade'), cloud)
    assert not res.failed, res.result
    del cloud.calls[:]
    return res.result['backup']


def rollbacks(cloud):
    return [p for a, p in cloud.calls if a == 'StartBatchRollback']


def test_check_mode_says_what_would_be_restored_and_sends_nothing(cloud, uuid, backup):
    res = run_module(cds_restore, dict(instance_id=uuid, backup_description='before-upgrade'), cloud, check_mode=True,
                     diff=True)
    assert not res.failed and res.result['changed'] is True, res.result
    assert cloud.writes() == [] and cloud.instance(uuid)['Status'] == 'RUNNING'
    restore = res.result['restore']
    assert restore == dict(instance_id=uuid, instance_name=cloud.instance(uuid)['InstanceName'],
                           backup_id=backup['backup_id'], backup_type='physical-backup', backup_mode='manual',
                           description='before-upgrade', restored_to=backup['end_time'])
    assert res.result['diff'] == {'before': {}, 'after': restore}
    assert res.result['backup']['backup_id'] == backup['backup_id'] and 'job_id' not in res.result


def test_restore_sends_the_backup_and_waits_until_running_again(cloud, uuid, backup):
    res = run_module(cds_restore, dict(instance_name=cloud.instance(uuid)['InstanceName'],
                                       backup_description='before-upgrade'), cloud)
    assert not res.failed and res.result['changed'] is True, res.result
    [sent] = rollbacks(cloud)
    assert {k: sent[k] for k in ('InstanceUuid', 'BackupId')} == dict(InstanceUuid=uuid, BackupId=backup['backup_id'])
    assert cloud.writes() == ['StartBatchRollback']
    assert res.result['job_id'] and res.result['instance']['status'] == 'RUNNING'
    assert res.result['instance_id'] == uuid and res.result['restore']['backup_id'] == backup['backup_id']
    # An action: the second run restores again.
    again = run_module(cds_restore, dict(instance_id=uuid, backup_id=backup['backup_id']), cloud)
    assert again.result['changed'] is True and len(rollbacks(cloud)) == 2


def test_without_wait_the_run_returns_while_the_instance_restores(cloud, uuid, backup):
    res = run_module(cds_restore, dict(instance_id=uuid, backup_id=backup['backup_id'], wait=False), cloud)
    assert not res.failed and res.result['changed'], res.result
    assert cloud.instance(uuid)['Status'] == 'RESTORING'
    assert cloud.actions()[-1] == 'StartBatchRollback'   # no poll after it


def test_a_busy_instance_is_waited_for_before_the_restore(cloud, uuid, backup):
    run_module(cds_backup, dict(instance_id=uuid, description='second', wait=False), cloud)
    assert cloud.instance(uuid)['Status'] != 'RUNNING'
    del cloud.calls[:]
    res = run_module(cds_restore, dict(instance_id=uuid, backup_description='before-upgrade'), cloud)
    assert not res.failed, res.result
    # Sent once, when the instance was RUNNING again: not refused as busy first (that would be a second call).
    actions = cloud.actions()
    assert len(rollbacks(cloud)) == 1 and actions[:actions.index('StartBatchRollback')].count('DescribeDBInstances') > 1


@pytest.mark.parametrize('args, message', [
    (dict(backup_description=''), 'backup_description must not be empty; give backup_id'),
    (dict(backup_id='b', backup_description='d'), 'mutually exclusive'),
    (dict(), 'one of the following is required: backup_id, backup_description'),
])
def test_bad_input_is_refused_before_any_request(cloud, uuid, args, message):
    res = run_module(cds_restore, dict(instance_id=uuid, **args), cloud)
    assert res.failed and message in res.result['msg'], res.result
    assert cloud.calls == []


def test_a_backup_that_cannot_be_restored_is_refused_before_a_write(cloud, uuid, backup):
    res = run_module(cds_restore, dict(instance_id=uuid, backup_id='no-such-backup'), cloud)
    assert res.failed and res.result['msg'] == 'Backup no-such-backup does not exist on instance %s' % uuid
    run_module(cds_backup, dict(instance_id=uuid, description='running', wait=False), cloud)
    res = run_module(cds_restore, dict(instance_id=uuid, backup_description='running'), cloud)
    assert res.failed and "Backup 'running' is doing; only a finished backup can be restored" == res.result['msg']
    cloud.advance()
    # cds_backup makes one backup per description; a copy in the emulator's store makes it ambiguous.
    run_module(cds_backup, dict(instance_id=uuid, description='twice'), cloud)
    first = [b for b in cloud.store.backups.values() if b['Desc'] == 'twice'][0]
    cloud.store.backups['copy-of-twice'] = dict(first, BackupId='copy-of-twice')
    twice = run_module(cds_restore, dict(instance_id=uuid, backup_description='twice'), cloud)
    assert twice.failed and twice.result['error_code'] == 'AmbiguousName' and 'give backup_id' in twice.result['msg']
    assert 'StartBatchRollback' not in cloud.writes()


def test_another_instances_backup_is_not_restored(cloud, uuid, backup):
    other = cloud.seed(1)[0]
    res = run_module(cds_restore, dict(instance_id=other, backup_id=backup['backup_id']), cloud)
    assert res.failed and 'does not exist on instance %s' % other in res.result['msg']
    assert cloud.writes() == []


def test_the_services_refusal_is_surfaced(cloud, uuid, backup, monkeypatch):
    # What the withdrawn action may do on the live service: refuse it.
    def refuse(ctx):
        raise unsupported('StartBatchRollback is only for the cluster edition')
    monkeypatch.setitem(registry.ACTIONS, 'StartBatchRollback', registry.ACTIONS['StartBatchRollback']._replace(handler=refuse))
    res = run_module(cds_restore, dict(instance_id=uuid, backup_id=backup['backup_id']), cloud)
    assert res.failed and res.result['error_code'] == 'UnsupportedOperation' and res.result['status'] == 400
    assert 'cluster edition' in res.result['msg'] and len(rollbacks(cloud)) == 1


def test_a_lost_answer_is_reported_and_never_sent_again(cloud, uuid, backup):
    cloud.drop_next.add('StartBatchRollback')
    res = run_module(cds_restore, dict(instance_id=uuid, backup_id=backup['backup_id']), cloud)
    assert res.failed and len(rollbacks(cloud)) == 1, res.result
    assert 'it may have been applied' in res.result['msg']
