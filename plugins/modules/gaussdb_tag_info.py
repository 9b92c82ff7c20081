#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_tag_info
short_description: Read the tags of the GaussDB(for MySQL) project or of one instance
version_added: 1.0.0
description:
  - Without an instance, returns every tag key used by the project's instances with its values
    (Huawei Cloud GaussDB(for MySQL) / TaurusDB API v3 section 4.9.2).
  - With O(instance_id) or O(instance_name), returns the tags of that instance (4.9.1).
  - Both lists are read page by page (100 tags a page) and returned sorted by key.
  - Tags are changed with the O(clouddb.mysql.gaussdb_instance#module:tags) option of
    M(clouddb.mysql.gaussdb_instance).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  instance_id:
    description:
      - Id of the instance whose tags to read, used as given.
    type: str
  instance_name:
    description:
      - Exact name of the instance whose tags to read, looked up with one list request (an unknown or
        ambiguous name fails, listing the candidates' ids).
    type: str
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
seealso:
  - module: clouddb.mysql.gaussdb_instance
  - module: clouddb.mysql.gaussdb_instance_info
'''

EXAMPLES = r'''
- name: Every tag key of the project with its values
  clouddb.mysql.gaussdb_tag_info:
  register: project_tags

- name: The owners in use
  ansible.builtin.debug:
    msg: "{{ (project_tags.tags | selectattr('key', 'equalto', 'owner') | first)['values'] }}"

- name: The tags of one instance, as a dictionary
  clouddb.mysql.gaussdb_tag_info:
    instance_name: orders-db
  register: instance_tags

- name: Show them
  ansible.builtin.debug:
    msg: "{{ instance_tags.tags | items2dict }}"
'''

RETURN = r'''
tags:
  description:
    - Without an instance, each tag key of the project with its values (4.9.2).
    - With an instance, each of its tags with its value (4.9.1).
  returned: always
  type: list
  elements: dict
  contains:
    key:
      description: Tag key.
      type: str
    values:
      description: The values the key has on the project's instances, sorted.
      type: list
      elements: str
      returned: without an instance
    value:
      description: Tag value.
      type: str
      returned: with an instance
  sample:
    - key: owner
      values: [ops, qa]
instance_id:
  description: Id of the instance.
  returned: when O(instance_id) or O(instance_name) is set
  type: str
  sample: a23fb62bd61e4e9e9636fd2225f395bein07
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_project import instance_tags, project_tags
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    if not (module.params['instance_id'] or module.params['instance_name']):
        module.finish(False, tags=project_tags(module.client))
        return
    instance_id = module.target_instance_id()
    module.finish(False, tags=instance_tags(module.client, instance_id), instance_id=instance_id)


def main():
    spec = dict(
        instance_id=dict(type='str'),
        instance_name=dict(type='str'),
    )
    CloudModule('gaussdb', spec, mutually_exclusive=[('instance_id', 'instance_name')]).run(run)


if __name__ == '__main__':
    main()
