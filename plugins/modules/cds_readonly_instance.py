#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_readonly_instance
short_description: Create, resize or delete a read-only instance of a CDS cloud MySQL instance
version_added: 0.1.0
description:
  - Creates a read-only instance of a high-availability primary (C(CreateReadOnlyDBInstance)),
    changes its CPU and RAM, or deletes it.
  - The API answers a create without an id; the module finds the new read-only instance in the
    primary's C(RoGroups) (the entry with the name that was not there before) and waits for it.
  - Read-only instances are read through their primary (C(DescribeDBInstances)); see
    M(clouddb.mysql.cds_instance_info).
author:
  - clouddb.mysql contributors (@clouddb)
options:
  name:
    description:
      - Name of the read-only instance (C(ServiceName)). Identifies it among the primary's read-only
        instances when O(id) is not given; the module fails when several have this name.
      - Required to create one.
    type: str
  id:
    description: Id (C(ServiceId)) of an existing read-only instance.
    type: str
    aliases: [readonly_id, service_id]
  state:
    description:
      - V(present) creates the read-only instance or changes its CPU and RAM; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  cpu:
    description:
      - CPU cores; with O(ram) selects a read-only spec (C(DescribeAvailableReadOnlyConfig)), which
        must not be smaller than the primary's.
      - Default for a new read-only instance is the smallest read-only spec at least as large as the primary.
    type: int
  ram:
    description: Memory in GB.
    type: int
  spec_id:
    description: Read-only spec id (C(PaasGoodsId)) instead of O(cpu) and O(ram).
    type: int
  disk_type:
    description: Disk type of a new read-only instance, for example V(ssd_disk) (the default).
    type: str
  disk_size:
    description:
      - Disk size in GB of a new read-only instance, not below the primary's (the default).
      - Not compared afterwards (the API does not report read-only disk sizes).
    type: int
  port:
    description: Service port of a new read-only instance (API default 3306).
    type: int
extends_documentation_fragment:
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
  - clouddb.mysql.cds_wait
notes:
  - Supports C(check_mode) and C(diff).
  - Deletion uses C(DeleteDBInstance) with the read-only instance's id; the API reference infers,
    but does not document, that this is how read-only instances are deleted.
seealso:
  - module: clouddb.mysql.cds_instance
  - module: clouddb.mysql.cds_instance_info
'''

EXAMPLES = r'''
- name: A read-only instance of shop-db, as large as the primary
  clouddb.mysql.cds_readonly_instance:
    instance_name: shop-db
    name: shop-db-ro1

- name: Make it larger
  clouddb.mysql.cds_readonly_instance:
    instance_name: shop-db
    name: shop-db-ro1
    cpu: 4
    ram: 8

- name: Delete it
  clouddb.mysql.cds_readonly_instance:
    instance_name: shop-db
    name: shop-db-ro1
    state: absent
'''

RETURN = r'''
readonly_instance:
  description:
    - The read-only instance as the primary lists it (C(RoGroups) entry in snake_case; C(service_id)
      is its id, C(progress) 0-100). Empty after deletion.
  returned: always
  type: dict
  sample:
    service_id: 5f88d00f-7b43-4c1f-9c2d-0e6f2b7d9a10
    service_name: shop-db-ro1
    status: RUNNING
    ip: 10.240.0.21
    port: 3306
    cpu: 2
    ram: 4096
    progress: 100
instance_id:
  description: Uuid of the primary.
  returned: always
  type: str
job_id:
  description: The API's C(TaskId) of the change.
  returned: when a change was requested
  type: str
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import RUNNING, readonly_result
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_resources import (
    find_by_id_or_name, finish, instance_ref_module, job_ids, parent_instance, recover_if, wait_parent_running,
)


def find(module, primary):
    return find_by_id_or_name(module, primary.get('RoGroups') or [], 'ServiceId', 'ServiceName', 'Read-only instance')


def diff_view(ro):
    if not ro:
        return {}
    return dict(name=ro.get('ServiceName'), cpu=ro.get('Cpu'), ram=(ro.get('Ram') or 0) // 1024,
                status=ro.get('Status'))


def choose_spec(module, rows, primary):
    p = module.params
    if p['spec_id']:
        match = [r for r in rows if r.get('PaasGoodsId') == p['spec_id']]
    elif p['cpu']:
        match = [r for r in rows if (r.get('CPU'), r.get('RAM')) == (p['cpu'], p['ram'])]
    else:
        big_enough = [r for r in rows if r.get('CPU', 0) >= primary.get('Cpu', 0)
                      and r.get('RAM', 0) * 1024 >= primary.get('Ram', 0)]
        match = sorted(big_enough, key=lambda r: (r.get('CPU'), r.get('RAM')))[:1]
    if not match:
        module.fail_json(msg='No such read-only spec; offered: %s'
                         % ', '.join('%s (%sC%sG)' % (r.get('PaasGoodsId'), r.get('CPU'), r.get('RAM')) for r in rows))
    spec = match[0]
    if spec.get('CPU', 0) < primary.get('Cpu', 0) or spec.get('RAM', 0) * 1024 < primary.get('Ram', 0):
        module.fail_json(msg='A read-only spec must not be smaller than the primary (%s cores, %s MB)'
                         % (primary.get('Cpu'), primary.get('Ram')))
    return spec


def create(module, client, primary):
    p = module.params
    if not p['name']:
        module.fail_json(msg='name is required to create a read-only instance')
    config = client.readonly_config(primary['InstanceUuid'])
    roles = config.get('ComputeRoles') or [{}]
    standards = roles[0].get('Standards') or {}
    spec = choose_spec(module, standards.get('CpuRam') or [], primary)
    disk_type = p['disk_type'] or 'ssd_disk'
    disk_size = p['disk_size'] or primary.get('Disks')
    offer = [d for d in standards.get('AttachDisk') or [] if d.get('DiskValue') == disk_type]
    if not offer:
        module.fail_json(msg='disk_type %s is not offered for read-only instances' % disk_type)
    if disk_size < (primary.get('Disks') or 0) or disk_size > (offer[0].get('DiskMax') or disk_size) \
            or disk_size % (offer[0].get('DiskStep') or 1):
        module.fail_json(msg='disk_size must be at least the primary\'s %s GB, at most %s, in steps of %s'
                         % (primary.get('Disks'), offer[0].get('DiskMax'), offer[0].get('DiskStep')))
    planned = dict(ServiceName=p['name'], Status='CREATING', Cpu=spec['CPU'], Ram=spec['RAM'] * 1024,
                   Port=p['port'] or 3306, Progress=0)
    if module.check_mode:
        return planned, None
    primary = wait_parent_running(module, primary)
    body = dict(InstanceName=p['name'], PaasGoodsId=spec['PaasGoodsId'], DiskType=disk_type,
                DiskValue=disk_size, ServicePort=p['port'])
    existing = set(r.get('ServiceId') for r in primary.get('RoGroups') or [])
    service_id, task = client.create_readonly(primary['InstanceUuid'], body, existing)
    if p['wait']:
        return client.wait_readonly(service_id, p['wait_timeout']), {'TaskId': task}
    return dict(planned, ServiceId=service_id), {'TaskId': task}


def resize(module, client, ro):
    p = module.params
    if not (p['spec_id'] or p['cpu']):
        return None, None
    options = client.modifiable_specs(ro['ServiceId'])
    rows = options.get('CpuRam') or []
    if p['spec_id']:
        match = [r for r in rows if r.get('PaasGoodsId') == p['spec_id']]
    else:
        match = [r for r in rows if (r.get('CPU'), r.get('RAM')) == (p['cpu'], p['ram'])]
    if not match:
        module.fail_json(msg='The read-only instance cannot change to that spec; offered: %s'
                         % ', '.join('%s (%sC%sG)' % (r.get('PaasGoodsId'), r.get('CPU'), r.get('RAM')) for r in rows))
    want = dict(Cpu=match[0]['CPU'], Ram=match[0]['RAM'] * 1024)
    if all(ro.get(k) == v for k, v in want.items()):
        return None, None
    if module.check_mode:
        return dict(ro, **want), None
    sid = ro['ServiceId']

    def applied():
        now = client.find_readonly(sid)[1]
        return now is None or now.get('Status') != RUNNING or all(now.get(k) == v for k, v in want.items())
    response = client.call('ModifyDBInstanceSpec', {'InstanceUuid': sid, 'PaasGoodsId': match[0]['PaasGoodsId']},
                           recover=recover_if(applied))
    if p['wait']:
        return client.poller.wait(lambda: _applied(client, sid, want), p['wait_timeout'],
                                  'read-only instance %s to finish its spec change' % sid), response
    return dict(ro, **want), response


def _applied(client, sid, want):
    now = client.find_readonly(sid)[1]
    done = bool(now) and now.get('Status') == RUNNING and all(now.get(k) == v for k, v in want.items())
    return done, now


def main(module):
    p = module.params
    client = module.client
    primary = parent_instance(module)
    uuid = primary['InstanceUuid']
    ro = find(module, primary)
    if p['state'] == 'absent':
        if ro is None:
            finish(module, False, {}, {}, readonly_instance={}, instance_id=uuid)
        response = None
        changed = ro.get('Status') != 'DELETING'
        if not module.check_mode:
            if changed:
                sid = ro['ServiceId']
                response = client.call('DeleteDBInstance', {'InstanceUuid': sid}, recover=recover_if(
                    lambda: (client.find_readonly(sid)[1] or {'Status': 'DELETING'}).get('Status') == 'DELETING'))
            if p['wait']:
                client.wait_readonly(ro['ServiceId'], p['wait_timeout'], gone=True)
        finish(module, changed, diff_view(ro), {}, readonly_instance={}, instance_id=uuid, job_id=job_ids(response))
    if ro is None:
        if p['id']:
            module.fail_json(msg='Read-only instance %s does not exist; give name (not id) to create one' % p['id'])
        created, response = create(module, client, primary)
        finish(module, True, {}, diff_view(created), readonly_instance=readonly_result(created),
               instance_id=uuid, job_id=job_ids(response))
    resized, response = resize(module, client, ro)
    if resized is None:
        if p['wait'] and ro.get('Status') not in (RUNNING, 'DELETING'):
            ro = client.wait_readonly(ro['ServiceId'], p['wait_timeout'])
        finish(module, False, diff_view(ro), diff_view(ro), readonly_instance=readonly_result(ro), instance_id=uuid)
    finish(module, True, diff_view(ro), diff_view(resized), readonly_instance=readonly_result(resized),
           instance_id=uuid, job_id=job_ids(response))


def run():
    spec = dict(
        name=dict(type='str'),
        id=dict(type='str', aliases=['readonly_id', 'service_id']),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        cpu=dict(type='int'),
        ram=dict(type='int'),
        spec_id=dict(type='int'),
        disk_type=dict(type='str'),
        disk_size=dict(type='int'),
        port=dict(type='int'),
    )
    instance_ref_module(spec, wait=True, required_one_of=[('name', 'id')], mutually_exclusive=[('spec_id', 'cpu')],
                        required_together=[('cpu', 'ram')]).run(main)


if __name__ == '__main__':
    run()
