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
  - clouddb.mysql.attributes
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
  - clouddb.mysql.cds_wait
notes:
  - Every grant request carries the account's global CREATE privilege (O(all_create), or its current
    value when O(all_create) is not set), as the API documents C(false) as the default of an absent value.
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
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_account import (
    apply_privileges, normal_account, plan_privileges, privilege_errors, privileges_view,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(privilege_errors(params))
    uuid = module.target_instance()['InstanceUuid']
    account = normal_account(module.client, uuid, params['account'])
    plan = plan_privileges(module.client, uuid, params, account)
    account = apply_privileges(module, uuid, plan, account)
    view = plan.after if module.check_mode else privileges_view(account)
    module.finish(plan.changed, plan.before, plan.after, privileges=view['privileges'], all_create=view['all_create'],
                  account=to_snake(account), instance_id=uuid)


def main():
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
    CloudModule('cds', spec, wait=True, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
