# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""CDS accounts and their per-database privileges (cds_account, cds_account_privilege): readers, the
create with lost-answer recovery, the wait until an account is available, input rules and plans
(reference 5.8-5.12)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import ACCEPTED
from ansible_collections.clouddb.mysql.plugins.module_utils.diff import MASK
from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import find, required
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan, replace_with
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import InputError

TYPES = {'normal': 'Normal', 'super': 'Super'}


# -- reading and waiting ---------------------------------------------------------------------
def get_account(client, uuid, name):
    """The account ``name`` as DescribeDBAccount lists it, or None."""
    return find(client.data('DescribeDBAccount', {'InstanceUuid': uuid}) or [], 'Account', name, id_key='AccountName')


def wait_account(client, uuid, name, timeout):
    """Poll until the account is ``available`` (``unavailable`` fails); returns it."""
    def probe():
        account = get_account(client, uuid, name)
        if account is None:
            raise ApiError('Account %s disappeared while waiting' % name, status=404)
        if account.get('AccountStatus') == 'unavailable':
            raise ApiError('Account %s is unavailable' % name, error_code='AccountUnavailable')
        return account.get('AccountStatus') == 'available', account
    return client.poller.wait(probe, timeout, 'account %s to be available' % name)


def grants_of(account):
    """``{database: privilege type}`` of an account."""
    return dict((d.get('DBName'), d.get('AccountPrivilegeType')) for d in account.get('DatabasePrivileges') or [])


def all_create_of(account):
    return str((account.get('ExtraPrivilege') or {}).get('AllCreate', 'false')).lower() == 'true'


def extra_privilege(all_create):
    """ExtraPrivilege of ModifyDbPrivilege, always sent: the reference documents AllCreate "false" as
    the default of an absent field, so leaving it out would revoke the global CREATE privilege."""
    return {'AllCreate': 'true' if all_create else 'false'}


# -- accounts --------------------------------------------------------------------------------
def account_view(account, sets_password=False):
    """The managed fields of an account (diff); a password being set shows masked, on the after side."""
    if not account:
        return {}
    view = dict(name=account.get('AccountName'), type=account.get('AccountType'),
                description=account.get('AccountDescription'))
    if sets_password:
        view['password'] = MASK
    return view


def description_warning(params, account):
    """The warning for a description the API cannot change, or None."""
    if params['state'] == 'present' and account and params['description'] is not None and \
            params['description'] != (account.get('AccountDescription') or ''):
        return ('The API cannot change the description of account %s; left as %r'
                % (params['name'], account.get('AccountDescription')))
    return None


def create_account_call(client, uuid, name, password, kind, description):
    """The keyword arguments of ``client.call`` for CreatePrivilegedAccount; a lost answer is recovered
    when the account shows up (names are unique within an instance)."""
    def lookup():
        return [name] if get_account(client, uuid, name) else []
    return dict(params=dict(InstanceUuid=uuid, AccountName=name, Password=password, AccountType=kind,
                            Description=description),
                instance_id=uuid, recover=client.recover_created(lookup, lambda ids: dict(ACCEPTED), 'account'))


def delete_account_call(client, uuid, name):
    """The keyword arguments of ``client.call`` for DeleteDBAccount (a lost answer: gone means done)."""
    return dict(params={'InstanceUuid': uuid, 'AccountName': name}, instance_id=uuid,
                recover=client.recover_when(lambda: get_account(client, uuid, name) is None))


def recreate(uuid, params, account):
    """The apply function of a password change: the API cannot change a password, so the account is
    deleted, created again with the new one, and its database privileges are granted again."""
    name = params['name']
    operations = [dict(DBName=d['DBName'], Privilege=d['AccountPrivilegeType'])
                  for d in account.get('DatabasePrivileges') or []]

    def apply(module):
        client = module.client
        module.jobs.add(client.call('DeleteDBAccount', **delete_account_call(client, uuid, name)))
        answer = client.call('CreatePrivilegedAccount', **create_account_call(
            client, uuid, name, params['password'], account['AccountType'], account.get('AccountDescription') or None))
        if operations:
            # Operations is required by the API, so a lone AllCreate cannot be restored without a grant.
            module.jobs.add(answer)
            wait_account(client, uuid, name, module.jobs.remaining())
            answer = client.call('ModifyDbPrivilege', dict(InstanceUuid=uuid, AccountName=name, Operations=operations,
                                                           ExtraPrivilege=extra_privilege(all_create_of(account))),
                                 instance_id=uuid, idempotent=True)
        return answer
    return apply


def plan_account(client, uuid, params, account):
    """The steps that take the account ``account`` (None: absent) to what ``params`` ask for."""
    name = params['name']
    plan = Plan(account)
    if params['state'] == 'absent':
        if account:
            plan.add('delete', replace_with({}), 'DeleteDBAccount', **delete_account_call(client, uuid, name))
        return plan
    if account is None:
        if not params['password']:
            raise InputError('password is required to create account %s' % name)
        kind = TYPES[params['type'] or 'normal']
        created = dict(AccountName=name, AccountType=kind, AccountStatus='processing',
                       AccountDescription=params['description'] or '', ServiceId=uuid, DatabasePrivileges=None)
        return plan.add('create', replace_with(created), 'CreatePrivilegedAccount', **create_account_call(
            client, uuid, name, params['password'], kind, params['description']))
    if params['type'] and TYPES[params['type']] != account.get('AccountType'):
        raise InputError('Account %s is %s; the API cannot change the type to %s (delete it first)'
                         % (name, account.get('AccountType'), TYPES[params['type']]))
    if params['update_password'] == 'always' and params['password']:
        plan.add('re-create with the new password', apply=recreate(uuid, params, account))
    return plan


def settle_account(module, uuid, name, plan):
    """The account once the plan has run: waited for until available (wait=true) or read back."""
    account = plan.after
    if not account or (plan.changed and module.check_mode):
        return account
    if module.jobs.wait and (plan.changed or account.get('AccountStatus') == 'processing'):
        return wait_account(module.client, uuid, name, module.jobs.remaining())
    if plan.changed:
        return get_account(module.client, uuid, name) or account
    return account


# -- privileges ------------------------------------------------------------------------------
def privilege_errors(params):
    """cds_account_privilege's rules that need no request."""
    errors, seen = [], {}
    for item in params['privileges']:
        name = (item['database'] or '').strip()
        if not name:
            errors.append('privileges entries need a database name')
            continue
        if params['state'] == 'present' and not item.get('privilege'):
            errors.append('privileges entry %s needs a privilege' % name)
        if name in seen and seen[name] != item.get('privilege'):
            errors.append('database %s is listed twice with different privileges' % name)
        seen[name] = item.get('privilege')
    return errors


def normal_account(client, uuid, name):
    """The normal account ``name``; fails when it does not exist or is the Super account."""
    account = required(get_account(client, uuid, name), 'Account', '%s of instance %s' % (name, uuid))
    if account.get('AccountType') != 'Normal':
        raise InputError('Account %s is a %s account; per-database privileges apply to normal accounts'
                         % (name, account.get('AccountType')))
    return account


def privileges_view(account):
    return dict(privileges=grants_of(account), all_create=all_create_of(account))


def _revoked(databases):
    def effect(view):
        for name in databases:
            view['privileges'].pop(name, None)
    return effect


def _granted(grants, all_create):
    def effect(view):
        view['privileges'].update(grants)
        view['all_create'] = all_create
    return effect


def _changes(params, current, all_create):
    """(grant {db: type}, revoke [db], all_create to set) for the options against the current grants."""
    want = dict(((i['database'] or '').strip(), i.get('privilege')) for i in params['privileges'])
    if params['state'] == 'absent':
        return {}, sorted(d for d in want if d in current), all_create
    grant = dict((d, v) for d, v in want.items() if current.get(d) != v)
    revoke = sorted(d for d in current if d not in want) if params['purge'] else []
    if params['all_create'] is None or params['all_create'] == all_create:
        return grant, revoke, all_create
    if not want:
        raise InputError('all_create can only change together with at least one entry in privileges')
    if not grant:
        # The API changes AllCreate only within ModifyDbPrivilege: re-send one unchanged grant with it.
        db = sorted(want)[0]
        grant[db] = want[db]
    return grant, revoke, params['all_create']


def plan_privileges(client, uuid, params, account):
    """A DeleteDbPrivilege for the grants to revoke, then a ModifyDbPrivilege for those to give."""
    name = params['account']
    view = privileges_view(account)
    plan = Plan(view)
    grant, revoke, all_create = _changes(params, view['privileges'], view['all_create'])
    if revoke:
        def revoked():
            return not set(revoke) & set(grants_of(get_account(client, uuid, name) or {}))
        plan.add('revoke', _revoked(revoke), 'DeleteDbPrivilege',
                 params=dict(InstanceUuid=uuid, AccountName=name, DBNames=revoke), instance_id=uuid,
                 recover=client.recover_when(revoked))
    if grant:
        operations = [dict(DBName=d, Privilege=v) for d, v in sorted(grant.items())]
        # Granting is an upsert: sending it again after a lost answer is harmless.
        plan.add('grant', _granted(grant, all_create), 'ModifyDbPrivilege',
                 params=dict(InstanceUuid=uuid, AccountName=name, Operations=operations,
                             ExtraPrivilege=extra_privilege(all_create)),
                 instance_id=uuid, idempotent=True)
    return plan


def apply_privileges(module, uuid, plan, account):
    """Apply the plan (once a processing account is available, with wait=true); the account read back."""
    if not plan.changed or module.check_mode:
        return account
    if account.get('AccountStatus') == 'processing' and module.jobs.wait:
        wait_account(module.client, uuid, account['AccountName'], module.jobs.remaining())
    plan.apply(module)
    return get_account(module.client, uuid, account['AccountName']) or account
