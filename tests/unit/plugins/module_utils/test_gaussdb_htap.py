"""HTAP helpers: input rules, the managed view of the details, job ids, lookups and waits."""
import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_htap as htap
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.module_utils.waiter import Poller


class FakeClient(object):
    """Answers operations from a dict of callables or values, records the calls."""

    def __init__(self, answers):
        self.answers = answers
        self.calls = []
        self.poller = Poller(sleep=lambda s: None)

    def call(self, operation, params=None, body=None, instance_id=None, **path):
        self.calls.append((operation, params, body, instance_id, path))
        answer = self.answers[operation]
        return answer() if callable(answer) else answer

    def paginate(self, operation, key, params=None, **path):
        return self.call(operation, params=params, **path).get(key) or []


class FakeModule(object):
    def __init__(self):
        self.failed = None

    def fail_json(self, **kwargs):
        self.failed = kwargs
        raise SystemExit(kwargs['msg'])


@pytest.mark.parametrize('name,ok', [('htap-ff64', True), ('abc', False), ('1abc', False), ('a' * 64, True),
                                     ('a' * 65, False), ('htap_x-1', True), ('htap x', False), (None, False)])
def test_name_rules(name, ok):
    assert (htap.name_errors(name) == []) is ok


@pytest.mark.parametrize('name,ok', [('user_test1', True), ('u1', True), ('a', False), ('User', False),
                                     ('user_', False), ('1user', False), ('a' * 32, True), ('a' * 33, False)])
def test_account_name_rules(name, ok):
    assert (htap.account_name_errors(name) == []) is ok


def test_password_rules_never_quote_the_password():
    assert htap.password_errors('Rds_1234', htap.ACCOUNT_PASSWORD_SPECIALS, 'user') == []
    errors = htap.password_errors('secretpw', htap.ACCOUNT_PASSWORD_SPECIALS, 'user')
    assert errors and not any('secretpw' in e for e in errors)
    assert htap.password_errors('Rds$1234', htap.ACCOUNT_PASSWORD_SPECIALS)   # '$' not allowed for accounts
    assert htap.password_errors('Rds$1234', htap.ROOT_PASSWORD_SPECIALS) == []
    assert htap.password_errors('Abc_1234', htap.ACCOUNT_PASSWORD_SPECIALS, '4321_cbA')   # name reversed
    assert htap.password_errors(None, htap.ACCOUNT_PASSWORD_SPECIALS) == []


def test_task_names_and_engine_only_options():
    assert htap.task_name_errors('task_1', 'task_name') == []
    assert htap.task_name_errors('ab', 'task_name')
    assert htap.task_name_errors(None, 'task_name') == []
    assert htap.engine_only_errors({'ddl': 1, 'dml': None}, 'clickhouse', ['ddl', 'dml']) == [
        'option ddl is not used by engine clickhouse']


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


def test_find_by_name_filters_engine_and_fails_on_ambiguity():
    items = [{'id': '1', 'name': 'a', 'engine_name': 'star-rocks'}, {'id': '2', 'name': 'a', 'engine_name': 'click-house'},
             {'id': '3', 'name': 'b', 'engine_name': 'star-rocks'}, {'id': '4', 'name': 'b', 'engine_name': 'star-rocks'}]
    client = FakeClient({'list_starrocks_htap_instances': {'instances': items}})
    module = FakeModule()
    assert htap.find_by_name(module, client, 'owner', 'clickhouse', 'a')['id'] == '2'
    assert htap.find_by_name(module, client, 'owner', 'clickhouse', 'zz') is None
    with pytest.raises(SystemExit):
        htap.find_by_name(module, client, 'owner', 'starrocks', 'b')
    assert '3, 4' in module.failed['msg']


def test_show_reads_both_answer_shapes():
    client = FakeClient({'show_starrocks_instance': {'instances': [{'id': 'sr'}]},
                         'show_clickhouse_instance_details': {'instance': {'id': 'ch'}}})
    assert htap.show(client, 'starrocks', 'o', 'sr') == {'id': 'sr'}
    assert htap.show(client, 'clickhouse', 'o', 'ch') == {'id': 'ch'}
    assert client.calls[0][4] == {'starrocks_instance_id': 'sr'}
    assert client.calls[1][4] == {'clickhouse_instance_id': 'ch'}


def test_wait_ready_polls_until_normal_and_raises_on_failed_creation():
    states = iter(['creating', 'creating', 'normal'])
    client = FakeClient({'list_starrocks_htap_instances': lambda: {
        'instances': [{'id': 'h', 'instance_state': {'instance_status': next(states)}}]}})
    assert htap.wait_ready(client, 'o', 'h', 60)['id'] == 'h'
    failed = FakeClient({'list_starrocks_htap_instances': {
        'instances': [{'id': 'h', 'instance_state': {'instance_status': 'createfail'}}]}})
    with pytest.raises(ApiError) as err:
        htap.wait_ready(failed, 'o', 'h', 60)
    assert err.value.error_code == 'JobFailed'
    gone = FakeClient({'list_starrocks_htap_instances': {'instances': []}})
    assert htap.wait_gone(gone, 'o', 'h', 60) is None


def test_flavor_id_takes_ids_as_given_and_looks_up_spec_codes():
    client = FakeClient({'show_starrocks_htap_flavors': {'flavors': [{'id': 'f-1', 'spec_code': 'gaussdb.ch.xlarge.x86.4'}]}})
    assert htap.flavor_id(client, 'clickhouse', 'b44cfde6-d250') == 'b44cfde6-d250'
    assert client.calls == []
    assert htap.flavor_id(client, 'clickhouse', 'gaussdb.ch.xlarge.x86.4') == 'f-1'
    assert client.calls[0][1] == {'spec_code': 'gaussdb.ch.xlarge.x86.4'}
    with pytest.raises(ApiError):
        htap.flavor_id(FakeClient({'show_starrocks_htap_flavors': {'flavors': []}}), 'clickhouse', 'gaussdb.ch.x.y')


def test_accounts_read_both_database_spellings():
    client = FakeClient({'list_starrocks_database_accounts': {'user_details': [
        {'user_name': 'other', 'databases': ['x']},
        {'user_name': 'u1', 'data_bases': ['b', 'a'], 'dml': 1, 'ddl': 0}]}})
    assert htap.find_account(client, 'starrocks', 'h', 'u1') == {'user_name': 'u1', 'databases': ['a', 'b'], 'dml': 1, 'ddl': 0}
    assert htap.find_account(client, 'starrocks', 'h', 'nobody') is None


def test_find_sync_by_task_or_database():
    sr = FakeClient({'show_starrocks_data_synchronization_status': {'replications': [
        {'task_name': 't1', 'stage': 'paused'}]}})
    assert htap.is_paused(htap.find_sync(sr, 'starrocks', 'h', 't1'))
    ch = FakeClient({'show_clickhouse_data_synchronization': {'replications': [
        {'target_database': 'shop', 'stage': 'Incremental'}]}})     # 4.16.24's example omits source_database
    assert htap.find_sync(ch, 'clickhouse', 'h', 'shop')['target_database'] == 'shop'
    assert not htap.is_paused(None)
