#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_instance_upgrade
short_description: Upgrade the kernel minor version of a GaussDB(for MySQL) instance
version_added: 1.0.0
description:
  - Brings the database kernel of a GaussDB(for MySQL) (TaurusDB) instance to the latest minor version
    (Huawei Cloud GaussDB(for MySQL) API v3, section 4.3.15), immediately or in the instance's maintenance
    window.
  - The current and the latest kernel versions, and whether an upgrade is possible, are read first (section
    4.3.27). An instance already on the desired version is left alone, so the module is idempotent.
  - The API has no target version; an upgrade always moves to the latest kernel version. An exact
    O(kernel_version) that is neither the current nor the latest one fails before any change.
  - An immediate upgrade runs as an asynchronous job that restarts the instance; its id is returned as
    RV(job_id) and it is waited for with O(wait=true).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  kernel_version:
    description:
      - V(latest), or the full kernel version the instance should run, for example V(2.0.51.240300).
      - An exact version is reached only if it is the current one (nothing to do) or the latest one (an upgrade).
    type: str
    default: latest
  delay:
    description:
      - V(false) upgrades now. V(true) schedules the upgrade for the instance's maintenance window
        (see O(clouddb.mysql.gaussdb_instance#module:maintenance_window)).
      - A scheduled upgrade is a task of the task center that the module does not wait for; its id is returned
        as RV(job_id). While it is pending, the instance still runs the old version and a new run with
        O(delay=true) finds the pending task and changes nothing (one more request, section 4.13.3).
    type: bool
    default: false
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - In check mode the version is read and nothing is sent; RV(target_version) and the diff say which version the
    instance would move to.
  - The diff of a scheduled upgrade shows the version the instance will run after the maintenance window.
  - The API refuses the upgrade when it reports C(upgrade_flag) false (for example an abnormal instance); the module
    then fails with that reason before any change.
seealso:
  - module: clouddb.mysql.gaussdb_instance
  - module: clouddb.mysql.gaussdb_job_info
'''

EXAMPLES = r'''
- name: Upgrade to the latest kernel now and wait for it
  clouddb.mysql.gaussdb_instance_upgrade:
    instance_name: orders-db

- name: Only if the instance does not already run this version (it must be the latest one)
  clouddb.mysql.gaussdb_instance_upgrade:
    instance_id: a23fb62bd61e4e9e9636fd2225f395bein07
    kernel_version: 2.0.51.240300

- name: Upgrade in the next maintenance window
  clouddb.mysql.gaussdb_instance_upgrade:
    instance_name: orders-db
    delay: true
  register: scheduled

- name: Which version would a run move to?
  clouddb.mysql.gaussdb_instance_upgrade:
    instance_name: orders-db
  check_mode: true
  register: plan
'''

RETURN = r'''
database_version:
  description:
    - The versions of the instance as section 4.3.27 reports them, read again after a change that was waited for.
  returned: always
  type: dict
  contains:
    datastore:
      description: Versions.
      type: dict
      contains:
        current_version:
          description: Engine version, for example C(8.0.22).
          type: str
        current_kernel_version:
          description: Kernel version the instance runs.
          type: str
        latest_version:
          description: Latest engine version.
          type: str
        latest_kernel_version:
          description: Latest kernel version.
          type: str
    upgrade_flag:
      description: Whether the instance can be upgraded.
      type: bool
  sample:
    datastore: {current_version: 8.0.22, current_kernel_version: 2.0.28.18, latest_version: 8.0.22,
                latest_kernel_version: 2.0.51.240300}
    upgrade_flag: true
current_version:
  description: Kernel version the instance ran when the module started.
  returned: always
  type: str
  sample: 2.0.28.18
target_version:
  description: Kernel version the run moves the instance to (the current one when nothing changes).
  returned: always
  type: str
  sample: 2.0.51.240300
scheduled:
  description: Whether an upgrade is scheduled for the maintenance window (this run's, or one already pending).
  returned: always
  type: bool
  sample: false
instance_id:
  description: Id of the instance.
  returned: always
  type: str
  sample: a23fb62bd61e4e9e9636fd2225f395bein07
job_id:
  description:
    - Id of the upgrade job; for a scheduled upgrade, of the task that will run in the maintenance window.
  returned: when an upgrade was requested (not in check mode)
  type: str
  sample: e0fbbfc8-1ac4-4721-b9e9-7dd685c5bdd7
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_scaling import (
    current_kernel, plan_upgrade, read_kernel_version, upgrade_errors, upgrade_target,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(upgrade_errors(params))
    instance_id = module.target_instance_id()
    version = read_kernel_version(module.client, instance_id)
    found = {}
    plan = plan_upgrade(module.client, instance_id, params, version, found)
    plan.apply(module)
    current = version
    if plan.changed and not module.check_mode and not params['delay'] and module.jobs.wait:
        current = read_kernel_version(module.client, instance_id)
    scheduled = bool(params['delay'] and (plan.changed or found.get('scheduled')))
    module.finish(plan.changed, plan.before, plan.after, database_version=current, instance_id=instance_id,
                  current_version=current_kernel(version), target_version=upgrade_target(params, version),
                  scheduled=scheduled)


def main():
    spec = dict(
        kernel_version=dict(type='str', default='latest'),
        delay=dict(type='bool', default=False),
    )
    CloudModule('gaussdb', spec, wait=True, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
