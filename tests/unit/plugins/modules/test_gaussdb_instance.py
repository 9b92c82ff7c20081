"""gaussdb_instance: desired state, request budget, check mode and diff (API faked, see fake_gaussdb_instance_api)."""
import json

import pytest

from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_instance
from fake_gaussdb_instance_api import FakeApi, run_module

PASSWORD = 'Sup3r-Secret-pw'
CREATE = dict(name='orders-db', flavor='gaussdb.mysql.xlarge.x86.4', vpc_id='vpc-1', subnet_id='subnet-1',
              security_group_id='sg-1', password=PASSWORD)


def run(api, check_mode=False, diff=False, **args):
    return run_module(gaussdb_instance, args, api, check_mode=check_mode, diff=diff)


@pytest.fixture
def api():
    return FakeApi()


# -- create -------------------------------------------------------------------------------
def test_create_sends_the_documented_body_and_waits_for_the_job(api):
    res = run(api, read_replicas=2, tags={'team': 'orders'}, backup_strategy={'start_time': '21:00-22:00', 'keep_days': 7},
              **CREATE)
    assert not res.failed, res.result
    assert res.result['changed'] is True
    create = [c for c in api.calls if c[0] == 'create_instance'][0]
    body = create[3]
    assert body['slave_count'] == 2 and body['mode'] == 'Cluster' and body['region'] == 'cn-north-4'
    assert body['datastore'] == {'type': 'gaussdb-mysql', 'version': '8.0'}
    assert body['charge_info'] == {'charge_mode': 'postPaid'} and body['availability_zone_mode'] == 'single'
    assert body['backup_strategy'] == {'start_time': '21:00-22:00', 'keep_days': '7'}
    assert body['tags'] == [{'key': 'team', 'value': 'orders'}]
    assert create[4] is not None, 'a create must carry recover= so that a lost answer is looked up by name'
    assert 'show_job' in api.ops()
    assert res.result['instance']['name'] == 'orders-db'
    assert len([n for n in res.result['instance']['nodes'] if n['type'] == 'slave']) == 2
    assert isinstance(res.result['job_id'], str)
    assert PASSWORD not in json.dumps(res.result)


def test_create_recover_finds_the_instance_by_exact_name(api):
    run(api, **CREATE)
    recover = [c for c in api.calls if c[0] == 'create_instance'][0][4]
    found = recover()
    assert found['instance']['id'] == next(iter(api.instances))
    api.instances.clear()
    assert recover() is None


def test_create_in_check_mode_writes_nothing_and_masks_the_password(api):
    res = run(api, check_mode=True, diff=True, **CREATE)
    assert res.result['changed'] is True
    assert api.writes() == []
    assert res.result['diff']['before'] == {}
    after = res.result['diff']['after']
    assert after['password'] == '********' and after['read_replicas'] == 1 and after['name'] == 'orders-db'
    assert PASSWORD not in json.dumps(res.result)


def test_create_without_required_options_fails_after_the_lookup(api):
    res = run(api, name='orders-db', flavor='gaussdb.mysql.xlarge.x86.4')
    assert res.failed
    assert 'vpc_id, subnet_id, password' in res.result['msg']
    assert api.writes() == []


def test_missing_instance_by_id_is_not_created(api):
    res = run(api, id='0' * 32 + 'in07', **CREATE)
    assert res.failed and 'does not exist' in res.result['msg']
    assert api.writes() == []


def test_more_than_nine_read_replicas_are_added_after_the_create(api):
    res = run(api, read_replicas=12, **CREATE)
    assert not res.failed, res.result
    create = [c for c in api.calls if c[0] == 'create_instance'][0]
    assert create[3]['slave_count'] == 9
    enlarge = [c for c in api.calls if c[0] == 'add_readonly_nodes']
    assert [len(c[3]['priorities']) for c in enlarge] == [3]
    assert len(res.result['job_id']) == 2


def test_settings_the_create_call_cannot_take_are_applied_once_ready(api):
    res = run(api, port=8635, description='orders', maintenance_window={'start_time': '22:00', 'end_time': '02:00'},
              **CREATE)
    assert not res.failed, res.result
    ops = api.ops()
    assert ops.index('create_instance') < ops.index('set_port')
    assert {'set_port', 'set_alias', 'set_ops_window'} <= set(ops)
    assert res.result['instance']['port'] == '8635'


def test_prepaid_create_waits_for_the_instance_to_appear_by_name(api):
    res = run(api, charging_mode='prePaid', period_unit='month', period=1, auto_pay=True, volume_size=40, **CREATE)
    assert not res.failed, res.result
    body = [c for c in api.calls if c[0] == 'create_instance'][0][3]
    assert body['charge_info'] == {'charge_mode': 'prePaid', 'period_type': 'month', 'period_num': 1,
                                   'is_auto_pay': 'true'}
    assert body['volume'] == {'size': '40'}
    assert res.result['order_id'].startswith('CS') and 'job_id' not in res.result
    assert res.result['instance']['name'] == 'orders-db'


# -- request budget -----------------------------------------------------------------------
def test_noop_by_id_is_one_request(api):
    inst = api.add('orders-db', replicas=2, tags=[{'key': 'team', 'value': 'orders'}])
    res = run(api, id=inst['id'], name='orders-db', read_replicas=2, port=3306, security_group_id='sg-1',
              description='', maintenance_window={'start_time': '18:00', 'end_time': '22:00'}, ssl=False,
              tags={'team': 'orders'}, flavor='GAUSSDB.mysql.xlarge.x86.4', vpc_id='vpc-1', password=PASSWORD,
              private_ip=inst['private_write_ips'][0], public_ip='', engine_version='8.0')
    assert not res.failed, res.result
    assert res.result['changed'] is False
    assert api.ops() == ['show_instance']
    assert res.result['warnings'] == []


def test_noop_by_name_is_two_requests(api):
    api.add('orders-db', replicas=1)
    api.add('other-db')
    res = run(api, name='orders-db', read_replicas=1, port=3306, tags={})
    assert res.result['changed'] is False
    assert api.ops() == ['list_instances', 'show_instance']
    assert api.calls[0][2]['name'] == 'orders-db'


def test_eip_given_by_id_costs_one_more_read(api):
    inst = api.add('orders-db', public_ips='100.1.1.1')
    eip_id = '8403e9cd-a7fa-4288-8b15-c7ceac1e0001'
    api.eips[inst['id']] = {'id': eip_id, 'public_ip_address': '100.1.1.1'}
    res = run(api, id=inst['id'], public_ip=eip_id)
    assert res.result['changed'] is False
    assert api.ops() == ['show_instance', 'show_eip']
    api.calls[:] = []
    res = run(api, id=inst['id'], public_ip='100.1.1.1')
    assert res.result['changed'] is False and api.ops() == ['show_instance']


# -- identity ----------------------------------------------------------------------------
def test_ambiguous_name_fails_listing_the_candidates(api):
    one, two = api.add('orders-db'), api.add('orders-db')
    res = run(api, name='orders-db', port=3307)
    assert res.failed
    assert one['id'] in res.result['msg'] and two['id'] in res.result['msg']
    assert api.writes() == []


def test_rename_is_id_plus_a_new_name(api):
    inst = api.add('orders-db')
    res = run(api, diff=True, id=inst['id'], name='orders-db-2')
    assert res.result['changed'] is True
    assert [c[3] for c in api.writes()] == [{'name': 'orders-db-2'}]
    assert res.result['diff']['before']['name'] == 'orders-db' and res.result['diff']['after']['name'] == 'orders-db-2'
    assert res.result['instance']['name'] == 'orders-db-2'


# -- updates -----------------------------------------------------------------------------
@pytest.mark.parametrize('args, operation, body', [
    (dict(port=8635), 'set_port', {'port': 8635}),
    (dict(security_group_id='sg-2'), 'set_security_group', {'security_group_id': 'sg-2'}),
    (dict(private_ip='192.168.9.9'), 'set_private_ip', {'internal_ip': '192.168.9.9'}),
    (dict(description='orders db'.replace(' ', '-')), 'set_alias', {'alias': 'orders-db'}),
    (dict(maintenance_window={'start_time': '22:00', 'end_time': '02:00'}), 'set_ops_window',
     {'start_time': '22:00', 'end_time': '02:00'}),
    (dict(ssl=True), 'set_ssl', {'ssl_option': True}),
    (dict(flavor='gaussdb.mysql.xlarge.x86.8'), 'resize_flavor', {'resize_flavor': {'spec_code': 'gaussdb.mysql.xlarge.x86.8'}}),
    (dict(public_ip='100.1.1.2', public_ip_id='8403e9cd-a7fa-4288-8b15-c7ceac1e0002'), 'bind_eip',
     {'public_ip': '100.1.1.2', 'public_ip_id': '8403e9cd-a7fa-4288-8b15-c7ceac1e0002'}),
])
def test_each_updatable_option_is_one_call_then_idempotent(api, args, operation, body):
    inst = api.add('orders-db')
    check = run(api, check_mode=True, id=inst['id'], **args)
    assert check.result['changed'] is True and api.writes() == []
    res = run(api, id=inst['id'], **args)
    assert res.result['changed'] is True
    writes = api.writes()
    assert [(c[0], c[3]) for c in writes] == [(operation, body)]
    api.calls[:] = []
    again = run(api, id=inst['id'], **args)
    assert again.result['changed'] is False and api.writes() == []
    assert run(api, check_mode=True, id=inst['id'], **args).result['changed'] is False


def test_private_dns_name_is_applied_for_then_renamed(api):
    inst = api.add('orders-db')
    res = run(api, id=inst['id'], private_dns_name_prefix='ordersdb01')
    assert res.result['changed'] is True
    assert [c[0] for c in api.writes()] == ['create_dns_name', 'set_dns_name']
    assert res.result['instance']['private_dns_names'][0].startswith('ordersdb01.')
    api.calls[:] = []
    assert run(api, id=inst['id'], private_dns_name_prefix='ordersdb01').result['changed'] is False


def test_read_replicas_up_adds_and_down_deletes_the_newest(api):
    inst = api.add('orders-db', replicas=1)
    res = run(api, id=inst['id'], read_replicas=3)
    assert res.result['changed'] is True
    assert [(c[0], c[3]) for c in api.writes()] == [('add_readonly_nodes', {'priorities': [1, 1]})]
    slaves = [n for n in api.instances[inst['id']]['nodes'] if n['type'] == 'slave']
    oldest = slaves[0]['id']
    api.calls[:] = []
    res = run(api, diff=True, id=inst['id'], read_replicas=1)
    assert [c[0] for c in api.writes()] == ['delete_readonly_node', 'delete_readonly_node']
    assert [n['id'] for n in api.instances[inst['id']]['nodes'] if n['type'] == 'slave'] == [oldest]
    assert res.result['diff']['before']['read_replicas'] == 3 and res.result['diff']['after']['read_replicas'] == 1
    assert len(res.result['job_id']) == 2


def test_tags_are_purged_or_kept(api):
    inst = api.add('orders-db', tags=[{'key': 'a', 'value': '1'}, {'key': 'b', 'value': '2'}])
    res = run(api, id=inst['id'], tags={'a': '1', 'c': '3'}, purge_tags=False)
    assert [c[3] for c in api.writes()] == [{'action': 'create', 'tags': [{'key': 'c', 'value': '3'}]}]
    assert res.result['changed'] is True
    api.calls[:] = []
    res = run(api, id=inst['id'], tags={'a': '9'})
    assert [c[3]['action'] for c in api.writes()] == ['delete', 'create']
    assert api.instances[inst['id']]['tags'] == [{'key': 'a', 'value': '9'}]


def test_password_is_reset_only_with_update_password_always(api):
    inst = api.add('orders-db')
    assert run(api, id=inst['id'], password=PASSWORD).result['changed'] is False
    assert api.writes() == []
    res = run(api, diff=True, id=inst['id'], password=PASSWORD, update_password='always')
    assert res.result['changed'] is True
    assert api.passwords[inst['id']] == PASSWORD
    assert res.result['diff']['after']['password'] == '********'
    assert PASSWORD not in json.dumps(res.result)


def test_ssl_without_a_readable_state_is_set_with_a_warning(api):
    api.ssl_in_details = False
    inst = api.add('orders-db')
    res = run(api, id=inst['id'], ssl=True)
    assert res.result['changed'] is True and [c[0] for c in api.writes()] == ['set_ssl']
    assert any('SSL' in w for w in res.result['warnings'])


def test_unbind_with_an_empty_public_ip(api):
    inst = api.add('orders-db', public_ips='100.1.1.1')
    res = run(api, id=inst['id'], public_ip='')
    assert [c[0] for c in api.writes()] == ['unbind_eip'] and res.result['changed'] is True
    api.calls[:] = []
    assert run(api, id=inst['id'], public_ip='').result['changed'] is False


def test_binding_without_the_eip_id_fails_before_any_write(api):
    inst = api.add('orders-db')
    res = run(api, id=inst['id'], public_ip='100.1.1.2')
    assert res.failed and 'public_ip_id' in res.result['msg']
    assert api.writes() == []


def test_creation_only_differences_are_warnings(api):
    inst = api.add('orders-db')
    res = run(api, id=inst['id'], vpc_id='vpc-9', time_zone='UTC+08:00', backup_strategy={'start_time': '19:00-20:00'})
    assert res.result['changed'] is False
    assert len(res.result['warnings']) == 2
    assert any('vpc_id' in w for w in res.result['warnings'])


def test_volume_size_of_a_pay_per_use_instance_is_refused(api):
    inst = api.add('orders-db')
    res = run(api, id=inst['id'], volume_size=40)
    assert res.failed and 'prePaid' in res.result['msg']


def test_prepaid_storage_grows_through_an_order(api):
    inst = api.add('orders-db', charge_info={'charge_mode': 'prePaid'})
    for node in inst['nodes']:
        node['volume']['size'] = 40
    res = run(api, id=inst['id'], volume_size=60)
    assert [(c[0], c[3]) for c in api.writes()] == [('extend_volume', {'size': 60})]
    assert res.result['order_id'] == 'CS-extend'
    api.calls[:] = []
    assert run(api, id=inst['id'], volume_size=60).result['changed'] is False


# -- other states ------------------------------------------------------------------------
def test_absent_deletes_then_is_idempotent(api):
    inst = api.add('orders-db')
    check = run(api, check_mode=True, name='orders-db', state='absent')
    assert check.result['changed'] is True and api.writes() == []
    res = run(api, name='orders-db', state='absent')
    assert res.result['changed'] is True and res.result['instance']['id'] == inst['id']
    assert api.instances == {}
    again = run(api, name='orders-db', state='absent')
    assert again.result['changed'] is False


def test_restarted_restarts_and_waits(api):
    inst = api.add('orders-db')
    res = run(api, id=inst['id'], state='restarted')
    assert res.result['changed'] is True
    assert [c[0] for c in api.writes()] == ['restart_instance']
    assert api.ops().count('show_job') >= 1


def test_wait_false_returns_the_job_without_polling(api):
    inst = api.add('orders-db')
    res = run(api, id=inst['id'], port=8635, wait=False)
    assert res.result['changed'] is True and 'show_job' not in api.ops()
    assert res.result['job_id'] in api.jobs


def test_a_failed_job_fails_the_module_with_its_reason(api):
    inst = api.add('orders-db')
    api.job_status = 'Failed'
    res = run(api, id=inst['id'], port=8635)
    assert res.failed and res.result['error_code'] == 'JobFailed'


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
def test_bad_input_makes_no_request(api, args, message):
    full = dict(name='orders-db')
    full.update(args)
    res = run(api, **full)
    assert res.failed
    assert message in res.result['msg']
    assert api.calls == []


def test_an_instance_still_being_created_is_waited_for(api):
    inst = api.add('orders-db', status='creating')
    calls = {'n': 0}
    original = api.op_show_instance

    def show(params, body, path):
        calls['n'] += 1
        if calls['n'] > 2:
            inst['status'] = 'normal'
        return original(params, body, path)

    api.op_show_instance = show
    res = run(api, id=inst['id'])
    assert res.result['changed'] is False and res.result['instance']['status'] == 'normal'
    api.op_show_instance = original
    api.calls[:] = []
    inst['status'] = 'creating'
    res = run(api, id=inst['id'], wait=False)
    assert res.result['instance']['status'] == 'creating' and api.ops() == ['show_instance']


def test_wait_timeout_is_named_and_keeps_the_job_id(api):
    inst = api.add('orders-db')
    api.job_status = 'Running'
    res = run(api, id=inst['id'], port=8635, wait_timeout=5)
    assert res.failed and res.result['error_code'] == 'WaitTimeout'
    assert res.result['job_id'] in api.jobs


def test_wait_false_still_waits_for_every_job_but_the_last(api):
    inst = api.add('orders-db')
    res = run(api, id=inst['id'], port=8635, security_group_id='sg-2', wait=False)
    assert res.result['changed'] is True and len(res.result['job_id']) == 2
    polled = [c[2]['id'] for c in api.calls if c[0] == 'show_job']
    assert set(polled) == {res.result['job_id'][0]}
