"""GaussDB client: auth modes, project discovery, pagination, batching, job waits (HTTP mocked)."""
import json
import re

import pytest
import responses

from ansible_collections.clouddb.mysql.plugins.module_utils import huawei
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import GaussDBClient
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError, RetryPolicy, WaitTimeout
from ansible_collections.clouddb.mysql.plugins.module_utils.waiter import Poller
from ansible_collections.clouddb.mysql.tests.unit.plugins.modules.harness import FakeClock

EP = 'https://gaussdb.test'
IAM = 'https://iam.test/v3'
PID = '0123456789abcdef0123456789abcdef'


@pytest.fixture(autouse=True)
def fresh_cache():
    huawei._CACHE.clear()


def client(**over):
    config = dict(region='cn-north-4', access_key='AK', secret_key='SK', project_id=PID,
                  endpoint_url=EP, auth_url=IAM, validate_certs=True, timeout=5)
    config.update(over)
    clock = FakeClock()
    session = huawei.HuaweiSession(config, retry=RetryPolicy(sleep=clock.sleep, clock=clock.time))
    return GaussDBClient(config, session=session, poller=Poller(sleep=clock.sleep, clock=clock.time))


@responses.activate
def test_aksk_requests_are_signed_with_project_header():
    responses.add(responses.GET, EP + '/v3.1/%s/instances/abc' % PID, json={'instance': {'id': 'abc'}})
    assert client().get_instance('abc') == {'id': 'abc'}
    sent = responses.calls[0].request
    assert sent.headers['X-Project-Id'] == PID
    assert sent.headers['Authorization'].startswith('SDK-HMAC-SHA256 Access=AK, SignedHeaders=')
    assert 'x-project-id' in sent.headers['Authorization']


@responses.activate
def test_security_token_is_sent_and_signed():
    responses.add(responses.GET, EP + '/v3.1/%s/instances/abc' % PID, json={'instance': {}})
    client(security_token='TOKEN').get_instance('abc')
    sent = responses.calls[0].request
    assert sent.headers['X-Security-Token'] == 'TOKEN'
    assert 'x-security-token' in sent.headers['Authorization']


@responses.activate
def test_project_id_is_discovered_once():
    responses.add(responses.GET, IAM + '/projects', json={'projects': [{'id': 'p1', 'name': 'cn-north-4'}]})
    responses.add(responses.GET, EP + '/v3.1/p1/instances/a', json={'instance': {'id': 'a'}})
    responses.add(responses.GET, EP + '/v3.1/p1/instances/b', json={'instance': {'id': 'b'}})
    c = client(project_id=None)
    c.get_instance('a')
    client(project_id=None).get_instance('b')  # another client in the same run: cached
    assert [call.request.url.split('?')[0] for call in responses.calls].count(IAM + '/projects') == 1
    assert 'name=cn-north-4' in responses.calls[0].request.url


@responses.activate
def test_iam_token_auth_reuses_one_token():
    responses.add(responses.POST, IAM + '/auth/tokens', status=201, headers={'X-Subject-Token': 'tok'},
                  json={'token': {'project': {'id': PID, 'name': 'cn-north-4'}}})
    responses.add(responses.GET, re.compile(EP + '/v3.1/.*'), json={'instance': {'id': 'x'}})
    c = client(access_key=None, secret_key=None, project_id=None, user_name='u', user_password='pw',
               domain_name='d')
    c.get_instance('x')
    c.get_instance('y')
    token_calls = [call for call in responses.calls if call.request.url.startswith(IAM)]
    assert len(token_calls) == 1
    body = json.loads(token_calls[0].request.body)
    assert body['auth']['scope'] == {'project': {'name': 'cn-north-4'}}
    assert responses.calls[-1].request.headers['X-Auth-Token'] == 'tok'
    assert PID in responses.calls[-1].request.url


def test_missing_credentials_fail_before_any_call():
    with pytest.raises(ApiError) as info:
        client(access_key=None, secret_key=None)
    assert 'Credentials missing' in str(info.value)


@responses.activate
def test_pagination_uses_100_per_page_and_stops_at_total():
    url = EP + '/v3.1/%s/instances' % PID
    responses.add(responses.GET, url, json={'instances': [{'id': str(i)} for i in range(100)], 'total_count': 150})
    responses.add(responses.GET, url, json={'instances': [{'id': str(i)} for i in range(100, 150)], 'total_count': 150})
    items = client().list_instances({'name': 'a'})
    assert len(items) == 150
    assert 'limit=100' in responses.calls[0].request.url and 'offset=100' in responses.calls[1].request.url
    assert len(responses.calls) == 2


@responses.activate
def test_batch_details_asks_20_ids_per_call_and_keeps_order():
    url = EP + '/v3.1/%s/instances/details' % PID

    def reply(request):
        ids = re.search(r'instance_ids=([^&]+)', request.url).group(1).split('%2C')
        return 200, {}, json.dumps({'instances': [{'id': i} for i in reversed(ids)]})

    responses.add_callback(responses.GET, url, callback=reply)
    ids = ['i%02d' % n for n in range(45)]
    got = client().batch_details(ids)
    assert [g['id'] for g in got] == ids
    assert len(responses.calls) == 3


@responses.activate
def test_ambiguous_name_lists_candidates():
    responses.add(responses.GET, EP + '/v3.1/%s/instances' % PID,
                  json={'instances': [{'id': 'b', 'name': 'db'}, {'id': 'a', 'name': 'db'}], 'total_count': 2})
    with pytest.raises(ApiError) as info:
        client().resolve_instance(name='db')
    assert 'a, b' in str(info.value)


@responses.activate
def test_wait_jobs_tolerates_an_invisible_job_then_completes():
    url = EP + '/v3/%s/jobs' % PID
    responses.add(responses.GET, url, status=404, json={'error_code': 'DBS.200021', 'error_msg': 'no job'})
    responses.add(responses.GET, url, json={'job': {'id': 'j', 'status': 'Running', 'process': '50%'}})
    responses.add(responses.GET, url, json={'job': {'id': 'j', 'status': 'Completed'}})
    jobs = client().wait_jobs(['j'], timeout=60)
    assert jobs[0]['status'] == 'Completed'


@responses.activate
def test_failed_job_raises_its_reason():
    responses.add(responses.GET, EP + '/v3/%s/jobs' % PID,
                  json={'job': {'id': 'j', 'name': 'Resize', 'status': 'Failed', 'fail_reason': 'no capacity'}})
    with pytest.raises(ApiError) as info:
        client().wait_jobs(['j'], timeout=60)
    assert 'no capacity' in str(info.value)


@responses.activate
def test_wait_times_out():
    responses.add(responses.GET, EP + '/v3/%s/jobs' % PID, json={'job': {'id': 'j', 'status': 'Running'}})
    with pytest.raises(WaitTimeout):
        client().wait_jobs(['j'], timeout=5)


@responses.activate
def test_busy_instance_is_waited_for_then_retried():
    base = EP + '/v3/%s/instances/i1' % PID
    responses.add(responses.PUT, base + '/name', status=409, json={'error_code': 'DBS.200019', 'error_msg': 'busy'})
    responses.add(responses.GET, EP + '/v3/%s/instances/i1' % PID,
                  json={'instance': {'id': 'i1', 'status': 'ACTIVE'}})
    responses.add(responses.PUT, base + '/name', json={'job_id': 'j'})
    assert client().call('rename_instance', instance_id='i1', body={'name': 'n'}) == {'job_id': 'j'}
    assert [c.request.method for c in responses.calls] == ['PUT', 'GET', 'PUT']
