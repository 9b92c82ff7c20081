"""gaussdb_account_privilege against the in-process emulator: the rhythm, exact and absent, the fallback when a
server keeps the old read-only flag, refusals, lost answers."""
import pytest

from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_account, gaussdb_account_privilege, gaussdb_database
from gaussdb_cloud import GaussDBCloud
from tests.emulator.huawei import gaussdb_data as emulated_data
from tests.emulator.huawei.store import get_instance

GRANTS = 'POST /v3/{project_id}/instances/{instance_id}/db-users/privilege'
REVOKES = 'DELETE /v3/{project_id}/instances/{instance_id}/db-users/privilege'


def prepare(cloud, instance_id, databases=('orders', 'reports', 'legacy')):
    for name in databases:
        assert not cloud.run(gaussdb_database, dict(instance_id=instance_id, name=name, character_set='utf8mb4')).failed
    assert not cloud.run(gaussdb_account, dict(instance_id=instance_id, name='app', password='First-Pass_2024')).failed
    cloud.calls[:] = []


@pytest.fixture
def cloud():
    return GaussDBCloud()


@pytest.fixture
def instance_id(cloud):
    iid = cloud.seed(1)[0]
    prepare(cloud, iid)
    return iid


def grant(instance_id, *databases, **extra):
    items = [dict(name=d[0], readonly=d[1]) if isinstance(d, tuple) else dict(name=d) for d in databases]
    return dict(instance_id=instance_id, user='app', databases=items, **extra)


def bodies(cloud, operation):
    return [call[3] for call in cloud.calls if call[0] == operation]


def test_rhythm_check_apply_check_apply(cloud, instance_id):
    first_check, applied, second_check, again = cloud.rhythm(gaussdb_account_privilege,
                                                             grant(instance_id, 'orders', ('reports', True)))
    assert first_check.result['changed'] and applied.result['changed']
    assert not second_check.result['changed'] and not again.result['changed']
    assert first_check.result['diff'] == applied.result['diff'] == {
        'before': {'account': 'app@%', 'databases': {}},
        'after': {'account': 'app@%', 'databases': {'orders': {'readonly': False}, 'reports': {'readonly': True}}}}
    assert 'job_id' not in first_check.result and isinstance(applied.result['job_id'], str)
    assert applied.result['account']['databases'] == [{'name': 'orders', 'readonly': False},
                                                      {'name': 'reports', 'readonly': True}]
    assert applied.result['granted'] == applied.result['account']['databases'] and applied.result['revoked'] == []
    assert again.result['granted'] == [] and again.result['diff']['after']['databases'] == {}
    assert cloud.ops().count('grant_db_privileges') == 1


def test_check_mode_writes_nothing(cloud, instance_id):
    before = cloud.writes()
    res = cloud.run(gaussdb_account_privilege, grant(instance_id, 'orders'), check_mode=True)
    assert res.result['changed'] and cloud.writes() == before


def test_a_readonly_flip_is_one_grant_and_exact_revokes_the_rest(cloud, instance_id):
    cloud.run(gaussdb_account_privilege, grant(instance_id, 'orders', ('reports', True), 'legacy'))
    flipped = cloud.run(gaussdb_account_privilege, grant(instance_id, ('reports', False)), diff=True)
    assert flipped.result['granted'] == [{'name': 'reports', 'readonly': False}]
    assert flipped.result['diff']['before']['databases'] == {'reports': {'readonly': True}}
    assert cloud.stats()['by_route'][GRANTS] == 2 and REVOKES not in cloud.stats()['by_route']
    exact = cloud.run(gaussdb_account_privilege, grant(instance_id, ('orders', True), exact=True), diff=True)
    assert exact.result['revoked'] == ['legacy', 'reports']
    assert exact.result['account']['databases'] == [{'name': 'orders', 'readonly': True}]
    assert exact.result['diff']['after']['databases'] == {'orders': {'readonly': True}}
    assert isinstance(exact.result['job_id'], list) and len(exact.result['job_id']) == 2
    revoked = cloud.run(gaussdb_account_privilege, grant(instance_id, 'orders', state='absent'), diff=True)
    assert revoked.result['revoked'] == ['orders'] and revoked.result['diff']['after']['databases'] == {}
    assert not cloud.run(gaussdb_account_privilege, grant(instance_id, 'orders', state='absent')).result['changed']


@pytest.fixture
def keeping_cloud(monkeypatch):
    """An emulator whose grant keeps the read-only flag of a database already granted (the seed does not
    say that a grant replaces one)."""
    original = emulated_data.GaussDataFamily.grant

    def grant_keeping_flags(self, project_id, instance_id):
        users = emulated_data.data_of(get_instance(project_id, instance_id))['users']
        kept = dict((key, dict(user['grants'])) for key, user in users.items())
        answer = original(self, project_id, instance_id)
        for key, grants in kept.items():
            users[key]['grants'].update(grants)
        return answer
    monkeypatch.setattr(emulated_data.GaussDataFamily, 'grant', grant_keeping_flags)
    return GaussDBCloud()


def test_only_the_stuck_database_is_revoked_and_granted_again(keeping_cloud):
    cloud = keeping_cloud
    iid = cloud.seed(1)[0]
    prepare(cloud, iid)
    cloud.run(gaussdb_account_privilege, grant(iid, ('orders', True), ('reports', True)))
    cloud.calls[:] = []
    res = cloud.run(gaussdb_account_privilege, grant(iid, ('orders', False), ('reports', True)))
    assert res.result['changed'] and res.result['account']['databases'] == [{'name': 'orders', 'readonly': False},
                                                                            {'name': 'reports', 'readonly': True}]
    writes = [c[0] for c in cloud.calls if c[0] in ('grant_db_privileges', 'revoke_db_privileges')]
    assert writes == ['grant_db_privileges', 'revoke_db_privileges', 'grant_db_privileges']
    assert bodies(cloud, 'revoke_db_privileges') == [{'users': [{'name': 'app', 'host': '%', 'databases': ['orders']}]}]
    assert bodies(cloud, 'grant_db_privileges')[1] == {
        'users': [{'name': 'app', 'host': '%', 'databases': [{'name': 'orders', 'readonly': False}]}]}
    # each change waited for before the next one
    ops = cloud.ops()
    first_revoke = ops.index('revoke_db_privileges')
    assert 'show_job' in ops[:first_revoke] and 'show_job' in ops[first_revoke:ops.index('grant_db_privileges', first_revoke)]
    assert len(res.result['job_id']) == 3


def test_nothing_more_when_the_grant_updated_the_flag(cloud, instance_id):
    cloud.run(gaussdb_account_privilege, grant(instance_id, ('orders', True)))
    cloud.calls[:] = []
    res = cloud.run(gaussdb_account_privilege, grant(instance_id, ('orders', False)))
    assert res.result['changed'] and isinstance(res.result['job_id'], str)
    assert 'revoke_db_privileges' not in cloud.ops() and cloud.ops().count('grant_db_privileges') == 1


def test_bad_input_fails_before_any_request(cloud, instance_id):
    res = cloud.run(gaussdb_account_privilege, grant(instance_id, 'orders', 'orders', state='absent', exact=True,
                                                     host='localhost'))
    assert res.failed and res.result['msg'].startswith('Invalid input: ')
    for part in ('more than once', 'exact=true', "'localhost'"):
        assert part in res.result['msg']
    assert cloud.calls == []


def test_missing_databases_and_accounts_fail_but_only_warn_in_check_mode(cloud, instance_id):
    before = cloud.writes()
    no_db = cloud.run(gaussdb_account_privilege, grant(instance_id, 'nowhere'))
    assert no_db.failed and 'nowhere' in no_db.result['msg']
    checked = cloud.run(gaussdb_account_privilege, grant(instance_id, 'nowhere'), check_mode=True)
    assert checked.result['changed'] and [w for w in checked.result['warnings'] if 'nowhere' in w]
    ghost = cloud.run(gaussdb_account_privilege, dict(grant(instance_id, 'orders'), user='ghost'))
    assert ghost.failed and 'ghost@%' in ghost.result['msg']
    assert cloud.writes() == before


def test_a_lost_grant_answer_is_looked_up_not_resent(cloud, instance_id):
    cloud.configure(drop_responses=[{'method': 'POST', 'count': 1,
                                     'path': '/v3/{project_id}/instances/{instance_id}/db-users/privilege'}])
    res = cloud.run(gaussdb_account_privilege, grant(instance_id, 'orders'))
    assert not res.failed, res.result
    assert res.result['account']['databases'] == [{'name': 'orders', 'readonly': False}]
    assert cloud.stats()['by_route'][GRANTS] == 1
    assert 'job_id' not in res.result   # the answer was lost: the look-up stood in for it
