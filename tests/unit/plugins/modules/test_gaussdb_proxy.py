"""gaussdb_proxy and gaussdb_proxy_info with the client faked: plans, idempotency, check mode, waits, errors."""
import copy

import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_proxy as utils
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_proxy, gaussdb_proxy_info
from ansible_collections.clouddb.mysql.tests.unit.plugins.modules.harness import run_printed, use_gaussdb_client

IID = 'a23fb62bd61e4e9e9636fd2225f395bein07'
MASTER = '799a0f2fa49a4151bf9f7063c1fbba36no07'
REPLICA = '799a0f2fa49a4151bf9f7063c1fbba35no07'
REPLICA2 = '799a0f2fa49a4151bf9f7063c1fbba34no07'
FLAVORS = [{'group_type': 'x86', 'proxy_flavors': [
    {'id': 'f-large', 'spec_code': 'gaussdb.proxy.large.x86.2', 'vcpus': '2', 'ram': '4'},
    {'id': 'f-xlarge', 'spec_code': 'gaussdb.proxy.xlarge.x86.2', 'vcpus': '4', 'ram': '8'}]}]


class FakeClient(object):
    """The 4.7 API in memory: each change applies at once, as a job finished by the time it is waited for."""

    def __init__(self):
        self.proxies = []
        self.calls = []
        self.waited = []
        self.poller = None

    # -- reads ---------------------------------------------------------------------------------
    @property
    def writes(self):
        return [c for c in self.calls if not c[0].startswith(('list_', 'show_', 'get_'))]

    def find_instances(self, name):
        self.calls.append(('list_instances', name, {}))
        return [{'id': IID, 'name': 'shop-db'}] if name == 'shop-db' else []

    def get_instance(self, instance_id):
        self.calls.append(('get_instance', None, {}))
        return {'id': IID, 'nodes': [{'id': MASTER, 'name': 'shop-db_node01', 'type': 'master'},
                                     {'id': REPLICA, 'name': 'shop-db_node02', 'type': 'slave'},
                                     {'id': REPLICA2, 'name': 'shop-db_node03', 'type': 'slave'}]}

    def paginate(self, operation, key, params=None, **path):
        return self.call(operation, **path)[key]

    def wait_jobs(self, job_ids, timeout):
        self.waited.append(list(job_ids))

    def _proxy(self, pid):
        return next(p for p in self.proxies if p['proxy']['pool_id'] == pid)

    def add_proxy(self, pid='p1po01', name='shop-proxy', **fields):
        proxy = dict(pool_id=pid, name=name, status='ACTIVE', address='10.0.0.9', port=3306, node_num=2,
                     flavor_ref='gaussdb.proxy.large.x86.2', route_mode=0, consistence_mode='eventual',
                     connection_pool_type='CLOSED', transaction_split='false', ssl_option='false',
                     new_node_auto_add_status='OFF', nodes=[])
        proxy.update(fields)
        self.proxies.append({
            'proxy': proxy, 'master_node': {'id': MASTER, 'name': 'shop-db_node01', 'weight': 0},
            'readonly_nodes': [{'id': REPLICA, 'name': 'shop-db_node02', 'weight': 100},
                               {'id': REPLICA2, 'name': 'shop-db_node03', 'weight': 100}],
            'access': {'enable_ip_group': False, 'type': 'black', 'ip_group': {'id': 'g', 'ip_list': []}},
            'params': {'slowLogQueryTime': '500', 'multiStatementType': 'Strict', 'sqlAuditEnabled': 'false'}})
        return pid

    def call(self, operation, params=None, body=None, instance_id=None, recover=None, idempotent=None, **path):
        self.calls.append((operation, copy.deepcopy(body), path))
        handler = getattr(self, 'op_' + operation)
        return handler(body, **path)

    def op_list_proxies(self, body):
        return {'proxy_list': [dict((k, copy.deepcopy(v)) for k, v in p.items() if k not in ('access', 'params'))
                               for p in self.proxies]}

    def op_list_proxy_flavors(self, body):
        return {'proxy_flavor_groups': FLAVORS}

    def op_show_proxy_ipgroup(self, body, proxy_id):
        return copy.deepcopy(self._proxy(proxy_id)['access'])

    def op_list_proxy_versions(self, body, proxy_id, engine_name):
        return {'current_version': '2.23.12.000', 'latest_version': '2.24.03.000', 'can_upgrade': True}

    def op_show_proxy_configuration(self, body, proxy_id):
        types = {'slowLogQueryTime': ('integer', '200-50000'), 'multiStatementType': ('list', 'Strict|Loose|Parse'),
                 'sqlAuditEnabled': ('boolean', 'true|false')}
        items = [{'name': k, 'value': v, 'data_type': types[k][0], 'value_range': types[k][1], 'elem_type': 'system'}
                 for k, v in self._proxy(proxy_id)['params'].items()]
        return {'total_count': len(items), 'configurations': items}

    # -- writes ----------------------------------------------------------------------------------
    def _job(self):
        return {'job_id': 'job-%d' % len(self.writes)}

    def op_create_proxy(self, body):
        self.add_proxy(pid='new%dpo01' % len(self.proxies), name=body.get('proxy_name', 'proxy-x'),
                       flavor_ref=body['flavor_ref'], node_num=body['node_num'], route_mode=body.get('route_mode', 0))
        for item in body.get('nodes_read_weight') or []:
            self._weights(self.proxies[-1], {item['id']: item['weight']})
        return self._job()

    def op_delete_proxy(self, body):
        self.proxies = [p for p in self.proxies if p['proxy']['pool_id'] not in body['proxy_ids']]
        return self._job()

    def _weights(self, entry, weights):
        for node in [entry['master_node']] + entry['readonly_nodes']:
            if node['id'] in weights:
                node['weight'] = weights[node['id']]

    def _set(self, proxy_id, **fields):
        self._proxy(proxy_id)['proxy'].update(fields)
        return self._job()

    def op_rename_proxy(self, body, proxy_id):
        self._proxy(proxy_id)['proxy']['name'] = body['alias']
        return {'result': 'success'}

    def op_resize_proxy_flavor(self, body, proxy_id):
        return self._set(proxy_id, flavor_ref=body['flavor_ref'])

    def op_enlarge_proxy(self, body):
        proxy = self._proxy(body['proxy_id'])['proxy']
        return self._set(body['proxy_id'], node_num=proxy['node_num'] + body['node_num'])

    def op_reduce_proxy(self, body, proxy_id):
        return self._set(proxy_id, node_num=self._proxy(proxy_id)['proxy']['node_num'] - body['node_num'])

    def op_set_proxy_weight(self, body, proxy_id):
        entry = self._proxy(proxy_id)
        weights = dict((n['id'], n['weight']) for n in body.get('readonly_nodes') or [])
        if 'master_weight' in body:
            weights[MASTER] = body['master_weight']
        self._weights(entry, weights)
        return self._job()

    def op_set_proxy_route_mode(self, body, proxy_id):
        entry = self._proxy(proxy_id)
        mode = body['route_mode']
        if mode:
            entry['master_node']['weight'] = 0 if mode == 1 else 1
            for node in entry['readonly_nodes']:
                node['weight'] = 1 if node['weight'] else 0
        weights = dict((n['id'], n['weight']) for n in body.get('readonly_nodes') or [])
        if 'master_weight' in body:
            weights[MASTER] = body['master_weight']
        self._weights(entry, weights)
        return self._set(proxy_id, route_mode=mode)

    def op_set_proxy_new_node_auto_add(self, body, proxy_id):
        self._proxy(proxy_id)['proxy'].update(new_node_auto_add_status=body['switch_status'],
                                              new_node_weight=body.get('weight'))
        return {'result': 'success'}

    def op_set_proxy_session_consistence(self, body, proxy_id):
        mode = body.get('consistence_mode') or ('session' if body['session_consistence'] == 'true' else 'eventual')
        return self._set(proxy_id, consistence_mode=mode)

    def op_set_proxy_connection_pool_type(self, body, proxy_id):
        return self._set(proxy_id, connection_pool_type=body['connection_pool_type'])

    def op_set_proxy_transaction_split(self, body):
        return self._set(body['proxy_id_list'][0], transaction_split='true' if body['transaction_split'] == 'ON' else 'false')

    def op_set_proxy_port(self, body, proxy_id):
        return self._set(proxy_id, port=body['port'])

    def op_set_proxy_ssl(self, body, proxy_id):
        return self._set(proxy_id, ssl_option='true' if body['ssl_option'] else 'false')

    def op_set_proxy_access_control_switch(self, body, proxy_id):
        self._proxy(proxy_id)['access']['enable_ip_group'] = body['open_access_control']
        return {'open_access_control': body['open_access_control']}

    def op_set_proxy_access_control(self, body, proxy_id):
        access = self._proxy(proxy_id)['access']
        access['type'] = body['type']
        access['ip_group']['ip_list'] = body['ip_list']
        return {'open_access_control': access['enable_ip_group']}

    def op_update_proxy_configuration(self, body, proxy_id):
        params = self._proxy(proxy_id)['params']
        for item in body['configurations']:
            params[item['name']] = item['value']
        return self._job()

    def op_restart_proxy(self, body, proxy_id):
        return self._job()


@pytest.fixture
def client(monkeypatch):
    return use_gaussdb_client(monkeypatch, FakeClient())


run = run_printed


def proxy_module(args, capsys, **kw):
    return run(gaussdb_proxy.run_module, args, capsys, **kw)


def ops(client):
    return [w[0] for w in client.writes]


# -- enabling ---------------------------------------------------------------------------------------
def test_enable_check_apply_check_apply(client, capsys):
    args = dict(instance_name='shop-db', name='shop-proxy', flavor='f-large', node_num=3, port=3308,
                readonly_nodes=[dict(name='shop-db_node02', weight=300)], master_weight=50)
    checked = proxy_module(args, capsys, check=True, diff=True)
    assert checked['changed'] is True and client.writes == [] and 'job_id' not in checked
    assert checked['diff']['before'] == {}
    assert checked['diff']['after']['flavor_ref'] == 'gaussdb.proxy.large.x86.2'
    assert checked['diff']['after']['port'] == 3308
    applied = proxy_module(args, capsys)
    assert applied['changed'] is True
    assert ops(client) == ['create_proxy', 'set_proxy_port']
    body = client.writes[0][1]
    assert body == {'flavor_ref': 'gaussdb.proxy.large.x86.2', 'node_num': 3, 'proxy_name': 'shop-proxy',
                    'nodes_read_weight': [{'id': MASTER, 'weight': 50}, {'id': REPLICA, 'weight': 300}]}
    assert applied['job_id'] == ['job-1', 'job-2'] and client.waited == [['job-1'], ['job-2']]
    assert applied['proxy']['port'] == 3308 and applied['proxy']['master_node']['weight'] == 50
    assert proxy_module(args, capsys, check=True)['changed'] is False
    again = proxy_module(args, capsys)
    assert again['changed'] is False and 'job_id' not in again and len(client.writes) == 2


def test_enable_needs_a_known_flavor(client, capsys):
    result = proxy_module(dict(instance_id=IID, name='shop-proxy'), capsys)
    assert result['failed'] and 'flavor is required' in result['msg']
    result = proxy_module(dict(instance_id=IID, name='shop-proxy', flavor='gaussdb.proxy.huge.x86.2'), capsys)
    assert result['failed'] and 'gaussdb.proxy.large.x86.2' in result['msg'] and client.writes == []
    result = proxy_module(dict(instance_id=IID, name='shop-proxy', flavor='f-large', node_num=20), capsys)
    assert result['failed'] and '2 to 16' in result['msg'] and client.writes == []


def test_enable_without_wait_returns_at_once(client, capsys):
    result = proxy_module(dict(instance_id=IID, flavor='gaussdb.proxy.large.x86.2', wait=False), capsys)
    assert result['changed'] and result['job_id'] == 'job-1' and client.waited == []
    assert result['proxy']['pool_id'] == 'new0po01'


# -- changing -----------------------------------------------------------------------------------------
def test_every_option_changes_once_in_order(client, capsys):
    pid = client.add_proxy()
    args = dict(instance_id=IID, proxy_id=pid, name='renamed-proxy', flavor='gaussdb.proxy.xlarge.x86.2',
                node_num=4, route_mode=0, master_weight=10, readonly_nodes=[dict(id=REPLICA2, weight=5)],
                new_node_auto_add=True, new_node_weight=20, session_consistence=True, connection_pool_type='SESSION',
                transaction_split=True, port=3310, ssl=True,
                access_control=dict(enabled=True, type='white', rules=[dict(ip='10.0.0.0/24', description='app')]),
                parameters=dict(slowLogQueryTime=1000, multiStatementType='strict', sqlAuditEnabled=True))
    checked = proxy_module(args, capsys, check=True, diff=True)
    assert checked['changed'] and client.writes == []
    after = checked['diff']['after']
    assert after['readonly_weights'] == {REPLICA: 100, REPLICA2: 5} and after['master_weight'] == 10
    assert after['access_control'] == {'enabled': True, 'type': 'white', 'rules': [{'ip': '10.0.0.0/24', 'description': 'app'}]}
    assert after['parameters'] == {'multiStatementType': 'Strict', 'slowLogQueryTime': '1000', 'sqlAuditEnabled': 'true'}
    applied = proxy_module(args, capsys)
    assert ops(client) == ['rename_proxy', 'resize_proxy_flavor', 'enlarge_proxy', 'set_proxy_weight',
                           'set_proxy_new_node_auto_add', 'set_proxy_session_consistence',
                           'set_proxy_connection_pool_type', 'set_proxy_transaction_split', 'set_proxy_port',
                           'set_proxy_ssl', 'set_proxy_access_control', 'set_proxy_access_control_switch',
                           'update_proxy_configuration']
    bodies = dict((w[0], w[1]) for w in client.writes)
    assert bodies['enlarge_proxy'] == {'node_num': 2, 'proxy_id': pid}
    assert bodies['set_proxy_weight'] == {'master_weight': 10, 'readonly_nodes': [{'id': REPLICA2, 'weight': 5}]}
    assert bodies['set_proxy_new_node_auto_add'] == {'switch_status': 'ON', 'weight': 20}
    assert bodies['set_proxy_session_consistence'] == {'session_consistence': 'true'}
    assert bodies['set_proxy_transaction_split'] == {'transaction_split': 'ON', 'proxy_id_list': [pid]}
    # multiStatementType 'strict' equals 'Strict' by meaning: only the two others are sent.
    assert bodies['update_proxy_configuration'] == {'configurations': [
        {'name': 'slowLogQueryTime', 'value': '1000', 'elem_type': 'system'},
        {'name': 'sqlAuditEnabled', 'value': 'true', 'elem_type': 'system'}]}
    assert len(applied['job_id']) == 9
    assert applied['proxy']['access_control']['enable_ip_group'] is True
    assert applied['proxy']['name'] == 'renamed-proxy'
    assert proxy_module(args, capsys, check=True)['changed'] is False
    assert proxy_module(args, capsys)['changed'] is False


def test_route_mode_carries_the_weights_and_coerces_the_rest(client, capsys):
    pid = client.add_proxy()
    args = dict(instance_id=IID, proxy_id=pid, route_mode=2, readonly_nodes=[dict(id=REPLICA, weight=0)])
    checked = proxy_module(args, capsys, check=True, diff=True)
    assert checked['diff']['after']['master_weight'] == 1
    assert checked['diff']['after']['readonly_weights'] == {REPLICA: 0, REPLICA2: 1}
    proxy_module(args, capsys)
    assert client.writes[0][1] == {'route_mode': 2, 'readonly_nodes': [{'id': REPLICA, 'weight': 0}]}
    assert proxy_module(args, capsys)['changed'] is False
    # A weight outside the current mode's values is refused before any write.
    result = proxy_module(dict(instance_id=IID, proxy_id=pid, master_weight=100), capsys)
    assert result['failed'] and 'route_mode 2' in result['msg'] and len(client.writes) == 1


def test_node_count_moves_in_documented_steps(client, capsys):
    pid = client.add_proxy()
    proxy_module(dict(instance_id=IID, proxy_id=pid, node_num=32), capsys)
    assert [w[1]['node_num'] for w in client.writes] == [30]
    proxy_module(dict(instance_id=IID, proxy_id=pid, node_num=2), capsys)
    steps = [(w[0], w[1]['node_num']) for w in client.writes[1:]]
    assert steps == [('reduce_proxy', 14), ('reduce_proxy', 14), ('reduce_proxy', 2)]
    assert client.waited[-3:] == [['job-2'], ['job-3'], ['job-4']]


def test_wait_false_still_waits_between_changes(client, capsys):
    pid = client.add_proxy()
    result = proxy_module(dict(instance_id=IID, proxy_id=pid, port=3310, ssl=True, wait=False), capsys)
    assert result['job_id'] == ['job-1', 'job-2'] and client.waited == [['job-1']]
    assert result['proxy']['port'] == 3310 and result['proxy']['ssl_option'] == 'true'


def test_access_control_switch_off_goes_first(client, capsys):
    pid = client.add_proxy()
    client._proxy(pid)['access'].update(enable_ip_group=True, type='white')
    proxy_module(dict(instance_id=IID, proxy_id=pid, access_control=dict(enabled=False, type='black')), capsys)
    assert ops(client) == ['set_proxy_access_control_switch', 'set_proxy_access_control']
    # Rules compare as a set: another order changes nothing.
    client._proxy(pid)['access']['ip_group']['ip_list'] = [{'ip': '10.0.0.2', 'description': ''},
                                                           {'ip': '10.0.0.1', 'description': 'a'}]
    rules = [dict(ip='10.0.0.1', description='a'), dict(ip='10.0.0.2')]
    assert proxy_module(dict(instance_id=IID, proxy_id=pid, access_control=dict(rules=rules)), capsys)['changed'] is False


def test_consistency_mode_and_session_flag(client, capsys):
    pid = client.add_proxy(consistence_mode='global')
    assert proxy_module(dict(instance_id=IID, proxy_id=pid, session_consistence=False), capsys)['changed'] is False
    proxy_module(dict(instance_id=IID, proxy_id=pid, consistence_mode='eventual'), capsys)
    assert client.writes[-1][1] == {'session_consistence': 'false', 'consistence_mode': 'eventual'}


def test_auto_add_weight_is_needed_in_route_mode_zero_unless_already_on(client, capsys):
    result = proxy_module(dict(instance_id=IID, flavor='f-large', new_node_auto_add=True), capsys)
    assert result['failed'] and 'DBS.05000078' in result['msg'] and client.writes == []
    pid = client.add_proxy()
    result = proxy_module(dict(instance_id=IID, proxy_id=pid, new_node_auto_add=True), capsys)
    assert result['failed'] and 'DBS.05000078' in result['msg'] and client.writes == []
    client._proxy(pid)['proxy'].update(new_node_auto_add_status='ON', new_node_weight=7)
    assert proxy_module(dict(instance_id=IID, proxy_id=pid, new_node_auto_add=True), capsys)['changed'] is False


def test_restarted_always_restarts(client, capsys):
    pid = client.add_proxy()
    assert proxy_module(dict(instance_id=IID, name='shop-proxy', state='restarted'), capsys, check=True)['changed']
    result = proxy_module(dict(instance_id=IID, name='shop-proxy', state='restarted'), capsys)
    assert result['changed'] and ops(client) == ['restart_proxy'] and client.writes[0][2] == {'proxy_id': pid}


# -- disabling and identity --------------------------------------------------------------------------------
def test_disable_check_apply_again(client, capsys):
    pid = client.add_proxy()
    args = dict(instance_id=IID, name='shop-proxy', state='absent')
    checked = proxy_module(args, capsys, check=True, diff=True)
    assert checked['changed'] and checked['diff']['after'] == {} and client.writes == []
    result = proxy_module(args, capsys)
    assert result['changed'] and result['proxy'] == {} and client.writes[0][1] == {'proxy_ids': [pid]}
    assert proxy_module(args, capsys)['changed'] is False


def test_identity_rules(client, capsys):
    client.add_proxy(pid='p1po01', name='same')
    client.add_proxy(pid='p2po01', name='same')
    result = proxy_module(dict(instance_id=IID, name='same', port=3310), capsys)
    assert result['failed'] and 'ambiguous' in result['msg'] and 'p1po01' in result['msg']
    result = proxy_module(dict(instance_id=IID, port=3310), capsys)
    assert result['failed'] and 'several proxies' in result['msg']
    result = proxy_module(dict(instance_id=IID, proxy_id='nopo01', port=3310), capsys)
    assert result['failed'] and 'has no proxy nopo01' in result['msg']
    result = proxy_module(dict(instance_id=IID, proxy_id='p1po01', readonly_nodes=[dict(name='nope', weight=1)]), capsys)
    assert result['failed'] and 'not a node' in result['msg']
    result = proxy_module(dict(instance_id=IID, proxy_id='p1po01', readonly_nodes=[dict(id=MASTER, weight=1)]), capsys)
    assert result['failed'] and 'master_weight' in result['msg']
    result = proxy_module(dict(instance_id=IID, proxy_id='p1po01', parameters=dict(nope=1)), capsys)
    assert result['failed'] and 'does not exist' in result['msg']
    result = proxy_module(dict(instance_id=IID, proxy_id='p1po01', parameters=dict(slowLogQueryTime=10)), capsys)
    assert result['failed'] and '200-50000' in result['msg']
    assert client.writes == []


@pytest.mark.parametrize('args, message', [
    (dict(name='ab'), '4 to 64'),
    (dict(name='1abc'), '4 to 64'),
    (dict(port=1033), 'port 1033'),
    (dict(port=65535), 'port 65535'),
    (dict(node_num=1), 'between 2 and 32'),
    (dict(node_num=33), 'between 2 and 32'),
    (dict(route_mode=1, master_weight=1), 'route_mode 1'),
    (dict(route_mode=2, readonly_nodes=[dict(id=REPLICA, weight=2)]), 'route_mode 2'),
    (dict(master_weight=1001), 'between 0 and 1000'),
    (dict(proxy_mode='readonly', route_mode=2), 'DBS.05000093'),
    (dict(proxy_mode='readonly', master_weight=5), 'master_weight must be 0'),
    (dict(new_node_weight=5), 'needs new_node_auto_add'),
    (dict(session_consistence=True, consistence_mode='global'), 'consistence_mode=session'),
    (dict(access_control=dict(rules=[dict(ip='300.1.1.1')])), 'not an IP'),
    (dict(access_control=dict(rules=[dict(ip='10.0.0.1', description='<b>')])), 'without < or >'),
])
def test_bad_input_is_refused_before_any_request(client, capsys, args, message):
    result = proxy_module(dict(args, instance_name='shop-db', flavor='f-large'), capsys)
    assert result['failed'] and message in result['msg'], result['msg']
    assert client.calls == []


# -- info -----------------------------------------------------------------------------------------------------
def test_info_returns_proxies_with_details(client, capsys):
    client.add_proxy(pid='p1po01', name='one')
    client.add_proxy(pid='p2po01', name='two')
    result = run(gaussdb_proxy_info.run_module, dict(instance_name='shop-db', flavors=True, parameters=True), capsys)
    assert [p['pool_id'] for p in result['proxies']] == ['p1po01', 'p2po01'] and not result['changed']
    first = result['proxies'][0]
    assert first['version']['can_upgrade'] is True and first['access_control']['type'] == 'black'
    assert {c['name'] for c in first['configurations']} >= {'slowLogQueryTime'}
    assert [f['spec_code'] for f in result['flavors']] == ['gaussdb.proxy.large.x86.2', 'gaussdb.proxy.xlarge.x86.2']
    assert result['flavors'][0]['group_type'] == 'x86'
    only = run(gaussdb_proxy_info.run_module, dict(instance_id=IID, name='two', details=False), capsys)
    assert [p['name'] for p in only['proxies']] == ['two'] and 'version' not in only['proxies'][0]
    assert 'flavors' not in only


# -- module_utils ---------------------------------------------------------------------------------------------
def test_normalize_reads_the_reference_spellings():
    proxy = utils.normalize_proxy({'proxy': {'pool_id': 'x', 'transaction_splitt': 'true'},
                                   'master_node': {'id': MASTER}, 'readonly_nodes': {'id': REPLICA, 'weight': 1}})
    assert proxy['transaction_split'] == 'true' and proxy['readonly_nodes'] == [{'id': REPLICA, 'weight': 1}]


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
    assert utils.weight_errors(0, 1000, [('x', 0)]) == []
    assert utils.weight_errors(1, 0, [('x', 1)]) == []
    assert len(utils.weight_errors(2, 0, [('x', 5)])) == 2
    assert utils.port_error(3306) is None and utils.port_error(20201)
    assert utils.name_error(u'代理-proxy_1') is None


def test_parameter_text_follows_the_value_range():
    assert utils.parameter_text(True, {'data_type': 'boolean', 'value_range': 'true|false'}) == 'true'
    assert utils.parameter_text('on', {'data_type': 'boolean', 'value_range': 'ON|OFF'}) == 'ON'
    assert utils.parameter_text(5, {'data_type': 'integer'}) == '5'


class LoopPoller(object):
    def __init__(self):
        self.probes = 0

    def wait(self, probe, timeout, what):
        while True:
            self.probes += 1
            done, value = probe()
            if done:
                return value


def test_a_lost_enable_answer_is_recovered_without_a_second_enable(client, capsys):
    """The POST ran but its answer was lost: recover() finds the new proxy, the proxy status is polled."""
    client.poller = LoopPoller()
    real = client.op_create_proxy

    def lost(body):
        real(body)
        client.proxies[-1]['proxy']['status'] = 'ENABLING PROXY'
        recovered = client.pending_recover()
        client.proxies[-1]['proxy']['status'] = 'ACTIVE'   # the next read sees it done
        return recovered
    client.op_create_proxy = lost
    original_call = client.call

    def call(operation, params=None, body=None, instance_id=None, recover=None, idempotent=None, **path):
        client.pending_recover = recover
        return original_call(operation, params, body, instance_id, recover, idempotent, **path)
    client.call = call
    result = proxy_module(dict(instance_id=IID, name='lost-proxy', flavor='f-large', port=3310), capsys)
    assert result['changed'] and ops(client) == ['create_proxy', 'set_proxy_port']
    assert client.poller.probes == 1 and result['proxy']['port'] == 3310
    assert result['job_id'] == 'job-2'
