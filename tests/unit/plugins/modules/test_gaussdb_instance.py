"""gaussdb_instance against the in-process emulator: desired state, request budget, check mode and diff."""
import json

import pytest
import responses

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_api import OPERATIONS
from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_instance
from gaussdb_cloud import GaussDBCloud, api_call, seed_named

PASSWORD = 'Sup3r-Secret-pw'
VPC = '3cedfc54-b105-4652-a4e0-847b11576b58'
SUBNET = 'c1cfa53c-65d3-431e-8552-326bf310c7ad'
SG = 'fc577a1a-f202-424a-977f-24faec3fdd55'
CREATE = dict(name='orders-db', flavor='gaussdb.mysql.xlarge.x86.4', vpc_id=VPC, subnet_id=SUBNET,
              security_group_id=SG, password=PASSWORD)
EIP_ID = '8403e9cd-a7fa-4288-8b15-c7ceac1e0001'
# The resource pre-check (4.3.30) that check mode sends before a create, a resize or new read-only nodes: a
# POST, so the emulator counts it with the writes, but it changes nothing.
PRECHECK = 'POST /v3/{project_id}/resource-check'


@pytest.fixture
def cloud():
    return GaussDBCloud()


def run(cloud, check_mode=False, diff=False, **args):
    return cloud.run(gaussdb_instance, args, check_mode=check_mode, diff=diff)


def state(cloud, instance_id):
    """The emulator's record of an instance (test data is set there)."""
    return cloud.ctx.state['gaussdb'].instances[instance_id]


def add(cloud, name='orders-db', replicas=1, **fields):
    return seed_named(cloud, name, replicas, **fields)


def details(cloud, instance_id):
    return api_call(cloud, 'show_instance', instance_id=instance_id)['instance']


def writes(cloud):
    """``(operation, body)`` of every state-changing call the module sent, in order (not the pre-check, a POST
    that changes nothing: PRECHECK)."""
    return [(c[0], c[3]) for c in cloud.calls if OPERATIONS[c[0]][1] != 'GET' and c[0] != 'check_resource']


def write_ops(cloud):
    return [op for op, body in writes(cloud)]


def created_call(cloud):
    return [c for c in cloud.calls if c[0] == 'create_instance'][0]


def slaves(cloud, instance_id):
    return [n for n in state(cloud, instance_id).nodes.values() if n.type == 'slave']


# -- create -------------------------------------------------------------------------------
def test_create_sends_the_documented_body_and_waits_for_the_job(cloud):
    res = run(cloud, read_replicas=2, tags={'team': 'orders'}, backup_strategy={'start_time': '21:00-22:00', 'keep_days': 7},
              **CREATE)
    assert not res.failed, res.result
    assert res.result['changed'] is True
    create = created_call(cloud)
    body = create[3]
    assert body['slave_count'] == 2 and body['mode'] == 'Cluster' and body['region'] == 'cn-north-4'
    assert body['datastore'] == {'type': 'gaussdb-mysql', 'version': '8.0'}
    assert body['charge_info'] == {'charge_mode': 'postPaid'} and body['availability_zone_mode'] == 'single'
    assert body['backup_strategy'] == {'start_time': '21:00-22:00', 'keep_days': '7'}
    assert body['tags'] == [{'key': 'team', 'value': 'orders'}]
    assert create[4] is not None, 'a create must carry recover= so that a lost answer is looked up by name'
    assert 'show_job' in cloud.ops()
    assert res.result['instance']['name'] == 'orders-db' and res.result['instance']['status'] == 'normal'
    assert len([n for n in res.result['instance']['nodes'] if n['type'] == 'slave']) == 2
    assert isinstance(res.result['job_id'], str)
    assert PASSWORD not in json.dumps(res.result)


def test_create_recover_finds_the_instance_by_exact_name(cloud):
    run(cloud, **CREATE)
    recover = created_call(cloud)[4]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        cloud.install(rsps)
        found = recover()
        assert found['instance']['id'] == list(cloud.ctx.state['gaussdb'].instances)[0]
        state(cloud, found['instance']['id']).name = 'renamed-db'
        assert recover() is None


def test_a_lost_create_answer_is_looked_up_not_resent(cloud):
    cloud.configure(drop_responses=[{'method': 'POST', 'path': '/v3/{project_id}/instances', 'count': 1}])
    res = run(cloud, **CREATE)
    assert not res.failed, res.result
    assert res.result['changed'] and res.result['instance']['name'] == 'orders-db'
    assert cloud.stats()['by_route']['POST /v3/{project_id}/instances'] == 1


def test_create_in_check_mode_writes_nothing_and_masks_the_password(cloud):
    res = run(cloud, check_mode=True, diff=True, **CREATE)
    assert res.result['changed'] is True
    assert cloud.writes() == {PRECHECK: 1} and res.result['instance'] == {}
    assert res.result['diff']['before'] == {}
    after = res.result['diff']['after']
    assert after['password'] == '********' and after['read_replicas'] == 1 and after['name'] == 'orders-db'
    assert PASSWORD not in json.dumps(res.result)


def test_create_without_required_options_fails_after_the_lookup(cloud):
    res = run(cloud, name='orders-db', flavor='gaussdb.mysql.xlarge.x86.4')
    assert res.failed
    assert 'vpc_id, subnet_id, password' in res.result['msg']
    assert cloud.writes() == {} and cloud.ops() == ['list_instances']


def test_missing_instance_by_id_is_not_created(cloud):
    res = run(cloud, id='0' * 32 + 'in07', **CREATE)
    assert res.failed and 'does not exist' in res.result['msg']
    assert cloud.writes() == {}


def test_more_than_nine_read_replicas_are_added_after_the_create(cloud):
    res = run(cloud, read_replicas=12, **CREATE)
    assert not res.failed, res.result
    assert created_call(cloud)[3]['slave_count'] == 9
    enlarge = [body for op, body in writes(cloud) if op == 'add_readonly_nodes']
    assert [len(body['priorities']) for body in enlarge] == [3]
    assert len(res.result['job_id']) == 2
    assert len([n for n in res.result['instance']['nodes'] if n['type'] == 'slave']) == 12


def test_settings_the_create_call_cannot_take_are_applied_once_ready(cloud):
    res = run(cloud, port=8635, description='orders', maintenance_window={'start_time': '22:00', 'end_time': '02:00'},
              **CREATE)
    assert not res.failed, res.result
    ops = cloud.ops()
    assert ops.index('create_instance') < ops.index('set_port')
    assert {'set_port', 'set_alias', 'set_ops_window'} <= set(ops)
    assert res.result['instance']['port'] == '8635'


def test_prepaid_create_waits_for_the_instance_to_appear_by_name(cloud):
    res = run(cloud, charging_mode='prePaid', period_unit='month', period=1, auto_pay=True, volume_size=40, **CREATE)
    assert not res.failed, res.result
    body = created_call(cloud)[3]
    assert body['charge_info'] == {'charge_mode': 'prePaid', 'period_type': 'month', 'period_num': 1,
                                   'is_auto_pay': 'true'}
    assert body['volume'] == {'size': '40'}
    assert res.result['order_id'] and 'job_id' not in res.result
    assert res.result['instance']['name'] == 'orders-db' and res.result['instance']['status'] == 'normal'


# -- request budget -----------------------------------------------------------------------
def test_noop_by_id_is_one_request(cloud):
    iid = add(cloud, replicas=2, tags={'team': 'orders'})
    inst = details(cloud, iid)
    sent = cloud.stats()['requests_total']
    res = run(cloud, id=iid, name='orders-db', read_replicas=2, port=3306, security_group_id=SG,
              description='', maintenance_window={'start_time': '18:00', 'end_time': '22:00'},
              tags={'team': 'orders'}, flavor='GAUSSDB.mysql.xlarge.x86.4', vpc_id=VPC, password=PASSWORD,
              private_ip=inst['private_write_ips'][0], public_ip='', engine_version='8.0')
    assert not res.failed, res.result
    assert res.result['changed'] is False
    assert cloud.ops() == ['show_instance'] and cloud.stats()['requests_total'] - sent == 1
    assert res.result['warnings'] == []


def test_noop_by_name_is_two_requests(cloud):
    add(cloud, replicas=1, tags={})
    add(cloud, name='other-db')
    sent = cloud.stats()['requests_total']
    res = run(cloud, name='orders-db', read_replicas=1, port=3306, tags={})
    assert res.result['changed'] is False
    assert cloud.ops() == ['list_instances', 'show_instance'] and cloud.stats()['requests_total'] - sent == 2
    assert cloud.calls[0][2]['name'] == 'orders-db'


def test_eip_given_by_id_costs_one_more_read(cloud):
    iid = add(cloud, public_ip={'address': '100.1.1.1', 'id': EIP_ID})
    res = run(cloud, id=iid, public_ip=EIP_ID)
    assert res.result['changed'] is False
    assert cloud.ops() == ['show_instance', 'show_eip']
    cloud.calls[:] = []
    res = run(cloud, id=iid, public_ip='100.1.1.1')
    assert res.result['changed'] is False and cloud.ops() == ['show_instance']


# -- identity ----------------------------------------------------------------------------
def test_ambiguous_name_fails_listing_the_candidates(cloud):
    one, two = add(cloud), add(cloud)
    res = run(cloud, name='orders-db', port=3307)
    assert res.failed
    assert one in res.result['msg'] and two in res.result['msg']
    assert cloud.writes() == {}


def test_rename_is_id_plus_a_new_name(cloud):
    iid = add(cloud)
    res = run(cloud, diff=True, id=iid, name='orders-db-2')
    assert res.result['changed'] is True
    assert [body for op, body in writes(cloud)] == [{'name': 'orders-db-2'}]
    assert res.result['diff']['before']['name'] == 'orders-db' and res.result['diff']['after']['name'] == 'orders-db-2'
    assert res.result['instance']['name'] == 'orders-db-2'


# -- updates -----------------------------------------------------------------------------
@pytest.mark.parametrize('args, operation, body', [
    (dict(port=8635), 'set_port', {'port': 8635}),
    (dict(security_group_id='0b0a9d5e-5a4e-4b43-8c0f-2b4fa2f30a01'), 'set_security_group',
     {'security_group_id': '0b0a9d5e-5a4e-4b43-8c0f-2b4fa2f30a01'}),
    (dict(private_ip='192.168.9.9'), 'set_private_ip', {'internal_ip': '192.168.9.9'}),
    (dict(description='orders-db'), 'set_alias', {'alias': 'orders-db'}),
    (dict(maintenance_window={'start_time': '22:00', 'end_time': '02:00'}), 'set_ops_window',
     {'start_time': '22:00', 'end_time': '02:00'}),
    (dict(flavor='gaussdb.mysql.xlarge.x86.8'), 'resize_flavor', {'resize_flavor': {'spec_code': 'gaussdb.mysql.xlarge.x86.8'}}),
    (dict(public_ip='100.1.1.2', public_ip_id='8403e9cd-a7fa-4288-8b15-c7ceac1e0002'), 'bind_eip',
     {'public_ip': '100.1.1.2', 'public_ip_id': '8403e9cd-a7fa-4288-8b15-c7ceac1e0002'}),
])
def test_each_updatable_option_is_one_call_then_idempotent(cloud, args, operation, body):
    iid = add(cloud)
    check = run(cloud, check_mode=True, id=iid, **args)
    assert check.result['changed'] is True
    assert cloud.writes() == ({PRECHECK: 1} if operation == 'resize_flavor' else {})
    res = run(cloud, id=iid, **args)
    assert not res.failed, res.result
    assert res.result['changed'] is True
    assert writes(cloud) == [(operation, body)]
    cloud.calls[:] = []
    again = run(cloud, id=iid, **args)
    assert again.result['changed'] is False and writes(cloud) == []
    assert run(cloud, check_mode=True, id=iid, **args).result['changed'] is False


def test_private_dns_name_is_applied_for_then_renamed(cloud):
    iid = add(cloud)
    res = run(cloud, id=iid, private_dns_name_prefix='ordersdb01')
    assert not res.failed, res.result
    assert res.result['changed'] is True
    assert write_ops(cloud) == ['create_dns_name', 'set_dns_name']
    assert res.result['instance']['private_dns_names'][0].startswith('ordersdb01.')
    cloud.calls[:] = []
    assert run(cloud, id=iid, private_dns_name_prefix='ordersdb01').result['changed'] is False


def test_read_replicas_up_adds_and_down_deletes_the_newest(cloud):
    iid = add(cloud, replicas=1)
    oldest = slaves(cloud, iid)[0].id
    res = run(cloud, id=iid, read_replicas=3)
    assert res.result['changed'] is True
    assert writes(cloud) == [('add_readonly_nodes', {'priorities': [1, 1]})]
    assert len(slaves(cloud, iid)) == 3
    cloud.advance(60)
    cloud.calls[:] = []
    res = run(cloud, diff=True, id=iid, read_replicas=1)
    assert write_ops(cloud) == ['delete_readonly_node', 'delete_readonly_node']
    assert [n.id for n in slaves(cloud, iid)] == [oldest]
    assert res.result['diff']['before']['read_replicas'] == 3 and res.result['diff']['after']['read_replicas'] == 1
    assert len(res.result['job_id']) == 2


def test_tags_are_purged_or_kept(cloud):
    iid = add(cloud, tags={'a': '1', 'b': '2'})
    res = run(cloud, id=iid, tags={'a': '1', 'c': '3'}, purge_tags=False)
    assert [body for op, body in writes(cloud)] == [{'action': 'create', 'tags': [{'key': 'c', 'value': '3'}]}]
    assert res.result['changed'] is True
    cloud.calls[:] = []
    res = run(cloud, id=iid, tags={'a': '9'})
    assert [body['action'] for op, body in writes(cloud)] == ['delete', 'create']
    assert details(cloud, iid)['tags'] == [{'key': 'a', 'value': '9'}]


def test_password_is_reset_only_with_update_password_always(cloud):
    iid = add(cloud)
    assert run(cloud, id=iid, password=PASSWORD).result['changed'] is False
    assert cloud.writes() == {}
    res = run(cloud, diff=True, id=iid, password=PASSWORD, update_password='always')
    assert res.result['changed'] is True
    assert state(cloud, iid).password == PASSWORD
    assert res.result['diff']['after']['password'] == '********' and 'password' not in res.result['diff']['before']
    assert PASSWORD not in json.dumps(res.result)


def test_ssl_without_a_readable_state_is_set_with_a_warning(cloud):
    iid = add(cloud)
    res = run(cloud, id=iid, ssl=True)
    assert res.result['changed'] is True and write_ops(cloud) == ['set_ssl']
    assert writes(cloud) == [('set_ssl', {'ssl_option': True})]
    assert any('SSL' in w for w in res.result['warnings'])


def test_unbind_with_an_empty_public_ip(cloud):
    iid = add(cloud, public_ip={'address': '100.1.1.1', 'id': EIP_ID})
    res = run(cloud, id=iid, public_ip='')
    assert write_ops(cloud) == ['unbind_eip'] and res.result['changed'] is True
    cloud.calls[:] = []
    assert run(cloud, id=iid, public_ip='').result['changed'] is False


def test_binding_without_the_eip_id_fails_before_any_write(cloud):
    iid = add(cloud)
    res = run(cloud, id=iid, public_ip='100.1.1.2')
    assert res.failed and 'public_ip_id' in res.result['msg']
    assert cloud.writes() == {}


def test_creation_only_differences_are_warnings(cloud):
    iid = add(cloud)
    res = run(cloud, id=iid, vpc_id='vpc-9', time_zone='UTC+08:00', backup_strategy={'start_time': '19:00-20:00'})
    assert res.result['changed'] is False
    assert len(res.result['warnings']) == 2
    assert any('vpc_id' in w for w in res.result['warnings'])


def test_volume_size_of_a_pay_per_use_instance_is_refused(cloud):
    iid = add(cloud)
    res = run(cloud, id=iid, volume_size=40)
    assert res.failed and 'prePaid' in res.result['msg'] and cloud.writes() == {}


def test_prepaid_storage_grows_through_an_order(cloud):
    iid = add(cloud, charge_info={'charge_mode': 'prePaid', 'period_type': 'month', 'period_num': 1}, volume_size=40)
    res = run(cloud, id=iid, volume_size=60)
    assert not res.failed, res.result
    assert writes(cloud) == [('extend_volume', {'size': 60})]
    assert res.result['order_id'] and state(cloud, iid).volume_size == 60
    cloud.calls[:] = []
    assert run(cloud, id=iid, volume_size=60).result['changed'] is False


# -- other states ------------------------------------------------------------------------
def test_absent_deletes_then_is_idempotent(cloud):
    iid = add(cloud)
    check = run(cloud, check_mode=True, name='orders-db', state='absent')
    assert check.result['changed'] is True and cloud.writes() == {}
    res = run(cloud, name='orders-db', state='absent')
    assert res.result['changed'] is True and res.result['instance']['id'] == iid
    assert cloud.ctx.state['gaussdb'].instances == {}
    again = run(cloud, name='orders-db', state='absent')
    assert again.result['changed'] is False


def test_restarted_restarts_and_waits(cloud):
    iid = add(cloud)
    res = run(cloud, id=iid, state='restarted')
    assert res.result['changed'] is True
    assert write_ops(cloud) == ['restart_instance']
    assert cloud.ops().count('show_job') >= 1 and res.result['instance']['status'] == 'normal'


def test_wait_false_returns_the_job_without_polling(cloud):
    iid = add(cloud)
    res = run(cloud, id=iid, port=8635, wait=False)
    assert res.result['changed'] is True and 'show_job' not in cloud.ops()
    assert isinstance(res.result['job_id'], str)


def test_a_failed_job_fails_the_module_with_its_reason(cloud):
    iid = add(cloud)
    cloud.configure(fail_jobs=[{'name': 'ModifyGaussDBforMySQLPort', 'count': 1}])
    res = run(cloud, id=iid, port=8635)
    assert res.failed and res.result['error_code'] == 'JobFailed' and isinstance(res.result['job_id'], str)


# -- bad input: refused before any API call ------------------------------------------------
@pytest.mark.parametrize('args, message', [
    (dict(password='short'), 'password'),
    (dict(password='alllowercaseletters'), 'three'),
    (dict(port=33062), 'port'),
    (dict(port=80), 'port'),
    (dict(read_replicas=16), 'read_replicas'),
    (dict(read_replicas=0), 'read_replicas'),
    (dict(maintenance_window={'start_time': '22:30', 'end_time': '02:30'}), 'whole hours'),
    (dict(maintenance_window={'start_time': '22:00', 'end_time': '23:00'}), 'four hours'),
    (dict(backup_strategy={'start_time': '21:00-23:00'}), 'backup_strategy'),
    (dict(backup_strategy={'start_time': '21:00-22:00', 'keep_days': 0}), 'keep_days'),
    (dict(name='1-starts-with-a-digit'), 'name'),
    (dict(name='abc'), 'name'),
    (dict(private_dns_name_prefix='Upper-Case'), 'private_dns_name_prefix'),
    (dict(volume_size=15, charging_mode='prePaid'), 'volume_size'),
    (dict(charging_mode='prePaid', period_unit='month', period=12), 'period'),
    (dict(charging_mode='postPaid', period=1), 'prePaid'),
    (dict(tags={'k' * 37: 'v'}), 'tag keys'),
])
def test_bad_input_makes_no_request(cloud, args, message):
    full = dict(name='orders-db')
    full.update(args)
    res = run(cloud, **full)
    assert res.failed
    assert res.result['msg'].startswith('Invalid input: ') and message in res.result['msg']
    assert cloud.calls == []


def test_an_instance_still_being_created_is_waited_for(cloud):
    created = run(cloud, wait=False, **CREATE)
    iid = created.result['instance']['id']
    assert created.result['instance']['status'] == 'creating'
    cloud.calls[:] = []
    res = run(cloud, id=iid, wait=False)
    assert res.result['instance']['status'] == 'creating' and cloud.ops() == ['show_instance']
    res = run(cloud, id=iid)
    assert res.result['changed'] is False and res.result['instance']['status'] == 'normal'


def test_wait_timeout_is_named_and_keeps_the_job_id(cloud):
    iid = add(cloud)
    res = run(cloud, id=iid, port=8635, wait_timeout=5)
    assert res.failed and res.result['error_code'] == 'WaitTimeout'
    assert isinstance(res.result['job_id'], str)


def test_one_wait_budget_for_the_whole_run(cloud):
    iid = add(cloud)
    start = cloud.clock.now
    res = run(cloud, id=iid, port=8635, description='orders', security_group_id='0b0a9d5e-5a4e-4b43-8c0f-2b4fa2f30a01',
              wait_timeout=20)
    assert res.failed and res.result['error_code'] == 'WaitTimeout'
    assert cloud.clock.now - start <= 20 + 10


def test_wait_false_still_waits_for_every_job_but_the_last(cloud):
    iid = add(cloud)
    res = run(cloud, id=iid, port=8635, security_group_id='0b0a9d5e-5a4e-4b43-8c0f-2b4fa2f30a01', wait=False)
    assert res.result['changed'] is True and len(res.result['job_id']) == 2
    polled = [c[2]['id'] for c in cloud.calls if c[0] == 'show_job']
    assert set(polled) == {res.result['job_id'][0]}
