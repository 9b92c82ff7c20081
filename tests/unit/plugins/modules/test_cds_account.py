"""cds_account and cds_account_privilege against the in-process emulator."""
import json

from ansible_collections.clouddb.mysql.plugins.modules import cds_account, cds_account_privilege
from cds_module_harness import rhythm, run_module

PASSWORD = 'Very-Secret-Passw0rd'


def test_account_rhythm_and_secrets(cloud, uuid):
    results = rhythm(cds_account, dict(instance_id=uuid, name='app', password=PASSWORD), cloud)
    assert [r.result['changed'] for r in results] == [True, True, False, False]
    assert cloud.writes() == ['CreatePrivilegedAccount']
    assert results[1].result['account']['account_status'] == 'available'
    assert results[0].result['diff']['after']['password'] == '********'
    for res in results:
        assert PASSWORD not in json.dumps(res.result)


def test_password_is_required_to_create(cloud, uuid):
    res = run_module(cds_account, dict(instance_id=uuid, name='app'), cloud)
    assert res.failed and 'password is required' in res.result['msg'] and cloud.writes() == []


def test_update_password_always_recreates_and_regrants(cloud, uuid):
    run_module(cds_account, dict(instance_id=uuid, name='app', password=PASSWORD), cloud)
    run_module(cds_account_privilege, dict(instance_id=uuid, account='app',
                                           privileges=[dict(database='shop', privilege='ReadWrite')]), cloud)
    res = run_module(cds_account, dict(instance_id=uuid, name='app', password='An0ther-Passw0rd',
                                       update_password='always'), cloud)
    assert res.result['changed']
    assert cloud.writes()[-3:] == ['DeleteDBAccount', 'CreatePrivilegedAccount', 'ModifyDbPrivilege']
    assert cloud.store.accounts[uuid]['app']['_password'] == 'An0ther-Passw0rd'
    assert cloud.store.accounts[uuid]['app']['_privileges'] == {'shop': 'ReadWrite'}


def test_type_cannot_change_and_description_only_warns(cloud, uuid):
    run_module(cds_account, dict(instance_id=uuid, name='app', password=PASSWORD), cloud)
    res = run_module(cds_account, dict(instance_id=uuid, name='app', type='super'), cloud)
    assert res.failed and 'cannot change the type' in res.result['msg']
    res = run_module(cds_account, dict(instance_id=uuid, name='app', description='other'), cloud)
    assert not res.failed and res.result['changed'] is False and res.result['warnings']


def test_delete_rhythm(cloud, uuid):
    run_module(cds_account, dict(instance_id=uuid, name='app', password=PASSWORD), cloud)
    results = rhythm(cds_account, dict(instance_id=uuid, name='app', state='absent'), cloud)
    assert [r.result['changed'] for r in results] == [True, True, False, False]


def test_privileges_rhythm_change_and_purge(cloud, uuid):
    run_module(cds_account, dict(instance_id=uuid, name='app', password=PASSWORD), cloud)
    grants = [dict(database='shop', privilege='ReadWrite'), dict(database='reports', privilege='ReadOnly')]
    results = rhythm(cds_account_privilege, dict(instance_id=uuid, account='app', privileges=grants), cloud)
    assert [r.result['changed'] for r in results] == [True, True, False, False]
    assert results[1].result['privileges'] == {'shop': 'ReadWrite', 'reports': 'ReadOnly'}
    res = run_module(cds_account_privilege, dict(instance_id=uuid, account='app', purge=True,
                                                 privileges=[dict(database='shop', privilege='DMLOnly')]), cloud, diff=True)
    assert res.result['changed'] and res.result['privileges'] == {'shop': 'DMLOnly'}
    assert cloud.writes()[-2:] == ['DeleteDbPrivilege', 'ModifyDbPrivilege']
    assert res.result['diff']['before']['privileges']['reports'] == 'ReadOnly'
    res = run_module(cds_account_privilege, dict(instance_id=uuid, account='app', state='absent',
                                                 privileges=[dict(database='shop'), dict(database='nope')]), cloud)
    assert res.result['changed'] and res.result['privileges'] == {}
    assert [p for a, p in cloud.calls if a == 'DeleteDbPrivilege'][-1]['DBNames'] == ['shop']


def test_all_create_is_sent_with_a_grant(cloud, uuid):
    run_module(cds_account, dict(instance_id=uuid, name='app', password=PASSWORD), cloud)
    args = dict(instance_id=uuid, account='app', all_create=True, privileges=[dict(database='shop', privilege='ReadOnly')])
    assert run_module(cds_account_privilege, args, cloud).result['all_create'] is True
    assert run_module(cds_account_privilege, args, cloud).result['changed'] is False


def test_privileges_of_a_super_account_are_refused(cloud, uuid):
    run_module(cds_account, dict(instance_id=uuid, name='dba', type='super', password=PASSWORD), cloud)
    res = run_module(cds_account_privilege, dict(instance_id=uuid, account='dba',
                                                 privileges=[dict(database='shop', privilege='ReadOnly')]), cloud)
    assert res.failed and 'normal accounts' in res.result['msg']
