#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: gaussdb_htap_instance
short_description: Manage an HTAP (StarRocks or ClickHouse) instance of a GaussDB(for MySQL) instance
version_added: 0.1.0
description:
  - Create, restart or delete an HTAP analytics instance that belongs to a GaussDB(for MySQL) instance,
    StarRocks, the standard edition (seed sections 4.15.3-4.15.7), or ClickHouse, the lightweight
    edition (4.16.14-4.16.18), and grow a ClickHouse volume (4.16.17) or change its flavor (4.16.28).
  - The HTAP instance is known by its O(name) among the O(engine) instances of the GaussDB instance
    (4.15.12). Names may repeat in the API; the module fails when several instances carry the name.
  - The API has no call to change a StarRocks instance's flavors, node counts or volumes, nor a
    ClickHouse instance's deployment mode or volume type; the module fails when they differ instead
    of re-creating the instance.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  engine:
    description:
      - V(starrocks) (standard edition) or V(clickhouse) (lightweight edition).
    type: str
    required: true
    choices: [starrocks, clickhouse]
  name:
    description:
      - Name of the HTAP instance, 4 to 64 letters, digits, V(-) or V(_), starting with a letter.
    type: str
    required: true
  engine_version:
    description:
      - Major version of the engine (V(3.1) for StarRocks, V(1) for ClickHouse), used at creation.
      - Defaults to the first version the API offers (4.15.9).
    type: str
  ha_mode:
    description:
      - Deployment mode at creation. StarRocks V(Single) or V(Cluster); ClickHouse V(Single) or V(Ha)
        (a master and a slave).
      - Defaults to V(Single) at creation; not compared on an existing instance when not set.
    type: str
    choices: [Single, Cluster, Ha]
  flavor:
    description:
      - ClickHouse only. Flavor id or spec code (for example V(gaussdb.ch.xlarge.x86.4)); required to create.
      - A different flavor of an existing instance is changed (4.16.28).
    type: str
  fe_flavor:
    description:
      - StarRocks only. Flavor id or spec code of the FE nodes (for example V(gaussdb.sr-fe.xlarge.x86.4)).
    type: str
  be_flavor:
    description:
      - StarRocks only. Flavor id or spec code of the BE nodes (for example V(gaussdb.sr-be.xlarge.x86.4)).
    type: str
  fe_count:
    description:
      - StarRocks only. Number of FE nodes; 1 in V(Single) mode, 3 to 10 in V(Cluster) mode.
      - Defaults to 1 (V(Single)) or 3 (V(Cluster)).
    type: int
  be_count:
    description:
      - StarRocks only. Number of BE nodes; 1 in V(Single) mode, 3 to 10 in V(Cluster) mode.
      - Defaults to 1 (V(Single)) or 3 (V(Cluster)).
    type: int
  volume_type:
    description:
      - Disk type; V(SSD) (ultra-high I/O, at least 50 GB) or V(ESSD) (extreme SSD, at least 40 GB).
      - Defaults to V(SSD) at creation; not compared on an existing instance when not set.
    type: str
    choices: [SSD, ESSD]
  volume_size:
    description:
      - ClickHouse only. Volume size in GB, up to 32000; required to create.
      - A larger size grows the volume of an existing instance (4.16.17); volumes cannot shrink.
    type: int
  fe_volume_size:
    description:
      - StarRocks only. FE volume size in GB, 50 to 1000 in steps of 10. Default 50.
    type: int
  be_volume_size:
    description:
      - StarRocks only. BE volume size in GB, 50 to 32000 in steps of 10. Default 50.
    type: int
  password:
    description:
      - Password of the HTAP instance's C(root) account, required to create; 8 to 32 characters with three of
        upper-case letters, lower-case letters, digits and C(~!@#$%^*-_=+?,()&).
      - Only used at creation (the API cannot read it back); change it later with M(clouddb.mysql.gaussdb_htap_account).
    type: str
  availability_zone:
    description:
      - Availability zone code, required to create. For ClickHouse V(Ha) with O(az_mode=double), two codes
        separated by a comma.
    type: str
  az_mode:
    description:
      - V(single) or, for ClickHouse V(Ha) only, V(double).
    type: str
    choices: [single, double]
    default: single
  time_zone:
    description:
      - Time zone at creation, for example V(UTC+08:00); the API's default otherwise.
    type: str
  enterprise_project_id:
    description:
      - Enterprise project at creation (system tag C(_sys_enterprise_project_id)).
    type: str
    default: '0'
  node_id:
    description:
      - StarRocks only, with O(state=restarted). Restart this node (4.15.7) instead of the whole instance.
    type: str
  state:
    description:
      - V(present) creates the instance or changes what the API can change; V(absent) deletes it;
        V(restarted) makes sure it exists, then restarts it (always a change).
    type: str
    choices: [present, absent, restarted]
    default: present
extends_documentation_fragment:
  - clouddb.mysql.attributes
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - In check mode nothing is requested but the lookups and, before a StarRocks instance is created, the API's
    resource check.
  - Before a StarRocks instance is created, in check mode and in the real run, the API checks the resources
    (4.15.8) for it in the GaussDB instance's subnet (one read of the GaussDB instance, one check request); a
    check that does not pass fails before anything is created, naming the GaussDB instance's count of HTAP
    instances when it is at the limit of 4.15.12. A creation is a 5-minute job that would otherwise fail late
    and leave a failed instance to delete. The reference has no resource check for ClickHouse.
  - Waits poll the instance status of the HTAP list (4.15.12) until it is C(normal). A change waits for the
    one before it even with O(wait=false), since the instance takes one change at a time.
seealso:
  - module: clouddb.mysql.gaussdb_htap_instance_info
  - module: clouddb.mysql.gaussdb_htap_account
  - module: clouddb.mysql.gaussdb_htap_sync
'''

EXAMPLES = r'''
- name: A single-node StarRocks instance beside a GaussDB instance
  clouddb.mysql.gaussdb_htap_instance:
    instance_name: shop-db
    engine: starrocks
    name: shop-sr
    fe_flavor: gaussdb.sr-fe.xlarge.x86.4
    be_flavor: gaussdb.sr-be.xlarge.x86.4
    be_volume_size: 100
    availability_zone: cn-north-4a
    password: "{{ vault_htap_root_password }}"

- name: A ClickHouse instance, later grown to 200 GB
  clouddb.mysql.gaussdb_htap_instance:
    instance_name: shop-db
    engine: clickhouse
    name: shop-ch
    flavor: gaussdb.ch.xlarge.x86.4
    volume_size: 200
    availability_zone: cn-north-4a
    password: "{{ vault_htap_root_password }}"

- name: Restart one StarRocks node
  clouddb.mysql.gaussdb_htap_instance:
    instance_name: shop-db
    engine: starrocks
    name: shop-sr
    node_id: 21f14a5974a540f2afb541eaf6e90107no17
    state: restarted

- name: Delete the ClickHouse instance
  clouddb.mysql.gaussdb_htap_instance:
    instance_name: shop-db
    engine: clickhouse
    name: shop-ch
    state: absent
'''

RETURN = r'''
htap_instance:
  description:
    - The managed fields of the HTAP instance (empty when it does not exist any more), and in C(details) the
      API's full details (4.15.4 or 4.16.16). In check mode or with O(wait=false), what is expected.
  returned: always
  type: dict
  contains:
    id:
      description: HTAP instance id.
      type: str
      sample: b6280c323ce449f2ad02af74e21f3dc5in17
    name:
      description: Name.
      type: str
    engine:
      description: V(starrocks) or V(clickhouse).
      type: str
    status:
      description: Status, C(normal) when idle.
      type: str
    ha_mode:
      description: Deployment mode.
      type: str
    flavor:
      description: ClickHouse flavor id (C(fe_flavor), C(be_flavor) for StarRocks).
      type: str
    volume_size:
      description: ClickHouse volume size in GB (C(fe_volume_size), C(be_volume_size) for StarRocks).
      type: int
    details:
      description: The API's details of the instance.
      type: dict
instance_id:
  description: Id of the GaussDB instance.
  returned: always
  type: str
job_id:
  description: Id of the job (or workflow) of the change; a list when there were several.
  returned: when a change was made (not in check mode)
  type: raw
  sample: cf0b7506-1505-450f-9d95-ce9d93b6b5c3
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_htap import (
    find_htap, instance_diff_view, instance_errors, instance_view, plan_instance, show,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    engine = params['engine']
    module.check_input(instance_errors(params))
    owner_id = module.target_instance_id()
    found = find_htap(module.client, owner_id, engine, params['name'])
    detail = show(module.client, engine, owner_id, found['id']) if found else None
    plan = plan_instance(module.client, owner_id, params, found, detail)
    plan.apply(module)
    htap_instance = plan.after
    if plan.changed and htap_instance and not module.check_mode and module.jobs.wait:
        detail = show(module.client, engine, owner_id, htap_instance['id'])
        htap_instance = instance_view(engine, detail)
    if htap_instance and detail:
        htap_instance['details'] = detail
    module.finish(plan.changed, instance_diff_view(plan.before), instance_diff_view(plan.after),
                  htap_instance=htap_instance, instance_id=owner_id)


def main():
    spec = dict(
        engine=dict(type='str', required=True, choices=['starrocks', 'clickhouse']),
        name=dict(type='str', required=True),
        engine_version=dict(type='str'),
        ha_mode=dict(type='str', choices=['Single', 'Cluster', 'Ha']),
        flavor=dict(type='str'),
        fe_flavor=dict(type='str'),
        be_flavor=dict(type='str'),
        fe_count=dict(type='int'),
        be_count=dict(type='int'),
        volume_type=dict(type='str', choices=['SSD', 'ESSD']),
        volume_size=dict(type='int'),
        fe_volume_size=dict(type='int'),
        be_volume_size=dict(type='int'),
        password=dict(type='str', no_log=True),
        availability_zone=dict(type='str'),
        az_mode=dict(type='str', default='single', choices=['single', 'double']),
        time_zone=dict(type='str'),
        enterprise_project_id=dict(type='str', default='0'),
        node_id=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent', 'restarted']),
    )
    CloudModule('gaussdb', spec, wait=True, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
