#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_backup_info
short_description: List the backups of a CDS cloud MySQL instance
version_added: 0.1.0
description:
  - Lists the automatic and manual backups of an instance (C(DescribeBackups), one call).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  id:
    description: Only the backup with this id.
    type: str
    aliases: [backup_id]
  mode:
    description: Only automatic (V(auto)) or manual (V(manual)) backups.
    type: str
    choices: [auto, manual]
  description:
    description: Only backups with exactly this description.
    type: str
    aliases: [desc]
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
seealso:
  - module: clouddb.mysql.cds_backup
  - module: clouddb.mysql.cds_backup_download
'''

EXAMPLES = r'''
- name: Finished backups of shop-db
  clouddb.mysql.cds_backup_info:
    instance_name: shop-db
  register: result

- name: The newest one
  ansible.builtin.set_fact:
    newest: "{{ result.backups | selectattr('status', 'equalto', 'finished') | sort(attribute='start_time') | last }}"
'''

RETURN = r'''
backups:
  description: The backups, newest first, the API's fields in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    backup_id:
      description: Backup id.
      type: str
    status:
      description: C(finished) when usable.
      type: str
    backup_type:
      description: C(physical-backup) or C(logical-backup).
      type: str
    backup_mode:
      description: C(auto) or C(manual).
      type: str
    backup_strategy:
      description: C(instance) or C(db).
      type: str
    backup_size:
      description: Size in bytes (an integer, whatever type the API used).
      type: int
    desc:
      description: Description.
      type: str
    start_time:
      description: Start time (China Standard Time).
      type: str
    end_time:
      description: End time.
      type: str
instance_id:
  description: Uuid of the instance.
  returned: always
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds_backup import (
    backup_result, filter_backups, list_backups,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    uuid = module.target_instance()['InstanceUuid']
    backups = filter_backups(list_backups(module.client, uuid), module.params)
    module.finish(False, backups=[backup_result(b) for b in backups], instance_id=uuid)


def main():
    spec = dict(
        id=dict(type='str', aliases=['backup_id']),
        mode=dict(type='str', choices=['auto', 'manual']),
        description=dict(type='str', aliases=['desc']),
    )
    CloudModule('cds', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
