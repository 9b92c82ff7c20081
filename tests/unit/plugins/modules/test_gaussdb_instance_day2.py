"""gaussdb_instance's per-second monitoring (4.3.12/4.3.13) and the resource pre-check of check mode (4.3.30),
against the in-process emulator."""
import json

import pytest
from gaussdb_cloud import GaussDBCloud, seed_named
from test_gaussdb_instance import CREATE, PRECHECK, SUBNET, run
from test_gaussdb_instance import state as record

from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_instance

MONITOR = 'PUT /v3/{project_id}/instances/{instance_id}/monitor-policy'


@pytest.fixture
def cloud():
    return GaussDBCloud()


def set_quota(cloud, **quota):
    """Quotas of the default enterprise project, as 4.6.3 would set them."""
    cloud.ctx.state['gaussdb'].project(cloud.client().session.project_id).setdefault('ep_quotas', {})['0'] = quota


# -- per-second monitoring ------------------------------------------------------------------
def test_monitoring_rhythm_with_its_job_and_diff(cloud):
    iid = seed_named(cloud, 'orders-db')
    args = dict(id=iid, seconds_level_monitoring={'enabled': True, 'period': 1})
    first_check, applied, second_check, again = cloud.rhythm(gaussdb_instance, args)
    assert first_check.result['changed'] and applied.result['changed']
    assert not second_check.result['changed'] and not again.result['changed']
    assert first_check.result['diff']['before']['seconds_level_monitoring'] == {'enabled': False, 'period': None}
    assert applied.result['diff']['after']['seconds_level_monitoring'] == {'enabled': True, 'period': 1}
    assert isinstance(applied.result['job_id'], str) and 'show_job' in cloud.ops()
    assert record(cloud, iid).monitor == {'monitor_switch': True, 'period': 1}
    assert cloud.writes() == {MONITOR: 1}
    assert [c[3] for c in cloud.calls if c[0] == 'set_monitor_policy'] == [{'monitor_switch': True, 'period': 1}]


def test_monitoring_read_only_when_set(cloud):
    iid = seed_named(cloud, 'orders-db')
    sent = cloud.stats()['requests_total']
    res = run(cloud, id=iid, port=3306)
    assert not res.result['changed'] and cloud.ops() == ['show_instance']
    cloud.calls[:] = []
    res = run(cloud, id=iid, port=3306, seconds_level_monitoring={'enabled': False})
    assert not res.result['changed'] and cloud.ops() == ['show_instance', 'show_monitor_policy']
    assert cloud.stats()['requests_total'] - sent == 3


def test_period_kept_defaulted_and_switched_off(cloud):
    iid = seed_named(cloud, 'orders-db')
    record(cloud, iid).monitor = {'monitor_switch': True, 'period': 1}
    # On without a period: the current one is kept.
    assert not run(cloud, id=iid, seconds_level_monitoring={'enabled': True}).result['changed']
    res = run(cloud, id=iid, diff=True, seconds_level_monitoring={'enabled': False})
    assert res.result['changed'] and res.result['diff']['after']['seconds_level_monitoring'] == \
        {'enabled': False, 'period': None}
    assert [c[3] for c in cloud.calls if c[0] == 'set_monitor_policy'] == [{'monitor_switch': False}]
    # Off to on without a period: 5 s (4.3.12's default), predicted in the diff and read back.
    res = run(cloud, id=iid, diff=True, seconds_level_monitoring={'enabled': True})
    assert res.result['diff']['after']['seconds_level_monitoring'] == {'enabled': True, 'period': 5}
    assert record(cloud, iid).monitor == {'monitor_switch': True, 'period': 5}
    assert not run(cloud, id=iid, seconds_level_monitoring={'enabled': True, 'period': 5}).result['changed']


def test_monitoring_with_wait_false_returns_the_job(cloud):
    iid = seed_named(cloud, 'orders-db')
    res = run(cloud, id=iid, wait=False, seconds_level_monitoring={'enabled': True, 'period': 5})
    assert res.result['changed'] and isinstance(res.result['job_id'], str) and 'show_job' not in cloud.ops()


def test_a_period_without_monitoring_is_refused_before_any_request(cloud):
    res = run(cloud, name='orders-db', seconds_level_monitoring={'enabled': False, 'period': 1})
    assert res.failed and 'seconds_level_monitoring.period only applies when' in res.result['msg']
    assert cloud.calls == []


def test_a_new_instance_gets_monitoring_once_ready(cloud):
    res = run(cloud, diff=True, seconds_level_monitoring={'enabled': True, 'period': 1}, **CREATE)
    assert not res.failed, res.result
    assert res.result['diff']['after']['seconds_level_monitoring'] == {'enabled': True, 'period': 1}
    assert record(cloud, res.result['instance']['id']).monitor == {'monitor_switch': True, 'period': 1}
    assert cloud.ops().index('create_instance') < cloud.ops().index('set_monitor_policy')


# -- resource pre-check in check mode --------------------------------------------------------
def test_check_mode_create_over_the_quota_fails_with_the_api_reason(cloud):
    seed_named(cloud, 'other-db')
    set_quota(cloud, instance_quota=1)
    res = run(cloud, check_mode=True, **CREATE)
    assert res.failed
    assert res.result['msg'].startswith("Resource pre-check (4.3.30) refuses creating instance 'orders-db': DBS.200046")
    assert 'quota' in res.result['msg'] and (res.result['error_code'], res.result['status']) == ('DBS.200046', 413)
    # The only request that is not a read is the pre-check, which changes nothing.
    assert cloud.writes() == {PRECHECK: 1}
    assert cloud.ops() == ['list_instances', 'check_resource']
    body = [c[3] for c in cloud.calls if c[0] == 'check_resource'][0]
    assert body == {'action': 'createInstance', 'resource': {
        'enterprise_project_id': '0', 'instance_num': 1, 'mode': 'Cluster', 'availability_zone_mode': 'single',
        'node_num': 2, 'flavor_ref': CREATE['flavor'], 'subnet_id': SUBNET}}
    assert CREATE['password'] not in json.dumps(res.result)


def test_check_mode_create_of_a_sold_out_flavor_fails(cloud):
    args = dict(CREATE)
    args.update(flavor='gaussdb.mysql.16xlarge.x86.8', master_availability_zone='cn-north-4b', read_replicas=3)
    res = run(cloud, check_mode=True, **args)
    assert res.failed and res.result['error_code'] == 'ResourceCheckFailed'
    assert 'result false' in res.result['msg'] and "creating instance 'orders-db'" in res.result['msg']
    resource = [c[3] for c in cloud.calls if c[0] == 'check_resource'][0]['resource']
    assert resource['availability_zone'] == 'cn-north-4b' and resource['node_num'] == 4


def test_a_real_create_sends_no_pre_check(cloud):
    res = run(cloud, **CREATE)
    assert not res.failed and 'check_resource' not in cloud.ops()


def test_check_mode_passes_when_the_pre_check_does(cloud):
    res = run(cloud, check_mode=True, **CREATE)
    assert res.result['changed'] and cloud.writes() == {PRECHECK: 1}


def test_check_mode_resize_and_replicas_are_pre_checked(cloud):
    iid = seed_named(cloud, 'orders-db')      # 2 nodes of 4 vCPUs
    set_quota(cloud, vcpus_quota=12)
    res = run(cloud, check_mode=True, id=iid, flavor='gaussdb.mysql.2xlarge.x86.4')
    assert res.failed and res.result['error_code'] == 'ResourceCheckFailed'
    assert 'resizing instance %s to gaussdb.mysql.2xlarge.x86.4' % iid in res.result['msg']
    res = run(cloud, check_mode=True, id=iid, read_replicas=2)
    assert not res.failed and res.result['changed']
    res = run(cloud, check_mode=True, id=iid, read_replicas=3)
    assert res.failed and 'adding 2 read-only nodes' in res.result['msg']
    set_quota(cloud)
    res = run(cloud, check_mode=True, id=iid, read_replicas=15, flavor='gaussdb.mysql.2xlarge.x86.4')
    assert not res.failed and res.result['changed']
    actions = [c[3]['action'] for c in cloud.calls if c[0] == 'check_resource']
    assert actions[-2:] == ['resizeFlavor', 'createReadOnlyNode']
    # Fewer read-only nodes need no resources: no pre-check.
    cloud.calls[:] = []
    assert run(cloud, check_mode=True, id=iid, read_replicas=1).result['changed'] is False
    assert 'check_resource' not in cloud.ops()
    assert set(cloud.writes()) == {PRECHECK}
