#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_database_info
short_description: List the databases of a GaussDB(for MySQL) instance and its character sets
version_added: 0.1.0
description:
  - Lists the databases of an instance with their character set, comment and the accounts
    granted each of them (API v3 section 4.11.4, all pages).
  - With O(charsets=true), also lists the character sets a new database can use (section 4.11.1).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  name:
    description:
      - Only the database with exactly this name.
    type: str
  charset:
    description:
      - Only the databases with this character set (filtered by the API).
    type: str
  charsets:
    description:
      - Also return RV(charsets), the character sets available for new databases.
    type: bool
    default: false
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
seealso:
  - module: clouddb.mysql.gaussdb_database
'''

EXAMPLES = r'''
- name: All databases of an instance
  clouddb.mysql.gaussdb_database_info:
    instance_name: shop-db
  register: dbs

- name: One database, and the character sets on offer
  clouddb.mysql.gaussdb_database_info:
    instance_name: shop-db
    name: orders
    charsets: true
  register: orders

- name: Show whether it exists
  ansible.builtin.debug:
    msg: "{{ orders.databases | length == 1 }} / {{ orders.charsets | join(', ') }}"
'''

RETURN = r'''
databases:
  description: The databases, sorted by name.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Database name.
      type: str
      sample: orders
    charset:
      description: Character set.
      type: str
      sample: utf8mb4
    comment:
      description: Comment.
      type: str
    users:
      description: Accounts granted the database.
      type: list
      elements: dict
      contains:
        name:
          description: Account name.
          type: str
        host:
          description: Host of the account.
          type: str
        readonly:
          description: Whether the grant is read-only.
          type: bool
charsets:
  description: Character sets available for new databases.
  returned: when O(charsets=true)
  type: list
  elements: str
  sample: [utf8mb4, gbk]
instance_id:
  description: Id of the instance.
  returned: always
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import list_charsets, list_databases
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    instance_id = module.target_instance_id()
    result = dict(instance_id=instance_id,
                  databases=list_databases(module.client, instance_id, name=params['name'], charset=params['charset']))
    if params['charsets']:
        result['charsets'] = list_charsets(module.client, instance_id)
    module.finish(False, **result)


def main():
    spec = dict(
        name=dict(type='str'),
        charset=dict(type='str'),
        charsets=dict(type='bool', default=False),
    )
    CloudModule('gaussdb', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
