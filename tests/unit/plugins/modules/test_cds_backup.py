"""cds_backup, cds_backup_info, cds_backup_policy and cds_backup_download against the in-process emulator."""
import hashlib
import os

from ansible_collections.clouddb.mysql.plugins.modules import (
    cds_backup, cds_backup_download, cds_backup_info, cds_backup_policy,
)
from cds_module_harness import actions_backup, rhythm, run_module


def test_backup_rhythm_with_description_as_identity(cloud, uuid):
    results = rhythm(cds_backup, dict(instance_id=uuid, description='nightly'), cloud)
    assert [r.result['changed'] for r in results] == [True, True, False, False]
    backup = results[1].result['backup']
    assert backup['status'] == 'finished' and backup['backup_size'] > 0 and backup['desc'] == 'nightly'
    assert cloud.writes() == ['CreateBackup']


def test_logical_backup_of_databases_and_bad_combination(cloud, uuid):
    res = run_module(cds_backup, dict(instance_id=uuid, type='logical', databases=['shop']), cloud)
    assert res.result['backup']['backup_strategy'] == 'db'
    res = run_module(cds_backup, dict(instance_id=uuid, databases=['shop']), cloud)
    assert res.failed and 'logical' in res.result['msg']


def test_basic_edition_is_refused_before_a_write(cloud, uuid):
    cloud.instance(uuid)['SubProductKey'] = 'mysql-basic'
    res = run_module(cds_backup, dict(instance_id=uuid, description='x'), cloud)
    assert res.failed and 'high-availability' in res.result['msg'] and cloud.writes() == []


def test_delete_by_description(cloud, uuid):
    run_module(cds_backup, dict(instance_id=uuid, description='old'), cloud)
    results = rhythm(cds_backup, dict(instance_id=uuid, description='old', state='absent'), cloud)
    assert [r.result['changed'] for r in results] == [True, True, False, False]
    assert not cloud.store.backups


def test_lost_create_backup_is_found_by_listing(cloud, uuid):
    cloud.drop_next.add('CreateBackup')
    res = run_module(cds_backup, dict(instance_id=uuid, description='x'), cloud)
    assert not res.failed, res.result
    assert len(cloud.store.backups) == 1 and cloud.writes() == ['CreateBackup']


def test_info_filters(cloud, uuid):
    run_module(cds_backup, dict(instance_id=uuid, description='a'), cloud)
    run_module(cds_backup, dict(instance_id=uuid, description='b'), cloud)
    res = run_module(cds_backup_info, dict(instance_id=uuid, description='b'), cloud)
    assert [b['desc'] for b in res.result['backups']] == ['b']
    assert len(run_module(cds_backup_info, dict(instance_id=uuid, mode='manual'), cloud).result['backups']) == 2
    assert run_module(cds_backup_info, dict(instance_id=uuid, mode='auto'), cloud).result['backups'] == []


def test_policy_is_write_only_so_always_changed(cloud, uuid):
    args = dict(instance_id=uuid, time_slot='03:00', days=['monday', 'Fri', '0'])
    check = run_module(cds_backup_policy, args, cloud, check_mode=True)
    assert check.result['changed'] and cloud.writes() == []
    res = run_module(cds_backup_policy, args, cloud)
    assert res.result['policy'] == {'time_slot': '03:00-04:00', 'date_list': ['0', '1', '5'], 'sign': 1}
    assert cloud.store.backup_policy[uuid] == {'TimeSlot': '03:00-04:00', 'DateList': ['0', '1', '5'], 'Sign': 1}
    bad = run_module(cds_backup_policy, dict(instance_id=uuid, time_slot='03:30', days=['someday']), cloud)
    assert bad.failed and 'time_slot' in bad.result['msg'] and 'days' in bad.result['msg']


def test_download_checks_size_renames_and_does_not_download_twice(cloud, uuid, tmp_path):
    backup = run_module(cds_backup, dict(instance_id=uuid, description='dl'), cloud).result['backup']
    args = dict(instance_id=uuid, backup_id=backup['backup_id'], dest=str(tmp_path) + '/', mode='0600')
    check = run_module(cds_backup_download, args, cloud, check_mode=True)
    assert check.result['changed'] and os.listdir(str(tmp_path)) == []
    first = run_module(cds_backup_download, args, cloud)
    assert first.result['changed'] and first.result['downloaded']
    path = first.result['dest']
    assert os.path.getsize(path) == backup['backup_size'] == first.result['size']
    assert oct(os.stat(path).st_mode & 0o777) == '0o600'
    with open(path, 'rb') as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == first.result['sha256']
    assert os.listdir(str(tmp_path)) == [os.path.basename(path)]  # no partial file left
    second = run_module(cds_backup_download, args, cloud)
    assert second.result['changed'] is False and not second.result['downloaded']
    assert second.result['sha256'] == first.result['sha256']
    assert first.result['download_url'].startswith('https://cds.test/')


def test_download_with_a_wrong_size_keeps_nothing(cloud, uuid, tmp_path, monkeypatch):
    backup = run_module(cds_backup, dict(instance_id=uuid, description='dl'), cloud).result['backup']
    real = actions_backup.check_file_request

    def truncated(*args):
        status, (name, data) = real(*args)
        return status, (name, data[:-1])
    monkeypatch.setattr(actions_backup, 'check_file_request', truncated)
    res = run_module(cds_backup_download, dict(instance_id=uuid, backup_id=backup['backup_id'],
                                               dest=str(tmp_path / 'file.xb')), cloud)
    assert res.failed and res.result['error_code'] == 'SizeMismatch'
    assert os.listdir(str(tmp_path)) == []


def test_download_without_dest_returns_the_urls(cloud, uuid):
    backup = run_module(cds_backup, dict(instance_id=uuid, description='dl'), cloud).result['backup']
    res = run_module(cds_backup_download, dict(instance_id=uuid, backup_id=backup['backup_id']), cloud)
    assert res.result['changed'] is False
    assert '/public/' in res.result['download_url'] and '/intranet/' in res.result['intranet_download_url']
    assert 'backup_download_url' not in res.result['backup']


def test_job_ids_one_as_a_string_several_as_a_list(cloud, uuid):
    one = run_module(cds_backup, dict(instance_id=uuid, description='same'), cloud)
    assert isinstance(one.result['job_id'], str) and one.result['job_id']
    # A second backup with the same description (by id: present runs create none).
    cloud.store.backups[one.result['backup']['backup_id']]['Desc'] = 'other'
    run_module(cds_backup, dict(instance_id=uuid, description='same'), cloud)
    cloud.store.backups[one.result['backup']['backup_id']]['Desc'] = 'same'
    res = run_module(cds_backup, dict(instance_id=uuid, description='same', state='absent'), cloud, diff=True)
    assert res.result['changed'] and isinstance(res.result['job_id'], list) and len(res.result['job_id']) == 2
    assert len(res.result['deleted']) == 2 and not cloud.store.backups
    assert res.result['diff']['after'] == {} and res.result['diff']['before']['description'] == 'same'


def test_no_op_reads_the_instance_and_the_backups_only(cloud, uuid):
    run_module(cds_backup, dict(instance_id=uuid, description='n'), cloud)
    for args in (dict(description='n'), dict(description='gone', state='absent')):
        del cloud.calls[:]
        assert run_module(cds_backup, dict(args, instance_id=uuid), cloud).result['changed'] is False
        assert cloud.actions() == ['DescribeDBInstances', 'DescribeBackups']


def test_lost_delete_answer_is_recovered(cloud, uuid):
    run_module(cds_backup, dict(instance_id=uuid, description='x'), cloud)
    cloud.drop_next.add('DeleteBackup')
    res = run_module(cds_backup, dict(instance_id=uuid, description='x', state='absent'), cloud)
    assert not res.failed and res.result['changed'], res.result
    assert cloud.writes().count('DeleteBackup') == 1 and not cloud.store.backups


def test_bad_input_is_refused_before_any_request(cloud, uuid):
    for args, message in ((dict(state='absent'), 'state=absent needs id or description'),
                          (dict(databases=['shop']), 'databases is only for logical backups')):
        res = run_module(cds_backup, dict(args, instance_id=uuid), cloud)
        assert res.failed and res.result['msg'].startswith('Invalid input: ') and message in res.result['msg']
    res = run_module(cds_backup_download, dict(instance_id=uuid, backup_id='b', mode='rw', dest='/no/such/dir/'), cloud)
    assert res.failed and 'mode must be octal' in res.result['msg'] and 'the directory of dest' in res.result['msg']
    res = run_module(cds_backup_policy, dict(instance_id=uuid, time_slot='25:00', days=[]), cloud)
    assert res.failed and 'time_slot' in res.result['msg'] and 'days' in res.result['msg']
    assert cloud.calls == []
