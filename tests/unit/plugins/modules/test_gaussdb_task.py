"""gaussdb_task against the in-process emulator: cancelling scheduled tasks (4.13.4, 4.13.6) and deleting task
records (4.13.5) in the rhythm, check mode, bad input, refusals and lost answers."""
import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_tasks import plan_tasks
from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_task
from gaussdb_cloud import GaussDBCloud, api_call


@pytest.fixture
def cloud():
    return GaussDBCloud()


@pytest.fixture
def instances(cloud):
    return cloud.seed(2)


def delayed_restart(cloud, instance_id):
    return api_call(cloud, 'restart_instance', body={'delay': True}, instance_id=instance_id)['job_id']


def finished_restart(cloud, instance_id):
    job_id = api_call(cloud, 'restart_instance', body={}, instance_id=instance_id)['job_id']
    cloud.advance(600)
    return job_id


def writes_since(cloud, before):
    """The write requests sent since ``before`` (a ``cloud.writes()`` taken earlier)."""
    now = cloud.writes()
    return dict((route, n - before.get(route, 0)) for route, n in now.items() if n != before.get(route, 0))


def pending_ids(cloud):
    answer = api_call(cloud, 'list_scheduled_jobs', params={'status': 'Pending', 'offset': 1, 'limit': 50})
    return [s['job_id'] for s in answer['schedules']]


def test_rhythm_cancel_by_ids(cloud, instances):
    first, second = instances
    a, b = delayed_restart(cloud, first), delayed_restart(cloud, second)
    checked, applied, checked_again, again = cloud.rhythm(gaussdb_task, dict(job_ids=[a, b], state='cancelled'))
    assert checked.result['changed'] and applied.result['changed']
    assert not checked_again.result['changed'] and not again.result['changed']
    assert checked.result['cancelled'] == applied.result['cancelled'] == [a, b]
    assert checked.result['diff'] == applied.result['diff']
    assert applied.result['diff']['after'] == {'tasks': {}}
    assert set(applied.result['diff']['before']['tasks']) == {a, b}
    assert again.result['cancelled'] == [] and again.result['tasks'] == []
    assert pending_ids(cloud) == []
    assert cloud.ops().count('cancel_scheduled_jobs') == 1
    assert 'job_id' not in applied.result


def test_check_mode_names_what_would_be_cancelled_and_writes_nothing(cloud, instances):
    job_id = delayed_restart(cloud, instances[0])
    before = cloud.writes()
    res = cloud.run(gaussdb_task, dict(job_id=job_id), check_mode=True)
    assert res.result['changed'] and res.result['cancelled'] == [job_id] and res.result['deleted'] == []
    assert res.result['tasks'][0]['job_name'] == 'RebootGaussDBforMySQLInstance'
    assert res.result['tasks'][0]['status'] == 'Pending' and res.result['tasks'][0]['scheduled'] is True
    assert not writes_since(cloud, before) and pending_ids(cloud) == [job_id]


def test_every_scheduled_task_of_an_instance_through_4_13_6(cloud, instances):
    first, second = instances
    mine = [delayed_restart(cloud, first), delayed_restart(cloud, first)]
    other = delayed_restart(cloud, second)
    checked, applied, checked_again, again = cloud.rhythm(gaussdb_task, dict(instance_id=first))
    assert checked.result['changed'] and applied.result['changed']
    assert not checked_again.result['changed'] and not again.result['changed']
    assert sorted(applied.result['cancelled']) == sorted(mine) and applied.result['instance_id'] == first
    assert cloud.ops().count('delete_instance_scheduled_jobs') == 2 and 'cancel_scheduled_jobs' not in cloud.ops()
    assert pending_ids(cloud) == [other]


def test_job_name_narrows_the_instance_selection(cloud, instances):
    first = instances[0]
    node_id = sorted(cloud.ctx.state['gaussdb'].instances[first].nodes)[0]
    node_restart = api_call(cloud, 'restart_node', body={'delay': True}, instance_id=first, node_id=node_id)['job_id']
    # The emulator names a node restart like an instance restart (4.13.2 has no name of its own for it).
    res = cloud.run(gaussdb_task, dict(instance_id=first, job_name='RebootGaussDBforMySQLInstance'))
    assert res.result['cancelled'] == [node_restart]
    res = cloud.run(gaussdb_task, dict(instance_id=first, job_name='UpgradeGaussDBforMySQLDatabaseVersion'))
    assert not res.result['changed'] and res.result['tasks'] == []


def test_by_instance_name_and_a_task_of_another_instance(cloud, instances):
    first, second = instances
    name = cloud.ctx.state['gaussdb'].instances[first].name
    other = delayed_restart(cloud, second)
    before = cloud.writes()
    res = cloud.run(gaussdb_task, dict(instance_name=name, job_ids=[other]))
    assert res.failed and 'does not belong to instance %s' % first in res.result['msg'] and other in res.result['msg']
    assert not writes_since(cloud, before) and pending_ids(cloud) == [other]


def test_absent_deletes_finished_records_and_cancels_pending_tasks(cloud, instances):
    first = instances[0]
    done = finished_restart(cloud, first)
    pending = delayed_restart(cloud, first)
    before = cloud.writes()
    checked, applied, checked_again, again = cloud.rhythm(gaussdb_task, dict(job_ids=[done, pending]))
    assert checked.result['changed'] and applied.result['changed']
    assert not checked_again.result['changed'] and not again.result['changed']
    assert (applied.result['cancelled'], applied.result['deleted']) == ([pending], [done])
    assert applied.result['diff']['before']['tasks'][done]['status'] == 'Completed'
    assert applied.result['diff']['after'] == {'tasks': {}}
    assert writes_since(cloud, before) == {
        'DELETE /v3/{project_id}/scheduled-jobs': 1, 'DELETE /v3/{project_id}/jobs/{job_id}': 1}
    # A no-op run: one list of the pending scheduled tasks and one 4.13.1 read per id.
    cloud.calls[:] = []
    cloud.run(gaussdb_task, dict(job_ids=[done, pending]))
    assert cloud.ops() == ['list_scheduled_jobs', 'show_job', 'show_job']


def test_cancelled_leaves_finished_records_alone(cloud, instances):
    done = finished_restart(cloud, instances[0])
    cloud.calls[:] = []
    res = cloud.run(gaussdb_task, dict(job_ids=[done], state='cancelled'))
    assert not res.result['changed'] and res.result['tasks'] == []
    assert cloud.ops() == ['list_scheduled_jobs']


def test_a_running_task_cannot_be_removed(cloud, instances):
    running = api_call(cloud, 'restart_instance', body={}, instance_id=instances[0])['job_id']
    cloud.advance(5)   # visible, still running
    before = cloud.writes()
    res = cloud.run(gaussdb_task, dict(job_ids=[running]))
    assert res.failed and 'neither cancelled nor deleted' in res.result['msg'] and running in res.result['msg']
    assert res.result['error_code'] == 'InvalidInput' and not writes_since(cloud, before)


def test_bad_input_fails_before_any_request(cloud):
    res = cloud.run(gaussdb_task, dict(job_ids=[]))
    assert res.failed and res.result['msg'].startswith('Invalid input: job_ids must name at least one task')
    res = cloud.run(gaussdb_task, dict(job_ids=['ok', ' ']))
    assert res.failed and 'empty id' in res.result['msg']
    res = cloud.run(gaussdb_task, dict(state='cancelled'))
    assert res.failed and 'one of the following is required' in res.result['msg']
    assert cloud.calls == []


def test_a_lost_cancel_answer_is_not_an_error(cloud, instances):
    job_id = delayed_restart(cloud, instances[0])
    cloud.configure(drop_responses=[{'method': 'DELETE', 'path': '/v3/{project_id}/scheduled-jobs', 'count': 1}])
    res = cloud.run(gaussdb_task, dict(job_ids=[job_id]))
    assert not res.failed, res.result
    assert res.result['changed'] and pending_ids(cloud) == []
    assert cloud.stats()['by_route']['DELETE /v3/{project_id}/scheduled-jobs'] == 2


def test_the_api_error_is_surfaced(cloud, instances):
    res = cloud.run(gaussdb_task, dict(instance_id='0' * 32 + 'in07', state='cancelled'))
    assert not res.failed and not res.result['changed']   # nothing pending for an unknown instance
    cloud.configure(fault_rate=1.0, fault_kinds=['server_error'])
    res = cloud.run(gaussdb_task, dict(job_ids=['x']))
    assert res.failed and res.result['status'] in (500, 503) and res.result['error_code']


def test_plan_orders_cancels_before_deletes():
    selected = {'a': dict(job_name='n', instance_id='i', status='Completed', scheduled=False),
                'b': dict(job_name='n', instance_id='i', status='Pending', scheduled=True)}
    plan, cancel, delete = plan_tasks(dict(state='absent'), selected, None)
    assert (cancel, delete) == (['b'], ['a'])
    assert [step.what for step in plan.steps] == ['cancel b', 'delete the record of a']
    plan, cancel, delete = plan_tasks(dict(state='cancelled'), selected, 'i')
    assert (cancel, delete, len(plan.steps)) == (['b'], [], 1)
