#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_account
short_description: Create or delete a database account of a CDS cloud MySQL instance
version_added: 0.1.0
description:
  - Creates a privileged (C(Super), at most one per instance) or normal account
    (C(CreatePrivilegedAccount)), or deletes it (C(DeleteDBAccount)).
  - Per-database privileges of normal accounts are managed by M(clouddb.mysql.cds_account_privilege).
  - The API can neither read nor change a password, nor change an account's type or description.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  name:
    description: Account name.
    type: str
    required: true
  password:
    description:
      - Password of a new account. Required to create one. Never logged or returned.
    type: str
  update_password:
    description:
      - V(on_create) sets the password only when the account is created (passwords cannot be read
        back, so they cannot be compared).
      - V(always) re-creates an existing account with O(password) on every run (the API has no call
        that changes a password), so the account is deleted and created again, and its database
        privileges are granted again. The task then always reports a change, and open sessions of the
        account are cut.
    type: str
    choices: [always, on_create]
    default: on_create
  type:
    description:
      - V(normal) or V(super) (high privilege, at most one per instance). Default V(normal) for a new
        account. Cannot be changed.
    type: str
    choices: [normal, super]
  description:
    description:
      - Description of a new account. The API cannot change it later; a different value only warns.
    type: str
  state:
    description: V(present) creates the account, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
  - clouddb.mysql.cds_wait
notes:
  - Supports C(check_mode) and C(diff); the password is masked in the diff.
seealso:
  - module: clouddb.mysql.cds_account_privilege
'''

EXAMPLES = r'''
- name: An application account
  clouddb.mysql.cds_account:
    instance_name: shop-db
    name: shop_app
    password: "{{ vault_shop_app_password }}"

- name: The Super account
  clouddb.mysql.cds_account:
    instance_name: shop-db
    name: dba
    type: super
    password: "{{ vault_dba_password }}"

- name: Remove an account
  clouddb.mysql.cds_account:
    instance_name: shop-db
    name: old_app
    state: absent
'''

RETURN = r'''
account:
  description:
    - The account as C(DescribeDBAccount) lists it, in snake_case (no password). Empty after deletion.
  returned: always
  type: dict
  sample:
    account_name: shop_app
    account_type: Normal
    account_status: available
    account_description: ""
    service_id: 5ac7c945-ae47-4bbf-82e6-2823d64b57c5
    database_privileges: null
    extra_privilege: {all_create: "false"}
instance_id:
  description: Uuid of the instance.
  returned: always
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import to_snake
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_resources import (
    finish, instance_ref_module, parent_instance, recover_if, wait_parent_running,
)

TYPES = {'normal': 'Normal', 'super': 'Super'}


def diff_view(account, password_changed=False):
    if not account:
        return {}
    view = dict(name=account.get('AccountName'), type=account.get('AccountType'),
                description=account.get('AccountDescription'))
    if password_changed:
        view['password'] = 'new'
    return view


def create(module, client, uuid):
    p = module.params
    body = dict(AccountName=p['name'], Password=p['password'], AccountType=TYPES[p['type'] or 'normal'],
                Description=p['description'])
    client.create_account(uuid, body)
    if p['wait']:
        return client.wait_account(uuid, p['name'], p['wait_timeout'])
    return client.get_account(uuid, p['name'])


def delete(module, client, uuid):
    name = module.params['name']
    client.call('DeleteDBAccount', {'InstanceUuid': uuid, 'AccountName': name}, instance_id=uuid,
                recover=recover_if(lambda: client.get_account(uuid, name) is None))


def recreate(module, client, uuid, account):
    """The API cannot change a password: delete, create again, grant the same privileges again."""
    operations = [dict(DBName=d['DBName'], Privilege=d['AccountPrivilegeType'])
                  for d in account.get('DatabasePrivileges') or []]
    extra = account.get('ExtraPrivilege')
    delete(module, client, uuid)
    params = module.params
    body = dict(AccountName=params['name'], Password=params['password'], AccountType=account['AccountType'],
                Description=account.get('AccountDescription') or None)
    client.create_account(uuid, body)
    new = client.wait_account(uuid, params['name'], params['wait_timeout'])
    if operations:
        # Operations is required by the API, so a lone AllCreate cannot be restored without a grant.
        client.call('ModifyDbPrivilege', dict(InstanceUuid=uuid, AccountName=params['name'],
                                              Operations=operations, ExtraPrivilege=extra),
                    instance_id=uuid, idempotent=True)
        new = client.get_account(uuid, params['name'])
    return new


def main(module):
    p = module.params
    client = module.client
    instance = parent_instance(module)
    uuid = instance['InstanceUuid']
    current = client.get_account(uuid, p['name'])
    if p['state'] == 'absent':
        if current is None:
            finish(module, False, {}, {}, account={}, instance_id=uuid)
        if not module.check_mode:
            wait_parent_running(module, instance)
            delete(module, client, uuid)
        finish(module, True, diff_view(current), {}, account={}, instance_id=uuid)

    if current is None:
        if not p['password']:
            module.fail_json(msg='password is required to create account %s' % p['name'])
        planned = dict(AccountName=p['name'], AccountType=TYPES[p['type'] or 'normal'], AccountStatus='processing',
                       AccountDescription=p['description'] or '', ServiceId=uuid, DatabasePrivileges=None)
        if not module.check_mode:
            wait_parent_running(module, instance)
            planned = create(module, client, uuid) or planned
        finish(module, True, {}, diff_view(planned, True), account=to_snake(planned), instance_id=uuid)

    if p['type'] and TYPES[p['type']] != current.get('AccountType'):
        module.fail_json(msg='Account %s is %s; the API cannot change the type to %s (delete it first)'
                         % (p['name'], current.get('AccountType'), TYPES[p['type']]), account=to_snake(current))
    if p['description'] is not None and p['description'] != (current.get('AccountDescription') or ''):
        module.warn('The API cannot change the description of account %s; left as %r'
                    % (p['name'], current.get('AccountDescription')))
    if p['update_password'] == 'always' and p['password']:
        after = current
        if not module.check_mode:
            wait_parent_running(module, instance)
            after = recreate(module, client, uuid, current)
        finish(module, True, diff_view(current), diff_view(after, True), account=to_snake(after), instance_id=uuid)
    if p['wait'] and current.get('AccountStatus') == 'processing':
        current = client.wait_account(uuid, p['name'], p['wait_timeout'])
    finish(module, False, diff_view(current), diff_view(current), account=to_snake(current), instance_id=uuid)


def run():
    spec = dict(
        name=dict(type='str', required=True),
        password=dict(type='str', no_log=True),
        update_password=dict(type='str', default='on_create', choices=['always', 'on_create'], no_log=False),
        type=dict(type='str', choices=['normal', 'super']),
        description=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    instance_ref_module(spec, wait=True).run(main)


if __name__ == '__main__':
    run()
