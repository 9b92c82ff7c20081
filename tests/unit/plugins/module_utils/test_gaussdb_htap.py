"""HTAP helpers: input rules, the managed view of the details, job ids, plans; lookups and waits against the
in-process emulator."""
import pytest
import responses

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_htap as htap
from ansible_collections.clouddb.mysql.plugins.module_utils.diff import MASK
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import (
    GAUSSDB_PASSWORD, HTAP_ACCOUNT_PASSWORD, password_errors,
)
from ansible_collections.clouddb.mysql.tests.unit.plugins.modules.gaussdb_cloud import GaussDBCloud

SR_BE = 'de565db8-0a96-37ea-9388-61167624712c'


@pytest.fixture
def cloud():
    return GaussDBCloud()


@pytest.fixture
def client(cloud):
    """The real client, its requests answered by the emulator."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        cloud.install(rsps)
        yield cloud.client()


@pytest.fixture
def seeded(cloud):
    """(GaussDB instance, its StarRocks instance, its ClickHouse instance), all ready."""
    out = cloud.admin('POST', 'seed', dict(gaussdb_instances=1, nodes_per_instance=1, htap_starrocks_per_instance=1,
                                           htap_clickhouse_per_instance=1))
    return out['gaussdb_instances'][0], out['htap_starrocks_instances'][0], out['htap_clickhouse_instances'][0]


@pytest.mark.parametrize('name,ok', [('htap-ff64', True), ('abc', False), ('1abc', False), ('a' * 64, True),
                                     ('a' * 65, False), ('htap_x-1', True), ('htap x', False), (None, False)])
def test_name_rules(name, ok):
    assert (htap.name_errors(name) == []) is ok


@pytest.mark.parametrize('name,ok', [('user_test1', True), ('u1', True), ('a', False), ('User', False),
                                     ('user_', False), ('1user', False), ('a' * 32, True), ('a' * 33, False)])
def test_account_name_rules(name, ok):
    assert (htap.account_name_errors(name) == []) is ok


def test_password_rules_never_quote_the_password():
    assert password_errors('Rds_1234', HTAP_ACCOUNT_PASSWORD, 'user') == []
    errors = password_errors('secretpw', HTAP_ACCOUNT_PASSWORD, 'user')
    assert errors and not any('secretpw' in e for e in errors)
    assert password_errors('Rds$1234', HTAP_ACCOUNT_PASSWORD)   # '$' not allowed for accounts
    assert password_errors('Rds$1234', GAUSSDB_PASSWORD) == []   # but for db_root_pwd (4.15.3)
    assert password_errors('Abc_1234', HTAP_ACCOUNT_PASSWORD, '4321_cbA')   # name reversed
    assert password_errors(None, HTAP_ACCOUNT_PASSWORD) == []


def test_task_names_and_engine_only_options():
    assert htap.task_name_errors('task_1', 'task_name') == []
    assert htap.task_name_errors('ab', 'task_name')
    assert htap.task_name_errors(None, 'task_name') == []
    assert htap.engine_only_errors({'ddl': 1, 'dml': None}, 'clickhouse', ['ddl', 'dml']) == [
        'option ddl is not used by engine clickhouse']
    assert htap.htap_ref_errors(dict(htap_instance_name='x'))
    assert htap.htap_ref_errors(dict(htap_instance_name='x', instance_id='i')) == []


def test_job_id_of_every_shape():
    assert htap.job_id_of({'job_id': 'a'}) == 'a'
    assert htap.job_id_of({'workflow_id': 'b'}) == 'b'
    assert htap.job_id_of({'instance': {'job_id': 'c'}}) == 'c'     # 4.15.3's example
    assert htap.job_id_of({'result': 'd'}) == 'd'                   # 4.16.28
    assert htap.job_id_of(None) is None


def node(group, flavor, size_gb, nid):
    return {'id': nid, 'name': nid, 'type': group, 'status': 'normal', 'flavor_id': flavor,
            'flavor_ref': flavor + '-ref', 'volume': {'type': 'SSD', 'size': str(size_gb * 1000 ** 3)}}


def test_instance_view_of_starrocks_and_clickhouse_details():
    sr = {'id': 'x', 'name': 'sr', 'status': 'normal', 'cluster_mode': 'Cluster',
          'groups': [{'group_node_type': 'fe', 'nodes': [node('fe', 'f1', 50, 'n1')] * 3},
                     {'group_node_type': 'be', 'nodes': [node('be', 'b1', 500, 'n2')] * 3}]}
    view = htap.instance_view('starrocks', sr)
    assert (view['fe_count'], view['be_count'], view['be_volume_size'], view['fe_flavor']) == (3, 3, 500, 'f1')
    ch = {'id': 'y', 'name': 'ch', 'status': 'normal', 'cluster_mode': 'Single',
          'groups': [{'group_type_name': 'clickhouse', 'nodes': [node('master', 'c1', 40, 'n3')]}]}
    view = htap.instance_view('clickhouse', ch)
    assert (view['count'], view['volume_size'], view['flavor'], view['volume_type']) == (1, 40, 'c1', 'SSD')
    assert htap.instance_view('clickhouse', None) == {}
    assert htap.instance_diff_view(dict(view, details={})) == dict(
        (k, v) for k, v in view.items() if k not in ('status', 'nodes'))


def test_find_htap_filters_engine_and_fails_on_ambiguity(cloud, client, seeded):
    owner, sr_id, ch_id = seeded
    assert htap.find_htap(client, owner, 'clickhouse', 'htap-ch-001')['id'] == ch_id
    assert htap.find_htap(client, owner, 'clickhouse', 'htap-sr-001') is None   # a StarRocks name
    assert htap.find_htap(client, owner, 'starrocks', 'zz') is None
    twin = cloud.admin('POST', 'seed', dict(gaussdb_instances=1, nodes_per_instance=1, htap_starrocks_per_instance=2))
    instances = cloud.ctx.state['gaussdb'].instances[twin['gaussdb_instances'][0]].ext['htap']
    for record in instances.values():
        record.name = 'twin'
    with pytest.raises(ApiError) as err:
        htap.find_htap(client, twin['gaussdb_instances'][0], 'starrocks', 'twin')
    assert 'ambiguous' in err.value.msg and all(i in err.value.msg for i in twin['htap_starrocks_instances'])


def test_show_reads_both_answer_shapes(cloud, client, seeded):
    owner, sr_id, ch_id = seeded
    sr = htap.show(client, 'starrocks', owner, sr_id)
    ch = htap.show(client, 'clickhouse', owner, ch_id)
    assert (sr['id'], ch['id']) == (sr_id, ch_id)
    assert cloud.calls[0][1] == {'instance_id': owner, 'starrocks_instance_id': sr_id}
    assert cloud.calls[1][1] == {'instance_id': owner, 'clickhouse_instance_id': ch_id}
    with pytest.raises(ApiError) as err:   # A.3's not-found code (DBS.200022 is "name exists" there)
        htap.show(client, 'clickhouse', owner, '0' * 32 + 'in16')
    assert (err.value.status, err.value.error_code) == (404, 'DBS.200002')
    assert err.value.error_code in htap.HTAP_NOT_FOUND


def test_wait_ready_polls_until_normal_and_raises_on_failed_creation(cloud, client):
    owner = cloud.seed(1, nodes=1)[0]
    body = dict(name='htap-ch1', engine=dict(type='click-house', version='1'), ha=dict(mode='Single'),
                flavor_id='b44cfde6-d250-313c-8d7a-cd216f071658', db_root_pwd='Test@1234x', az_mode='single',
                volume=dict(io_type='ESSD', capacity_in_gb=40), az_code='cn-north-4a',
                tags_info=dict(sys_tags=[dict(key='_sys_enterprise_project_id', value='0')]))
    created = client.call('create_clickhouse_instance', instance_id=owner, body=body)['instance']['id']
    assert htap.wait_ready(client, owner, created, 3600)['id'] == created
    assert [c[0] for c in cloud.calls].count('list_starrocks_htap_instances') > 1   # it was still creating
    cloud.configure(fail_jobs=[{'name': 'CreateClickHouseInstance', 'count': 1}])
    failed = client.call('create_clickhouse_instance', instance_id=owner, body=dict(body, name='htap-ch2'))
    with pytest.raises(ApiError) as err:
        htap.wait_ready(client, owner, failed['instance']['id'], 3600)
    assert err.value.error_code == 'JobFailed'
    client.call('delete_clickhouse_instance', instance_id=owner, clickhouse_instance_id=created)
    assert htap.wait_gone(client, owner, created, 60) is None


def test_flavor_id_takes_ids_as_given_and_looks_up_spec_codes(cloud, client):
    assert htap.flavor_id(client, 'clickhouse', 'b44cfde6-d250') == 'b44cfde6-d250'
    assert cloud.calls == []
    assert htap.flavor_id(client, 'starrocks', 'gaussdb.sr-be.xlarge.x86.4') == SR_BE
    assert cloud.calls[0][2] == {'spec_code': 'gaussdb.sr-be.xlarge.x86.4'}
    with pytest.raises(ApiError):
        htap.flavor_id(client, 'clickhouse', 'gaussdb.ch.x.y')


def test_accounts_read_the_starrocks_spelling(cloud, client, seeded):
    """4.15.20 lists data_bases (table and SDK), 4.16.20 databases."""
    owner, sr_id, ch_id = seeded
    client.call('create_starrocks_database_account', instance_id=sr_id,
                body=dict(user_name='u1', password='Rds_1234', databases=['system', 'default'], dml=1, ddl=0))
    assert htap.find_account(client, 'starrocks', sr_id, 'u1') == {'user_name': 'u1', 'databases': ['default', 'system'],
                                                                   'dml': 1, 'ddl': 0}
    assert htap.find_account(client, 'starrocks', sr_id, 'nobody') is None
    assert htap.find_account(client, 'clickhouse', ch_id, 'root')['databases'] == ['*']


def test_find_sync_by_task_or_database(cloud, client, seeded):
    owner, sr_id, ch_id = seeded
    client.call('create_databases', instance_id=owner, body={'databases': [{'name': 'shop', 'character_set': 'utf8mb4'}]})
    cloud.advance()
    client.call('create_starrocks_data_synchronization', instance_id=sr_id, body=dict(
        source_instance_id=owner, source_database='shop', target_database='shop_sr', task_name='task1'))
    client.call('create_clickhouse_data_synchronization', instance_id=ch_id,
                body=dict(source_instance_id=owner, source_database='shop'))
    cloud.advance()
    client.call('pause_starrocks_data_synchronization', instance_id=sr_id, body=dict(task_name='task1'))
    assert htap.is_paused(htap.find_sync(client, 'starrocks', sr_id, 'task1'))
    assert htap.find_sync(client, 'clickhouse', ch_id, 'shop')['target_database'] == 'shop'
    assert htap.find_sync(client, 'starrocks', sr_id, 'other') is None
    assert not htap.is_paused(None)


# -- plans ------------------------------------------------------------------------------------------------
def account_params(**kw):
    params = dict(engine='starrocks', name='u1', password=None, update_password='on_create', databases=None,
                  dml=None, ddl=None, state='present')
    params.update(kw)
    return params


def test_account_plan_shows_a_password_that_is_set_as_a_mask():
    current = dict(user_name='u1', databases=['a'], dml=1, ddl=0)
    plan = htap.plan_account(account_params(dml=2, password='Rds_1234', update_password='always'), 'h', current)
    assert [s.operation for s in plan.steps] == ['update_starrocks_account_privileges',
                                                 'update_starrocks_account_password']
    assert plan.steps[0].call['body'] == dict(user_name='u1', databases=['a'], dml=2, ddl=0)
    assert plan.after == dict(current, dml=2, password=MASK) and htap.account_view(plan.after) == dict(current, dml=2)
    assert not htap.plan_account(account_params(password='Rds_1234'), 'h', current).changed   # on_create
    with pytest.raises(ApiError) as err:
        htap.plan_account(account_params(), 'h', None)
    assert 'needs password, databases' in err.value.msg


def test_sync_plan_pauses_a_new_task_and_refuses_what_cannot_change():
    params = dict(engine='starrocks', task_name='t1', source_database='shop', target_database=None,
                  source_node_id=None, state='paused')
    plan = htap.plan_sync(params, 'o', 'h', None)
    assert [s.operation for s in plan.steps] == ['create_starrocks_data_synchronization',
                                                 'pause_starrocks_data_synchronization']
    assert htap.sync_view(plan.after) == dict(task_name='t1', source_database='shop', target_database='shop',
                                              paused=True)
    with pytest.raises(ApiError) as err:
        htap.plan_sync(dict(params, target_database='other'), 'o', 'h',
                       dict(task_name='t1', source_database='shop', target_database='shop', stage='paused'))
    assert 'cannot change' in err.value.msg and 'target_database' in err.value.msg


# -- table ranges, configuration reads and check results ---------------------------------------------------------
def test_table_range_follows_a_running_change():
    config = dict(table_repl_config=dict(repl_type='black_list', tables=['b', 'a']), is_tables_change=False,
                  new_table_repl_config=dict(repl_type=None, tables=None))
    assert htap.table_range(config) == ('black_list', ['a', 'b']) and not htap.table_change_pending(config)
    running = dict(config, is_tables_change=True, new_table_repl_config=dict(repl_type='black_list', tables=['c']))
    assert htap.table_range(running) == ('black_list', ['c']) and htap.table_change_pending(running)
    assert htap.range_change(config, ['a', 'b', 'a']) is None
    assert htap.range_change(running, ['c']) is None
    assert htap.range_change(running, ['a', 'b']) == ('black_list', ['a', 'b'])
    assert htap.range_change(None, ['x']) == ('black_list', ['x'])   # a new synchronization
    with pytest.raises(ApiError) as err:
        htap.range_change(dict(table_repl_config=dict(repl_type='white_list', tables=['a'])), [])
    assert err.value.error_code == 'InvalidInput'
    view = htap.sync_view(dict(source_database='shop', target_database='shop', stage='incremental', configuration=running))
    assert view == dict(source_database='shop', target_database='shop', paused=False, table_list_type='black_list',
                        tables=['c'], table_change_pending=True)


class _Answer(object):
    """A client whose every call answers ``answer`` (the reference's example shapes)."""

    def __init__(self, answer):
        self.answer = answer
        self.calls = []

    def call(self, operation, **kwargs):
        self.calls.append((operation, kwargs))
        return self.answer


def test_configuration_reads_the_example_shapes_as_the_tables():
    """4.15.17's example prints database_info as a list and table_info; the table says an object and table_infos."""
    client = _Answer({'database_info': [{'database_name': 'db'}], 'table_info': [], 'target_database_name': 't'})
    config = htap.sync_configuration(client, 'starrocks', 'h', 'task1')
    assert config == {'database_info': {'database_name': 'db'}, 'table_infos': [], 'target_database_name': 't'}
    assert client.calls == [('show_starrocks_data_synchronization_configuration',
                             {'params': {'task_name': 'task1'}, 'instance_id': 'h'})]
    client = _Answer({'database_info': {'database_name': 'db'}, 'table_infos': []})
    htap.sync_configuration(client, 'clickhouse', 'h', 'db')
    assert client.calls[0][1]['params'] == {'database_name': 'db'}


def test_check_results_name_what_failed():
    htap._check_results('4.16.9', 'db', [{'param_name': 'a', 'value': '1', 'check_result': 'success'}], 'param_name',
                        'value')
    with pytest.raises(ApiError) as err:
        htap._check_results('4.16.10', 'db', [{'table_name': 't1', 'table_config': 'bad', 'check_result':
                                               'Check Override Table Failed'}], 'table_name', 'table_config')
    assert err.value.error_code == 'PreCheckFailed'
    assert err.value.msg == "The synchronization check (4.16.10) of 'db' did not pass: t1=bad: Check Override Table Failed"


def test_a_failing_parameter_of_a_new_sync_fails_the_check():
    """A 4.15.16 answer with a failed parameter stops the plan (the API's own check result)."""
    client = _Answer({'source_db_config_check_results': [{'param_name': 'max_sync_commit_rows', 'value': '100',
                                                          'check_result': 'fail'}],
                      'target_db_config_check_results': []})
    params = dict(engine='starrocks', task_name='t1', source_database='shop', target_database=None,
                  source_node_id='n1', state='present')
    with pytest.raises(ApiError) as err:
        htap.precheck_sync(client, params, 'o', 'h', None)
    assert 'max_sync_commit_rows=100: fail' in err.value.msg and '4.15.16' in err.value.msg
    assert client.calls[0][1]['body'] == dict(source_node_id='n1', source_instance_id='o', source_database_name='shop',
                                              target_database_name='shop', task_name='t1')
    client.calls[:] = []
    htap.precheck_sync(client, dict(params, state='absent'), 'o', 'h', None)
    htap.precheck_sync(client, params, 'o', 'h', dict(task_name='t1'))   # exists: nothing to check
    assert client.calls == []
