"""gaussdb_serverless_policy against the in-process emulator: no read exists, so every run sends (and says so)."""
import pytest

from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_serverless_policy
from gaussdb_cloud import GaussDBCloud

ROUTE = 'PUT /v3/{project_id}/instances/{instance_id}/serverless/policy'


@pytest.fixture
def cloud():
    return GaussDBCloud()


@pytest.fixture
def instance_id(cloud):
    return cloud.seed(1)[0]


def test_every_run_sends_and_warns(cloud, instance_id):
    args = dict(instance_id=instance_id, min_vcpus=1, max_vcpus=4)
    results = cloud.rhythm(gaussdb_serverless_policy, args)
    assert all(r.result['changed'] for r in results)
    assert all('no way to read the Serverless policy back' in r.result['warnings'][0] for r in results)
    assert results[0].result['diff'] == {'before': {}, 'after': {'min_vcpus': 1, 'max_vcpus': 4}}
    assert results[1].result['serverless_policy'] == {'min_vcpus': 1, 'max_vcpus': 4}
    # The two check-mode runs wrote nothing: two requests for two real runs.
    assert cloud.writes() == {ROUTE: 2}
    state = cloud.ctx.state['gaussdb'].instances[instance_id].ext['serverless']
    assert state == {'min_vcpus': 1, 'max_vcpus': 4}


def test_bad_input_fails_before_any_request(cloud, instance_id):
    res = cloud.run(gaussdb_serverless_policy, dict(instance_id=instance_id, min_vcpus=8, max_vcpus=4))
    assert res.failed and res.result['msg'] == 'Invalid input: min_vcpus (8) must not exceed max_vcpus (4)'
    res = cloud.run(gaussdb_serverless_policy, dict(instance_id=instance_id, min_vcpus=0, max_vcpus=4))
    assert res.failed and 'min_vcpus must be at least 1, got 0' in res.result['msg']
    assert cloud.calls == []


def test_the_api_error_is_surfaced(cloud, instance_id):
    res = cloud.run(gaussdb_serverless_policy, dict(instance_id=instance_id, min_vcpus=1, max_vcpus=128))
    assert res.failed and res.result['error_code'] == 'DBS.280001' and res.result['status'] == 400
