#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_account_privilege
short_description: Grant databases of a GaussDB(for MySQL) instance to an account
version_added: 0.1.0
description:
  - Grants databases to an account entry C(user@host), read-only or read-write, and revokes them
    (Huawei Cloud GaussDB(for MySQL) / TaurusDB API v3, sections 4.10.6 and 4.10.7).
  - Idempotent, only the grants that differ are sent. A grant whose read-only flag changes is
    granted again with the new flag, never revoked first (see O(databases)).
  - The semantics follow community.mysql's M(community.mysql.mysql_user) O(community.mysql.mysql_user#module:priv)
    and O(community.mysql.mysql_user#module:append_privs) -
    O(exact=false) is C(append_privs=true), O(exact=true) is C(append_privs=false).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  user:
    description:
      - Account name. The account entry C(user@host) must exist (M(clouddb.mysql.gaussdb_account)).
    type: str
    required: true
    aliases: [name]
  host:
    description:
      - Host of the account entry.
    type: str
    default: '%'
  databases:
    description:
      - Databases to grant (O(state=present)) or revoke (O(state=absent)).
      - When only the read-only flag of an existing grant differs, the module grants the database
        again with the new flag (the API grants per database with its flag). If the server kept the
        old flag (the seed does not say that a grant replaces an existing one), the module then
        revokes and grants that one database; this needs O(wait=true) to be checked.
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description: Database name.
        type: str
        required: true
      readonly:
        description: V(true) for read-only access, V(false) for read-write. Ignored with O(state=absent).
        type: bool
        default: false
  exact:
    description:
      - With V(true) the listed grants become the complete set of the entry; every other database
        granted to it is revoked (C(append_privs=false) in community.mysql).
      - With V(false) databases not listed are left alone (C(append_privs=true)).
      - Only with O(state=present).
    type: bool
    default: false
  state:
    description:
      - V(present) grants the listed databases; V(absent) revokes them.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - The diff shows exactly the grants that change.
  - Granting a database the instance does not have, or to an account entry that does not exist,
    fails before any change is requested; in check mode it is only a warning, because an earlier
    task of the same check-mode run may have only pretended to create them.
seealso:
  - module: clouddb.mysql.gaussdb_account
  - module: clouddb.mysql.gaussdb_account_info
'''

EXAMPLES = r'''
- name: Read-write on orders, read-only on reports; other grants stay
  clouddb.mysql.gaussdb_account_privilege:
    instance_name: shop-db
    user: app
    host: '10.0.1.%'
    databases:
      - name: orders
      - name: reports
        readonly: true

- name: Exactly these grants, revoke everything else
  clouddb.mysql.gaussdb_account_privilege:
    instance_name: shop-db
    user: app
    host: '10.0.1.%'
    exact: true
    databases:
      - name: orders

- name: Revoke reports
  clouddb.mysql.gaussdb_account_privilege:
    instance_name: shop-db
    user: app
    host: '10.0.1.%'
    databases:
      - name: reports
    state: absent
'''

RETURN = r'''
account:
  description: The account entry with its grants after the change (expected state in check mode or with O(wait=false)).
  returned: always
  type: dict
  contains:
    name:
      description: Account name.
      type: str
    host:
      description: Host.
      type: str
    comment:
      description: Comment.
      type: str
    databases:
      description: Grants, sorted by database name.
      type: list
      elements: dict
      contains:
        name:
          description: Database name.
          type: str
        readonly:
          description: Whether the grant is read-only.
          type: bool
granted:
  description: Grants sent (new ones and those whose read-only flag changed).
  returned: always
  type: list
  elements: dict
  sample: [{name: orders, readonly: false}]
revoked:
  description: Databases revoked.
  returned: always
  type: list
  elements: str
  sample: [reports]
instance_id:
  description: Id of the instance.
  returned: always
  type: str
job_id:
  description: Id of the job of the change (a list when there were several).
  returned: when a change was made (not in check mode)
  type: raw
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import (
    find_account, grant_diff, granted, grants_to_list, normalize_grants, plan_privileges, privilege_changes,
    privilege_errors,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(privilege_errors(params))
    instance_id = module.target_instance_id()
    entry = find_account(module.client, instance_id, params['user'], params['host'])
    current = normalize_grants(entry['databases']) if entry else {}
    changes = privilege_changes(current, normalize_grants(params['databases']), params['state'], params['exact'])
    plan = plan_privileges(module, instance_id, entry, changes)
    plan.apply(module)
    grants = plan.after
    if plan.changed and not module.check_mode and module.jobs.wait:
        entry = find_account(module.client, instance_id, params['user'], params['host']) or entry
        grants = normalize_grants(entry['databases'])
    account = dict(entry or dict(name=params['user'], host=params['host'], comment=''), databases=grants_to_list(grants))
    name = '%s@%s' % (params['user'], params['host'])
    before, after = grant_diff(plan.before, plan.after)
    module.finish(plan.changed, dict(account=name, databases=before), dict(account=name, databases=after),
                  account=account if entry or grants else {}, granted=grants_to_list(granted(changes)),
                  revoked=changes['revoke'], instance_id=instance_id)


def main():
    spec = dict(
        user=dict(type='str', required=True, aliases=['name']),
        host=dict(type='str', default='%'),
        databases=dict(type='list', elements='dict', required=True, options=dict(
            name=dict(type='str', required=True),
            readonly=dict(type='bool', default=False),
        )),
        exact=dict(type='bool', default=False),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    CloudModule('gaussdb', spec, wait=True, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
