#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_account_privilege
short_description: Grant or revoke per-database privileges of a CDS cloud MySQL account
version_added: 0.1.0
description:
  - Grants a normal account a privilege type per database (C(ModifyDbPrivilege)) and revokes
    grants (C(DeleteDbPrivilege)), comparing with what C(DescribeDBAccount) reports, so repeated
    runs change nothing.
  - The databases must exist; the OpenAPI cannot create databases (use SQL, for example
    community.mysql, with the Super account).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  account:
    description: Name of a normal account.
    type: str
    required: true
    aliases: [account_name]
  privileges:
    description:
      - Databases and the privilege type on each.
      - With O(state=absent) only the database names matter.
    type: list
    elements: dict
    default: []
    suboptions:
      database:
        description: Database name.
        type: str
        required: true
        aliases: [db, db_name]
      privilege:
        description:
          - V(ReadWrite), V(DMLOnly), V(ReadOnly) or V(DDLOnly) (the MySQL grants of each are listed by
            M(clouddb.mysql.cds_catalog_info) with O(clouddb.mysql.cds_catalog_info#module:privileges=true)).
          - Required with O(state=present).
        type: str
        choices: [ReadWrite, DMLOnly, ReadOnly, DDLOnly]
  purge:
    description:
      - With O(state=present), also revoke the grants on databases not listed in O(privileges).
    type: bool
    default: false
  all_create:
    description:
      - The global CREATE privilege (C(ExtraPrivilege.AllCreate)). Not set means leave it alone.
      - The API sets it together with a grant, so changing it needs at least one entry in O(privileges).
    type: bool
  state:
    description:
      - V(present) grants the listed privileges (changing the type where it differs);
        V(absent) revokes every grant on the listed databases.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
  - clouddb.mysql.cds_wait
notes:
  - Supports C(check_mode) and C(diff).
seealso:
  - module: clouddb.mysql.cds_account
'''

EXAMPLES = r'''
- name: The application writes its own database and reads the reports
  clouddb.mysql.cds_account_privilege:
    instance_name: shop-db
    account: shop_app
    privileges:
      - {database: shop, privilege: ReadWrite}
      - {database: reports, privilege: ReadOnly}

- name: Exactly these grants, nothing else
  clouddb.mysql.cds_account_privilege:
    instance_name: shop-db
    account: shop_app
    privileges:
      - {database: shop, privilege: ReadWrite}
    purge: true

- name: Revoke reports
  clouddb.mysql.cds_account_privilege:
    instance_name: shop-db
    account: shop_app
    privileges:
      - {database: reports}
    state: absent
'''

RETURN = r'''
privileges:
  description: The account's grants after the change, database name to privilege type.
  returned: always
  type: dict
  sample: {shop: ReadWrite, reports: ReadOnly}
all_create:
  description: Whether the account has the global CREATE privilege.
  returned: always
  type: bool
account:
  description: The account as C(DescribeDBAccount) lists it, in snake_case.
  returned: always
  type: dict
instance_id:
  description: Uuid of the instance.
  returned: always
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import to_snake
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_resources import (
    finish, instance_ref_module, parent_instance, recover_if,
)


def grants_of(account):
    return dict((d.get('DBName'), d.get('AccountPrivilegeType')) for d in account.get('DatabasePrivileges') or [])


def all_create_of(account):
    return str((account.get('ExtraPrivilege') or {}).get('AllCreate', 'false')).lower() == 'true'


def wanted(module):
    p = module.params
    result = {}
    for item in p['privileges']:
        name = (item['database'] or '').strip()
        if not name:
            module.fail_json(msg='privileges entries need a database name')
        if p['state'] == 'present' and not item.get('privilege'):
            module.fail_json(msg='privileges entry %s needs a privilege' % name)
        if name in result and result[name] != item.get('privilege'):
            module.fail_json(msg='database %s is listed twice with different privileges' % name)
        result[name] = item.get('privilege')
    return result


def plan(module, current, extra):
    p = module.params
    want = wanted(module)
    if p['state'] == 'absent':
        return {}, sorted(d for d in want if d in current), None
    grant = dict((d, v) for d, v in want.items() if current.get(d) != v)
    revoke = sorted(d for d in current if d not in want) if p['purge'] else []
    set_extra = p['all_create'] if p['all_create'] is not None and p['all_create'] != extra else None
    if set_extra is not None and not want:
        module.fail_json(msg='all_create can only change together with at least one entry in privileges')
    if set_extra is not None and not grant:
        # The API changes AllCreate only within ModifyDbPrivilege: re-send one unchanged grant with it.
        first = sorted(want)[0]
        grant[first] = want[first]
    return grant, revoke, set_extra


def main(module):
    p = module.params
    client = module.client
    uuid = parent_instance(module)['InstanceUuid']
    account = client.get_account(uuid, p['account'])
    if account is None:
        module.fail_json(msg='Account %s does not exist on instance %s' % (p['account'], uuid))
    if account.get('AccountType') != 'Normal':
        module.fail_json(msg='Account %s is a %s account; per-database privileges apply to normal accounts'
                         % (p['account'], account.get('AccountType')))
    current, extra = grants_of(account), all_create_of(account)
    grant, revoke, set_extra = plan(module, current, extra)
    after = dict((d, v) for d, v in current.items() if d not in revoke)
    after.update(grant)
    after_extra = extra if set_extra is None else set_extra
    changed = bool(grant or revoke)
    if changed and not module.check_mode:
        if account.get('AccountStatus') == 'processing' and p['wait']:
            client.wait_account(uuid, p['account'], p['wait_timeout'])
        if revoke:
            client.call('DeleteDbPrivilege', dict(InstanceUuid=uuid, AccountName=p['account'], DBNames=revoke),
                        instance_id=uuid, recover=recover_if(
                            lambda: not set(revoke) & set(grants_of(client.get_account(uuid, p['account']) or {}))))
        if grant:
            body = dict(InstanceUuid=uuid, AccountName=p['account'],
                        Operations=[dict(DBName=d, Privilege=v) for d, v in sorted(grant.items())])
            if set_extra is not None:
                body['ExtraPrivilege'] = dict(AllCreate='true' if set_extra else 'false')
            # Granting is an upsert: sending it again after a lost answer is harmless.
            client.call('ModifyDbPrivilege', body, instance_id=uuid, idempotent=True)
        account = client.get_account(uuid, p['account']) or account
        after, after_extra = grants_of(account), all_create_of(account)
    finish(module, changed, dict(privileges=current, all_create=extra), dict(privileges=after, all_create=after_extra),
           privileges=after, all_create=after_extra, account=to_snake(account), instance_id=uuid)


def run():
    spec = dict(
        account=dict(type='str', required=True, aliases=['account_name']),
        privileges=dict(type='list', elements='dict', default=[], options=dict(
            database=dict(type='str', required=True, aliases=['db', 'db_name']),
            privilege=dict(type='str', choices=['ReadWrite', 'DMLOnly', 'ReadOnly', 'DDLOnly']),
        )),
        purge=dict(type='bool', default=False),
        all_create=dict(type='bool'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    instance_ref_module(spec, wait=True).run(main)


if __name__ == '__main__':
    run()
