"""gaussdb_instance_upgrade against the in-process emulator: the rhythm, exact versions, delayed upgrades,
upgrade_flag, bad input, a lost answer."""
import pytest

from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_instance_upgrade
from gaussdb_cloud import GaussDBCloud

OLD = '2.0.28.18'
LATEST = '2.0.51.240300'
UPGRADE_ROUTE = 'POST /v3/{project_id}/instances/{instance_id}/db-upgrade'


@pytest.fixture
def cloud():
    return GaussDBCloud()


@pytest.fixture
def instance_id(cloud):
    """An instance on the older kernel."""
    instance_id = cloud.seed(1)[0]
    cloud.ctx.state['gaussdb'].instances[instance_id].datastore['kernel_version'] = OLD
    return instance_id


def kernel(cloud, instance_id):
    return cloud.ctx.state['gaussdb'].instances[instance_id].datastore['kernel_version']


def test_rhythm_check_apply_check_apply(cloud, instance_id):
    first_check, applied, second_check, again = cloud.rhythm(gaussdb_instance_upgrade, dict(instance_id=instance_id))
    assert first_check.result['changed'] and applied.result['changed']
    assert not second_check.result['changed'] and not again.result['changed']
    diff = {'before': {'kernel_version': OLD}, 'after': {'kernel_version': LATEST}}
    assert first_check.result['diff'] == applied.result['diff'] == diff
    assert (first_check.result['current_version'], first_check.result['target_version']) == (OLD, LATEST)
    assert 'job_id' not in first_check.result and isinstance(applied.result['job_id'], str)
    # Waited for, then read again: the answer shows the new kernel.
    assert applied.result['database_version']['datastore']['current_kernel_version'] == LATEST
    assert applied.result['database_version']['upgrade_flag'] is False
    assert (again.result['current_version'], again.result['target_version']) == (LATEST, LATEST)
    assert again.result['scheduled'] is False
    assert cloud.ops().count('upgrade_kernel') == 1 and kernel(cloud, instance_id) == LATEST


def test_check_mode_reads_the_version_and_writes_nothing(cloud, instance_id):
    res = cloud.run(gaussdb_instance_upgrade, dict(instance_id=instance_id), check_mode=True)
    assert res.result['changed'] and res.result['target_version'] == LATEST
    assert cloud.ops() == ['show_kernel_version'] and not cloud.writes()


def test_exact_versions(cloud, instance_id):
    res = cloud.run(gaussdb_instance_upgrade, dict(instance_id=instance_id, kernel_version=OLD))
    assert not res.failed and not res.result['changed']
    res = cloud.run(gaussdb_instance_upgrade, dict(instance_id=instance_id, kernel_version='2.0.42.230600'))
    assert res.failed and 'only moves to the latest kernel version, %s' % LATEST in res.result['msg']
    assert not cloud.writes()
    res = cloud.run(gaussdb_instance_upgrade, dict(instance_id=instance_id, kernel_version=LATEST))
    assert res.result['changed'] and kernel(cloud, instance_id) == LATEST


def test_no_upgrade_possible_fails_with_the_reason(cloud, instance_id):
    cloud.ctx.state['gaussdb'].instances[instance_id].status = 'FAILED'
    res = cloud.run(gaussdb_instance_upgrade, dict(instance_id=instance_id), check_mode=True)
    assert res.failed and 'upgrade_flag false' in res.result['msg'] and LATEST in res.result['msg']
    assert cloud.ops() == ['show_kernel_version']


def test_a_delayed_upgrade_is_scheduled_once_and_not_waited_for(cloud, instance_id):
    args = dict(instance_id=instance_id, delay=True)
    first_check, applied, second_check, again = cloud.rhythm(gaussdb_instance_upgrade, args)
    assert first_check.result['changed'] and applied.result['changed']
    assert not second_check.result['changed'] and not again.result['changed']
    assert applied.result['scheduled'] and again.result['scheduled']
    job_id = applied.result['job_id']
    assert len(job_id) == 32 and 'show_job' not in cloud.ops()   # a scheduled task, never polled
    assert kernel(cloud, instance_id) == OLD                      # runs in the maintenance window
    assert cloud.stats()['by_route'][UPGRADE_ROUTE] == 1
    # Each run looked for a pending task (4.13.3); the later ones found it instead of scheduling another.
    assert cloud.ops().count('list_scheduled_jobs') == 4
    # Upgrading now is still a change.
    res = cloud.run(gaussdb_instance_upgrade, dict(instance_id=instance_id))
    assert res.result['changed'] and kernel(cloud, instance_id) == LATEST


def test_wait_false_returns_the_job(cloud, instance_id):
    res = cloud.run(gaussdb_instance_upgrade, dict(instance_id=instance_id, wait=False))
    assert res.result['changed'] and 'show_job' not in cloud.ops()
    assert res.result['database_version']['datastore']['current_kernel_version'] == OLD


def test_a_lost_answer_is_not_resent(cloud, instance_id):
    cloud.configure(drop_responses=[{'method': 'POST', 'path': UPGRADE_ROUTE.split(' ', 1)[1], 'count': 1}])
    res = cloud.run(gaussdb_instance_upgrade, dict(instance_id=instance_id))
    assert not res.failed, res.result
    assert res.result['changed'] and cloud.stats()['by_route'][UPGRADE_ROUTE] == 1


def test_bad_input_fails_before_any_request(cloud, instance_id):
    res = cloud.run(gaussdb_instance_upgrade, dict(instance_id=instance_id, kernel_version='newest'))
    assert res.failed and res.result['msg'].startswith("Invalid input: kernel_version 'newest' must be latest")
    assert cloud.calls == []


def test_the_api_error_is_surfaced(cloud):
    res = cloud.run(gaussdb_instance_upgrade, dict(instance_id='0' * 32 + 'in07'))
    assert res.failed and res.result['error_code'] == 'DBS.201028' and res.result['status'] == 404


def test_a_lost_answer_of_a_delayed_upgrade_is_found_in_the_scheduled_tasks(cloud, instance_id):
    cloud.configure(drop_responses=[{'method': 'POST', 'path': UPGRADE_ROUTE.split(' ', 1)[1], 'count': 1}])
    res = cloud.run(gaussdb_instance_upgrade, dict(instance_id=instance_id, delay=True))
    assert not res.failed, res.result
    assert res.result['changed'] and len(res.result['job_id']) == 32
    assert cloud.stats()['by_route'][UPGRADE_ROUTE] == 1
