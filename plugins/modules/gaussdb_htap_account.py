#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_htap_account
short_description: Manage a database account of an HTAP (StarRocks or ClickHouse) instance
version_added: 0.1.0
description:
  - Create a database account of a StarRocks (seed sections 4.15.20-4.15.24) or ClickHouse
    (4.16.1, 4.16.19-4.16.22) instance, change its databases and permissions or its password, or delete it.
  - These calls answer at once (no job), so there is nothing to wait for.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  name:
    description:
      - Account name, 2 to 32 lower-case letters, digits or V(_), starting with a letter and ending with a
        letter or digit.
    type: str
    required: true
  password:
    description:
      - Password, 8 to 32 characters with three of upper-case letters, lower-case letters, digits and
        C(~!@#%^*-_=+?,); not the account name nor the name spelled backwards. Required to create.
      - The API cannot read a password back; see O(update_password).
    type: str
  update_password:
    description:
      - V(on_create) sets the password only when the account is created (idempotent).
      - V(always) also sets it on an existing account, on every run (so the task always reports a change).
    type: str
    choices: [always, on_create]
    default: on_create
  databases:
    description:
      - Databases of the HTAP instance the account may use; V(*) means all. Required to create.
      - Compared as a set; given on an existing account, it replaces the account's list.
    type: list
    elements: str
  dml:
    description:
      - DML permission. StarRocks V(0) read-write, V(1) read-only, V(2) read-only and settings (API default),
        V(3) read-write and settings; ClickHouse V(1) read-only, V(2) read and settings (API default).
    type: int
  ddl:
    description:
      - StarRocks only. DDL permission, V(0) none (API default) or V(1).
    type: int
  state:
    description:
      - V(present) or V(absent).
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_htap_ref
notes:
  - A password the run sets shows in the diff as a mask on the after side only (it cannot be read back).
seealso:
  - module: clouddb.mysql.gaussdb_htap_instance
  - module: clouddb.mysql.gaussdb_htap_sync
'''

EXAMPLES = r'''
- name: A read-only StarRocks account for reports
  clouddb.mysql.gaussdb_htap_account:
    instance_name: shop-db
    engine: starrocks
    htap_instance_name: shop-sr
    name: report_reader
    password: "{{ vault_report_password }}"
    databases: [shop_sr]
    dml: 1

- name: Rotate a ClickHouse account's password
  clouddb.mysql.gaussdb_htap_account:
    engine: clickhouse
    htap_instance_id: 2cdec02d8c4a4c88aecae08684dd8076in16
    name: bi_user
    password: "{{ vault_bi_password }}"
    update_password: always
'''

RETURN = r'''
account:
  description: The account as the API lists it (empty when it does not exist); in check mode, what is expected.
  returned: always
  type: dict
  contains:
    user_name:
      description: Account name.
      type: str
    databases:
      description: Databases granted, sorted.
      type: list
      elements: str
    dml:
      description: DML permission.
      type: int
    ddl:
      description: DDL permission.
      type: int
htap_instance_id:
  description: Id of the HTAP instance.
  returned: always
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_htap import (
    HTAP_REF_ARGUMENT_SPEC, HTAP_REF_KWARGS, account_errors, account_view, find_account, plan_account, target_htap,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(account_errors(params))
    htap_id = target_htap(module, params['engine'])
    current = find_account(module.client, params['engine'], htap_id, params['name'])
    plan = plan_account(params, htap_id, current)
    plan.apply(module)
    account = plan.after
    if plan.changed and account and not module.check_mode:
        account = find_account(module.client, params['engine'], htap_id, params['name']) or account
    module.finish(plan.changed, account_view(plan.before), plan.after,
                  account=account_view(account), htap_instance_id=htap_id)


def main():
    spec = dict(
        name=dict(type='str', required=True),
        password=dict(type='str', no_log=True),
        update_password=dict(type='str', default='on_create', choices=['always', 'on_create'], no_log=False),
        databases=dict(type='list', elements='str'),
        dml=dict(type='int'),
        ddl=dict(type='int'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    spec.update(HTAP_REF_ARGUMENT_SPEC)
    CloudModule('gaussdb', spec, **HTAP_REF_KWARGS).run(run)


if __name__ == '__main__':
    main()
