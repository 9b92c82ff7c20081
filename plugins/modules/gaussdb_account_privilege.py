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
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - Supports C(check_mode) and C(diff); the diff shows exactly the grants that change.
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

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import make_diff
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import (
    Changes, MAX_ITEMS, apply_privilege_changes, chunked, database_name_errors, duplicate_grant_errors, fail_on,
    grants_to_list, has_changes, host_errors, instance_module, list_accounts, list_databases, normalize_grants,
    privilege_changes, privilege_diff, recover_when, target_instance_id, user_name_errors,
)


def validate(module):
    params = module.params
    errors = user_name_errors(params['user']) + host_errors(params['host'])
    for item in params['databases']:
        errors += database_name_errors(item['name'])
    errors += duplicate_grant_errors(params['databases'])
    if params['exact'] and params['state'] == 'absent':
        errors.append('exact=true only applies to state=present')
    fail_on(module, errors)


def find_entry(client, instance_id, user, host):
    for account in list_accounts(client, instance_id):
        if account['name'] == user and account['host'] == host:
            return account
    return None


class Grants(object):
    """Sends grants and revocations of one ``user@host``, 50 databases per item (the API limit)."""

    def __init__(self, module, instance_id):
        self.module = module
        self.changes = Changes(module, instance_id)
        self.user = module.params['user']
        self.host = module.params['host']

    def grant(self, grants, current_of):
        items = [dict(name=self.user, host=self.host, databases=grants_to_list(dict(part)))
                 for part in chunked(sorted(grants.items()), MAX_ITEMS)]

        def applied():
            return all(current_of().get(db) == ro for db, ro in grants.items())
        self.changes.submit('grant_db_privileges', 'users', items, recover=recover_when(applied))

    def revoke(self, databases):
        items = [dict(name=self.user, host=self.host, databases=part) for part in chunked(sorted(databases), MAX_ITEMS)]
        self.changes.submit('revoke_db_privileges', 'users', items)


def main(module):
    validate(module)
    params = module.params
    client = module.client
    instance_id = target_instance_id(module)
    entry = find_entry(client, instance_id, params['user'], params['host'])
    if entry is None and params['state'] == 'present':
        missing_in_check_mode(module, 'Account %s@%s does not exist on instance %s; create it with '
                              'clouddb.mysql.gaussdb_account' % (params['user'], params['host'], instance_id))
    current = normalize_grants(entry['databases']) if entry else {}
    desired = normalize_grants(params['databases'])
    changes = privilege_changes(current, desired, params['state'], params['exact'])
    if changes['grant']:
        existing = set(d['name'] for d in list_databases(client, instance_id))
        missing = sorted(db for db in changes['grant'] if db not in existing)
        if missing:
            missing_in_check_mode(module, 'Database(s) %s do not exist on instance %s'
                                  % (', '.join(missing), instance_id))

    to_grant = dict(changes['grant'])
    to_grant.update(changes['update'])
    grants = Grants(module, instance_id)
    if has_changes(changes) and not module.check_mode:
        def current_of():
            found = find_entry(client, instance_id, params['user'], params['host'])
            return normalize_grants(found['databases']) if found else {}
        if to_grant:
            grants.grant(to_grant, current_of)
        if changes['revoke']:
            grants.revoke(changes['revoke'])
        grants.changes.wait()
        if changes['update'] and params['wait']:
            fix_kept_flags(grants, changes['update'], current_of)

    after = apply_privilege_changes(current, changes)
    if has_changes(changes) and not module.check_mode and params['wait']:
        entry = find_entry(client, instance_id, params['user'], params['host']) or entry
        after = normalize_grants(entry['databases'])
    account = dict(entry or dict(name=params['user'], host=params['host'], comment=''))
    if entry or after:
        account['databases'] = grants_to_list(after)
    else:
        account = {}
    result = dict(changed=has_changes(changes), instance_id=instance_id, account=account,
                  granted=grants_to_list(to_grant), revoked=changes['revoke'])
    if grants.changes.job_ids:
        result['job_id'] = grants.changes.result_job_id()
    if module._diff:
        before, after_diff = privilege_diff(current, changes)
        name = '%s@%s' % (params['user'], params['host'])
        result['diff'] = make_diff(dict(account=name, databases=before), dict(account=name, databases=after_diff))
    module.exit_json(**result)


def missing_in_check_mode(module, msg):
    """Fail, except in check mode: an earlier task of the same check-mode run may only have pretended
    to create the account or database, and the real run would then succeed."""
    if not module.check_mode:
        module.fail_json(msg=msg)
    module.warn(msg + ' (check mode goes on as if it did)')


def fix_kept_flags(grants, updates, current_of):
    """If granting again did not change a read-only flag, revoke and grant that database only."""
    now = current_of()
    stuck = dict((db, ro) for db, ro in updates.items() if now.get(db) != ro)
    if stuck:
        grants.revoke(sorted(stuck))
        grants.changes.wait()
        grants.grant(stuck, current_of)
        grants.changes.wait()


def run():
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
    instance_module(spec, wait=True).run(main)


if __name__ == '__main__':
    run()
