#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_auto_scaling
short_description: Manage the auto-scaling policy of a GaussDB(for MySQL) instance
version_added: 1.0.0
description:
  - Switches automatic scaling of a GaussDB(for MySQL) (TaurusDB) instance on or off and sets its policy. When
    the average CPU usage over a monitoring cycle reaches a threshold, the service moves the instance to a bigger
    flavor and/or adds read-only nodes (Huawei Cloud GaussDB(for MySQL) API v3, sections 4.3.28 and 4.3.29).
  - The policy is read first (section 4.3.29); only the options that are set are compared, and the others keep
    their current values (the API takes the whole policy, so the module sends the current values with the
    changed ones). A run that changes nothing sends no write.
  - Switching auto-scaling off clears the policy (the API then reports no values), so the policy options can
    only be given with O(enabled=true).
  - The change is synchronous (no job).
  - The history of automatic changes is read by M(clouddb.mysql.gaussdb_auto_scaling_info).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  enabled:
    description:
      - Whether auto-scaling is on (the API's C(status) V(ON)/V(OFF)). Not set keeps the current state.
      - Switching it on needs O(monitor_cycle), O(silence_cycle), O(enlarge_threshold) and O(reduce_enabled), unless
        the policy is on already and has them.
    type: bool
    aliases: [status]
  flavor_switch:
    description:
      - Whether the flavor is scaled (the API's C(scaling_strategy.flavor_switch)); needs O(max_flavor).
      - V(false) when auto-scaling is switched on without it.
    type: bool
  read_only_switch:
    description:
      - Whether read-only nodes are added and removed (C(scaling_strategy.read_only_switch)); needs
        O(max_read_only_count) and O(read_only_weight), and the instance must have exactly one database proxy
        (M(clouddb.mysql.gaussdb_proxy)).
      - V(false) when auto-scaling is switched on without it.
    type: bool
  monitor_cycle:
    description: Monitoring window in seconds; the instance scales up when the average CPU usage over it reaches O(enlarge_threshold).
    type: int
    choices: [300, 600, 900, 1800]
  silence_cycle:
    description: Minimum time in seconds between two automatic scale-ups or scale-downs.
    type: int
    choices: [300, 600, 1800, 3600, 7200, 10800, 86400, 604800]
  enlarge_threshold:
    description: Average CPU usage, in percent (50 to 100), that triggers a scale-up.
    type: int
  max_flavor:
    description:
      - Biggest flavor (spec code) the instance may be scaled to, of the same CPU architecture as its flavor, for
        example C(gaussdb.mysql.4xlarge.x86.4). Compared case-insensitively.
    type: str
  reduce_enabled:
    description: Whether the instance is also scaled back down automatically.
    type: bool
  max_read_only_count:
    description: Most read-only nodes (2 to 15, more than the instance has).
    type: int
  read_only_weight:
    description: Read weight (0 to 1000) of the read-only nodes added automatically, in the proxy's read/write splitting.
    type: int
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
notes:
  - The API marks auto-scaling as a public beta that must be enabled for the account by a service ticket.
  - The service refuses a change while another change of the instance runs; the module waits for the instance
    to be idle and tries again.
seealso:
  - module: clouddb.mysql.gaussdb_auto_scaling_info
  - module: clouddb.mysql.gaussdb_serverless_policy
'''

EXAMPLES = r'''
- name: Scale the flavor up to 4xlarge when the CPU is above 70 % for 10 minutes
  clouddb.mysql.gaussdb_auto_scaling:
    instance_name: orders-db
    enabled: true
    flavor_switch: true
    max_flavor: gaussdb.mysql.4xlarge.x86.4
    monitor_cycle: 600
    silence_cycle: 1800
    enlarge_threshold: 70
    reduce_enabled: true

- name: Later, only change the threshold (the rest of the policy stays)
  clouddb.mysql.gaussdb_auto_scaling:
    instance_name: orders-db
    enlarge_threshold: 80

- name: Switch it off
  clouddb.mysql.gaussdb_auto_scaling:
    instance_name: orders-db
    enabled: false
'''

RETURN = r'''
auto_scaling_policy:
  description:
    - The policy as section 4.3.29 reports it, after the change (in check mode, as read before).
  returned: always
  type: dict
  contains:
    id:
      description: Id of the policy; null while auto-scaling is off.
      type: str
    instance_id:
      description: Id of the instance.
      type: str
    instance_name:
      description: Name of the instance.
      type: str
    status:
      description: V(ON) or V(OFF).
      type: str
    monitor_cycle:
      description: Monitoring window, seconds.
      type: int
    silence_cycle:
      description: Minimum time between two changes, seconds.
      type: int
    enlarge_threshold:
      description: CPU usage (percent) that triggers a scale-up.
      type: int
    max_flavor:
      description: Biggest flavor.
      type: str
    min_flavor:
      description: Smallest flavor a scale-down may reach.
      type: str
    reduce_enabled:
      description: Whether the instance is scaled back down.
      type: bool
    silence_start_at:
      description: End of the last automatic change.
      type: str
    scaling_strategy:
      description: The switches, C(flavor_switch) and C(read_only_switch), V(ON) or V(OFF) (empty while off).
      type: dict
    max_read_only_count:
      description: Most read-only nodes.
      type: int
    min_read_only_count:
      description: Fewest read-only nodes.
      type: int
    read_only_weight:
      description: Read weight of the nodes added.
      type: int
  sample:
    id: 26d8e193-1ea0-4adb-89d0-d1343399d0e7
    instance_id: 41ff7519e22d44eea6066615fa5b17c7in07
    instance_name: orders-db
    status: "ON"
    monitor_cycle: 600
    silence_cycle: 1800
    enlarge_threshold: 70
    max_flavor: gaussdb.mysql.4xlarge.x86.4
    reduce_enabled: true
    min_flavor: gaussdb.mysql.medium.x86.4
    silence_start_at: ""
    scaling_strategy: {flavor_switch: "ON", read_only_switch: "OFF"}
    max_read_only_count: null
    min_read_only_count: null
    read_only_weight: null
instance_id:
  description: Id of the instance.
  returned: always
  type: str
  sample: 41ff7519e22d44eea6066615fa5b17c7in07
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_scaling import (
    MONITOR_CYCLES, SILENCE_CYCLES, auto_scaling_errors, plan_auto_scaling, read_auto_scaling,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(auto_scaling_errors(params))
    instance_id = module.target_instance_id()
    policy = read_auto_scaling(module.client, instance_id)
    plan = plan_auto_scaling(instance_id, params, policy)
    plan.apply(module)
    if plan.changed and not module.check_mode:
        policy = read_auto_scaling(module.client, instance_id)
    module.finish(plan.changed, plan.before, plan.after, auto_scaling_policy=policy, instance_id=instance_id)


def main():
    spec = dict(
        enabled=dict(type='bool', aliases=['status']),
        flavor_switch=dict(type='bool'),
        read_only_switch=dict(type='bool'),
        monitor_cycle=dict(type='int', choices=list(MONITOR_CYCLES)),
        silence_cycle=dict(type='int', choices=list(SILENCE_CYCLES)),
        enlarge_threshold=dict(type='int'),
        max_flavor=dict(type='str'),
        reduce_enabled=dict(type='bool'),
        max_read_only_count=dict(type='int'),
        read_only_weight=dict(type='int'),
    )
    CloudModule('gaussdb', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
