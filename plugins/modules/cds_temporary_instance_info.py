#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_temporary_instance_info
short_description: List the temporary (restored) instances of a CDS cloud MySQL instance
version_added: 0.1.0
description:
  - Lists the temporary instances of a primary with their status and creation progress
    (C(DescribeTemporaryDBInstances)), optionally the restore window (C(DescribeRollbackRangeTime)).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  name:
    description: Only temporary instances with exactly this name.
    type: str
  id:
    description: Only the temporary instance with this id.
    type: str
    aliases: [temporary_instance_id]
  restore_window:
    description: Also return the point-in-time restore window of the primary.
    type: bool
    default: false
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
seealso:
  - module: clouddb.mysql.cds_temporary_instance
'''

EXAMPLES = r'''
- name: Progress of the restores of shop-db
  clouddb.mysql.cds_temporary_instance_info:
    instance_name: shop-db
    restore_window: true
  register: restores

- name: Show progress
  ansible.builtin.debug:
    msg: "{{ restores.temporary_instances | map(attribute='progress') | list }}"
'''

RETURN = r'''
temporary_instances:
  description: The temporary instances, the API's fields in snake_case.
  returned: always
  type: list
  elements: dict
  contains:
    temporary_instance_uuid:
      description: Id, used to promote or delete it.
      type: str
    temporary_instance_name:
      description: Name.
      type: str
    status:
      description: C(CREATING), then C(RUNNING).
      type: str
    progress:
      description: Creation progress, 0 to 100 (an integer).
      type: int
    select_recovery_time:
      description: The point in time restored.
      type: str
    create_time:
      description: When the restore started.
      type: str
    ip:
      description: Address, empty while creating.
      type: str
    port:
      description: Port, empty while creating.
      type: str
restore_window:
  description: The restore window, C(left_border_time) and C(right_border_time).
  returned: when O(restore_window=true)
  type: dict
instance_id:
  description: Uuid of the primary instance.
  returned: always
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import to_snake, with_progress
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_temporary import (
    filter_temporary, list_temporary, restore_window,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    uuid = module.target_instance()['InstanceUuid']
    items = filter_temporary(list_temporary(module.client, uuid), params)
    result = dict(temporary_instances=[with_progress(t) for t in items], instance_id=uuid)
    if params['restore_window']:
        result['restore_window'] = to_snake(restore_window(module.client, uuid))
    module.finish(False, **result)


def main():
    spec = dict(
        name=dict(type='str'),
        id=dict(type='str', aliases=['temporary_instance_id']),
        restore_window=dict(type='bool', default=False),
    )
    CloudModule('cds', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
