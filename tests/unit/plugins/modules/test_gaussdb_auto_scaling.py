"""gaussdb_auto_scaling and gaussdb_auto_scaling_info against the in-process emulator: the rhythm, partial
changes, the "required when ON" rules, switching off, bad input, the API's errors, the paged history."""
import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_scaling import (
    auto_scaling_body, auto_scaling_view, plan_auto_scaling,
)
from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_auto_scaling, gaussdb_auto_scaling_info
from gaussdb_cloud import GaussDBCloud

ON = dict(enabled=True, flavor_switch=True, max_flavor='gaussdb.mysql.4xlarge.x86.4', monitor_cycle=600,
          silence_cycle=1800, enlarge_threshold=70, reduce_enabled=True)
OPTIONS = dict((k, None) for k in ('enabled', 'flavor_switch', 'read_only_switch', 'monitor_cycle', 'silence_cycle',
                                   'enlarge_threshold', 'max_flavor', 'reduce_enabled', 'max_read_only_count',
                                   'read_only_weight'))
POLICY_ROUTE = 'PUT /v3/{project_id}/instances/{instance_id}/auto-scaling/policy'


@pytest.fixture
def cloud():
    return GaussDBCloud()


@pytest.fixture
def instance_id(cloud):
    return cloud.seed(1)[0]


def record(cloud, instance_id):
    return cloud.ctx.state['gaussdb'].instances[instance_id]


def test_rhythm_check_apply_check_apply(cloud, instance_id):
    first_check, applied, second_check, again = cloud.rhythm(gaussdb_auto_scaling, dict(ON, instance_id=instance_id))
    assert first_check.result['changed'] and applied.result['changed']
    assert not second_check.result['changed'] and not again.result['changed']
    after = dict(enabled=True, flavor_switch=True, read_only_switch=False, max_flavor='gaussdb.mysql.4xlarge.x86.4',
                 monitor_cycle=600, silence_cycle=1800, enlarge_threshold=70, reduce_enabled=True)
    assert first_check.result['diff'] == applied.result['diff'] == {'before': {'enabled': False}, 'after': after}
    assert first_check.result['auto_scaling_policy']['status'] == 'OFF'
    policy = applied.result['auto_scaling_policy']
    assert policy['status'] == 'ON' and policy['enlarge_threshold'] == 70 and policy['id']
    assert again.result['diff']['before'] == again.result['diff']['after'] == after
    assert cloud.stats()['by_route'][POLICY_ROUTE] == 1
    assert 'job_id' not in applied.result


def test_check_mode_writes_nothing(cloud, instance_id):
    res = cloud.run(gaussdb_auto_scaling, dict(ON, instance_id=instance_id), check_mode=True)
    assert res.result['changed'] and not cloud.writes()


def test_one_option_changes_and_the_rest_is_kept(cloud, instance_id):
    cloud.run(gaussdb_auto_scaling, dict(ON, instance_id=instance_id))
    cloud.calls[:] = []
    res = cloud.run(gaussdb_auto_scaling, dict(instance_id=instance_id, enlarge_threshold=80), diff=True)
    assert res.result['changed']
    body = [c[3] for c in cloud.calls if c[0] == 'set_auto_scaling_policy'][0]
    assert body == {'status': 'ON', 'scaling_strategy': {'flavor_switch': 'ON', 'read_only_switch': 'OFF'},
                    'monitor_cycle': 600, 'silence_cycle': 1800, 'enlarge_threshold': 80, 'reduce_enabled': True,
                    'max_flavor': 'gaussdb.mysql.4xlarge.x86.4'}
    assert res.result['diff']['before']['enlarge_threshold'] == 70
    assert res.result['diff']['after']['enlarge_threshold'] == 80
    # The flavor is compared case-insensitively; enabled=true alone changes nothing.
    for args in (dict(max_flavor='GAUSSDB.mysql.4xlarge.x86.4'), dict(enabled=True)):
        assert not cloud.run(gaussdb_auto_scaling, dict(args, instance_id=instance_id)).result['changed']


def test_switching_off_clears_the_policy(cloud, instance_id):
    cloud.run(gaussdb_auto_scaling, dict(ON, instance_id=instance_id))
    res = cloud.run(gaussdb_auto_scaling, dict(instance_id=instance_id, enabled=False), diff=True)
    assert res.result['changed'] and res.result['diff']['after'] == {'enabled': False}
    assert res.result['auto_scaling_policy']['status'] == 'OFF' and record(cloud, instance_id).auto_scaling is None
    again = cloud.run(gaussdb_auto_scaling, dict(instance_id=instance_id, enabled=False))
    assert not again.result['changed']
    # Off: the policy's values cannot be set without switching it on.
    res = cloud.run(gaussdb_auto_scaling, dict(instance_id=instance_id, enlarge_threshold=90))
    assert res.failed and 'set enabled=true' in res.result['msg']


def test_what_is_required_when_on_is_named_before_any_write(cloud, instance_id):
    res = cloud.run(gaussdb_auto_scaling, dict(instance_id=instance_id, enabled=True, flavor_switch=True,
                                               read_only_switch=True, monitor_cycle=300))
    assert res.failed
    for name in ('silence_cycle', 'enlarge_threshold', 'reduce_enabled', 'max_flavor', 'max_read_only_count',
                 'read_only_weight'):
        assert name in res.result['msg']
    assert 'monitor_cycle,' not in res.result['msg']
    assert cloud.ops() == ['show_auto_scaling_policy'] and not cloud.writes()


@pytest.mark.parametrize('args, message', [
    (dict(enlarge_threshold=40), 'enlarge_threshold must be between 50 and 100, got 40'),
    (dict(max_read_only_count=16), 'max_read_only_count must be between 2 and 15, got 16'),
    (dict(read_only_weight=1001), 'read_only_weight must be between 0 and 1000, got 1001'),
    (dict(enabled=False, reduce_enabled=True), 'reduce_enabled only apply with enabled=true'),
    (dict(monitor_cycle=700), 'value of monitor_cycle must be one of: 300, 600, 900, 1800'),
    (dict(silence_cycle=900), 'value of silence_cycle must be one of'),
])
def test_bad_input_fails_before_any_request(cloud, instance_id, args, message):
    res = cloud.run(gaussdb_auto_scaling, dict(args, instance_id=instance_id))
    assert res.failed and message in res.result['msg']
    assert cloud.calls == []


def test_read_only_scaling_needs_one_proxy_the_api_says_so(cloud, instance_id):
    args = dict(ON, instance_id=instance_id, flavor_switch=False, read_only_switch=True, max_read_only_count=3,
                read_only_weight=10)
    res = cloud.run(gaussdb_auto_scaling, args)
    assert res.failed and res.result['error_code'] == 'DBS.05000091' and 'proxy' in res.result['msg']
    record(cloud, instance_id).ext['proxies'] = [{'pool_id': 'p1', 'name': 'proxy', 'address': '192.168.0.200'}]
    first_check, applied, second_check, again = cloud.rhythm(gaussdb_auto_scaling, args)
    assert applied.result['changed'] and not again.result['changed']
    assert applied.result['auto_scaling_policy']['max_read_only_count'] == 3
    assert applied.result['auto_scaling_policy']['scaling_strategy'] == {'flavor_switch': 'OFF',
                                                                         'read_only_switch': 'ON'}


def test_the_policy_is_compared_normalised():
    policy = {'status': 'ON', 'monitor_cycle': '600', 'silence_cycle': 1800, 'enlarge_threshold': 70,
              'max_flavor': 'gaussdb.mysql.4xlarge.x86.4', 'reduce_enabled': 'true',
              'scaling_strategy': {'flavor_switch': 'ON', 'read_only_switch': 'OFF'}}
    view = auto_scaling_view(policy)
    assert view['monitor_cycle'] == 600 and view['reduce_enabled'] is True and view['read_only_switch'] is False
    params = dict(OPTIONS, monitor_cycle=600, max_flavor='GAUSSDB.MYSQL.4XLARGE.X86.4', reduce_enabled=True)
    assert not plan_auto_scaling('i', params, policy).changed
    assert auto_scaling_view({'status': 'OFF', 'scaling_strategy': {'flavor_switch': ''}}) == {'enabled': False}
    assert auto_scaling_body(dict(view, read_only_switch=True, max_read_only_count=3))['scaling_strategy'] == \
        {'flavor_switch': 'ON', 'read_only_switch': 'ON'}


def test_info_reads_the_policy_and_every_page_of_the_history(cloud, instance_id):
    cloud.run(gaussdb_auto_scaling, dict(ON, instance_id=instance_id))
    ids = cloud.admin('POST', 'seed', {'gaussdb_auto_scaling_history': {'instance_id': instance_id, 'count': 130}})
    cloud.calls[:] = []
    res = cloud.run(gaussdb_auto_scaling_info, dict(instance_id=instance_id))
    assert not res.failed and not res.result['changed']
    assert res.result['auto_scaling_policy']['max_flavor'] == 'gaussdb.mysql.4xlarge.x86.4'
    assert [r['id'] for r in res.result['records']] == list(reversed(ids['gaussdb_auto_scaling_history']))
    assert cloud.ops() == ['show_auto_scaling_policy', 'list_auto_scaling_history', 'list_auto_scaling_history']
    cloud.calls[:] = []
    res = cloud.run(gaussdb_auto_scaling_info, dict(instance_id=instance_id, history=False))
    assert res.result['records'] == [] and cloud.ops() == ['show_auto_scaling_policy']


def test_info_of_an_unknown_instance_name_fails(cloud, instance_id):
    res = cloud.run(gaussdb_auto_scaling_info, dict(instance_name='no-such-db'))
    assert res.failed and "'no-such-db'" in res.result['msg'] and cloud.ops() == ['list_instances']
