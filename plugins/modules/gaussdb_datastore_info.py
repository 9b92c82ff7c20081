#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_datastore_info
short_description: List the engine versions of Huawei Cloud GaussDB(for MySQL)
version_added: 0.1.0
description:
  - Reads the database engine versions a new instance can be created with (API 4.1.1).
author:
  - clouddb.mysql contributors (@clouddb)
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
options:
  engine:
    description: Database engine (case-insensitive); the API knows only C(gaussdb-mysql).
    type: str
    default: gaussdb-mysql
  version:
    description: Keep only the versions whose major version (C(name)) is this, for example C(8.0).
    type: str
seealso:
  - module: clouddb.mysql.gaussdb_flavor_info
  - module: clouddb.mysql.gaussdb_instance
'''

EXAMPLES = r'''
- name: Engine versions
  clouddb.mysql.gaussdb_datastore_info:
  register: versions

- name: Newest kernel of 8.0
  ansible.builtin.debug:
    msg: "{{ versions.datastores | selectattr('name', '==', '8.0') | map(attribute='kernel_version') | last }}"
'''

RETURN = r'''
datastores:
  description: The engine versions, as the API lists them.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Version id.
      type: str
    name:
      description: Major version, as O(clouddb.mysql.gaussdb_instance#module:engine_version) takes it.
      type: str
    version:
      description: Compatible open-source MySQL version (three parts).
      type: str
    kernel_version:
      description: Full kernel version (four parts), as O(clouddb.mysql.gaussdb_instance#module:kernel_version) takes it.
      type: str
  sample:
    - {id: 87620726-6802-46c0-9028-a8785e1f1921, name: "8.0", version: 8.0.22, kernel_version: 2.0.28.18}
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops import list_datastores
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    module.finish(False, datastores=list_datastores(module.client, module.params['engine'], module.params['version']))


def main():
    spec = dict(
        engine=dict(type='str', default='gaussdb-mysql'),
        version=dict(type='str'),
    )
    CloudModule('gaussdb', spec).run(run)


if __name__ == '__main__':
    main()
