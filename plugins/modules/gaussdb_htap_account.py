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
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_htap_ref
notes:
  - Supports C(check_mode) and C(diff) (passwords only as a mask).
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

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_htap as htap
from ansible_collections.clouddb.mysql.plugins.module_utils.diff import make_diff
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import target_instance_id
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def validate(module):
    p = module.params
    errors = htap.account_name_errors(p['name'])
    errors += htap.password_errors(p['password'], htap.ACCOUNT_PASSWORD_SPECIALS, p['name'])
    low, high = htap.DML[p['engine']]
    if p['dml'] is not None and not low <= p['dml'] <= high:
        errors.append('dml of %s must be %d to %d' % (p['engine'], low, high))
    if p['engine'] == 'clickhouse':
        errors += htap.engine_only_errors(p, 'clickhouse', ['ddl'])
    elif p['ddl'] is not None and p['ddl'] not in (0, 1):
        errors.append('ddl must be 0 or 1')
    if p['databases'] is not None and (not p['databases'] or any(not d for d in p['databases'])):
        errors.append('databases must list at least one database name')
    htap.fail_on(module, errors)


def main(module):
    validate(module)
    p = module.params
    engine = p['engine']
    client = module.client
    owner_id = target_instance_id(module) if (p['instance_id'] or p['instance_name']) else None
    htap_id = htap.target_htap(module, owner_id)
    ops = htap.OPS[engine]
    current = htap.find_account(client, engine, htap_id, p['name'])
    result = dict(changed=False, htap_instance_id=htap_id)
    after = current
    password_changed = False

    if p['state'] == 'absent':
        if current:
            result['changed'], after = True, {}
            if not module.check_mode:
                if engine == 'starrocks':
                    client.call(ops['delete_user'], params={'user_name': p['name']}, instance_id=htap_id)
                else:
                    client.call(ops['delete_user'], instance_id=htap_id, user_name=p['name'])
    elif current is None:
        missing = [opt for opt in ('password', 'databases') if not p[opt]]
        if missing:
            module.fail_json(msg='To create account %r these options are required: %s' % (p['name'], ', '.join(missing)))
        body = dict(user_name=p['name'], password=p['password'], databases=p['databases'])
        for opt in ('dml', 'ddl'):
            if p[opt] is not None:
                body[opt] = p[opt]
        result['changed'] = True
        after = dict(user_name=p['name'], databases=sorted(set(p['databases'])),
                     dml=p['dml'] if p['dml'] is not None else 2, ddl=p['ddl'] or 0)
        if not module.check_mode:
            client.call(ops['create_user'], body=body, instance_id=htap_id)
            after = htap.find_account(client, engine, htap_id, p['name']) or after
    else:
        after = dict(current)
        wanted = dict(databases=sorted(set(p['databases'])) if p['databases'] is not None else None,
                      dml=p['dml'], ddl=p['ddl'])
        changed = dict((k, v) for k, v in wanted.items() if v is not None and v != current.get(k))
        if changed:
            after.update(changed)
            result['changed'] = True
            if not module.check_mode:
                # 4.16.22 requires databases and dml; 4.15.24 takes what changes. Both get the full set.
                body = dict(user_name=p['name'], databases=after['databases'], dml=after['dml'])
                if engine == 'starrocks':
                    body['ddl'] = after['ddl']
                client.call(ops['permission'], body=body, instance_id=htap_id)
        if p['password'] and p['update_password'] == 'always':
            result['changed'] = password_changed = True
            if not module.check_mode:
                client.call(ops['password'], body=dict(user_name=p['name'], password=p['password']), instance_id=htap_id)
        if result['changed'] and not module.check_mode:
            after = htap.find_account(client, engine, htap_id, p['name']) or after

    if module._diff:
        before, shown = dict(current or {}), dict(after or {})
        if password_changed:
            # Both sides masked: the diff shows that the password is set, never what it is.
            before['password'], shown['password'] = 'old', 'new'
        result['diff'] = make_diff(before, shown)
    result['account'] = after or {}
    module.exit_json(**result)


def run():
    spec = dict(
        engine=dict(type='str', required=True, choices=['starrocks', 'clickhouse']),
        htap_instance_id=dict(type='str'),
        htap_instance_name=dict(type='str'),
        instance_id=dict(type='str'),
        instance_name=dict(type='str'),
        name=dict(type='str', required=True),
        password=dict(type='str', no_log=True),
        update_password=dict(type='str', default='on_create', choices=['always', 'on_create'], no_log=False),
        databases=dict(type='list', elements='str'),
        dml=dict(type='int'),
        ddl=dict(type='int'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    module = CloudModule('gaussdb', spec, mutually_exclusive=[('instance_id', 'instance_name'),
                                                              ('htap_instance_id', 'htap_instance_name')],
                         required_one_of=[('htap_instance_id', 'htap_instance_name')])
    module.run(main)


if __name__ == '__main__':
    run()
