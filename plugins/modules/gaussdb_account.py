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
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - The diff shows the host entries and their comments, and C(password) as a mask when a password
    would be set.
  - Creating a host entry without O(password) fails before any change is requested.
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

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import (
    account_diff_view, account_entries, account_errors, account_view, plan_account,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(account_errors(params))
    instance_id = module.target_instance_id()
    entries = account_entries(module.client, instance_id, params['name'])
    plan = plan_account(module.client, instance_id, params, entries)
    plan.apply(module)
    after = plan.after.get('hosts') or {}
    if plan.changed and not module.check_mode and module.jobs.wait:
        after = account_entries(module.client, instance_id, params['name'])
    module.finish(plan.changed, account_diff_view(plan.before), account_diff_view(plan.after),
                  account=account_view(params['name'], after), instance_id=instance_id)


def main():
    spec = dict(
        name=dict(type='str', required=True, aliases=['user']),
        hosts=dict(type='list', elements='str'),
        purge_hosts=dict(type='bool', default=False),
        password=dict(type='str', no_log=True),
        update_password=dict(type='str', default='on_create', choices=['always', 'on_create'], no_log=False),
        comment=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    CloudModule('gaussdb', spec, wait=True, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
