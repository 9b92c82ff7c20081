"""gaussdb_node and gaussdb_node_info against the in-process emulator: plans, idempotency, check mode, waits,
errors, and the documented preconditions of priority -1 (4.3.40)."""
import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_node as utils
from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import AmbiguousName
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import InputError
from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_node, gaussdb_node_info
from gaussdb_cloud import GaussDBCloud


@pytest.fixture
def cloud():
    return GaussDBCloud()


class Shop(object):
    """A seeded instance named shop-db-NNNNN with a primary and ``replicas`` read-only nodes."""

    def __init__(self, cloud, replicas=1):
        self.cloud = cloud
        self.id = cloud.seed(1, nodes=replicas + 1, name_prefix='shop-db')[0]
        self.record = cloud.ctx.state['gaussdb'].instances[self.id]
        self.name = self.record.name
        nodes = list(self.record.nodes.values())
        self.master, self.replicas = nodes[0], nodes[1:]
        self.replica = self.replicas[0]

    def spread(self, *zones):
        """Make the instance multi-zone, its nodes (primary first) in ``zones``."""
        self.record.az_mode = 'multi'
        for node, zone in zip(self.record.nodes.values(), zones):
            node.az_code = zone


@pytest.fixture
def shop(cloud):
    return Shop(cloud)


def writes(cloud):
    return [(c[0], c[3], dict((k, v) for k, v in c[1].items() if k != 'instance_id')) for c in cloud.calls
            if c[0] in ('rename_nodes', 'set_node_priority', 'switchover', 'restart_node')]


def waited(cloud):
    """The job ids whose status was read, in order, once each."""
    seen = []
    for call in cloud.calls:
        if call[0] == 'show_job' and call[2]['id'] not in seen:
            seen.append(call[2]['id'])
    return seen


def test_rename_and_priority_check_apply_check_apply(cloud, shop):
    args = dict(instance_name=shop.name, node_id=shop.replica.id, name='shop-db-replica-1', priority=2)
    checked = cloud.run(gaussdb_node, args, check_mode=True, diff=True)
    assert checked.result['changed'] is True and writes(cloud) == []
    assert checked.result['diff']['before'] == {'name': shop.replica.name, 'priority': 1, 'role': 'readonly'}
    assert checked.result['diff']['after'] == {'name': 'shop-db-replica-1', 'priority': 2, 'role': 'readonly'}
    assert 'job_id' not in checked.result
    applied = cloud.run(gaussdb_node, args)
    assert applied.result['changed'] is True
    assert [w[0] for w in writes(cloud)] == ['rename_nodes', 'set_node_priority']
    assert writes(cloud)[0][1] == {'node_list': [{'node_id': shop.replica.id, 'name': 'shop-db-replica-1'}]}
    assert writes(cloud)[1][1] == {'priority': 2}
    jobs = applied.result['job_id']
    assert isinstance(jobs, list) and len(set(jobs)) == 2
    # each job is waited for before the next request
    ops = cloud.ops()
    assert waited(cloud) == jobs and ops.index('show_job') < ops.index('set_node_priority')
    assert applied.result['node']['name'] == 'shop-db-replica-1' and applied.result['node']['role'] == 'readonly'
    assert applied.result['node']['priority'] == 2
    assert cloud.run(gaussdb_node, args, check_mode=True).result['changed'] is False
    assert cloud.run(gaussdb_node, args).result['changed'] is False
    assert len(writes(cloud)) == 2


def test_a_no_op_reads_the_instance_once_by_id_twice_by_name(cloud, shop):
    args = dict(node_id=shop.replica.id, priority=1)
    assert not cloud.run(gaussdb_node, dict(args, instance_id=shop.id)).result['changed']
    assert cloud.ops() == ['show_instance']
    cloud.calls[:] = []
    assert not cloud.run(gaussdb_node, dict(args, instance_name=shop.name)).result['changed']
    assert cloud.ops() == ['list_instances', 'show_instance']


def test_promote_is_a_switchover_and_idempotent(cloud, shop):
    args = dict(instance_id=shop.id, node_name=shop.replica.name, promote=True)
    result = cloud.run(gaussdb_node, args, diff=True).result
    assert result['changed'] is True and isinstance(result['job_id'], str)
    assert writes(cloud) == [('switchover', {'node_id': shop.replica.id}, {})]
    assert result['node']['role'] == 'master' and result['diff']['after']['role'] == 'master'
    assert cloud.run(gaussdb_node, args).result['changed'] is False
    # promote=false never demotes the primary.
    assert cloud.run(gaussdb_node, dict(args, promote=False)).result['changed'] is False
    assert len(writes(cloud)) == 1


def test_promote_needs_priority_one(cloud, shop):
    shop.replica.priority = 2
    args = dict(instance_id=shop.id, node_id=shop.replica.id, promote=True)
    result = cloud.run(gaussdb_node, args)
    assert result.failed and 'DBS.05000101' in result.result['msg'] and writes(cloud) == []
    result = cloud.run(gaussdb_node, dict(args, priority=1))
    assert result.result['changed'] and [w[0] for w in writes(cloud)] == ['set_node_priority', 'switchover']
    assert cloud.run(gaussdb_node, dict(args, priority=1)).result['changed'] is False


def test_restart_always_changes_and_delay_is_not_waited_for(cloud, shop):
    args = dict(instance_id=shop.id, node_id=shop.master.id, state='restarted')
    assert cloud.run(gaussdb_node, args, check_mode=True).result['changed'] is True and writes(cloud) == []
    result = cloud.run(gaussdb_node, args)
    assert result.result['changed'] is True and isinstance(result.result['job_id'], str)
    assert writes(cloud) == [('restart_node', {'delay': False}, {'node_id': shop.master.id})]
    assert waited(cloud) == [result.result['job_id']]
    delayed = cloud.run(gaussdb_node, dict(args, restart_delay=True))
    assert delayed.result['changed'] is True and isinstance(delayed.result['job_id'], str)
    assert writes(cloud)[-1] == ('restart_node', {'delay': True}, {'node_id': shop.master.id})
    assert waited(cloud) == [result.result['job_id']]


def test_wait_false_returns_jobs_and_expected_node(cloud, shop):
    result = cloud.run(gaussdb_node, dict(instance_id=shop.id, node_id=shop.replica.id, priority=3, wait=False))
    assert waited(cloud) == [] and isinstance(result.result['job_id'], str)
    assert result.result['node']['priority'] == 3


def test_wait_timeout_is_one_deadline_for_the_run(cloud, shop):
    result = cloud.run(gaussdb_node, dict(instance_id=shop.id, node_id=shop.replica.id, name='renamed-node',
                                          priority=2, wait_timeout=1))
    assert result.failed and result.result['error_code'] == 'WaitTimeout'
    assert result.result['job_id'] and 'set_node_priority' not in cloud.ops()


@pytest.mark.parametrize('args, message', [
    (dict(name='abc'), "name 'abc' must be 4 to 128"),
    (dict(name='bad name!'), "name 'bad name!' must be 4 to 128"),
    (dict(priority=0), 'priority must be between 1 and 16'),
    (dict(priority=17), 'priority must be between 1 and 16'),
])
def test_bad_input_is_refused_before_any_call(cloud, shop, args, message):
    result = cloud.run(gaussdb_node, dict(args, instance_id=shop.id, node_id=shop.replica.id))
    assert result.failed and result.result['msg'].startswith('Invalid input: ') and message in result.result['msg']
    assert cloud.calls == []


def test_priority_minus_one_is_accepted_by_the_static_rules():
    assert utils.node_errors(dict(priority=-1)) == []
    assert utils.node_errors(dict(name=u'\u8282\u70b9-node_1')) == []


# -- priority -1 (4.3.40): only when a failover keeps a choice ---------------------------------------------
def test_minus_one_needs_more_than_two_read_only_nodes_in_a_single_zone(cloud):
    shop = Shop(cloud, replicas=2)
    args = dict(instance_id=shop.id, node_id=shop.replica.id, priority=-1)
    for check_mode in (True, False):
        refused = cloud.run(gaussdb_node, args, check_mode=check_mode)
        assert refused.failed and 'more than two read-only nodes in a single-zone instance' in refused.result['msg']
        assert '4.3.40' in refused.result['msg'] and refused.result['error_code'] == 'InvalidInput'
    assert writes(cloud) == []
    roomy = Shop(cloud, replicas=3)
    args = dict(instance_id=roomy.id, node_id=roomy.replica.id, priority=-1)
    first_check, applied, second_check, again = cloud.rhythm(gaussdb_node, args)
    assert first_check.result['changed'] and applied.result['changed']
    assert not second_check.result['changed'] and not again.result['changed']
    assert applied.result['node']['priority'] == -1
    assert writes(cloud) == [('set_node_priority', {'priority': -1}, {'node_id': roomy.replica.id})]


def test_minus_one_in_a_multi_zone_instance_must_keep_two_zones(cloud):
    shop = Shop(cloud, replicas=2)
    shop.spread('cn-north-4a', 'cn-north-4b', 'cn-north-4a')
    far, near = shop.replicas
    refused = cloud.run(gaussdb_node, dict(instance_id=shop.id, node_id=far.id, priority=-1))
    assert refused.failed and 'in cn-north-4a' in refused.result['msg'] and 'more than one availability zone' in refused.result['msg']
    assert writes(cloud) == []
    kept = cloud.run(gaussdb_node, dict(instance_id=shop.id, node_id=near.id, priority=-1))
    assert not kept.failed and kept.result['changed'] and kept.result['node']['priority'] == -1
    # near no longer takes part: far may not leave as well
    cloud.calls[:] = []
    refused = cloud.run(gaussdb_node, dict(instance_id=shop.id, node_id=far.id, priority=-1))
    assert refused.failed and writes(cloud) == []


def test_minus_one_rule_as_a_function():
    def instance(mode, *nodes):
        return dict(id='i', az_mode=mode, nodes=[dict(id=n[0], type=n[1], az_code=n[2], priority=n[3]) for n in nodes])
    single = instance('single', ('m', 'master', 'a', 1), ('r1', 'slave', 'a', 1), ('r2', 'slave', 'a', 1))
    assert 'has 2' in utils.never_failover_error(single, single['nodes'][1])
    single['nodes'].append(dict(id='r3', type='slave', az_code='a', priority='1'))
    assert utils.never_failover_error(single, single['nodes'][1]) is None
    multi = instance('multi', ('m', 'master', 'a', 1), ('r1', 'slave', 'b', 1), ('r2', 'slave', 'b', '-1'))
    assert utils.never_failover_error(multi, multi['nodes'][1]) is not None
    multi['nodes'][2]['priority'] = 4
    assert utils.never_failover_error(multi, multi['nodes'][1]) is None
    assert utils.never_failover_error(dict(id='i', nodes=single['nodes'][:2]), single['nodes'][1]) is None


# -- lookups ------------------------------------------------------------------------------------------------
def test_unknown_node_lists_the_nodes(cloud, shop):
    result = cloud.run(gaussdb_node, dict(instance_id=shop.id, node_name='nope'))
    assert result.failed and '%s (%s, master)' % (shop.master.name, shop.master.id) in result.result['msg']


def test_unknown_instance_fails(cloud):
    result = cloud.run(gaussdb_node, dict(instance_name='nope', node_name='x'))
    assert result.failed and 'Instance nope does not exist' in result.result['msg']


def test_ambiguous_node_name_fails(shop):
    instance = dict(id=shop.id, nodes=[dict(id='a', name='same'), dict(id='b', name='same')])
    with pytest.raises(AmbiguousName, match="ambiguous: a, b; give node_id"):
        utils.target_node(instance, node_name='same')


def test_plan_order_is_rename_priority_promote_restart():
    instance = dict(id='i', az_mode='single', nodes=[dict(id='m', type='master', priority=1),
                                                     dict(id='r', type='slave', name='old-name', priority=1)])
    node = instance['nodes'][1]
    plan = utils.plan_node(instance, node, dict(name='new-name', priority=1, promote=True, state='restarted'))
    assert [step.what for step in plan.steps] == ['rename', 'promote', 'restart']
    plan = utils.plan_node(instance, node, dict(name='new-name', priority=2, promote=False))
    assert [step.what for step in plan.steps] == ['rename', 'priority']
    assert utils.plan_node(instance, node, dict(name='old-name', priority=1)).steps == []
    with pytest.raises(InputError, match='DBS.05000101'):
        utils.plan_node(instance, node, dict(priority=2, promote=True))


def test_info_returns_flat_nodes_with_role(cloud, shop):
    result = cloud.run(gaussdb_node_info, dict(instance_name=shop.name))
    assert [n['role'] for n in result.result['nodes']] == ['master', 'readonly']
    assert all(n['instance_id'] == shop.id for n in result.result['nodes'])
    assert result.result['instance_id'] == shop.id and result.result['instance_name'] == shop.name
    result = cloud.run(gaussdb_node_info, dict(instance_id=shop.id, role='readonly'))
    assert [n['id'] for n in result.result['nodes']] == [shop.replica.id]
    result = cloud.run(gaussdb_node_info, dict(instance_name='missing'))
    assert result.result['nodes'] == [] and result.result['changed'] is False and result.result['instance_id'] == ''
