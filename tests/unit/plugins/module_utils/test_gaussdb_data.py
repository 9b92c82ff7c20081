"""Databases/accounts helpers: input rules, grant normalisation and the privilege diff."""
import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_data as data
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import GAUSSDB_PASSWORD, password_errors


def account_password_errors(password, user_name):
    """The 4.10.1 rules of an account password (validation.password_errors with GAUSSDB_PASSWORD)."""
    return password_errors(password, GAUSSDB_PASSWORD, user_name)


# -- normalisation ----------------------------------------------------------------------------
def test_normalize_grants_accepts_api_and_user_spellings():
    items = [{'name': 'a', 'readonly': True}, {'name': 'b', 'readonly': 'false'}, {'name': 'c', 'readonly': 'ON'},
             {'name': 'd'}, 'e', {'name': 'f', 'readonly': 0}]
    assert data.normalize_grants(items) == {'a': True, 'b': False, 'c': True, 'd': False, 'e': False, 'f': False}


def test_normalize_grants_empty_and_none():
    assert data.normalize_grants(None) == {}
    assert data.normalize_grants([]) == {}


def test_normalize_grants_refuses_a_readonly_that_is_not_a_boolean():
    with pytest.raises(ValueError):
        data.normalize_grants([{'name': 'a', 'readonly': 'maybe'}])


def test_grants_to_list_is_sorted_and_round_trips():
    grants = {'z': False, 'a': True}
    assert data.grants_to_list(grants) == [{'name': 'a', 'readonly': True}, {'name': 'z', 'readonly': False}]
    assert data.normalize_grants(data.grants_to_list(grants)) == grants


def test_duplicate_grants_are_reported():
    assert data.duplicate_grant_errors([{'name': 'a'}, {'name': 'b'}, {'name': 'a', 'readonly': True}]) == \
        ["database 'a' is listed more than once"]
    assert data.duplicate_grant_errors([{'name': 'a'}]) == []


# -- the privilege diff -----------------------------------------------------------------------
CURRENT = {'orders': False, 'reports': True, 'legacy': False}


def test_nothing_to_do_when_the_listed_grants_match():
    changes = data.privilege_changes(CURRENT, {'orders': False, 'reports': True})
    assert changes == {'grant': {}, 'update': {}, 'revoke': []}
    assert not data.has_changes(changes)


def test_append_mode_adds_and_adjusts_but_never_revokes():
    changes = data.privilege_changes(CURRENT, {'orders': True, 'new': False})
    assert changes == {'grant': {'new': False}, 'update': {'orders': True}, 'revoke': []}


def test_exact_mode_revokes_what_is_not_listed():
    changes = data.privilege_changes(CURRENT, {'orders': False, 'new': True}, exact=True)
    assert changes == {'grant': {'new': True}, 'update': {}, 'revoke': ['legacy', 'reports']}


def test_exact_mode_with_an_empty_list_revokes_everything():
    changes = data.privilege_changes(CURRENT, {}, exact=True)
    assert changes['revoke'] == ['legacy', 'orders', 'reports']
    assert data.apply_privilege_changes(CURRENT, changes) == {}


def test_a_readonly_flip_is_an_update_not_a_revoke_and_grant():
    changes = data.privilege_changes(CURRENT, {'reports': False}, exact=True)
    assert changes['update'] == {'reports': False}
    assert 'reports' not in changes['revoke'] and 'reports' not in changes['grant']


def test_absent_revokes_only_granted_databases_whatever_their_flag():
    changes = data.privilege_changes(CURRENT, {'reports': False, 'missing': False}, state='absent')
    assert changes == {'grant': {}, 'update': {}, 'revoke': ['reports']}


def test_absent_on_nothing_granted_is_no_change():
    assert not data.has_changes(data.privilege_changes({}, {'a': False}, state='absent'))


def test_apply_changes_gives_the_expected_state():
    changes = data.privilege_changes(CURRENT, {'orders': True, 'new': False}, exact=True)
    assert data.apply_privilege_changes(CURRENT, changes) == {'orders': True, 'new': False}
    assert CURRENT == {'orders': False, 'reports': True, 'legacy': False}  # input untouched


def test_diff_shows_exactly_the_grants_that_change():
    changes = data.privilege_changes(CURRENT, {'orders': True, 'new': False}, exact=False)
    before, after = data.privilege_diff(CURRENT, changes)
    assert before == {'orders': {'readonly': False}}
    assert after == {'orders': {'readonly': True}, 'new': {'readonly': False}}


def test_diff_of_a_revocation_has_no_after_entry():
    changes = data.privilege_changes(CURRENT, {'legacy': False}, state='absent')
    assert data.privilege_diff(CURRENT, changes) == ({'legacy': {'readonly': False}}, {})


def test_diff_is_empty_without_changes():
    changes = data.privilege_changes(CURRENT, {'orders': False})
    assert data.privilege_diff(CURRENT, changes) == ({}, {})


# -- input rules ------------------------------------------------------------------------------
@pytest.mark.parametrize('name,ok', [
    ('orders', True), ('a', True), ('A_b-1', True), ('x' * 64, True), ('x' * 65, False), ('', False),
    ('bad.name', False), ('has space', False), ('-' * 10, True), ('-' * 11, False), ('a-b-c-d-e-f-g-h-i-j-k', True), ('a-b-c-d-e-f-g-h-i-j-k-l', False),
])
def test_database_names(name, ok):
    assert (data.database_name_errors(name) == []) is ok


@pytest.mark.parametrize('name,ok', [
    ('app', True), ('App_1', True), ('x' * 32, True), ('x' * 33, False), ('with-dash', False), ('', False),
])
def test_user_names(name, ok):
    assert (data.user_name_errors(name) == []) is ok


@pytest.mark.parametrize('password,ok', [
    ('Rds_1234', True),          # the seed's example
    ('abcdefgh', False),         # one kind
    ('abcd1234', False),         # two kinds
    ('abcd123!', True),          # three kinds
    ('Ab1!', False),             # too short
    ('Ab1!' * 9, False),         # too long (36)
    ('Abcd 1234', False),        # a space is not allowed
    ('Abcd1234/', False),        # '/' is not in the special set
    ('Abc-12345', True),         # '-' is (4.10.1)
])
def test_password_rules(password, ok):
    assert (account_password_errors(password, 'app') == []) is ok


def test_password_must_differ_from_the_name_and_its_reverse():
    assert account_password_errors('User_1234', 'User_1234') == ['password must differ from the account name']
    assert account_password_errors('4321_resU', 'User_1234') == ['password must not be the account name spelled backwards']


def test_password_errors_never_quote_the_password():
    for message in account_password_errors('S3cret!', 'app'):
        assert 'S3cret' not in message


@pytest.mark.parametrize('host,ok', [
    ('%', True), ('10.10.10.%', True), ('192.168.0.1', True), ('10.%.%.%', True), ('256.1.1.1', False),
    ('10.10.10', False), ('10.10.10.1, 10.1.1.1', False), ('localhost', False), ('', False), ('01.1.1.1', False),
])
def test_hosts(host, ok):
    assert (data.host_errors(host) == []) is ok


def test_comments():
    assert data.comment_errors(None, data.DB_COMMENT_FORBIDDEN, 'database') == []
    assert data.comment_errors('', data.DB_COMMENT_FORBIDDEN, 'database') == []
    assert data.comment_errors('x' * 512, data.DB_COMMENT_FORBIDDEN, 'database') == []
    assert data.comment_errors('x' * 513, data.DB_COMMENT_FORBIDDEN, 'database')
    assert data.comment_errors('a "quoted" word', data.DB_COMMENT_FORBIDDEN, 'database')
    assert not data.comment_errors('a "quoted" word', data.USER_COMMENT_FORBIDDEN, 'account')
    assert data.comment_errors('two\nlines', data.USER_COMMENT_FORBIDDEN, 'account')
    assert data.comment_errors('a<b', data.USER_COMMENT_FORBIDDEN, 'account')


def test_chunked_respects_the_api_limit():
    parts = data.chunked(range(120))
    assert [len(p) for p in parts] == [50, 50, 20]
    assert data.chunked([]) == []


def test_grant_diff_compares_two_grant_sets():
    assert data.grant_diff({'a': True, 'b': False}, {'a': False, 'c': True}) == (
        {'a': {'readonly': True}, 'b': {'readonly': False}}, {'a': {'readonly': False}, 'c': {'readonly': True}})
    assert data.grant_diff(CURRENT, CURRENT) == ({}, {})


# -- plan builders ----------------------------------------------------------------------------
def account_params(**over):
    base = dict(name='app', hosts=None, purge_hosts=False, password=None, update_password='on_create',
                comment=None, state='present')
    base.update(over)
    return base


def test_account_plan_chunks_hosts_and_masks_nothing_itself():
    hosts = ['10.0.%d.%%' % i for i in range(120)]
    plan = data.plan_account(None, 'iid', account_params(hosts=hosts, password='Pw_12345', comment='c'), {})
    assert [s.what for s in plan.steps] == ['create']
    users = plan.steps[0].call['body']['users']
    assert [len(u['hosts']) for u in users] == [50, 50, 20] and all(u['comment'] == 'c' for u in users)
    assert plan.before == {} and sorted(plan.after['hosts']) == sorted(hosts) and plan.after['password'] == 'Pw_12345'
    view = data.account_diff_view(plan.after)
    assert view['password'] == 'Pw_12345' and view['hosts']['10.0.0.%'] == {'comment': 'c'}
    assert data.account_diff_view({}) == {'hosts': {}}


def test_account_plan_order_and_effects():
    existing = {'%': dict(name='app', host='%', comment='old', databases=[]),
                '1.1.1.1': dict(name='app', host='1.1.1.1', comment='old', databases=[])}
    params = account_params(hosts=['%', '2.2.2.2'], purge_hosts=True, password='Pw_12345', update_password='always',
                            comment='new')
    plan = data.plan_account(None, 'iid', params, existing)
    assert [s.what for s in plan.steps] == ['create', 'comment', 'password', 'delete']
    assert sorted(plan.after['hosts']) == ['%', '2.2.2.2'] and plan.after['hosts']['%']['comment'] == 'new'
    assert plan.before == {'hosts': existing} and 'password' not in plan.before
    with pytest.raises(data.InputError, match='password is required to create account app at 2.2.2.2'):
        data.plan_account(None, 'iid', account_params(hosts=['2.2.2.2']), existing)
