"""cds_instance and cds_instance_info against the in-process emulator (see cds_module_harness)."""
import pytest
import responses

from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError

from ansible_collections.clouddb.mysql.plugins.modules import cds_instance, cds_instance_info
from cds_module_harness import rhythm, run_module

CREATE = dict(name='shop-db', vdc_id='vdc-1', base_pipe_id='pipe-1', cpu=2, ram=4, disk_size=200)


def test_create_rhythm(cloud):
    check, apply, check2, apply2 = rhythm(cds_instance, CREATE, cloud)
    assert [r.result['changed'] for r in (check, apply, check2, apply2)] == [True, True, False, False]
    assert cloud.writes() == ['CreateDBInstance']
    inst = apply.result['instance']
    assert inst['status'] == 'RUNNING' and inst['cpu'] == 2 and inst['ram'] == 4096 and inst['disks'] == 200
    assert inst['readonly_instances'] == []
    assert check.result['diff']['before'] == {} and check.result['diff']['after']['cpu'] == 2
    create = [p for a, p in cloud.calls if a == 'CreateDBInstance'][0]
    assert create['Amount'] == 1 and create['DiskType'] == 'ssd_disk' and create['RegionId'] == 'CN_Beijing_A'


def test_grow_disk_sends_the_increment_and_changes_spec_in_one_call(cloud):
    uuid = cloud.seed(1)[0]
    res = run_module(cds_instance, dict(id=uuid, cpu=4, ram=8, disk_size=300), cloud, diff=True)
    assert res.result['changed'] and not res.failed
    modify = [p for a, p in cloud.calls if a == 'ModifyDBInstanceSpec']
    assert len(modify) == 1
    assert modify[0]['DiskValue'] == 200 and modify[0]['DiskType'] == 'ssd_disk' and modify[0]['PaasGoodsId']
    assert res.result['instance']['disks'] == 300 and res.result['instance']['cpu'] == 4
    assert res.result['diff']['before']['disk_size'] == 100 and res.result['diff']['after']['disk_size'] == 300
    again = run_module(cds_instance, dict(id=uuid, cpu=4, ram=8, disk_size=300), cloud)
    assert again.result['changed'] is False


def test_check_mode_change_writes_nothing(cloud):
    uuid = cloud.seed(1)[0]
    res = run_module(cds_instance, dict(id=uuid, disk_size=400), cloud, check_mode=True)
    assert res.result['changed'] is True and cloud.writes() == []
    assert res.result['instance']['disks'] == 400


def test_shrinking_fails_before_any_write(cloud):
    uuid = cloud.seed(1)[0]
    res = run_module(cds_instance, dict(id=uuid, disk_size=0 + 100), cloud)
    assert res.result['changed'] is False
    cloud.instance(uuid)['Disks'] = cloud.instance(uuid)['_disks'] = 300
    res = run_module(cds_instance, dict(id=uuid, disk_size=200), cloud)
    assert res.failed and 'cannot shrink' in res.result['msg'] and cloud.writes() == []


@pytest.mark.parametrize('args, message', [
    (dict(port=9100), 'port must be'),
    (dict(time_zone='8:00'), 'time_zone'),
    (dict(disk_size=150), 'steps of 100'),
    (dict(cpu=3, ram=7), 'offered'),
])
def test_bad_input_is_refused_before_any_write(cloud, args, message):
    res = run_module(cds_instance, dict(CREATE, **args), cloud)
    assert res.failed and message in res.result['msg'], res.result
    assert cloud.writes() == []


def test_immutable_fields_fail_instead_of_recreating(cloud):
    uuid = cloud.seed(1)[0]
    res = run_module(cds_instance, dict(id=uuid, version='5.7', port=3307), cloud)
    assert res.failed and 'version is 8.0.22' in res.result['msg'] and 'port is 3306' in res.result['msg']


def test_ambiguous_name_lists_the_candidates(cloud):
    a, b = cloud.seed(2)
    cloud.instance(b)['InstanceName'] = cloud.instance(a)['InstanceName']
    res = run_module(cds_instance, dict(name=cloud.instance(a)['InstanceName']), cloud)
    assert res.failed and a in res.result['msg'] and b in res.result['msg']


def test_lost_create_answer_does_not_create_a_second_instance(cloud):
    cloud.drop_next.add('CreateDBInstance')
    res = run_module(cds_instance, CREATE, cloud)
    assert not res.failed, res.result
    assert cloud.writes() == ['CreateDBInstance']
    assert len(cloud.store.instances) == 1
    assert res.result['instance']['instance_uuid'] in cloud.store.instances


def test_delete_rhythm(cloud):
    uuid = cloud.seed(1, readonly=1)[0]
    args = dict(id=uuid, state='absent')
    results = rhythm(cds_instance, args, cloud)
    assert [r.result['changed'] for r in results] == [True, True, False, False]
    assert cloud.writes() == ['DeleteDBInstance'] and not cloud.store.instances and not cloud.store.readonly


def test_busy_instance_is_waited_for(cloud):
    uuid = cloud.seed(1)[0]
    cloud.store.set_status(cloud.instance(uuid), 'BACKUP')
    cloud.store.schedule('backup', lambda: cloud.store.set_status(cloud.instance(uuid), 'RUNNING'))
    res = run_module(cds_instance, dict(id=uuid, disk_size=200), cloud)
    assert not res.failed, res.result
    assert cloud.writes().count('ModifyDBInstanceSpec') in (1, 2)
    assert res.result['instance']['disks'] == 200


def test_wrong_secret_fails_with_an_authentication_error(cloud):
    client = cloud.client({'access_key_secret': 'wrong'})
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        cloud.install(rsps)
        with pytest.raises(ApiError) as err:
            client.regions()
    assert err.value.status == 401 and err.value.error_code == 'SignatureDoesNotMatch'
    assert 'Authentication failed' in err.value.msg
    assert len(cloud.calls) == 1


def test_info_filters_exactly_and_nests_readonly_instances(cloud):
    a, b = cloud.seed(2, readonly=2)
    cloud.instance(b)['InstanceName'] = 'seed-mysql-001-copy'
    res = run_module(cds_instance_info, dict(name='seed-mysql-001'), cloud)
    assert [i['instance_uuid'] for i in res.result['instances']] == [a]
    assert len(res.result['instances'][0]['readonly_instances']) == 2
    assert cloud.actions() == ['DescribeDBInstances']
    everything = run_module(cds_instance_info, {}, cloud)
    assert len(everything.result['instances']) == 2


def test_no_op_is_one_request_by_id_or_by_name(cloud):
    uuid = cloud.seed(1)[0]
    inst = cloud.instance(uuid)
    for ref in (dict(id=uuid), dict(name=inst['InstanceName'])):
        del cloud.calls[:]
        res = run_module(cds_instance, dict(ref, cpu=inst['Cpu'], ram=inst['Ram'] // 1024, disk_size=inst['Disks']), cloud)
        assert res.result['changed'] is False and cloud.actions() == ['DescribeDBInstances']


def test_job_id_and_one_wait_budget(cloud):
    uuid = cloud.seed(1)[0]
    res = run_module(cds_instance, dict(id=uuid, disk_size=200, wait_timeout=60), cloud)
    assert res.failed and res.result['error_code'] == 'WaitTimeout' and res.result['job_id']
    assert cloud.writes() == ['ModifyDBInstanceSpec']


def test_check_mode_delete_writes_nothing(cloud):
    uuid = cloud.seed(1)[0]
    res = run_module(cds_instance, dict(id=uuid, state='absent'), cloud, check_mode=True, diff=True)
    assert res.result['changed'] and cloud.writes() == [] and res.result['instance'] == {}
    assert res.result['diff']['after'] == {} and res.result['diff']['before']['name'] == cloud.instance(uuid)['InstanceName']
