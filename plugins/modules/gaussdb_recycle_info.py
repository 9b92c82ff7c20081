#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_recycle_info
short_description: List the deleted GaussDB(for MySQL) instances in the recycle bin
version_added: 1.0.0
description:
  - Lists the deleted instances kept in the recycle bin of the project (Huawei Cloud GaussDB(for MySQL) /
    TaurusDB API v3 section 4.3.36), 100 a page, each with the id of its recycle backup
    (RV(instances[].recycle_backup_id)).
  - B(Bringing an instance back.) A recycled instance is restored as a B(new) instance from its recycle
    backup - create it with M(clouddb.mysql.gaussdb_instance) and
    O(clouddb.mysql.gaussdb_instance#module:restore_point) set to the recycled instance's RV(instances[].id)
    as C(source_instance_id) and its RV(instances[].recycle_backup_id) as C(backup_id) (4.3.1). The new
    instance starts with the databases, accounts and grants the instance had when it was deleted; it gets
    a new id, and its name, flavor and network are those given to M(clouddb.mysql.gaussdb_instance). See
    the examples.
  - How long instances stay in the bin is set with M(clouddb.mysql.gaussdb_recycle_policy).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  id:
    description: Only the recycled instance with this id (filtered as the list is read; the API has no filter).
    type: str
    aliases: [instance_id]
  name:
    description:
      - Only recycled instances with this exact name (names may repeat - the bin can hold several
        generations of an instance, newest first).
    type: str
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
notes:
  - A point-in-time restore (C(restore_time)) and M(clouddb.mysql.gaussdb_restore) (restore into an existing
    instance) need a source instance that still exists; a recycled instance is restored from its recycle
    backup only.
seealso:
  - module: clouddb.mysql.gaussdb_recycle_policy
  - module: clouddb.mysql.gaussdb_instance
'''

EXAMPLES = r'''
- name: Find the deleted instance in the recycle bin
  clouddb.mysql.gaussdb_recycle_info:
    name: orders-db
  register: recycled

- name: Bring it back as a new instance from its recycle backup
  clouddb.mysql.gaussdb_instance:
    name: orders-db
    flavor: gaussdb.mysql.xlarge.x86.4
    vpc_id: "{{ vpc_id }}"
    subnet_id: "{{ subnet_id }}"
    security_group_id: "{{ security_group_id }}"
    password: "{{ root_password }}"
    restore_point:
      source_instance_id: "{{ recycled.instances[0].id }}"
      backup_id: "{{ recycled.instances[0].recycle_backup_id }}"
  when: recycled.instances | length > 0
'''

RETURN = r'''
instances:
  description: The deleted instances in the recycle bin, newest first.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Id the instance had.
      type: str
    name:
      description: Name the instance had.
      type: str
    recycle_backup_id:
      description: Id of the backup the instance can be restored from as a new instance.
      type: str
    recycle_status:
      description: Status in the recycle bin, for example C(Active).
      type: str
    deleted_at:
      description: Deletion time, UNIX milliseconds.
      type: int
    create_at:
      description: Creation time, UNIX milliseconds.
      type: int
    ha_mode:
      description: Instance type.
      type: str
    engine_name:
      description: Engine name.
      type: str
    engine_version:
      description: Engine version.
      type: str
    pay_model:
      description: Billing mode (C(0) pay-per-use, C(1) yearly/monthly).
      type: str
    volume_type:
      description: Disk type.
      type: str
    volume_size:
      description: Disk size.
      type: str
    data_vip:
      description: Data-plane IPv4 address.
      type: str
    data_vip_ipv6:
      description: Data-plane IPv6 address.
      type: str
    enterprise_project_id:
      description: Enterprise project id.
      type: str
    enterprise_project_name:
      description: Enterprise project name.
      type: str
    backup_level:
      description: Backup level.
      type: str
  sample:
    - id: 090e539b45e047ee9cc17750b321ef7ein07
      name: orders-db
      engine_name: taurus
      engine_version: 2.0.51.240300
      deleted_at: 1712659228276
      recycle_backup_id: c62e218ccd6c49098baa925453c65e29br07
      recycle_status: Active
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_project import recycled_instances
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.finish(False, instances=recycled_instances(module.client, params['id'], params['name']))


def main():
    spec = dict(
        id=dict(type='str', aliases=['instance_id']),
        name=dict(type='str'),
    )
    CloudModule('gaussdb', spec).run(run)


if __name__ == '__main__':
    main()
