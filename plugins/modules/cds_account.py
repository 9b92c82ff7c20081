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
  - clouddb.mysql.attributes
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
  - clouddb.mysql.cds_wait
notes:
  - A password that a run sets shows in the diff as C(********), on the after side only.
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
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_account import (
    account_view, description_warning, get_account, plan_account, settle_account,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_instance import apply_when_running
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    instance = module.target_instance()
    uuid = instance['InstanceUuid']
    current = get_account(module.client, uuid, params['name'])
    plan = plan_account(module.client, uuid, params, current)
    warning = description_warning(params, current)
    if warning:
        module.warn(warning)
    apply_when_running(module, plan, instance)
    account = settle_account(module, uuid, params['name'], plan)
    sets_password = plan.changed and params['state'] == 'present'
    module.finish(plan.changed, account_view(plan.before), account_view(plan.after, sets_password),
                  account=to_snake(account), instance_id=uuid)


def main():
    spec = dict(
        name=dict(type='str', required=True),
        password=dict(type='str', no_log=True),
        update_password=dict(type='str', default='on_create', choices=['always', 'on_create'], no_log=False),
        type=dict(type='str', choices=['normal', 'super']),
        description=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    CloudModule('cds', spec, wait=True, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
