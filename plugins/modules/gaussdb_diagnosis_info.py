#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_diagnosis_info
short_description: Read the intelligent diagnosis of GaussDB(for MySQL) instances
version_added: 0.1.0
description:
  - Return, for each metric of the intelligent diagnosis, how many instances of the project are abnormal
    (Huawei Cloud GaussDB(for MySQL) / TaurusDB API v3, section 4.14.1) and which ones, with their primary
    node (4.14.2).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  metric_name:
    description:
      - Only this metric, for example V(high_pressure), V(insufficient_capacity), V(slow_sql_frequency),
        V(mem_overrun) or V(connections_exceed).
    type: str
  instances:
    description:
      - Also list the abnormal instances of each metric that has any (one paginated request per such metric).
    type: bool
    default: true
extends_documentation_fragment:
  - clouddb.mysql.attributes.INFO_MODULE
  - clouddb.mysql.huawei_auth
seealso:
  - module: clouddb.mysql.gaussdb_instance_info
'''

EXAMPLES = r'''
- name: Diagnose every instance of the project
  clouddb.mysql.gaussdb_diagnosis_info:
  register: diagnosis

- name: Fail when an instance runs out of memory
  ansible.builtin.assert:
    that: (diagnosis.metrics | selectattr('metric_name', 'equalto', 'mem_overrun') | first).count == 0

- name: Instances under high pressure
  clouddb.mysql.gaussdb_diagnosis_info:
    metric_name: high_pressure
'''

RETURN = r'''
metrics:
  description: One entry per metric, in the API's order.
  returned: always
  type: list
  elements: dict
  contains:
    metric_name:
      description: Metric.
      type: str
      sample: high_pressure
    count:
      description: Abnormal instances.
      type: int
      sample: 2
    instances:
      description: The abnormal instances (with O(instances=true)).
      type: list
      elements: dict
      contains:
        instance_id:
          description: Id of the instance.
          type: str
          sample: 6206d5be05914703938ff9dfe5c07d34in07
        master_node_id:
          description: Id of its primary node.
          type: str
          sample: 7fe925aa8bab4cc9bac3990a94386c29no07
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_ops import read_diagnosis
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    module.finish(False, metrics=read_diagnosis(module.client, module.params['metric_name'],
                                                module.params['instances']))


def main():
    spec = dict(
        metric_name=dict(type='str'),
        instances=dict(type='bool', default=True),
    )
    CloudModule('gaussdb', spec).run(run)


if __name__ == '__main__':
    main()
