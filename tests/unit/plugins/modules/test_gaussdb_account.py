"""gaussdb_account: which host entries get created, commented, re-passworded or deleted, and the module
against the in-process emulator (the rhythm, the masked password, bad input, lost answers)."""
import json

import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import account_host_changes as plan
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import account_view
from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_account, gaussdb_account_info
from gaussdb_cloud import GaussDBCloud

PASSWORD = 'First-Pass_2024'
SECOND = 'Second+Pass_2025'
USERS = 'POST /v3/{project_id}/instances/{instance_id}/db-users'
PASSWORDS = 'PUT /v3/{project_id}/instances/{instance_id}/db-users/password'


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


# -- the module against the emulator -----------------------------------------------------------------------
@pytest.fixture
def cloud():
    return GaussDBCloud()


@pytest.fixture
def instance_id(cloud):
    return cloud.seed(1)[0]


def test_rhythm_check_apply_check_apply(cloud, instance_id):
    args = dict(instance_id=instance_id, name='app', hosts=['10.0.1.%', '10.0.2.%'], password=PASSWORD,
                comment='shop application')
    first_check, applied, second_check, again = cloud.rhythm(gaussdb_account, args)
    assert first_check.result['changed'] and applied.result['changed']
    assert not second_check.result['changed'] and not again.result['changed']
    assert first_check.result['diff'] == applied.result['diff'] == {
        'before': {'hosts': {}},
        'after': {'hosts': {'10.0.1.%': {'comment': 'shop application'}, '10.0.2.%': {'comment': 'shop application'}},
                  'password': '********'}}
    assert 'job_id' not in first_check.result and isinstance(applied.result['job_id'], str)
    assert applied.result['account']['hosts'] == ['10.0.1.%', '10.0.2.%']
    assert applied.result['account']['comment'] == 'shop application'
    assert again.result['diff']['before'] == again.result['diff']['after']
    assert cloud.ops().count('create_db_users') == 1
    assert all(PASSWORD not in json.dumps(r.result) for r in (first_check, applied, second_check, again))


def test_check_mode_writes_nothing(cloud, instance_id):
    res = cloud.run(gaussdb_account, dict(instance_id=instance_id, name='app', password=PASSWORD), check_mode=True)
    assert res.result['changed'] and res.result['account']['hosts'] == ['%'] and not cloud.writes()


def test_password_is_set_again_only_with_always_and_never_shown(cloud, instance_id):
    cloud.run(gaussdb_account, dict(instance_id=instance_id, name='app', hosts=['%', '10.0.0.%'], password=PASSWORD))
    on_create = cloud.run(gaussdb_account, dict(instance_id=instance_id, name='app', password=SECOND), diff=True)
    assert not on_create.result['changed'] and 'password' not in on_create.result['diff']['after']
    rotated = cloud.run(gaussdb_account, dict(instance_id=instance_id, name='app', password=SECOND,
                                              update_password='always'), diff=True)
    assert rotated.result['changed'] and isinstance(rotated.result['job_id'], str)
    assert rotated.result['diff']['after']['password'] == '********' and 'password' not in rotated.result['diff']['before']
    assert SECOND not in json.dumps(rotated.result)
    assert cloud.stats()['by_route'][PASSWORDS] == 1
    body = [c[3] for c in cloud.calls if c[0] == 'set_db_user_password'][0]
    assert sorted(u['host'] for u in body['users']) == ['%', '10.0.0.%']


def test_comment_purge_and_delete(cloud, instance_id):
    cloud.run(gaussdb_account, dict(instance_id=instance_id, name='app', hosts=['10.0.1.%', '10.0.2.%'],
                                    password=PASSWORD, comment='old'))
    res = cloud.run(gaussdb_account, dict(instance_id=instance_id, name='app', comment='new'), diff=True)
    assert res.result['changed'] and res.result['account']['comment'] == 'new'
    assert res.result['diff']['before']['hosts']['10.0.1.%'] == {'comment': 'old'}
    assert 'password' not in res.result['diff']['after']
    res = cloud.run(gaussdb_account, dict(instance_id=instance_id, name='app', hosts=['10.0.1.%'], purge_hosts=True))
    assert res.result['changed'] and res.result['account']['hosts'] == ['10.0.1.%']
    listed = cloud.run(gaussdb_account_info, dict(instance_id=instance_id, name='app'))
    assert [(a['host'], a['comment']) for a in listed.result['accounts']] == [('10.0.1.%', 'new')]
    gone = cloud.run(gaussdb_account, dict(instance_id=instance_id, name='app', state='absent'))
    assert gone.result['changed'] and gone.result['account'] == {}
    assert not cloud.run(gaussdb_account, dict(instance_id=instance_id, name='app', state='absent')).result['changed']


def test_bad_input_fails_before_any_request(cloud, instance_id):
    res = cloud.run(gaussdb_account, dict(instance_id=instance_id, name='bad-name', hosts=['localhost'],
                                          password='abcdefgh', comment='a<b'))
    assert res.failed and res.result['msg'].startswith('Invalid input: account name')
    for part in ("'localhost'", 'at least three of', 'account comment must not contain <'):
        assert part in res.result['msg']
    assert 'abcdefgh' not in res.result['msg']
    assert cloud.calls == []


def test_a_new_entry_needs_a_password_before_any_write(cloud, instance_id):
    res = cloud.run(gaussdb_account, dict(instance_id=instance_id, name='nopass', hosts=['%']))
    assert res.failed and 'password is required to create account nopass at %' in res.result['msg']
    assert cloud.ops() == ['list_db_users'] and not cloud.writes()


def test_info_filters_by_name_and_host(cloud, instance_id):
    for name in ('app', 'report'):
        cloud.run(gaussdb_account, dict(instance_id=instance_id, name=name, hosts=['%', '10.0.0.%'], password=PASSWORD))
    listed = cloud.run(gaussdb_account_info, dict(instance_id=instance_id))
    assert [(a['name'], a['host']) for a in listed.result['accounts']] == [
        ('app', '%'), ('app', '10.0.0.%'), ('report', '%'), ('report', '10.0.0.%')]
    one = cloud.run(gaussdb_account_info, dict(instance_id=instance_id, name='report', host='%'))
    assert [(a['name'], a['host']) for a in one.result['accounts']] == [('report', '%')]
    assert not one.result['changed'] and one.result['instance_id'] == instance_id


def test_a_lost_create_answer_is_looked_up_not_resent(cloud, instance_id):
    cloud.configure(drop_responses=[{'method': 'POST', 'path': '/v3/{project_id}/instances/{instance_id}/db-users',
                                     'count': 1}])
    res = cloud.run(gaussdb_account, dict(instance_id=instance_id, name='app', password=PASSWORD))
    assert not res.failed, res.result
    assert res.result['changed'] and res.result['account']['hosts'] == ['%']
    assert cloud.stats()['by_route'][USERS] == 1
    assert 'job_id' not in res.result   # the answer was lost: the look-up stood in for it
