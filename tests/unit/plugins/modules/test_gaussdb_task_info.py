"""gaussdb_task_info against the in-process emulator: both task lists, the API's filters, page-number paging,
the instance filter, limit, bad input and API errors."""
import time

import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_tasks import list_tasks, normalize_task
from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_task_info
from gaussdb_cloud import GaussDBCloud, api_call, whole_seconds


@pytest.fixture
def cloud():
    return whole_seconds(GaussDBCloud())


def iso(seconds):
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(seconds))


def restarts(cloud, instance_id, count, delay=False):
    ids = []
    while len(ids) < count:
        ids.append(api_call(cloud, 'restart_instance', body={'delay': delay}, instance_id=instance_id)['job_id'])
        cloud.advance(600)
    return ids


def list_params(cloud):
    return [call[2] for call in cloud.calls if call[0] in ('list_immediate_jobs', 'list_scheduled_jobs')]


def test_immediate_tasks_page_through_everything(cloud):
    first, second = cloud.seed(2)
    ids = restarts(cloud, first, 30) + restarts(cloud, second, 25)
    res = cloud.run(gaussdb_task_info, {})
    assert not res.failed and not res.result['changed']
    jobs = res.result['jobs']
    assert [j['job_id'] for j in jobs] == ids[::-1]
    assert jobs[0]['instance_status'] == 'normal' and jobs[0]['status'] == 'Completed'
    assert [p['offset'] for p in list_params(cloud)] == [1, 2] and list_params(cloud)[0]['limit'] == 50


def test_limit_stops_early_with_the_smallest_page(cloud):
    instance_id = cloud.seed(1)[0]
    ids = restarts(cloud, instance_id, 25)
    res = cloud.run(gaussdb_task_info, dict(limit=15))
    assert [j['job_id'] for j in res.result['jobs']] == ids[::-1][:15]
    assert list_params(cloud) == [dict(offset=1, limit=20)]


def test_filters_are_sent_to_the_api(cloud):
    instance_id = cloud.seed(1)[0]
    started = cloud.clock.now
    ids = restarts(cloud, instance_id, 3)
    res = cloud.run(gaussdb_task_info, dict(status='Completed', job_name='RebootGaussDBforMySQLInstance',
                                            start_time=iso(started), end_time=int((started + 700) * 1000)))
    assert [j['job_id'] for j in res.result['jobs']] == [ids[1], ids[0]]
    assert list_params(cloud)[-1] == dict(status='Completed', job_name='RebootGaussDBforMySQLInstance',
                                          start_time=time.strftime('%Y-%m-%dT%H:%M:%S+0000', time.gmtime(started)),
                                          end_time=time.strftime('%Y-%m-%dT%H:%M:%S+0000', time.gmtime(started + 700)),
                                          offset=1, limit=50)
    res = cloud.run(gaussdb_task_info, dict(job_id=ids[2]))
    assert [j['job_id'] for j in res.result['jobs']] == [ids[2]]
    assert cloud.run(gaussdb_task_info, dict(status='Failed')).result['jobs'] == []


def test_scheduled_tasks_of_one_instance(cloud):
    first, second = cloud.seed(2)
    mine = restarts(cloud, first, 2, delay=True)
    restarts(cloud, second, 1, delay=True)
    name = cloud.ctx.state['gaussdb'].instances[first].name
    for selector in (dict(instance_id=first), dict(instance_name=name)):
        res = cloud.run(gaussdb_task_info, dict(kind='scheduled', status='Pending', **selector))
        schedules = res.result['schedules']
        assert [s['job_id'] for s in schedules] == mine[::-1] and 'jobs' not in res.result
        assert schedules[0]['job_status'] == 'Pending' and schedules[0]['datastore_type'] == 'gaussdb-mysql'
    assert len(cloud.run(gaussdb_task_info, dict(kind='scheduled')).result['schedules']) == 3
    # The scheduled tasks are not immediate ones.
    assert cloud.run(gaussdb_task_info, dict(instance_id=first)).result['jobs'] == []


def test_bad_input_fails_before_any_request(cloud):
    res = cloud.run(gaussdb_task_info, dict(start_time='yesterday', end_time='2024-02-30T00:00:00Z', limit=0))
    assert res.failed and res.result['msg'].startswith('Invalid input: start_time')
    assert 'end_time' in res.result['msg'] and 'limit must be between 1' in res.result['msg']
    res = cloud.run(gaussdb_task_info, dict(start_time='2024-05-02T00:00:00Z', end_time='2024-05-01T00:00:00Z'))
    assert res.failed and 'start_time must not be later than end_time' in res.result['msg']
    assert cloud.calls == []


def test_the_api_error_is_surfaced(cloud):
    cloud.configure(fault_rate=1.0, fault_kinds=['server_error'])
    res = cloud.run(gaussdb_task_info, {})
    assert res.failed and res.result['status'] in (500, 503) and res.result['error_code']


class Pages(object):
    """A task list whose ``offset`` is a record count (not the page number the emulator serves): tasks repeat
    across pages, and are reported once."""

    def __init__(self, count):
        self.items = [dict(job_id=str(i), instance_statuses='normal') for i in range(count)]
        self.sent = []

    def call(self, operation, params=None):
        self.sent.append(dict(params))
        start = params['offset']
        return dict(jobs=self.items[start:start + params['limit']], total_count=len(self.items))


def test_repeated_tasks_are_reported_once_and_the_table_spelling_is_read():
    api = Pages(60)
    found = list_tasks(api, 'immediate')
    assert [t['job_id'] for t in found] == [str(i) for i in range(1, 52)]   # pages 1 and 2 overlap: no repeat
    assert found[0] == dict(job_id='1', instance_status='normal')
    assert normalize_task(dict(instance_status='deleted', instance_statuses='x')) == dict(instance_status='deleted')
