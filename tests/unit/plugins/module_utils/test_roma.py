"""ROMA Connect client: progress records and waiting for creation (HTTP mocked)."""
import pytest
import responses

from ansible_collections.clouddb.mysql.plugins.module_utils import huawei
from ansible_collections.clouddb.mysql.plugins.module_utils.roma import RomaClient, instance_ids_errors
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.module_utils.waiter import Poller

EP = 'https://roma.test'
PID = '0123456789abcdef0123456789abcdef'
URL = EP + '/v2/%s/instances/r1/process' % PID


def record(status, progress):
    return {'instance': {'instanceId': 'r1', 'status': status, 'errorMessage': 'no capacity'},
            'instance_id': 'r1', 'progress': progress, 'status': status.lower(),
            'item': [{'name': 'mqs', 'progress': progress}]}


def client():
    huawei._CACHE.clear()
    config = dict(region='cn-north-4', access_key='AK', secret_key='SK', project_id=PID, endpoint_url=EP)
    now = [0.0]
    poller = Poller(sleep=lambda s: now.__setitem__(0, now[0] + s), clock=lambda: now[0])
    return RomaClient(config, poller=poller)


@responses.activate
def test_progress_is_snake_cased_with_items():
    responses.add(responses.GET, URL, json=record('CREATING', 40))
    got = client().progress('r1')
    assert got['instance']['instance_id'] == 'r1'
    assert got['items'] == [{'name': 'mqs', 'progress': 40}]
    assert responses.calls[0].request.headers['Authorization'].startswith('SDK-HMAC-SHA256')


@responses.activate
def test_wait_until_running():
    responses.add(responses.GET, URL, json=record('CREATING', 10))
    responses.add(responses.GET, URL, json=record('RUNNING', 100))
    assert client().wait_created(['r1'], 60)[0]['progress'] == 100


@responses.activate
def test_failed_creation_raises_its_reason():
    responses.add(responses.GET, URL, json=record('CREATE_FAILED', 90))
    with pytest.raises(ApiError) as info:
        client().wait_created(['r1'], 60)
    assert 'no capacity' in str(info.value)


def test_roma_answers_carry_no_job_ids_and_instance_ids_are_required():
    # CloudModule.jobs reads job ids through the client: ROMA has none, its waits poll the instances.
    assert RomaClient.job_ids({'job_id': 'j1', 'instance_id': 'r1'}) == []
    assert instance_ids_errors(['r1']) == []
    assert instance_ids_errors([]) == ['instance_ids must name at least one instance']
