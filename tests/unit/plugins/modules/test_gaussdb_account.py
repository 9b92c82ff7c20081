"""gaussdb_account: which host entries get created, commented, re-passworded or deleted."""
from ansible_collections.clouddb.mysql.plugins.modules.gaussdb_account import account_view, plan


def params(**over):
    base = dict(name='app', hosts=None, purge_hosts=False, password=None, update_password='on_create',
                comment=None, state='present')
    base.update(over)
    return base


def entry(host, comment=''):
    return dict(name='app', host=host, comment=comment, databases=[])


EXISTING = {'%': entry('%', 'old'), '10.0.0.%': entry('10.0.0.%', 'old')}


def test_a_new_account_defaults_to_any_host():
    assert plan(params(password='Pw_12345'), {}) == (['%'], [], [], [])


def test_without_hosts_the_existing_entries_are_managed():
    assert plan(params(comment='new'), EXISTING) == ([], ['%', '10.0.0.%'], [], [])


def test_only_missing_hosts_are_created_and_others_kept_unless_purged():
    assert plan(params(hosts=['%', '10.1.0.%']), EXISTING) == (['10.1.0.%'], [], [], [])
    assert plan(params(hosts=['%', '10.1.0.%'], purge_hosts=True), EXISTING) == (['10.1.0.%'], [], [], ['10.0.0.%'])


def test_duplicate_hosts_are_created_once():
    assert plan(params(hosts=['%', '%']), {}) == (['%'], [], [], [])


def test_the_same_comment_is_no_change_and_none_leaves_it_alone():
    assert plan(params(comment='old'), EXISTING) == ([], [], [], [])
    assert plan(params(), EXISTING) == ([], [], [], [])


def test_password_goes_to_existing_entries_only_with_always():
    assert plan(params(password='Pw_12345'), EXISTING)[2] == []
    assert plan(params(password='Pw_12345', update_password='always'), EXISTING)[2] == ['%', '10.0.0.%']
    planned = plan(params(hosts=['%', '10.9.9.9'], password='Pw_12345', update_password='always'), EXISTING)
    assert (planned[0], planned[2]) == (['10.9.9.9'], ['%'])


def test_absent_deletes_the_listed_hosts_or_all():
    assert plan(params(state='absent'), EXISTING) == ([], [], [], ['%', '10.0.0.%'])
    assert plan(params(state='absent', hosts=['%', '1.2.3.4']), EXISTING) == ([], [], [], ['%'])
    assert plan(params(state='absent'), {}) == ([], [], [], [])


def test_account_view():
    assert account_view('app', {}) == {}
    view = account_view('app', EXISTING)
    assert view['hosts'] == ['%', '10.0.0.%'] and view['comment'] == 'old' and len(view['entries']) == 2
    mixed = dict(EXISTING, **{'1.1.1.1': entry('1.1.1.1', 'other')})
    assert account_view('app', mixed)['comment'] is None
