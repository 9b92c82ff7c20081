"""gaussdb_instance_info, gaussdb_datastore_info, gaussdb_flavor_info and gaussdb_job_info against the in-process
emulator."""
import pytest

from ansible_collections.clouddb.mysql.plugins.modules import (
    gaussdb_datastore_info, gaussdb_flavor_info, gaussdb_instance_info, gaussdb_job_info,
)
from gaussdb_cloud import GaussDBCloud, api_call as api, seed_named as add


@pytest.fixture
def cloud():
    return GaussDBCloud()


def info(cloud, **args):
    return cloud.run(gaussdb_instance_info, args)


def a_job(cloud, instance_id, operation='set_port', body=None):
    """The id of a job started by a change (port change: 15 s, resize: 300 s)."""
    return api(cloud, operation, instance_id=instance_id, body=body or {'port': 8635})['job_id']


def test_details_come_in_batches_of_twenty_never_one_call_per_instance(cloud):
    cloud.seed(45)
    res = info(cloud)
    assert len(res.result['instances']) == 45
    assert cloud.ops() == ['list_instances', 'batch_show_instances', 'batch_show_instances', 'batch_show_instances']
    assert [len(c[2]['instance_ids'].split(',')) for c in cloud.calls[1:]] == [20, 20, 5]
    first = res.result['instances'][0]
    # details merged into the list entry: nodes come from the details, readonly_private_ips from the list
    assert first['nodes'] and first['readonly_private_ips'] == [
        ip for n in first['nodes'] if n['type'] == 'slave' for ip in n['private_read_ips']]
    assert res.result['changed'] is False


def test_exact_name_and_fuzzy_name(cloud):
    add(cloud, 'orders-db')
    add(cloud, 'orders-db-2')
    assert [i['name'] for i in info(cloud, name='orders-db').result['instances']] == ['orders-db']
    assert len(info(cloud, name='*orders').result['instances']) == 2


def test_by_id(cloud):
    iid = add(cloud, 'orders-db')
    add(cloud, 'other-db')
    res = info(cloud, id=iid)
    assert [i['id'] for i in res.result['instances']] == [iid]
    assert cloud.calls[0][2]['id'] == iid


def test_filters_are_passed_with_tags_as_key_value_pairs(cloud):
    iid = add(cloud, 'orders-db', tags={'team': 'orders', 'env': 'prod'})
    add(cloud, 'other-db')
    res = info(cloud, filters={'vpc_id': '3cedfc54-b105-4652-a4e0-847b11576b58', 'tags': {'team': 'orders', 'env': 'prod'}})
    params = cloud.calls[0][2]
    assert params['vpc_id'] == '3cedfc54-b105-4652-a4e0-847b11576b58' and params['tags'] == 'env=prod,team=orders'
    assert [i['id'] for i in res.result['instances']] == [iid]


def test_query_is_applied_to_the_list(cloud):
    add(cloud, 'orders-db', replicas=2)
    add(cloud, 'broken-db', status='FAILED', ever_active=True)
    res = info(cloud, query="[?status=='normal'].{name: name, ro: length(nodes[?type=='slave'])}")
    assert res.result['query_result'] == [{'name': 'orders-db', 'ro': 2}]
    assert len(res.result['instances']) == 2


@pytest.mark.parametrize('args, message', [
    (dict(filters={'status': 'normal'}), 'Unknown filters'),
    (dict(query='[?status=='), 'Invalid query'),
    (dict(name='*'), 'name'),
])
def test_bad_input_makes_no_request(cloud, args, message):
    res = info(cloud, **args)
    assert res.failed and message in res.result['msg'] and res.result['msg'].startswith('Invalid input: ')
    assert cloud.calls == []


def test_nothing_found_is_an_empty_list(cloud):
    res = info(cloud, name='nope-db')
    assert res.result['instances'] == [] and cloud.ops() == ['list_instances']


# -- datastores and flavors ---------------------------------------------------------------
def test_datastores(cloud):
    res = cloud.run(gaussdb_datastore_info, {'version': '8.0'})
    listed = api(cloud, 'list_datastores', database_name='gaussdb-mysql')['datastores']
    assert res.result['datastores'][0]['kernel_version'] == listed[0]['kernel_version']
    assert cloud.calls[0][1] == {'database_name': 'gaussdb-mysql'}


def test_flavors_pass_version_mode_and_spec_code(cloud):
    res = cloud.run(gaussdb_flavor_info, {'spec_code': 'gaussdb.mysql.xlarge.x86.8', 'availability_zone_mode': 'multi'})
    assert [f['spec_code'] for f in res.result['flavors']] == ['gaussdb.mysql.xlarge.x86.8']
    assert cloud.calls[0][2] == {'availability_zone_mode': 'multi', 'version_name': '8.0',
                                 'spec_code': 'gaussdb.mysql.xlarge.x86.8'}


# -- jobs ---------------------------------------------------------------------------------
def test_job_lookup_without_wait(cloud):
    job_id = a_job(cloud, cloud.seed(1)[0])
    cloud.advance(60)
    res = cloud.run(gaussdb_job_info, {'id': job_id})
    assert res.result['jobs'][0]['status'] == 'Completed' and res.result['jobs'][0]['id'] == job_id


def test_unknown_job_without_wait_fails_with_the_api_error_code(cloud):
    res = cloud.run(gaussdb_job_info, {'id': 'nope'})
    assert res.failed and res.result['error_code'] == 'DBS.200543'


def test_wait_tolerates_a_job_that_is_not_visible_yet(cloud):
    job_id = a_job(cloud, cloud.seed(1)[0])   # a new job is invisible for job_visible_after (2 s)
    res = cloud.run(gaussdb_job_info, {'id': [job_id], 'wait': True})
    assert not res.failed and res.result['jobs'][0]['status'] == 'Completed'
    assert cloud.ops().count('show_job') >= 3


def test_wait_fails_when_a_job_failed(cloud):
    cloud.configure(fail_jobs=[{'name': 'ModifyGaussDBforMySQLPort', 'count': 1}])
    job_id = a_job(cloud, cloud.seed(1)[0])
    res = cloud.run(gaussdb_job_info, {'id': job_id, 'wait': True})
    assert res.failed and res.result['error_code'] == 'JobFailed' and res.result['jobs'][0]['status'] == 'Failed'


def test_wait_timeout_reports_the_last_progress(cloud):
    job_id = a_job(cloud, cloud.seed(1)[0], 'resize_flavor', {'resize_flavor': {'spec_code': 'gaussdb.mysql.xlarge.x86.8'}})
    cloud.advance(5)
    res = cloud.run(gaussdb_job_info, {'id': job_id, 'wait': True, 'wait_timeout': 5})
    assert res.failed and res.result['error_code'] == 'WaitTimeout'
    assert res.result['jobs'][0]['status'] == 'Running'
