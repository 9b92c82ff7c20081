"""gaussdb_instance_info, gaussdb_datastore_info, gaussdb_flavor_info and gaussdb_job_info (API faked)."""
import pytest

from ansible_collections.clouddb.mysql.plugins.modules import (
    gaussdb_datastore_info, gaussdb_flavor_info, gaussdb_instance_info, gaussdb_job_info,
)
from fake_gaussdb_instance_api import FakeApi, run_module


@pytest.fixture
def api():
    return FakeApi()


def info(api, **args):
    return run_module(gaussdb_instance_info, args, api)


def test_details_come_in_batches_of_twenty_never_one_call_per_instance(api):
    for index in range(45):
        api.add('db-%02d' % index)
    res = info(api)
    assert len(res.result['instances']) == 45
    assert api.ops() == ['list_instances', 'batch_show_instances', 'batch_show_instances', 'batch_show_instances']
    assert [len(c[2]['instance_ids'].split(',')) for c in api.calls[1:]] == [20, 20, 5]
    first = res.result['instances'][0]
    assert first['nodes'] and first['readonly_private_ips'] == ['10.0.0.1']   # details merged into the list entry


def test_exact_name_and_fuzzy_name(api):
    api.add('orders-db')
    api.add('orders-db-2')
    assert [i['name'] for i in info(api, name='orders-db').result['instances']] == ['orders-db']
    assert len(info(api, name='*orders').result['instances']) == 2


def test_by_id(api):
    inst = api.add('orders-db')
    api.add('other-db')
    res = info(api, id=inst['id'])
    assert [i['id'] for i in res.result['instances']] == [inst['id']]
    assert api.calls[0][2]['id'] == inst['id']


def test_filters_are_passed_with_tags_as_key_value_pairs(api):
    api.add('orders-db')
    info(api, filters={'vpc_id': 'vpc-1', 'tags': {'team': 'orders', 'env': 'prod'}})
    params = api.calls[0][2]
    assert params['vpc_id'] == 'vpc-1' and params['tags'] == 'env=prod,team=orders'


def test_query_is_applied_to_the_list(api):
    api.add('orders-db', replicas=2)
    api.add('broken-db', status='abnormal')
    res = info(api, query="[?status=='normal'].{name: name, ro: length(nodes[?type=='slave'])}")
    assert res.result['query_result'] == [{'name': 'orders-db', 'ro': 2}]
    assert len(res.result['instances']) == 2


@pytest.mark.parametrize('args, message', [
    (dict(filters={'status': 'normal'}), 'Unknown filters'),
    (dict(query='[?status=='), 'Invalid query'),
    (dict(name='*'), 'name'),
])
def test_bad_input_makes_no_request(api, args, message):
    res = info(api, **args)
    assert res.failed and message in res.result['msg']
    assert api.calls == []


def test_nothing_found_is_an_empty_list(api):
    res = info(api, name='nope-db')
    assert res.result['instances'] == [] and api.ops() == ['list_instances']


# -- datastores and flavors ---------------------------------------------------------------
def test_datastores(api):
    res = run_module(gaussdb_datastore_info, {'version': '8.0'}, api)
    assert res.result['datastores'][0]['kernel_version'] == '2.0.51.240300'
    assert api.calls[0][1] == {'database_name': 'gaussdb-mysql'}


def test_flavors_pass_version_mode_and_spec_code(api):
    res = run_module(gaussdb_flavor_info, {'spec_code': 'gaussdb.mysql.xlarge.x86.8', 'availability_zone_mode': 'multi'},
                     api)
    assert [f['spec_code'] for f in res.result['flavors']] == ['gaussdb.mysql.xlarge.x86.8']
    assert api.calls[0][2] == {'availability_zone_mode': 'multi', 'version_name': '8.0',
                               'spec_code': 'gaussdb.mysql.xlarge.x86.8'}


# -- jobs ---------------------------------------------------------------------------------
def test_job_lookup_without_wait(api):
    job_id = api._job('RenameGaussDBforMySQLInstance', 'i1')['job_id']
    res = run_module(gaussdb_job_info, {'id': job_id}, api)
    assert res.result['jobs'][0]['status'] == 'Completed' and res.result['jobs'][0]['id'] == job_id


def test_unknown_job_without_wait_fails_with_the_api_error_code(api):
    res = run_module(gaussdb_job_info, {'id': 'nope'}, api)
    assert res.failed and res.result['error_code'] == 'DBS.200543'


def test_wait_tolerates_a_job_that_is_not_visible_yet(api):
    api.job_visible_after = 2
    job_id = api._job('RenameGaussDBforMySQLInstance', 'i1')['job_id']
    res = run_module(gaussdb_job_info, {'id': [job_id], 'wait': True}, api)
    assert not res.failed and res.result['jobs'][0]['status'] == 'Completed'
    assert api.ops().count('show_job') == 3


def test_wait_fails_when_a_job_failed(api):
    api.job_status = 'Failed'
    job_id = api._job('ResizeGaussDBforMySQLFlavor', 'i1')['job_id']
    res = run_module(gaussdb_job_info, {'id': job_id, 'wait': True}, api)
    assert res.failed and res.result['error_code'] == 'JobFailed' and res.result['jobs'][0]['status'] == 'Failed'


def test_wait_timeout_reports_the_last_progress(api):
    api.job_status = 'Running'
    job_id = api._job('ResizeGaussDBforMySQLFlavor', 'i1')['job_id']
    res = run_module(gaussdb_job_info, {'id': job_id, 'wait': True, 'wait_timeout': 5}, api)
    assert res.failed and res.result['error_code'] == 'WaitTimeout'
    assert res.result['jobs'][0]['status'] == 'Running'
