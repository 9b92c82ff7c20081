"""gaussdb_proxy and gaussdb_proxy_info against the in-process emulator: plans, idempotency, check mode,
waits, errors; and the plain functions of module_utils/gaussdb_proxy.py."""
import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_proxy as utils
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_api import OPERATIONS
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_proxy, gaussdb_proxy_info
from gaussdb_cloud import GaussDBCloud

FLAVOR = 'gaussdb.proxy.large.x86.2'
PROXY_PATH = '/v3/{project_id}/instances/{instance_id}/proxy'


@pytest.fixture
def cloud():
    return GaussDBCloud()


@pytest.fixture
def instance_id(cloud):
    """A ready instance with a primary and two read-only nodes."""
    return cloud.seed(1, nodes=3)[0]


def nodes(cloud, instance_id):
    """(primary, first replica, second replica) of the instance."""
    inst = cloud.ctx.state['gaussdb'].instances[instance_id]
    return [inst.master()] + inst.slaves()


def proxy_state(cloud, instance_id, pool_id):
    """The emulator's record of a proxy."""
    inst = cloud.ctx.state['gaussdb'].instances[instance_id]
    return next(p for p in inst.ext['proxies'] if p['pool_id'] == pool_id)


def writes(cloud):
    """(operation, path, body) of every write the module sent, in order."""
    return [(c[0], c[1], c[3]) for c in cloud.calls if OPERATIONS[c[0]][1] != 'GET']


def ops(cloud):
    return [w[0] for w in writes(cloud)]


def timeline(cloud):
    """The writes and the job reads in the order they were sent: ('set_proxy_port', None), ('show_job', id)."""
    return [(c[0], (c[2] or {}).get('id')) for c in cloud.calls if c[0] == 'show_job' or OPERATIONS[c[0]][1] != 'GET']


def waited(cloud):
    """The jobs the module read until they were done, in order (each once)."""
    seen = []
    for op, job_id in timeline(cloud):
        if op == 'show_job' and job_id not in seen:
            seen.append(job_id)
    return seen


def run(cloud, args, **kw):
    return cloud.run(gaussdb_proxy, args, **kw)


def enable(cloud, instance_id, name='shop-proxy', **args):
    """A ready proxy (enabled by the module); the calls it took are forgotten."""
    res = run(cloud, dict(instance_id=instance_id, name=name, flavor=FLAVOR, **args))
    assert not res.failed, res.result
    cloud.calls[:] = []
    return res.result['proxy']['pool_id']


# -- enabling ---------------------------------------------------------------------------------------
def test_enable_check_apply_check_apply(cloud, instance_id):
    master, replica = nodes(cloud, instance_id)[:2]
    args = dict(instance_id=instance_id, name='shop-proxy', flavor=FLAVOR, node_num=3, port=3308,
                readonly_nodes=[dict(name=replica.name, weight=300)], master_weight=50)
    checked = run(cloud, args, check_mode=True, diff=True)
    assert checked.result['changed'] is True and writes(cloud) == [] and 'job_id' not in checked.result
    assert checked.result['diff']['before'] == {}
    assert checked.result['diff']['after']['flavor_ref'] == FLAVOR
    assert checked.result['diff']['after']['port'] == 3308
    cloud.calls[:] = []
    applied = run(cloud, args)
    assert applied.result['changed'] is True
    assert ops(cloud) == ['create_proxy', 'set_proxy_port']
    assert writes(cloud)[0][2] == {'flavor_ref': FLAVOR, 'node_num': 3, 'proxy_name': 'shop-proxy',
                                   'nodes_read_weight': [{'id': master.id, 'weight': 50}, {'id': replica.id, 'weight': 300}]}
    first, second = applied.result['job_id']
    # The enable's job is done before the port changes; the port's job is waited for (wait=true).
    events = timeline(cloud)
    assert events.index(('show_job', first)) < events.index(('set_proxy_port', None)) < events.index(('show_job', second))
    assert waited(cloud) == [first, second]
    proxy = applied.result['proxy']
    assert proxy['port'] == 3308 and proxy['master_node']['weight'] == 50 and proxy['status'] == 'ACTIVE'
    assert next(n for n in proxy['readonly_nodes'] if n['id'] == replica.id)['weight'] == 300
    count = len(writes(cloud))
    assert run(cloud, args, check_mode=True).result['changed'] is False
    again = run(cloud, args)
    assert again.result['changed'] is False and 'job_id' not in again.result and len(writes(cloud)) == count


def test_a_no_op_run_reads_the_proxies_only(cloud, instance_id):
    pid = enable(cloud, instance_id)
    res = run(cloud, dict(instance_id=instance_id, proxy_id=pid, name='shop-proxy', port=3306, ssl=False))
    assert res.result['changed'] is False
    assert cloud.ops() == ['list_proxies']


def test_enable_needs_a_known_flavor(cloud, instance_id):
    res = run(cloud, dict(instance_id=instance_id, name='shop-proxy'))
    assert res.failed and 'flavor is required' in res.result['msg']
    res = run(cloud, dict(instance_id=instance_id, name='shop-proxy', flavor='gaussdb.proxy.huge.x86.2'))
    assert res.failed and FLAVOR in res.result['msg'] and writes(cloud) == []
    res = run(cloud, dict(instance_id=instance_id, name='shop-proxy', flavor=FLAVOR, node_num=20))
    assert res.failed and '2 to 16' in res.result['msg'] and writes(cloud) == []


def test_enable_without_wait_returns_at_once(cloud, instance_id):
    res = run(cloud, dict(instance_id=instance_id, flavor=FLAVOR, wait=False))
    assert res.result['changed'] and isinstance(res.result['job_id'], str) and waited(cloud) == []
    pool_id = cloud.ctx.state['gaussdb'].instances[instance_id].ext['proxies'][0]['pool_id']
    assert res.result['proxy']['pool_id'] == pool_id and res.result['proxy']['status'] == 'ENABLING PROXY'


def test_enable_waits_no_longer_than_wait_timeout(cloud, instance_id):
    res = run(cloud, dict(instance_id=instance_id, name='shop-proxy', flavor=FLAVOR, wait_timeout=60))
    assert res.failed and res.result['error_code'] == 'WaitTimeout'
    assert isinstance(res.result['job_id'], str)   # the job is named, so gaussdb_job_info can follow it


def test_a_lost_enable_answer_is_recovered_without_a_second_enable(cloud, instance_id):
    """The POST ran but its answer was lost: the new proxy is found by listing, its status polled."""
    cloud.configure(drop_responses=[{'method': 'POST', 'path': PROXY_PATH, 'count': 1}])
    res = run(cloud, dict(instance_id=instance_id, name='lost-proxy', flavor=FLAVOR, port=3310))
    assert not res.failed, res.result
    assert res.result['changed'] and ops(cloud) == ['create_proxy', 'set_proxy_port']
    assert cloud.stats()['by_route']['POST ' + PROXY_PATH] == 1
    assert res.result['proxy']['port'] == 3310 and res.result['proxy']['name'] == 'lost-proxy'
    assert isinstance(res.result['job_id'], str) and waited(cloud) == [res.result['job_id']]   # the port's job only


# -- changing -----------------------------------------------------------------------------------------
def test_every_option_changes_once_in_order(cloud, instance_id):
    pid = enable(cloud, instance_id)
    replica, replica2 = nodes(cloud, instance_id)[1:]
    args = dict(instance_id=instance_id, proxy_id=pid, name='renamed-proxy', flavor='gaussdb.proxy.xlarge.x86.2',
                node_num=4, route_mode=0, master_weight=10, readonly_nodes=[dict(id=replica2.id, weight=5)],
                new_node_auto_add=True, new_node_weight=20, session_consistence=True, connection_pool_type='SESSION',
                transaction_split=True, port=3310, ssl=True,
                access_control=dict(enabled=True, type='white', rules=[dict(ip='10.0.0.0/24', description='app')]),
                parameters=dict(slowLogQueryTime=1000, multiStatementType='strict', sqlAuditEnabled=True))
    checked = run(cloud, args, check_mode=True, diff=True)
    assert checked.result['changed'] and writes(cloud) == []
    after = checked.result['diff']['after']
    assert after['readonly_weights'] == {replica.id: 100, replica2.id: 5} and after['master_weight'] == 10
    assert after['access_control'] == {'enabled': True, 'type': 'white',
                                       'rules': [{'ip': '10.0.0.0/24', 'description': 'app'}]}
    assert after['parameters'] == {'multiStatementType': 'Strict', 'slowLogQueryTime': '1000', 'sqlAuditEnabled': 'true'}
    applied = run(cloud, args, diff=True)
    assert applied.result['diff'] == checked.result['diff']
    assert ops(cloud) == ['rename_proxy', 'resize_proxy_flavor', 'enlarge_proxy', 'set_proxy_weight',
                          'set_proxy_new_node_auto_add', 'set_proxy_session_consistence',
                          'set_proxy_connection_pool_type', 'set_proxy_transaction_split', 'set_proxy_port',
                          'set_proxy_ssl', 'set_proxy_access_control', 'set_proxy_access_control_switch',
                          'update_proxy_configuration']
    bodies = dict((w[0], w[2]) for w in writes(cloud))
    assert bodies['enlarge_proxy'] == {'node_num': 2, 'proxy_id': pid}
    assert bodies['set_proxy_weight'] == {'master_weight': 10, 'readonly_nodes': [{'id': replica2.id, 'weight': 5}]}
    assert bodies['set_proxy_new_node_auto_add'] == {'switch_status': 'ON', 'weight': 20}
    assert bodies['set_proxy_session_consistence'] == {'session_consistence': 'true'}
    assert bodies['set_proxy_transaction_split'] == {'transaction_split': 'ON', 'proxy_id_list': [pid]}
    # multiStatementType 'strict' equals 'Strict' by meaning: only the two others are sent.
    assert bodies['update_proxy_configuration'] == {'configurations': [
        {'name': 'slowLogQueryTime', 'value': '1000', 'elem_type': 'system'},
        {'name': 'sqlAuditEnabled', 'value': 'true', 'elem_type': 'system'}]}
    assert len(applied.result['job_id']) == 9
    assert applied.result['proxy']['access_control']['enable_ip_group'] is True
    assert applied.result['proxy']['name'] == 'renamed-proxy' and applied.result['proxy']['new_node_weight'] == 20
    assert run(cloud, args, check_mode=True).result['changed'] is False
    assert run(cloud, args).result['changed'] is False


def test_route_mode_carries_the_weights_and_coerces_the_rest(cloud, instance_id):
    pid = enable(cloud, instance_id)
    replica, replica2 = nodes(cloud, instance_id)[1:]
    args = dict(instance_id=instance_id, proxy_id=pid, route_mode=2, readonly_nodes=[dict(id=replica.id, weight=0)])
    checked = run(cloud, args, check_mode=True, diff=True)
    assert checked.result['diff']['after']['master_weight'] == 1
    assert checked.result['diff']['after']['readonly_weights'] == {replica.id: 0, replica2.id: 1}
    applied = run(cloud, args)
    assert writes(cloud)[0][2] == {'route_mode': 2, 'readonly_nodes': [{'id': replica.id, 'weight': 0}]}
    assert applied.result['proxy']['master_node']['weight'] == 1
    assert run(cloud, args).result['changed'] is False
    # A weight outside the current mode's values is refused before any write.
    res = run(cloud, dict(instance_id=instance_id, proxy_id=pid, master_weight=100))
    assert res.failed and 'route_mode 2' in res.result['msg'] and len(writes(cloud)) == 1


def test_node_count_moves_in_documented_steps(cloud, instance_id):
    pid = enable(cloud, instance_id)
    run(cloud, dict(instance_id=instance_id, proxy_id=pid, node_num=32))
    assert [(w[0], w[2]['node_num']) for w in writes(cloud)] == [('enlarge_proxy', 30)]
    cloud.calls[:] = []
    res = run(cloud, dict(instance_id=instance_id, proxy_id=pid, node_num=2))
    assert [(w[0], w[2]['node_num']) for w in writes(cloud)] == [('reduce_proxy', 14), ('reduce_proxy', 14),
                                                                 ('reduce_proxy', 2)]
    # Each scale-in waits for the one before (the instance is busy meanwhile), the last because wait=true.
    events = timeline(cloud)
    jobs = res.result['job_id']
    assert [e[0] for e in events if e[0] != 'show_job'] == ['reduce_proxy'] * 3 and waited(cloud) == jobs
    assert events.index(('show_job', jobs[0])) < [i for i, e in enumerate(events) if e[0] == 'reduce_proxy'][1]
    assert res.result['proxy']['node_num'] == 2


def test_wait_false_still_waits_between_changes(cloud, instance_id):
    pid = enable(cloud, instance_id)
    res = run(cloud, dict(instance_id=instance_id, proxy_id=pid, port=3310, ssl=True, wait=False))
    port_job, ssl_job = res.result['job_id']
    assert waited(cloud) == [port_job]
    events = timeline(cloud)
    assert events.index(('show_job', port_job)) < events.index(('set_proxy_ssl', None))
    assert res.result['proxy']['port'] == 3310 and res.result['proxy']['ssl_option'] == 'true'


def test_access_control_switch_off_goes_first(cloud, instance_id):
    pid = enable(cloud, instance_id, access_control=dict(enabled=True, type='white', rules=[dict(ip='10.0.0.9')]))
    run(cloud, dict(instance_id=instance_id, proxy_id=pid, access_control=dict(enabled=False, type='black')))
    assert ops(cloud) == ['set_proxy_access_control_switch', 'set_proxy_access_control']
    # Rules compare as a set: another order changes nothing.
    proxy_state(cloud, instance_id, pid)['_access']['ip_list'] = [{'ip': '10.0.0.2', 'description': ''},
                                                                  {'ip': '10.0.0.1', 'description': 'a'}]
    rules = [dict(ip='10.0.0.1', description='a'), dict(ip='10.0.0.2')]
    res = run(cloud, dict(instance_id=instance_id, proxy_id=pid, access_control=dict(rules=rules)))
    assert res.result['changed'] is False


def test_consistency_mode_and_session_flag(cloud, instance_id):
    pid = enable(cloud, instance_id, consistence_mode='global')
    assert run(cloud, dict(instance_id=instance_id, proxy_id=pid, session_consistence=False)).result['changed'] is False
    run(cloud, dict(instance_id=instance_id, proxy_id=pid, consistence_mode='eventual'))
    assert writes(cloud)[-1][2] == {'session_consistence': 'false', 'consistence_mode': 'eventual'}


def test_auto_add_weight_is_needed_in_route_mode_zero_unless_already_on(cloud, instance_id):
    res = run(cloud, dict(instance_id=instance_id, flavor=FLAVOR, new_node_auto_add=True))
    assert res.failed and 'DBS.05000078' in res.result['msg'] and writes(cloud) == []
    pid = enable(cloud, instance_id)
    res = run(cloud, dict(instance_id=instance_id, proxy_id=pid, new_node_auto_add=True))
    assert res.failed and 'DBS.05000078' in res.result['msg'] and writes(cloud) == []
    run(cloud, dict(instance_id=instance_id, proxy_id=pid, new_node_auto_add=True, new_node_weight=7))
    assert run(cloud, dict(instance_id=instance_id, proxy_id=pid, new_node_auto_add=True)).result['changed'] is False


def test_the_new_node_weight_is_compared(cloud, instance_id):
    """4.7.3 lists new_node_weight: the same weight changes nothing, another one is sent."""
    pid = enable(cloud, instance_id, new_node_auto_add=True, new_node_weight=7)
    args = dict(instance_id=instance_id, proxy_id=pid, new_node_auto_add=True, new_node_weight=7)
    assert run(cloud, args, check_mode=True).result['changed'] is False
    assert run(cloud, args).result['changed'] is False and writes(cloud) == []
    res = run(cloud, dict(args, new_node_weight=8), diff=True)
    assert res.result['changed'] and res.result['diff']['before']['new_node_weight'] == 7
    assert res.result['diff']['after']['new_node_weight'] == 8
    assert writes(cloud) == [('set_proxy_new_node_auto_add', {'instance_id': instance_id, 'proxy_id': pid},
                              {'switch_status': 'ON', 'weight': 8})]
    assert res.result['proxy']['new_node_weight'] == 8


def test_restarted_always_restarts(cloud, instance_id):
    pid = enable(cloud, instance_id)
    args = dict(instance_id=instance_id, name='shop-proxy', state='restarted')
    assert run(cloud, args, check_mode=True).result['changed'] and writes(cloud) == []
    res = run(cloud, args)
    assert res.result['changed'] and ops(cloud) == ['restart_proxy']
    assert writes(cloud)[0][1] == {'instance_id': instance_id, 'proxy_id': pid}
    assert isinstance(res.result['job_id'], str)


# -- kernel version (4.7.15, 4.7.18) ---------------------------------------------------------------------
OLD, NEW = '2.23.12.000', '2.24.03.000'   # the emulator's proxies start on the older of 4.7.18's example versions
UPGRADE_PATH = PROXY_PATH + '/{proxy_id}/upgrade-version'


def test_kernel_upgrade_check_apply_check_apply(cloud, instance_id):
    pid = enable(cloud, instance_id)
    args = dict(instance_id=instance_id, proxy_id=pid, kernel_version='latest')
    checked = run(cloud, args, check_mode=True, diff=True)
    # Check mode names the version the proxy would move to, and sends nothing.
    assert checked.result['changed'] and writes(cloud) == [] and 'job_id' not in checked.result
    assert checked.result['diff']['before']['kernel_version'] == OLD
    assert checked.result['diff']['after']['kernel_version'] == NEW
    assert checked.result['proxy']['version']['current_version'] == NEW
    assert cloud.ops() == ['list_proxies', 'list_proxy_versions']
    cloud.calls[:] = []
    applied = run(cloud, args, diff=True)
    assert applied.result['changed'] and applied.result['diff'] == checked.result['diff']
    assert writes(cloud) == [('upgrade_proxy_version', {'instance_id': instance_id, 'proxy_id': pid},
                              {'source_version': OLD, 'target_version': NEW})]
    # The answer's workflow id is returned as job_id; the proxy was polled until it ran the new version.
    workflow = applied.result['job_id']
    assert isinstance(workflow, str) and cloud.ctx.state['jobs'].jobs[workflow].name == 'GaussDBforMySQLUpgradeProxyVersion'
    after_upgrade = cloud.ops()[cloud.ops().index('upgrade_proxy_version'):]
    assert after_upgrade.count('list_proxy_versions') > 1 and 'list_proxies' in after_upgrade
    assert applied.result['proxy']['version'] == {'current_version': NEW, 'latest_version': NEW, 'can_upgrade': False}
    assert proxy_state(cloud, instance_id, pid)['_version'] == NEW
    cloud.calls[:] = []
    again_check = run(cloud, args, check_mode=True)
    again = run(cloud, dict(args, kernel_version=NEW))
    assert not again_check.result['changed'] and not again.result['changed'] and 'job_id' not in again.result
    assert writes(cloud) == [] and cloud.ops() == ['list_proxies', 'list_proxy_versions'] * 2


def test_kernel_version_is_read_only_when_asked(cloud, instance_id):
    pid = enable(cloud, instance_id)
    assert not run(cloud, dict(instance_id=instance_id, proxy_id=pid)).result['changed']
    assert cloud.ops() == ['list_proxies']
    cloud.calls[:] = []
    res = run(cloud, dict(instance_id=instance_id, proxy_id=pid, kernel_version=OLD))
    assert not res.result['changed'] and cloud.ops() == ['list_proxies', 'list_proxy_versions']


def test_kernel_versions_the_proxy_cannot_move_to_are_refused_before_any_write(cloud, instance_id):
    pid = enable(cloud, instance_id)
    res = run(cloud, dict(instance_id=instance_id, proxy_id=pid, kernel_version='2.25.01.000'))
    assert res.failed and res.result['error_code'] == 'InvalidInput' and writes(cloud) == []
    assert 'runs %s, and the latest version (4.7.18) is %s' % (OLD, NEW) in res.result['msg']
    run(cloud, dict(instance_id=instance_id, proxy_id=pid, kernel_version=NEW))
    cloud.calls[:] = []
    res = run(cloud, dict(instance_id=instance_id, proxy_id=pid, kernel_version=OLD))   # no downgrade
    assert res.failed and 'is not a version proxy %s can move to' % pid in res.result['msg'] and writes(cloud) == []
    cloud.calls[:] = []
    res = run(cloud, dict(instance_id=instance_id, proxy_id=pid, kernel_version='2.x'))
    assert res.failed and res.result['msg'].startswith('Invalid input: kernel_version') and cloud.ops() == []


def test_kernel_upgrade_goes_first_and_is_waited_for_before_the_next_change_even_without_wait(cloud, instance_id):
    pid = enable(cloud, instance_id)
    res = run(cloud, dict(instance_id=instance_id, proxy_id=pid, kernel_version='latest', port=3310, wait=False))
    assert ops(cloud) == ['upgrade_proxy_version', 'set_proxy_port']
    names = cloud.ops()
    between = names[names.index('upgrade_proxy_version'):names.index('set_proxy_port')]
    assert between.count('list_proxy_versions') >= 1 and between[-1] == 'list_proxies'
    assert proxy_state(cloud, instance_id, pid)['_version'] == NEW
    workflow, port_job = res.result['job_id']
    # The workflow was looked up in the task center while polling; the port's job is not waited for (wait=false).
    assert waited(cloud) == [workflow] and port_job != workflow


def test_kernel_upgrade_alone_without_wait_returns_at_once(cloud, instance_id):
    pid = enable(cloud, instance_id)
    res = run(cloud, dict(instance_id=instance_id, proxy_id=pid, kernel_version='latest', wait=False))
    assert res.result['changed'] and isinstance(res.result['job_id'], str)
    assert cloud.ops()[-1] == 'upgrade_proxy_version'
    assert res.result['proxy']['version']['current_version'] == NEW   # the expected state
    assert proxy_state(cloud, instance_id, pid)['_version'] == OLD    # still upgrading


def test_a_failed_kernel_upgrade_names_its_workflow_and_reason(cloud, instance_id):
    pid = enable(cloud, instance_id)
    cloud.configure(fail_jobs=[{'name': 'GaussDBforMySQLUpgradeProxyVersion', 'count': 1}])
    res = run(cloud, dict(instance_id=instance_id, proxy_id=pid, kernel_version='latest'))
    assert res.failed and res.result['error_code'] == 'JobFailed' and 'failed' in res.result['msg']
    assert isinstance(res.result['job_id'], str) and res.result['job_id'] in res.result['msg']
    assert proxy_state(cloud, instance_id, pid)['_version'] == OLD


def test_kernel_upgrade_of_a_new_proxy_follows_the_enable(cloud, instance_id):
    args = dict(instance_id=instance_id, name='shop-proxy', flavor=FLAVOR, kernel_version='latest')
    checked = run(cloud, args, check_mode=True, diff=True)
    assert checked.result['changed'] and checked.result['diff']['after']['kernel_version'] == 'latest'
    res = run(cloud, args)
    assert ops(cloud) == ['create_proxy', 'upgrade_proxy_version']
    assert res.result['proxy']['version']['current_version'] == NEW
    assert not run(cloud, args).result['changed']


class _Jobs(object):
    wait = True

    def __init__(self):
        self.scheduled_ids = []

    def scheduled(self, response):
        self.scheduled_ids.extend(response['job_id'])
        return response['job_id']

    def remaining(self):
        return 60


class _Client(object):
    def __init__(self, answer):
        self.answer = answer

    def call(self, operation, **kwargs):
        return self.answer


class _Module(object):
    def __init__(self, answer):
        self.client = _Client(answer)
        self.jobs = _Jobs()


def test_a_rejected_kernel_upgrade_fails_with_the_apis_message():
    """4.7.15's example: one entry ACCEPT, one REJECT with its error_message."""
    proxy = {'pool_id': 'p', 'name': 'a-proxy', 'version': {'current_version': OLD, 'latest_version': NEW,
                                                            'can_upgrade': True}}
    plan = utils.plan_update('i', proxy, dict(kernel_version='latest'))
    assert [s.what for s in plan.steps] == ['kernel upgrade'] and plan.after['version']['current_version'] == NEW
    module = _Module({'update_result': [
        {'workflow_id': 'w1', 'state': 'ACCEPT', 'error_message': None},
        {'workflow_id': 'w2', 'state': 'REJECT', 'error_message': 'Upgrade failed due to insufficient subnet ip'}]})
    with pytest.raises(ApiError) as err:
        plan.steps[0].send(module)
    assert err.value.error_code == 'UpgradeRejected' and 'insufficient subnet ip' in err.value.msg
    assert module.jobs.scheduled_ids == ['w1']


def test_kernel_upgrade_rules():
    version = {'current_version': OLD, 'latest_version': NEW, 'can_upgrade': True}
    assert utils.kernel_upgrade('p', version, 'latest') == (OLD, NEW)
    assert utils.kernel_upgrade('p', version, NEW) == (OLD, NEW)
    assert utils.kernel_upgrade('p', version, OLD) is None
    assert utils.kernel_upgrade('p', dict(version, current_version=NEW), 'latest') is None
    assert utils.kernel_upgrade('p', version, None) is None
    with pytest.raises(ApiError) as err:
        utils.kernel_upgrade('p', dict(version, can_upgrade=False), 'latest')
    assert 'can_upgrade=false' in err.value.msg
    assert utils.kernel_version_errors('latest') == [] and utils.kernel_version_errors('2.24.03.000') == []
    assert utils.kernel_version_errors('newest')


# -- disabling and identity --------------------------------------------------------------------------------
def test_disable_check_apply_again(cloud, instance_id):
    pid = enable(cloud, instance_id)
    args = dict(instance_id=instance_id, name='shop-proxy', state='absent')
    checked = run(cloud, args, check_mode=True, diff=True)
    assert checked.result['changed'] and checked.result['diff']['after'] == {} and writes(cloud) == []
    assert checked.result['diff']['before']['name'] == 'shop-proxy'
    res = run(cloud, args)
    assert res.result['changed'] and res.result['proxy'] == {} and writes(cloud)[0][2] == {'proxy_ids': [pid]}
    assert cloud.ctx.state['gaussdb'].instances[instance_id].ext['proxies'] == []
    assert run(cloud, args).result['changed'] is False


def test_identity_rules(cloud, instance_id):
    master = nodes(cloud, instance_id)[0]
    first = enable(cloud, instance_id, name='proxy-one')
    second = enable(cloud, instance_id, name='proxy-two')
    for pid in (first, second):
        proxy_state(cloud, instance_id, pid)['name'] = 'same'
    res = run(cloud, dict(instance_id=instance_id, name='same', port=3310))
    assert res.failed and 'ambiguous' in res.result['msg'] and first in res.result['msg']
    res = run(cloud, dict(instance_id=instance_id, port=3310))
    assert res.failed and 'several proxies' in res.result['msg']
    res = run(cloud, dict(instance_id=instance_id, proxy_id='0' * 32 + 'po01', port=3310))
    assert res.failed and 'has no proxy ' + '0' * 32 + 'po01' in res.result['msg']
    res = run(cloud, dict(instance_id=instance_id, proxy_id=first, readonly_nodes=[dict(name='nope', weight=1)]))
    assert res.failed and 'not a node' in res.result['msg']
    res = run(cloud, dict(instance_id=instance_id, proxy_id=first, readonly_nodes=[dict(id=master.id, weight=1)]))
    assert res.failed and 'master_weight' in res.result['msg']
    res = run(cloud, dict(instance_id=instance_id, proxy_id=first, parameters=dict(nope=1)))
    assert res.failed and 'does not exist' in res.result['msg']
    res = run(cloud, dict(instance_id=instance_id, proxy_id=first, parameters=dict(slowLogQueryTime=10)))
    assert res.failed and '200-50000' in res.result['msg']
    assert writes(cloud) == []


@pytest.mark.parametrize('args, message', [
    (dict(name='ab'), '4 to 64'),
    (dict(name='1abc'), '4 to 64'),
    (dict(port=1033), 'port 1033'),
    (dict(port=65535), 'port 65535'),
    (dict(node_num=1), 'between 2 and 32'),
    (dict(node_num=33), 'between 2 and 32'),
    (dict(route_mode=1, master_weight=1), 'route_mode 1'),
    (dict(route_mode=2, readonly_nodes=[dict(id='x' * 32 + 'no07', weight=2)]), 'route_mode 2'),
    (dict(master_weight=1001), 'between 0 and 1000'),
    (dict(proxy_mode='readonly', route_mode=2), 'DBS.05000093'),
    (dict(proxy_mode='readonly', master_weight=5), 'master_weight must be 0'),
    (dict(new_node_weight=5), 'needs new_node_auto_add'),
    (dict(session_consistence=True, consistence_mode='global'), 'consistence_mode=session'),
    (dict(access_control=dict(rules=[dict(ip='300.1.1.1')])), 'not an IP'),
    (dict(access_control=dict(rules=[dict(ip='10.0.0.1', description='<b>')])), 'without < or >'),
])
def test_bad_input_is_refused_before_any_request(cloud, args, message):
    res = run(cloud, dict(args, instance_name='shop-db', flavor=FLAVOR))
    assert res.failed and res.result['msg'].startswith('Invalid input: ') and message in res.result['msg']
    assert cloud.calls == []


# -- info -----------------------------------------------------------------------------------------------------
def test_info_returns_proxies_with_details(cloud):
    instance_id = cloud.seed(1, nodes=3, name_prefix='shop-db')[0]
    first = enable(cloud, instance_id, name='proxy-one')
    second = enable(cloud, instance_id, name='proxy-two')
    name = cloud.ctx.state['gaussdb'].instances[instance_id].name
    res = cloud.run(gaussdb_proxy_info, dict(instance_name=name, flavors=True, parameters=True), check_mode=True)
    result = res.result
    assert [p['pool_id'] for p in result['proxies']] == [first, second] and not result['changed']
    assert result['instance_id'] == instance_id
    one = result['proxies'][0]
    assert one['version']['can_upgrade'] is True and one['access_control']['type'] == 'black'
    assert {c['name'] for c in one['configurations']} >= {'slowLogQueryTime'}
    assert FLAVOR in [f['spec_code'] for f in result['flavors']]
    assert next(f for f in result['flavors'] if f['spec_code'] == FLAVOR)['group_type'] == 'x86'
    cloud.calls[:] = []
    only = cloud.run(gaussdb_proxy_info, dict(instance_id=instance_id, name='proxy-two', details=False)).result
    assert [p['name'] for p in only['proxies']] == ['proxy-two'] and 'version' not in only['proxies'][0]
    assert 'flavors' not in only and cloud.ops() == ['list_proxies']


# -- module_utils ---------------------------------------------------------------------------------------------
def test_normalize_reads_the_reference_spellings():
    proxy = utils.normalize_proxy({'proxy': {'pool_id': 'x', 'transaction_splitt': 'true'},
                                   'master_node': {'id': 'm'}, 'readonly_nodes': {'id': 'r', 'weight': 1}})
    assert proxy['transaction_split'] == 'true' and proxy['readonly_nodes'] == [{'id': 'r', 'weight': 1}]


def test_consistence_change_cases():
    change = utils._consistence_change
    assert change('session', True, None) is None
    assert change('session', False, None) == ({'session_consistence': 'false'}, 'eventual')
    assert change('global', False, None) is None
    assert change('global', None, 'eventual') == ({'session_consistence': 'false', 'consistence_mode': 'eventual'},
                                                  'eventual')
    # An empty mode cannot be compared: the wanted value is sent.
    assert change(None, True, None) == ({'session_consistence': 'true'}, 'session')


def test_find_proxy_and_weight_rules():
    proxies = [{'pool_id': 'a', 'name': 'n'}, {'pool_id': 'b', 'name': 'm'}]
    assert utils.find_proxy(proxies, proxy_id='b')['name'] == 'm'
    assert utils.find_proxy(proxies, name='n')['pool_id'] == 'a'
    assert utils.find_proxy(proxies, name='zz') is None
    assert utils.find_proxy([], None, None) is None
    with pytest.raises(ApiError):
        utils.find_proxy(proxies)
    with pytest.raises(ApiError):
        utils.find_proxy(proxies + [{'pool_id': 'c', 'name': 'n'}], name='n')
    assert utils.weight_errors(0, 1000, [('x', 0)]) == []
    assert utils.weight_errors(1, 0, [('x', 1)]) == []
    assert len(utils.weight_errors(2, 0, [('x', 5)])) == 2
    assert utils.port_errors(3306) == [] and utils.port_errors(20201)
    assert utils.name_errors(u'代理-proxy_1') == [] and utils.name_errors(u'代' * 30)   # 90 bytes


def test_parameter_text_follows_the_value_range():
    assert utils.parameter_text(True, {'data_type': 'boolean', 'value_range': 'true|false'}) == 'true'
    assert utils.parameter_text('on', {'data_type': 'boolean', 'value_range': 'ON|OFF'}) == 'ON'
    assert utils.parameter_text(5, {'data_type': 'integer'}) == '5'


def test_plan_update_steps_and_prediction():
    proxy = {'pool_id': 'p', 'name': 'a-proxy', 'port': 3306, 'node_num': 2, 'route_mode': 0,
             'master_node': {'id': 'm', 'weight': 0}, 'readonly_nodes': [{'id': 'r', 'weight': 100}]}
    plan = utils.plan_update('i', proxy, dict(port=3307, node_num=3, readonly_weights={'r': 5}))
    assert [s.operation for s in plan.steps] == ['enlarge_proxy', 'set_proxy_weight', 'set_proxy_port']
    assert plan.after['port'] == 3307 and plan.after['readonly_nodes'] == [{'id': 'r', 'weight': 5}]
    assert plan.before == proxy and plan.steps[2].call == {'body': {'port': 3307}, 'instance_id': 'i', 'proxy_id': 'p'}
    with pytest.raises(ApiError) as err:
        utils.plan_update('i', dict(proxy, route_mode=1), dict(master_weight=5))
    assert err.value.error_code == 'InvalidInput' and 'route_mode 1' in err.value.msg
