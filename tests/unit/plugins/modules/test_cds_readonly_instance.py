"""cds_readonly_instance against the in-process emulator."""
from ansible_collections.clouddb.mysql.plugins.modules import cds_backup, cds_readonly_instance
from cds_module_harness import rhythm, run_module


def test_create_rhythm_finds_the_new_entry_without_an_id(cloud):
    uuid = cloud.seed(1)[0]
    results = rhythm(cds_readonly_instance, dict(instance_id=uuid, name='ro-1'), cloud)
    assert [r.result['changed'] for r in results] == [True, True, False, False]
    assert cloud.writes() == ['CreateReadOnlyDBInstance']
    ro = results[1].result['readonly_instance']
    assert ro['status'] == 'RUNNING' and ro['service_name'] == 'ro-1' and ro['progress'] == 100
    assert ro['service_id'] in cloud.store.readonly
    body = [p for a, p in cloud.calls if a == 'CreateReadOnlyDBInstance'][0]
    assert body['DiskValue'] == 100 and body['Amount'] == 1  # defaults: the primary's disk, one instance


def test_a_spec_smaller_than_the_primary_is_refused(cloud):
    uuid = cloud.seed(1)[0]
    res = run_module(cds_readonly_instance, dict(instance_id=uuid, name='ro', cpu=1, ram=2), cloud)
    assert res.failed and 'smaller than the primary' in res.result['msg'] and cloud.writes() == []


def test_resize_and_delete(cloud):
    uuid = cloud.seed(1, readonly=1)[0]
    name = list(cloud.store.readonly.values())[0]['ServiceName']
    res = run_module(cds_readonly_instance, dict(instance_id=uuid, name=name, cpu=4, ram=8), cloud)
    assert res.result['changed'] and res.result['readonly_instance']['cpu'] == 4
    results = rhythm(cds_readonly_instance, dict(instance_id=uuid, name=name, state='absent'), cloud)
    assert [r.result['changed'] for r in results] == [True, True, False, False]
    assert cloud.writes() == ['ModifyDBInstanceSpec', 'DeleteDBInstance'] and not cloud.store.readonly


def test_lost_create_answer_is_found_in_ro_groups(cloud):
    uuid = cloud.seed(1)[0]
    cloud.drop_next.add('CreateReadOnlyDBInstance')
    res = run_module(cds_readonly_instance, dict(instance_id=uuid, name='ro-1'), cloud)
    assert not res.failed, res.result
    assert len(cloud.store.readonly) == 1 and cloud.writes() == ['CreateReadOnlyDBInstance']


def test_every_wait_of_a_run_shares_one_wait_timeout(cloud):
    """The primary is busy for 120 s (a backup), then the read-only instance takes 480 s: 600 s in all."""
    uuid = cloud.seed(1)[0]
    for timeout, failed in ((500, True), (900, False)):
        run_module(cds_backup, dict(instance_id=uuid, description='busy-%d' % timeout, wait=False), cloud)
        assert cloud.instance(uuid)['Status'] == 'BACKUP'
        res = run_module(cds_readonly_instance, dict(instance_id=uuid, name='ro-%d' % timeout, wait_timeout=timeout),
                         cloud)
        assert res.failed is failed, res.result
        if failed:
            assert res.result['error_code'] == 'WaitTimeout' and 'ro-%d' % timeout in [
                r['ServiceName'] for r in cloud.store.readonly.values()]
    assert cloud.writes().count('CreateReadOnlyDBInstance') == 2


def test_no_op_and_check_mode(cloud):
    uuid = cloud.seed(1, readonly=1)[0]
    ro = list(cloud.store.readonly.values())[0]
    for ref in (dict(id=ro['ServiceId']), dict(name=ro['ServiceName'])):
        del cloud.calls[:]
        res = run_module(cds_readonly_instance, dict(ref, instance_id=uuid), cloud)
        assert res.result['changed'] is False and cloud.actions() == ['DescribeDBInstances']
    res = run_module(cds_readonly_instance, dict(instance_id=uuid, id=ro['ServiceId'], cpu=4, ram=8), cloud,
                     check_mode=True, diff=True)
    assert res.result['changed'] and cloud.writes() == []
    assert res.result['diff']['before']['cpu'] == 2 and res.result['diff']['after']['cpu'] == 4


def test_ambiguous_name_lists_the_candidates(cloud):
    uuid = cloud.seed(1, readonly=2)[0]
    a, b = sorted(cloud.store.readonly)
    cloud.store.readonly[b]['ServiceName'] = cloud.store.readonly[a]['ServiceName']
    res = run_module(cds_readonly_instance, dict(instance_id=uuid, name=cloud.store.readonly[a]['ServiceName']), cloud)
    assert res.failed and a in res.result['msg'] and b in res.result['msg'] and cloud.writes() == []
