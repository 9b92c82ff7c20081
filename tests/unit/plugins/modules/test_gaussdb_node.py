"""gaussdb_node and gaussdb_node_info with the client faked: plans, idempotency, check mode, errors."""
import copy

import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_node as utils
from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_node, gaussdb_node_info
from ansible_collections.clouddb.mysql.tests.unit.plugins.modules.harness import run_printed, use_gaussdb_client

IID = 'a23fb62bd61e4e9e9636fd2225f395bein07'
MASTER = '799a0f2fa49a4151bf9f7063c1fbba36no07'
REPLICA = '799a0f2fa49a4151bf9f7063c1fbba35no07'


def instance():
    return {'id': IID, 'name': 'shop-db', 'status': 'normal', 'nodes': [
        {'id': MASTER, 'name': 'shop-db_node01', 'type': 'master', 'status': 'normal', 'priority': 1,
         'private_read_ips': ['10.0.0.1']},
        {'id': REPLICA, 'name': 'shop-db_node02', 'type': 'slave', 'status': 'normal', 'priority': 1,
         'private_read_ips': ['10.0.0.2']},
    ]}


class FakeClient(object):
    """Applies each change at once, as a job that finished by the time it is waited for."""

    def __init__(self):
        self.instance = instance()
        self.writes = []
        self.waited = []

    def resolve_instance(self, instance_id=None, name=None):
        if instance_id == IID or name == 'shop-db':
            return copy.deepcopy(self.instance)
        return None

    def get_instance(self, instance_id):
        return self.resolve_instance(instance_id=instance_id)

    def _node(self, node_id):
        return next(n for n in self.instance['nodes'] if n['id'] == node_id)

    def call(self, operation, params=None, body=None, instance_id=None, **path):
        self.writes.append((operation, body, path))
        if operation == 'rename_nodes':
            for item in body['node_list']:
                self._node(item['node_id'])['name'] = item['name']
        elif operation == 'set_node_priority':
            self._node(path['node_id'])['priority'] = body['priority']
        elif operation == 'switchover':
            for node in self.instance['nodes']:
                node['type'] = 'master' if node['id'] == body['node_id'] else 'slave'
        return {'job_id': 'job-%d' % len(self.writes)}

    def wait_jobs(self, job_ids, timeout):
        self.waited.append(list(job_ids))


@pytest.fixture
def client(monkeypatch):
    return use_gaussdb_client(monkeypatch, FakeClient())


run = run_printed


def node_module(args, capsys, **kw):
    return run(gaussdb_node.run, args, capsys, **kw)


def test_rename_and_priority_check_apply_check_apply(client, capsys):
    args = dict(instance_name='shop-db', node_id=REPLICA, name='shop-db-replica-1', priority=2)
    checked = node_module(args, capsys, check=True, diff=True)
    assert checked['changed'] is True and client.writes == []
    assert checked['diff']['before'] == {'name': 'shop-db_node02', 'priority': 1, 'role': 'readonly'}
    assert checked['diff']['after'] == {'name': 'shop-db-replica-1', 'priority': 2, 'role': 'readonly'}
    applied = node_module(args, capsys)
    assert applied['changed'] is True
    assert [w[0] for w in client.writes] == ['rename_nodes', 'set_node_priority']
    assert client.writes[0][1] == {'node_list': [{'node_id': REPLICA, 'name': 'shop-db-replica-1'}]}
    assert client.writes[1][1] == {'priority': 2}
    assert client.waited == [['job-1'], ['job-2']]
    assert applied['job_id'] == ['job-1', 'job-2']
    assert applied['node']['name'] == 'shop-db-replica-1' and applied['node']['role'] == 'readonly'
    assert node_module(args, capsys, check=True)['changed'] is False
    assert node_module(args, capsys)['changed'] is False
    assert len(client.writes) == 2


def test_promote_is_a_switchover_and_idempotent(client, capsys):
    args = dict(instance_id=IID, node_name='shop-db_node02', promote=True)
    result = node_module(args, capsys)
    assert result['changed'] is True and result['job_id'] == 'job-1'
    assert client.writes == [('switchover', {'node_id': REPLICA}, {})]
    assert result['node']['role'] == 'master'
    assert node_module(args, capsys)['changed'] is False
    # promote=false never demotes the primary.
    assert node_module(dict(args, promote=False), capsys)['changed'] is False
    assert len(client.writes) == 1


def test_promote_needs_priority_one(client, capsys):
    client.instance['nodes'][1]['priority'] = 2
    args = dict(instance_id=IID, node_id=REPLICA, promote=True)
    result = node_module(args, capsys)
    assert result['failed'] and 'DBS.05000101' in result['msg'] and client.writes == []
    result = node_module(dict(args, priority=1), capsys)
    assert result['changed'] and [w[0] for w in client.writes] == ['set_node_priority', 'switchover']
    assert node_module(dict(args, priority=1), capsys)['changed'] is False


def test_restart_always_changes_and_delay_is_not_waited_for(client, capsys):
    args = dict(instance_id=IID, node_id=MASTER, state='restarted')
    assert node_module(args, capsys, check=True)['changed'] is True and client.writes == []
    result = node_module(args, capsys)
    assert result['changed'] is True
    assert client.writes == [('restart_node', {'delay': False}, {'node_id': MASTER})]
    assert client.waited == [['job-1']]
    node_module(dict(args, restart_delay=True), capsys)
    assert client.writes[-1] == ('restart_node', {'delay': True}, {'node_id': MASTER})
    assert client.waited == [['job-1']]


def test_wait_false_returns_jobs_and_expected_node(client, capsys):
    result = node_module(dict(instance_id=IID, node_id=REPLICA, priority=3, wait=False), capsys)
    assert client.waited == [] and result['job_id'] == 'job-1'
    assert result['node']['priority'] == 3


@pytest.mark.parametrize('args, message', [
    (dict(name='abc'), 'name must be 4 to 128'),
    (dict(name='bad name!'), 'name must be 4 to 128'),
    (dict(priority=0), 'priority must be between 1 and 16'),
    (dict(priority=17), 'priority must be between 1 and 16'),
])
def test_bad_input_is_refused_before_any_call(client, capsys, monkeypatch, args, message):
    looked_up = []
    monkeypatch.setattr(client, 'resolve_instance', lambda **kw: looked_up.append(kw))
    result = node_module(dict(args, instance_id=IID, node_id=REPLICA), capsys)
    assert result['failed'] and message in result['msg']
    assert looked_up == [] and client.writes == []


def test_priority_minus_one_is_accepted():
    assert utils.validate_node_options(priority=-1) is None
    assert utils.validate_node_options(name=u'\u8282\u70b9-node_1') is None


def test_unknown_node_lists_the_nodes(client, capsys):
    result = node_module(dict(instance_id=IID, node_name='nope'), capsys)
    assert result['failed'] and 'shop-db_node01 (%s, master)' % MASTER in result['msg']


def test_unknown_instance_fails(client, capsys):
    result = node_module(dict(instance_name='nope', node_name='x'), capsys)
    assert result['failed'] and "No GaussDB instance named 'nope'" in result['msg']


def test_ambiguous_node_name_fails():
    data = instance()
    data['nodes'][1]['name'] = data['nodes'][0]['name']
    with pytest.raises(Exception, match='ambiguous'):
        utils.find_node(data, node_name='shop-db_node01')


def test_plan_order_is_rename_priority_promote():
    node = instance()['nodes'][1]
    plan = utils.plan_node_changes(node, name='new-name', priority=2, promote=True)
    assert [step[0] for step in plan] == ['rename', 'priority', 'promote']
    assert utils.plan_node_changes(node, name='shop-db_node02', priority=1) == []


def test_info_returns_flat_nodes_with_role(client, capsys):
    result = run(gaussdb_node_info.run, dict(instance_name='shop-db'), capsys)
    assert [n['role'] for n in result['nodes']] == ['master', 'readonly']
    assert all(n['instance_id'] == IID for n in result['nodes'])
    result = run(gaussdb_node_info.run, dict(instance_id=IID, role='readonly'), capsys)
    assert [n['id'] for n in result['nodes']] == [REPLICA]
    result = run(gaussdb_node_info.run, dict(instance_name='missing'), capsys)
    assert result['nodes'] == [] and result['changed'] is False
