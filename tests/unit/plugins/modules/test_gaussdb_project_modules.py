"""gaussdb_tag_info, gaussdb_dedicated_resource_info, gaussdb_recycle_policy and gaussdb_recycle_info against the
in-process emulator (seed 002 4.9.1/4.9.2, 4.3.10/4.3.11, 4.3.34-4.3.36), with the restore of a recycled instance
as a new one through gaussdb_instance's restore_point (4.3.1)."""
import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_project import (
    find_dedicated_resources, plan_recycle_policy,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import AmbiguousName
from ansible_collections.clouddb.mysql.plugins.modules import (
    gaussdb_database, gaussdb_dedicated_resource_info, gaussdb_instance, gaussdb_recycle_info, gaussdb_recycle_policy,
    gaussdb_tag_info,
)
from gaussdb_cloud import GaussDBCloud, api_call, seed_named

CREATE = dict(name='orders-db', flavor='gaussdb.mysql.xlarge.x86.4', vpc_id='3cedfc54-b105-4652-a4e0-847b11576b58',
              subnet_id='c1cfa53c-65d3-431e-8552-326bf310c7ad', password='Sup3r-Secret-pw')


@pytest.fixture
def cloud():
    return GaussDBCloud()


def delete_instance(cloud, instance_id):
    api_call(cloud, 'delete_instance', instance_id=instance_id)
    cloud.advance(120)   # the deletion job ends: the instance enters the recycle bin


# -- tags ---------------------------------------------------------------------------------
def test_project_tags_and_one_instance_tags(cloud):
    first = seed_named(cloud, 'orders-db', tags={'owner': 'qa', 'tier': 'gold'})
    seed_named(cloud, 'audit-db', tags={'owner': 'ops'})
    res = cloud.run(gaussdb_tag_info, {})
    assert not res.failed and not res.result['changed']
    assert res.result['tags'] == [dict(key='owner', values=['ops', 'qa']), dict(key='tier', values=['gold'])]
    assert cloud.ops() == ['list_project_tags']
    cloud.calls[:] = []
    res = cloud.run(gaussdb_tag_info, dict(instance_name='orders-db'))
    assert res.result['tags'] == [dict(key='owner', value='qa'), dict(key='tier', value='gold')]
    assert res.result['instance_id'] == first and cloud.ops() == ['list_instances', 'list_instance_tags']


def test_tags_page_by_100(cloud):
    instance_id = seed_named(cloud, 'many', tags=dict(('k%03d' % i, 'v') for i in range(150)))
    res = cloud.run(gaussdb_tag_info, dict(instance_id=instance_id))
    assert len(res.result['tags']) == 150 and res.result['tags'][0] == dict(key='k000', value='v')
    assert [c[2] for c in cloud.calls] == [dict(offset=0, limit=100), dict(offset=100, limit=100)]


def test_tags_of_an_unknown_instance_fail_with_the_api_error(cloud):
    res = cloud.run(gaussdb_tag_info, dict(instance_id='0' * 32 + 'in07'))
    assert res.failed and res.result['error_code'] == 'DBS.201028' and res.result['status'] == 404
    res = cloud.run(gaussdb_tag_info, dict(instance_name='nowhere'))
    assert res.failed and 'does not exist' in res.result['msg']


# -- dedicated resource pools -------------------------------------------------------------
def test_dedicated_pools_list_and_one_by_id_or_name(cloud):
    res = cloud.run(gaussdb_dedicated_resource_info, {})
    pools = res.result['dedicated_resources']
    assert len(pools) == 1 and pools[0]['capacity']['vcpus'] > 0
    pool_id, name = pools[0]['id'], pools[0]['resource_name']
    cloud.calls[:] = []
    by_id = cloud.run(gaussdb_dedicated_resource_info, dict(id=pool_id)).result['dedicated_resources']
    assert by_id[0]['dedicated_compute_info']['vcpus_used'] == 0 and cloud.ops() == ['show_dedicated_resource']
    by_name = cloud.run(gaussdb_dedicated_resource_info, dict(name=name)).result['dedicated_resources']
    assert by_name[0]['capacity'] == pools[0]['capacity'] and 'dedicated_storage_info' in by_name[0]
    assert cloud.run(gaussdb_dedicated_resource_info, dict(id='nope')).result['dedicated_resources'] == []
    assert cloud.run(gaussdb_dedicated_resource_info, dict(name='nope')).result['dedicated_resources'] == []


class TwoPools(object):
    """A project with two pools of the same name (the emulator serves one pool per project)."""

    def __init__(self):
        self.sent = []

    def paginate(self, operation, key, params=None, **path):
        self.sent.append(operation)
        return [dict(id='pool-1', resource_name='dcc'), dict(id='pool-2', resource_name='dcc')]

    def call(self, operation, **kwargs):
        self.sent.append(operation)
        return {}


def test_an_ambiguous_pool_name_lists_the_candidates():
    client = TwoPools()
    with pytest.raises(AmbiguousName) as caught:
        find_dedicated_resources(client, name='dcc')
    assert caught.value.ids == ['pool-1', 'pool-2'] and client.sent == ['list_dedicated_resources']


# -- recycle bin --------------------------------------------------------------------------
def test_recycle_policy_rhythm_and_change(cloud):
    checked, applied, checked_again, again = cloud.rhythm(gaussdb_recycle_policy, dict(retention_period_in_days=3))
    assert checked.result['changed'] and applied.result['changed']
    assert not checked_again.result['changed'] and not again.result['changed']
    assert checked.result['diff'] == applied.result['diff'] == {
        'before': {'retention_period_in_days': 7}, 'after': {'retention_period_in_days': 3}}
    assert applied.result['recycle_policy'] == again.result['recycle_policy'] == {'retention_period_in_days': 3}
    assert [c[3] for c in cloud.calls if c[0] == 'set_recycle_policy'] == [
        {'recycle_policy': {'retention_period_in_days': '3'}}]
    res = cloud.run(gaussdb_recycle_policy, dict(retention_days=5))
    assert res.result['changed'] and res.result['recycle_policy'] == {'retention_period_in_days': 5}
    cloud.calls[:] = []
    res = cloud.run(gaussdb_recycle_policy, {})
    assert not res.result['changed'] and res.result['recycle_policy'] == {'retention_period_in_days': 5}
    assert cloud.ops() == ['show_recycle_policy']


def test_recycle_policy_check_mode_writes_nothing(cloud):
    res = cloud.run(gaussdb_recycle_policy, dict(retention_period_in_days=1), check_mode=True)
    assert res.result['changed'] and not cloud.writes()
    assert cloud.run(gaussdb_recycle_policy, {}).result['recycle_policy'] == {'retention_period_in_days': 7}


def test_recycle_policy_bad_input_fails_before_any_request(cloud):
    for days in (0, 8):
        res = cloud.run(gaussdb_recycle_policy, dict(retention_period_in_days=days))
        assert res.failed and 'retention_period_in_days must be between 1 and 7' in res.result['msg']
    assert cloud.calls == []


def test_recycle_policy_api_error(cloud):
    cloud.configure(fault_rate=1.0, fault_kinds=['server_error'])
    res = cloud.run(gaussdb_recycle_policy, dict(retention_period_in_days=2))
    assert res.failed and res.result['status'] in (500, 503) and res.result['error_code']


def test_plan_reads_the_number_the_example_answers():
    assert not plan_recycle_policy(dict(retention_period_in_days=5), {'retention_period_in_days': 5}).changed
    assert not plan_recycle_policy(dict(retention_period_in_days=None), {'retention_period_in_days': 5}).changed


def test_recycle_info_lists_and_filters(cloud):
    first = seed_named(cloud, 'orders-db')
    second = seed_named(cloud, 'audit-db')
    delete_instance(cloud, first)
    delete_instance(cloud, second)
    res = cloud.run(gaussdb_recycle_info, {})
    assert [i['id'] for i in res.result['instances']] == [second, first]
    assert all(i['recycle_backup_id'].endswith('br07') for i in res.result['instances'])
    assert [i['id'] for i in cloud.run(gaussdb_recycle_info, dict(name='orders-db')).result['instances']] == [first]
    assert [i['id'] for i in cloud.run(gaussdb_recycle_info, dict(instance_id=second)).result['instances']] == [second]
    assert cloud.run(gaussdb_recycle_info, dict(name='nowhere')).result['instances'] == []


def test_a_recycled_instance_comes_back_as_a_new_instance(cloud):
    old = seed_named(cloud, 'orders-db')
    assert not cloud.run(gaussdb_database, dict(instance_id=old, name='orders', character_set='utf8mb4')).failed
    assert not cloud.run(gaussdb_instance, dict(id=old, state='absent')).failed
    cloud.advance(120)
    recycled = cloud.run(gaussdb_recycle_info, dict(name='orders-db')).result['instances'][0]
    point = dict(source_instance_id=recycled['id'], backup_id=recycled['recycle_backup_id'])
    res = cloud.run(gaussdb_instance, dict(CREATE, restore_point=point))
    assert not res.failed, res.result
    new_id = res.result['instance']['id']
    assert new_id != old and res.result['changed']
    databases = api_call(cloud, 'list_databases', instance_id=new_id)['databases']
    assert [d['name'] for d in databases] == ['orders']
    again = cloud.run(gaussdb_instance, dict(CREATE, restore_point=point))
    assert not again.result['changed'] and again.result['instance']['id'] == new_id
