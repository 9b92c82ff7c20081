"""cds_readonly_instance against the in-process emulator."""
from ansible_collections.clouddb.mysql.plugins.modules import cds_readonly_instance
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
