#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_account_info
short_description: List the database accounts of a GaussDB(for MySQL) instance
version_added: 0.1.0
description:
  - Lists the accounts of an instance, one item per C(name@host), with their comment and the
    databases granted to them (API v3 section 4.10.2, all pages). Passwords cannot be read.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  name:
    description:
      - Only the entries of the account with exactly this name.
    type: str
    aliases: [user]
  host:
    description:
      - Only the entries with exactly this host.
    type: str
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
seealso:
  - module: clouddb.mysql.gaussdb_account
  - module: clouddb.mysql.gaussdb_account_privilege
'''

EXAMPLES = r'''
- name: Every account of an instance
  clouddb.mysql.gaussdb_account_info:
    instance_name: shop-db
  register: accounts

- name: The entries of one account
  clouddb.mysql.gaussdb_account_info:
    instance_name: shop-db
    name: app
  register: app

- name: Databases app@% can write to
  ansible.builtin.debug:
    msg: "{{ app.accounts | selectattr('host', 'equalto', '%') | map(attribute='databases') | flatten
             | rejectattr('readonly') | map(attribute='name') | list }}"
'''

RETURN = r'''
accounts:
  description: The accounts, one item per C(name@host), sorted by name and host.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Account name.
      type: str
      sample: app
    host:
      description: Host the entry may connect from.
      type: str
      sample: '%'
    comment:
      description: Comment.
      type: str
    databases:
      description: Databases granted to the entry, sorted by name.
      type: list
      elements: dict
      contains:
        name:
          description: Database name.
          type: str
        readonly:
          description: Whether the grant is read-only.
          type: bool
instance_id:
  description: Id of the instance.
  returned: always
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import list_accounts
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    instance_id = module.target_instance_id()
    accounts = list_accounts(module.client, instance_id, name=module.params['name'], host=module.params['host'])
    module.finish(False, accounts=accounts, instance_id=instance_id)


def main():
    spec = dict(
        name=dict(type='str', aliases=['user']),
        host=dict(type='str'),
    )
    CloudModule('gaussdb', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
