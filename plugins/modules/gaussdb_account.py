#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_account
short_description: Manage a database account of a GaussDB(for MySQL) instance
version_added: 0.1.0
description:
  - Create a database account (user) at one or more hosts, change its comment or password,
    or delete it (Huawei Cloud GaussDB(for MySQL) / TaurusDB API v3, sections 4.10.1 to 4.10.5).
  - The API keeps one entry per C(name@host); this module manages the entries of one name
    together.
  - Grants are managed by M(clouddb.mysql.gaussdb_account_privilege).
  - Every change runs as an asynchronous job; its id is returned as RV(job_id).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  name:
    description:
      - Account name, 1 to 32 letters, digits or V(_).
    type: str
    required: true
    aliases: [user]
  hosts:
    description:
      - Hosts the account may connect from; V(%) is any host, V(10.10.10.%) any address
        of 10.10.10.0/24.
      - With O(state=present), missing hosts are added (with O(password) and O(comment)).
        Not set means the hosts the account already has, or V(%) for a new account.
      - With O(state=absent), only these hosts are removed; not set means every host.
    type: list
    elements: str
  purge_hosts:
    description:
      - With O(state=present) and O(hosts) set, also delete the entries of hosts not listed
        (their grants go with them).
    type: bool
    default: false
  password:
    description:
      - Password, 8 to 32 characters with at least three of upper-case letters, lower-case letters,
        digits and the special characters C(~!@#$%^*-_=+?,()&); it must differ from the name
        and from the name spelled backwards.
      - Required when a host entry has to be created. Never logged, returned or shown in a diff.
    type: str
  update_password:
    description:
      - V(on_create) sets O(password) only on entries the module creates.
      - V(always) also sets it on existing entries, at every run (the API cannot tell whether
        the password differs, so the task then always reports a change).
    type: str
    choices: [always, on_create]
    default: on_create
  comment:
    description:
      - Comment of the account (of each of its managed hosts), at most 512 characters, without
        line breaks or any of C(!<='>&). Not set means leave it alone; an empty string clears it.
      - The API applies comments only on kernel versions 2.0.13.0 and later.
    type: str
  state:
    description:
      - V(present) creates or updates the account; V(absent) deletes host entries.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - Supports C(check_mode) and C(diff); the diff shows the host entries and their comments, and
    C(password) as a mask when a password would be set.
seealso:
  - module: clouddb.mysql.gaussdb_account_info
  - module: clouddb.mysql.gaussdb_account_privilege
'''

EXAMPLES = r'''
- name: An application account reachable from two subnets
  clouddb.mysql.gaussdb_account:
    instance_name: shop-db
    name: app
    hosts: ['10.0.1.%', '10.0.2.%']
    password: "{{ vault_app_password }}"
    comment: shop application

- name: Rotate its password
  clouddb.mysql.gaussdb_account:
    instance_name: shop-db
    name: app
    password: "{{ vault_new_app_password }}"
    update_password: always

- name: Keep only the first subnet
  clouddb.mysql.gaussdb_account:
    instance_name: shop-db
    name: app
    hosts: ['10.0.1.%']
    purge_hosts: true

- name: Delete the account everywhere
  clouddb.mysql.gaussdb_account:
    instance_name: shop-db
    name: app
    state: absent
'''

RETURN = r'''
account:
  description:
    - The account after the change (the expected state in check mode or with O(wait=false));
      empty when it has no host entry (any more).
  returned: always
  type: dict
  contains:
    name:
      description: Account name.
      type: str
      sample: app
    hosts:
      description: Hosts of the account, sorted.
      type: list
      elements: str
      sample: ['10.0.1.%', '10.0.2.%']
    comment:
      description: The comment, when every host entry has the same one.
      type: str
    entries:
      description: One item per C(name@host), as M(clouddb.mysql.gaussdb_account_info) returns them.
      type: list
      elements: dict
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
          description: Grants of the entry.
          type: list
          elements: dict
instance_id:
  description: Id of the instance.
  returned: always
  type: str
job_id:
  description: Id of the job of the change (a list when there were several).
  returned: when a change was made (not in check mode)
  type: raw
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import MASK, make_diff
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import (
    Changes, MAX_ITEMS, USER_COMMENT_FORBIDDEN, chunked, comment_errors, fail_on, host_errors, instance_module,
    list_accounts, password_errors, recover_when, target_instance_id, user_name_errors,
)


def validate(module):
    params = module.params
    errors = user_name_errors(params['name'])
    for host in params['hosts'] or []:
        errors += host_errors(host)
    errors += password_errors(params['password'], params['name'])
    errors += comment_errors(params['comment'], USER_COMMENT_FORBIDDEN, 'account')
    fail_on(module, errors)


def entries_of(client, instance_id, name):
    return dict((a['host'], a) for a in list_accounts(client, instance_id) if a['name'] == name)


def plan(params, existing):
    """``(create, comment, password, delete)``: hosts per kind of change."""
    wanted = _unique(params['hosts']) if params['hosts'] else None
    if params['state'] == 'absent':
        targets = wanted if wanted is not None else sorted(existing)
        return [], [], [], [h for h in targets if h in existing]
    targets = wanted if wanted is not None else (sorted(existing) or ['%'])
    create = [h for h in targets if h not in existing]
    kept = [h for h in targets if h in existing]
    comment = [h for h in kept if params['comment'] is not None
               and params['comment'] != (existing[h].get('comment') or '')]
    password = kept if params['password'] and params['update_password'] == 'always' else []
    delete = sorted(h for h in existing if h not in targets) if wanted is not None and params['purge_hosts'] else []
    return create, comment, password, delete


def expected(params, existing, create, comment, delete):
    after = dict((h, dict(e)) for h, e in existing.items() if h not in delete)
    for host in comment:
        after[host]['comment'] = params['comment']
    for host in create:
        after[host] = dict(name=params['name'], host=host, comment=params['comment'] or '', databases=[])
    return after


def submit(module, changes, create, comment, password, delete):
    params = module.params
    client = module.client
    name = params['name']
    if create:
        users = []
        for hosts in chunked(create, MAX_ITEMS):
            user = dict(name=name, password=params['password'], hosts=hosts)
            if params['comment']:
                user['comment'] = params['comment']
            users.append(user)

        def created():
            return set(create) <= set(entries_of(client, changes.instance_id, name))
        changes.submit('create_db_users', 'users', users, recover=recover_when(created))
    if comment:
        changes.submit('set_db_user_comment', 'users',
                       [dict(name=name, host=h, comment=params['comment']) for h in comment])
    if password:
        changes.submit('set_db_user_password', 'users',
                       [dict(name=name, host=h, password=params['password']) for h in password])
    if delete:
        changes.submit('delete_db_users', 'users', [dict(name=name, host=h) for h in delete])


def main(module):
    validate(module)
    params = module.params
    instance_id = target_instance_id(module)
    existing = entries_of(module.client, instance_id, params['name'])
    create, comment, password, delete = plan(params, existing)
    if create and not params['password']:
        module.fail_json(msg='password is required to create account %s at %s'
                         % (params['name'], ', '.join(create)))
    changed = bool(create or comment or password or delete)
    changes = Changes(module, instance_id)
    if changed and not module.check_mode:
        submit(module, changes, create, comment, password, delete)
        changes.wait()
    after = expected(params, existing, create, comment, delete)
    if changed and not module.check_mode and params['wait']:
        after = entries_of(module.client, instance_id, params['name'])
    result = dict(changed=changed, instance_id=instance_id, account=account_view(params['name'], after))
    if changes.job_ids:
        result['job_id'] = changes.result_job_id()
    if module._diff:
        before_view = _diff_view(existing)
        after_view = _diff_view(after)
        if create or password:
            # The password is never shown: a mask says that one will be set.
            after_view['password'] = MASK
        result['diff'] = make_diff(before_view, after_view)
    module.exit_json(**result)


def account_view(name, entries):
    if not entries:
        return {}
    comments = set(e.get('comment') or '' for e in entries.values())
    return dict(name=name, hosts=sorted(entries), comment=comments.pop() if len(comments) == 1 else None,
                entries=[entries[h] for h in sorted(entries)])


def _diff_view(entries):
    return dict(hosts=dict((h, dict(comment=e.get('comment') or '')) for h, e in sorted(entries.items())))


def _unique(items):
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def run():
    spec = dict(
        name=dict(type='str', required=True, aliases=['user']),
        hosts=dict(type='list', elements='str'),
        purge_hosts=dict(type='bool', default=False),
        password=dict(type='str', no_log=True),
        update_password=dict(type='str', default='on_create', choices=['always', 'on_create'], no_log=False),
        comment=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    instance_module(spec, wait=True).run(main)


if __name__ == '__main__':
    run()
