"""cds_account and cds_account_privilege against the in-process emulator."""
import json

from ansible_collections.clouddb.mysql.plugins.module_utils.cds_account import plan_account, plan_privileges
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


def test_a_grant_keeps_the_global_create_privilege(cloud, uuid):
    """ModifyDbPrivilege without ExtraPrivilege means AllCreate "false" (reference 5.11): every grant sends the current value."""
    run_module(cds_account, dict(instance_id=uuid, name='app', password=PASSWORD), cloud)
    shop = dict(database='shop', privilege='ReadOnly')
    run_module(cds_account_privilege, dict(instance_id=uuid, account='app', all_create=True, privileges=[shop]), cloud)
    res = run_module(cds_account_privilege, dict(instance_id=uuid, account='app',
                                                 privileges=[shop, dict(database='reports', privilege='ReadOnly')]), cloud)
    assert res.result['changed'] and res.result['all_create'] is True
    assert cloud.store.accounts[uuid]['app']['_all_create'] == 'true'
    sent = [p for a, p in cloud.calls if a == 'ModifyDbPrivilege'][-1]
    assert sent['ExtraPrivilege'] == {'AllCreate': 'true'}
    res = run_module(cds_account, dict(instance_id=uuid, name='app', password='An0ther-Passw0rd',
                                       update_password='always'), cloud)
    assert res.result['account']['extra_privilege'] == {'all_create': 'true'}
    assert cloud.store.accounts[uuid]['app']['_privileges'] == {'shop': 'ReadOnly', 'reports': 'ReadOnly'}


def test_password_shows_masked_on_the_after_side_only(cloud, uuid):
    run_module(cds_account, dict(instance_id=uuid, name='app', password=PASSWORD), cloud)
    args = dict(instance_id=uuid, name='app', password='An0ther-Passw0rd', update_password='always')
    for check in (True, False):
        res = run_module(cds_account, args, cloud, check_mode=check, diff=True)
        assert res.result['changed']
        assert 'password' not in res.result['diff']['before'] and res.result['diff']['after']['password'] == '********'
        assert 'An0ther-Passw0rd' not in json.dumps(res.result)
    assert cloud.writes().count('DeleteDBAccount') == 1
    same = run_module(cds_account, dict(instance_id=uuid, name='app', password=PASSWORD), cloud, diff=True)
    assert not same.result['changed'] and 'password' not in same.result['diff']['after']


def test_no_op_runs_read_the_instance_and_the_account_only(cloud, uuid):
    run_module(cds_account, dict(instance_id=uuid, name='app', password=PASSWORD), cloud)
    grants = [dict(database='shop', privilege='ReadWrite')]
    run_module(cds_account_privilege, dict(instance_id=uuid, account='app', privileges=grants), cloud)
    name = cloud.instance(uuid)['InstanceName']
    for module, args in ((cds_account, dict(name='app', password=PASSWORD)),
                         (cds_account_privilege, dict(account='app', privileges=grants))):
        for ref in (dict(instance_id=uuid), dict(instance_name=name)):
            del cloud.calls[:]
            assert run_module(module, dict(args, **ref), cloud).result['changed'] is False
            assert cloud.actions() == ['DescribeDBInstances', 'DescribeDBAccount']


def test_bad_privilege_entries_are_refused_before_any_request(cloud, uuid):
    res = run_module(cds_account_privilege, dict(instance_id=uuid, account='app', privileges=[
        dict(database='x'), dict(database=' ', privilege='ReadOnly'), dict(database='y', privilege='ReadOnly'),
        dict(database='y', privilege='DMLOnly')]), cloud)
    assert res.failed and cloud.calls == []
    assert res.result['msg'] == ('Invalid input: privileges entry x needs a privilege; privileges entries need a database '
                                 'name; database y is listed twice with different privileges')


def test_a_lost_delete_answer_is_recovered(cloud, uuid):
    run_module(cds_account, dict(instance_id=uuid, name='app', password=PASSWORD), cloud)
    cloud.drop_next.add('DeleteDBAccount')
    res = run_module(cds_account, dict(instance_id=uuid, name='app', state='absent'), cloud)
    assert not res.failed and res.result['changed'], res.result
    assert cloud.writes().count('DeleteDBAccount') == 1 and 'app' not in cloud.store.accounts[uuid]


class PlanClient(object):
    """What the plan builders need of a client: the ``recover`` factories (never called here)."""

    @staticmethod
    def recover_when(check):
        return check

    @staticmethod
    def recover_created(lookup, answer, what):
        return lookup


def test_plan_privileges_sends_the_current_all_create_and_predicts_the_grants():
    account = dict(AccountName='app', ExtraPrivilege={'AllCreate': 'true'},
                   DatabasePrivileges=[dict(DBName='shop', AccountPrivilegeType='ReadOnly'),
                                       dict(DBName='old', AccountPrivilegeType='ReadOnly')])
    params = dict(account='app', privileges=[dict(database='shop', privilege='ReadWrite')], purge=True, all_create=None,
                  state='present')
    plan = plan_privileges(PlanClient(), 'u', params, account)
    assert [s.operation for s in plan.steps] == ['DeleteDbPrivilege', 'ModifyDbPrivilege']
    assert plan.steps[0].call['params']['DBNames'] == ['old']
    assert plan.steps[1].call['params']['ExtraPrivilege'] == {'AllCreate': 'true'}
    assert plan.before == {'privileges': {'shop': 'ReadOnly', 'old': 'ReadOnly'}, 'all_create': True}
    assert plan.after == {'privileges': {'shop': 'ReadWrite'}, 'all_create': True}


def test_plan_privileges_changes_all_create_with_an_unchanged_grant():
    account = dict(AccountName='app', ExtraPrivilege=None, DatabasePrivileges=[dict(DBName='shop', AccountPrivilegeType='ReadOnly')])
    params = dict(account='app', privileges=[dict(database='shop', privilege='ReadOnly')], purge=False, all_create=True,
                  state='present')
    plan = plan_privileges(PlanClient(), 'u', params, account)
    assert len(plan.steps) == 1 and plan.steps[0].call['params']['Operations'] == [dict(DBName='shop', Privilege='ReadOnly')]
    assert plan.steps[0].call['params']['ExtraPrivilege'] == {'AllCreate': 'true'}
    assert plan_privileges(PlanClient(), 'u', dict(params, all_create=None), account).changed is False


def test_plan_account_create_and_password_change():
    params = dict(name='app', password='x', type=None, description=None, update_password='always', state='present')
    plan = plan_account(PlanClient(), 'u', params, None)
    assert [s.operation for s in plan.steps] == ['CreatePrivilegedAccount']
    assert plan.after['AccountType'] == 'Normal' and plan.after['AccountStatus'] == 'processing'
    current = dict(AccountName='app', AccountType='Normal', AccountDescription='')
    plan = plan_account(PlanClient(), 'u', params, current)
    assert len(plan.steps) == 1 and plan.steps[0].apply is not None and plan.after == current
    assert plan_account(PlanClient(), 'u', dict(params, update_password='on_create'), current).changed is False
