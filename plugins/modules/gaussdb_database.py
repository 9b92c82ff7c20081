#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_database
short_description: Manage a database of a GaussDB(for MySQL) instance
version_added: 0.1.0
description:
  - Create a database with a character set and a comment, change its comment, or delete it
    (Huawei Cloud GaussDB(for MySQL) / TaurusDB API v3, sections 4.11.2, 4.11.3 and 4.11.5).
  - Grants of databases to accounts are managed by M(clouddb.mysql.gaussdb_account_privilege).
  - Every change runs as an asynchronous job; its id is returned as RV(job_id).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  name:
    description:
      - Database name, 1 to 64 letters, digits, V(_) or V(-), with at most 10 V(-).
    type: str
    required: true
  character_set:
    description:
      - Character set of a new database, one of those the instance offers
        (M(clouddb.mysql.gaussdb_database_info) with O(clouddb.mysql.gaussdb_database_info#module:charsets=true)
        lists them), for example V(utf8mb4) or V(gbk).
      - Required to create the database. The API cannot change the character set of an existing
        database, so the module fails when it differs instead of dropping and re-creating the database.
      - Compared case-insensitively.
    type: str
    aliases: [charset]
  comment:
    description:
      - Database comment, at most 512 characters, without line breaks or any of C(!<"='>&).
      - Not set means leave the comment alone; an empty string clears it.
    type: str
  state:
    description:
      - V(present) creates the database or updates its comment; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - In check mode no change is requested; the instance's character sets are still read to refuse
    an unknown one as the real run would.
  - Deleting a database also drops every grant on it.
seealso:
  - module: clouddb.mysql.gaussdb_database_info
  - module: clouddb.mysql.gaussdb_account_privilege
'''

EXAMPLES = r'''
- name: Create a database
  clouddb.mysql.gaussdb_database:
    instance_name: shop-db
    name: orders
    character_set: utf8mb4
    comment: order history

- name: Change its comment only
  clouddb.mysql.gaussdb_database:
    instance_name: shop-db
    name: orders
    comment: order history since 2024

- name: Delete it
  clouddb.mysql.gaussdb_database:
    instance_id: a23fb62bd61e4e9e9636fd2225f395bein07
    name: orders
    state: absent
'''

RETURN = r'''
database:
  description:
    - The database as M(clouddb.mysql.gaussdb_database_info) returns it; after a change run with
      O(wait=false), the expected state. Empty when it does not exist (any more).
  returned: always
  type: dict
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
      sample: order history
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
instance_id:
  description: Id of the instance.
  returned: always
  type: str
  sample: a23fb62bd61e4e9e9636fd2225f395bein07
job_id:
  description: Id of the job of the change (a list when there were several).
  returned: when a change was made (not in check mode)
  type: raw
  sample: dff1d289-4d03-4942-8b9f-463ea07c000d
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import (
    database_errors, database_view, find_database, plan_database,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(database_errors(params))
    instance_id = module.target_instance_id()
    current = find_database(module.client, instance_id, params['name'])
    plan = plan_database(module.client, instance_id, params, current)
    plan.apply(module)
    database = plan.after
    if plan.changed and database and not module.check_mode and module.jobs.wait:
        database = find_database(module.client, instance_id, params['name']) or database
    module.finish(plan.changed, database_view(plan.before), database_view(plan.after),
                  database=database, instance_id=instance_id)


def main():
    spec = dict(
        name=dict(type='str', required=True),
        character_set=dict(type='str', aliases=['charset']),
        comment=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    CloudModule('gaussdb', spec, wait=True, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
