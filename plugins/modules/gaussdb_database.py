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
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - Supports C(check_mode) and C(diff). In check mode no change is requested; the instance's
    character sets are still read to refuse an unknown one as the real run would.
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

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import as_lower, make_diff
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import (
    Changes, DB_COMMENT_FORBIDDEN, comment_errors, database_name_errors, fail_on, instance_module, list_databases,
    recover_when, target_instance_id,
)


def validate(module):
    params = module.params
    errors = database_name_errors(params['name'])
    errors += comment_errors(params['comment'], DB_COMMENT_FORBIDDEN, 'database')
    fail_on(module, errors)


def find(client, instance_id, name):
    found = list_databases(client, instance_id, name=name)
    return found[0] if found else None


def create(module, client, instance_id, changes):
    params = module.params
    if not params['character_set']:
        module.fail_json(msg='character_set is required to create database %r' % params['name'])
    charsets = client.call('list_charsets', instance_id=instance_id).get('charsets') or []
    if as_lower(params['character_set']) not in [as_lower(c) for c in charsets]:
        module.fail_json(msg='character_set %r is not offered by the instance; choose one of %s'
                         % (params['character_set'], ', '.join(charsets)))
    item = dict(name=params['name'], character_set=params['character_set'])
    if params['comment']:
        item['comment'] = params['comment']
    wanted = dict(name=params['name'], charset=params['character_set'], comment=params['comment'] or '', users=[])
    if not module.check_mode:
        changes.submit('create_databases', 'databases', [item],
                       recover=recover_when(lambda: find(client, instance_id, params['name'])))
    return wanted


def main(module):
    validate(module)
    params = module.params
    client = module.client
    instance_id = target_instance_id(module)
    changes = Changes(module, instance_id)
    current = find(client, instance_id, params['name'])
    result = dict(changed=False, instance_id=instance_id)

    if params['state'] == 'absent':
        after = {}
        if current:
            result['changed'] = True
            if not module.check_mode:
                changes.submit('delete_databases', 'databases', [params['name']])
    elif current is None:
        result['changed'] = True
        after = create(module, client, instance_id, changes)
    else:
        if params['character_set'] and as_lower(params['character_set']) != as_lower(current['charset']):
            module.fail_json(msg='Database %r has character set %s; the API cannot change it to %s'
                             % (params['name'], current['charset'], params['character_set']),
                             database=current, instance_id=instance_id)
        after = dict(current)
        if params['comment'] is not None and params['comment'] != (current.get('comment') or ''):
            result['changed'] = True
            after['comment'] = params['comment']
            if not module.check_mode:
                changes.submit('set_database_comment', 'databases',
                               [dict(name=params['name'], comment=params['comment'])])

    changes.wait()
    if changes.job_ids:
        result['job_id'] = changes.result_job_id()
    if result['changed'] and not module.check_mode and params['wait'] and params['state'] == 'present':
        after = find(client, instance_id, params['name']) or after
    result['database'] = after
    if module._diff:
        result['diff'] = make_diff(_diff_view(current), _diff_view(after))
    module.exit_json(**result)


def _diff_view(database):
    if not database:
        return {}
    return dict((k, database.get(k)) for k in ('name', 'charset', 'comment'))


def run():
    spec = dict(
        name=dict(type='str', required=True),
        character_set=dict(type='str', aliases=['charset']),
        comment=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    instance_module(spec, wait=True).run(main)


if __name__ == '__main__':
    run()
