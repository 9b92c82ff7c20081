#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_instance
short_description: Create, resize or delete a Capital Online (CDS) cloud MySQL instance
version_added: 0.1.0
description:
  - Creates an instance from CPU and RAM (resolved to a spec id through the sales catalog,
    C(DescribeAvailableDBConfig)) or from a spec id, changes its spec, grows its data disk, or
    deletes it.
  - The disk size is given as the new total; the module sends the increment the API expects.
    Disks cannot shrink.
  - Name, site, network, port, version, edition and disk type cannot be changed through the API;
    the module fails when they differ from an existing instance instead of re-creating it.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  name:
    description:
      - Instance name. Identifies the instance when O(id) is not given; names are not unique, and
        the module fails, listing the uuids, when several instances have this name.
      - Required to create an instance.
    type: str
  id:
    description:
      - Uuid (C(InstanceUuid)) of an existing instance.
    type: str
    aliases: [instance_id, instance_uuid]
  state:
    description:
      - V(present) creates the instance or brings its spec and disk to the given values;
        V(absent) deletes it (with its read-only instances).
    type: str
    choices: [present, absent]
    default: present
  vdc_id:
    description:
      - Virtual data centre id. Required to create an instance.
    type: str
  base_pipe_id:
    description:
      - Private network id in the virtual data centre; the instance address is allocated from it.
        Required to create an instance.
    type: str
  version:
    description:
      - MySQL version, V(5.7) or V(8.0). Default V(8.0) for a new instance.
    type: str
    choices: ['5.7', '8.0']
  architecture:
    description:
      - Edition, V(ha) (primary-replica, C(ArchitectureType) 1, needed for backups, read-only
        instances and restores) or V(basic) (C(ArchitectureType) 0). Default V(ha) for a new instance.
    type: str
    choices: [basic, ha]
  cpu:
    description:
      - CPU cores. With O(ram), selects the spec from the catalog (or from the specs the instance
        can change to).
    type: int
  ram:
    description:
      - Memory in GB (the API reports it in MB on instances; the module converts).
    type: int
  spec_id:
    description:
      - Spec id (C(PaasGoodsId)) instead of O(cpu) and O(ram).
    type: int
  disk_type:
    description:
      - Data disk type as the catalog offers it, for example V(ssd_disk) or V(high_disk).
        Default V(ssd_disk) for a new instance. Cannot be changed.
    type: str
  disk_size:
    description:
      - Total data disk size in GB, within the catalog's bounds and steps (typically 100 to 2000 in steps of 100).
      - Growing sends the difference; a smaller value than the current size fails.
    type: int
  port:
    description:
      - Service port of a new instance, 1024 to 65535 except 9100 and 9101 (API default 3306).
    type: int
  time_zone:
    description:
      - Time zone of a new instance, for example V(+08:00). Only used at creation (it is not
        reported back, so it is not compared).
    type: str
extends_documentation_fragment:
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_wait
notes:
  - Supports C(check_mode) and C(diff). In check mode the catalog is still read, so that an
    impossible spec or disk size fails as it would in a real run.
  - A create whose answer was lost is never repeated. The module lists the instances with the
    name first, and afterwards takes as its own the one instance with that name that was not
    there before and was created after the request started.
seealso:
  - module: clouddb.mysql.cds_instance_info
  - module: clouddb.mysql.cds_catalog_info
'''

EXAMPLES = r'''
- name: Create a high-availability MySQL 8.0 instance with 2 cores, 4 GB and 200 GB SSD
  clouddb.mysql.cds_instance:
    region: CN_Beijing_A
    name: shop-db
    vdc_id: 3a9d1c2e-0000-4000-8000-000000000001
    base_pipe_id: 7b2f4e6a-0000-4000-8000-000000000002
    cpu: 2
    ram: 4
    disk_size: 200

- name: Grow the disk to 400 GB and move to 4 cores / 8 GB
  clouddb.mysql.cds_instance:
    name: shop-db
    cpu: 4
    ram: 8
    disk_size: 400

- name: Delete it
  clouddb.mysql.cds_instance:
    name: shop-db
    state: absent
'''

RETURN = r'''
instance:
  description:
    - The instance as M(clouddb.mysql.cds_instance_info) returns it (the API's fields in snake_case,
      read-only instances under C(readonly_instances)). Empty after deletion.
    - In check mode, or with O(wait=false), the state expected after the change.
  returned: always
  type: dict
  sample:
    instance_uuid: 5ac7c945-ae47-4bbf-82e6-2823d64b57c5
    instance_name: shop-db
    status: RUNNING
    region_id: CN_Beijing_A
    ip: 10.240.0.12
    port: 3306
    cpu: 2
    ram: 4096
    disks: 200
    version: 8.0.22
    readonly_instances: []
job_id:
  description: The API's C(TaskId) of the change (may be empty; CDS task ids cannot be queried).
  returned: when a change was requested
  type: str
  sample: 0b8a7e4e-1c55-4f4b-9d1c-5f0d3a7c6b21
'''

import re

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import RUNNING, instance_result
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_resources import (
    finish, instance_view, job_ids, recover_if,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule

ARCHITECTURES = {'basic': 0, 'ha': 1}
TIME_ZONE = re.compile(r'^[+-](0\d|1[0-3]):(00|30|45)$')


def validate(module):
    p = module.params
    errors = []
    if p['port'] is not None and (not 1024 <= p['port'] <= 65535 or p['port'] in (9100, 9101)):
        errors.append('port must be 1024-65535 and not 9100 or 9101')
    if p['time_zone'] is not None and not TIME_ZONE.match(p['time_zone']):
        errors.append('time_zone must look like +08:00 (-12:00 to +13:00)')
    for field in ('cpu', 'ram', 'disk_size', 'spec_id'):
        if p[field] is not None and p[field] <= 0:
            errors.append('%s must be positive' % field)
    if p['state'] == 'present' and not p['id'] and not p['name']:
        errors.append('name or id is required')
    if errors:
        module.fail_json(msg='; '.join(errors))


def check_disk(module, offer, size, what):
    if offer is None:
        module.fail_json(msg='disk_type %s is not offered here' % what)
    low, high, step = offer.get('DiskMin') or 0, offer.get('DiskMax'), offer.get('DiskStep') or 1
    if size < low or (high and size > high) or size % step:
        module.fail_json(msg='disk_size must be %s-%s GB in steps of %s, not %s' % (low, high, step, size))


def diff_view(raw):
    if not raw:
        return {}
    return dict(name=raw.get('InstanceName'), cpu=raw.get('Cpu'), ram=(raw.get('Ram') or 0) // 1024,
                disk_size=raw.get('Disks'), version=raw.get('Version'), port=raw.get('Port'),
                status=raw.get('Status'))


def create(module, client, existing):
    p = module.params
    missing = [f for f in ('name', 'vdc_id', 'base_pipe_id', 'disk_size') if not p[f]]
    if not p['spec_id'] and not (p['cpu'] and p['ram']):
        missing.append('cpu and ram (or spec_id)')
    if missing:
        module.fail_json(msg='To create instance %s, set %s' % (p['name'], ', '.join(missing)))
    region = client.require_region()
    version, arch = p['version'] or '8.0', ARCHITECTURES[p['architecture'] or 'ha']
    disk_type = p['disk_type'] or 'ssd_disk'
    rows, config = client.specs(region)
    if p['spec_id']:
        spec = [r for r in rows if r['spec_id'] == p['spec_id']]
        if not spec:
            module.fail_json(msg='spec_id %s is not sold in %s' % (p['spec_id'], region))
        spec = spec[0]
        if (p['version'] and spec['version'] != p['version']) or (
                p['architecture'] and spec['architecture_type'] != arch):
            module.fail_json(msg='spec_id %s is a MySQL %s spec of edition %s, not what version/architecture ask'
                             % (p['spec_id'], spec['version'], spec['architecture_name']))
    else:
        spec = client.resolve_spec(region, version, arch, p['cpu'], p['ram'], rows=rows)
    check_disk(module, client.disk_offer(config, disk_type), p['disk_size'], disk_type)
    body = dict(RegionId=region, VdcId=p['vdc_id'], BasePipeId=p['base_pipe_id'], InstanceName=p['name'],
                PaasGoodsId=spec['spec_id'], DiskType=disk_type, DiskValue=p['disk_size'],
                ServicePort=p['port'], TimeZone=p['time_zone'])
    planned = dict(InstanceName=p['name'], Status='CREATING', RegionId=region, VdcId=p['vdc_id'],
                   Cpu=spec['cpu'], Ram=spec['ram'] * 1024, Disks=p['disk_size'], Port=p['port'] or 3306,
                   Version=spec['version'], RoGroups=[])
    if module.check_mode:
        return planned, None
    uuid, task = client.create_instance(body, set(i['InstanceUuid'] for i in existing))
    raw = client.get_instance(uuid) or dict(planned, InstanceUuid=uuid)
    if p['wait']:
        raw = client.wait_instance(uuid, p['wait_timeout'])
    return raw, {'TaskId': task}


def check_immutable(module, raw):
    p = module.params
    errors = []
    if p['version'] and not str(raw.get('Version', '')).startswith(p['version']):
        errors.append('version is %s, not %s' % (raw.get('Version'), p['version']))
    if p['architecture']:
        is_ha = raw.get('SubProductKey') == 'mysql-replication'
        if is_ha != (p['architecture'] == 'ha'):
            errors.append('edition is %s, not %s' % (raw.get('SubProductName') or raw.get('SubProductKey'),
                                                     p['architecture']))
    if p['port'] and raw.get('Port') not in (None, p['port']):
        errors.append('port is %s, not %s' % (raw.get('Port'), p['port']))
    if p['vdc_id'] and raw.get('VdcId') not in (None, p['vdc_id']):
        errors.append('vdc_id is %s, not %s' % (raw.get('VdcId'), p['vdc_id']))
    if p['name'] and p['id'] and raw.get('InstanceName') != p['name']:
        errors.append('name is %s, not %s (instances cannot be renamed)' % (raw.get('InstanceName'), p['name']))
    if errors:
        module.fail_json(msg='Instance %s cannot be changed through the API: %s'
                         % (raw['InstanceUuid'], '; '.join(errors)), instance=instance_result(raw))


def plan_modify(module, client, raw):
    """The ModifyDBInstanceSpec body for the wanted spec and disk, or None when nothing changes."""
    p = module.params
    cur_cpu, cur_ram = raw.get('Cpu'), (raw.get('Ram') or 0) // 1024
    want_spec = p['spec_id'] or (p['cpu'] is not None and (p['cpu'], p['ram']) != (cur_cpu, cur_ram))
    want_disk = p['disk_size'] is not None and p['disk_size'] != raw.get('Disks')
    if not want_spec and not want_disk:
        return None, {}
    if want_disk and p['disk_size'] < (raw.get('Disks') or 0):
        module.fail_json(msg='disk_size %s is smaller than the current %s GB; disks cannot shrink'
                         % (p['disk_size'], raw.get('Disks')))
    options = client.modifiable_specs(raw['InstanceUuid'])
    body, expect = {}, {}
    if want_spec:
        rows = options.get('CpuRam') or []
        if p['spec_id']:
            match = [r for r in rows if r.get('PaasGoodsId') == p['spec_id']]
        else:
            match = [r for r in rows if (r.get('CPU'), r.get('RAM')) == (p['cpu'], p['ram'])]
        if not match:
            module.fail_json(msg='The instance cannot change to %s; it can change to: %s' % (
                p['spec_id'] or '%sC%sG' % (p['cpu'], p['ram']),
                ', '.join('%s (%sC%sG)' % (r.get('PaasGoodsId'), r.get('CPU'), r.get('RAM')) for r in rows)))
        if (match[0].get('CPU'), match[0].get('RAM')) != (cur_cpu, cur_ram):
            body['PaasGoodsId'] = match[0]['PaasGoodsId']
            expect.update(Cpu=match[0].get('CPU'), Ram=match[0].get('RAM') * 1024)
    if want_disk:
        disks = options.get('AttachDisk') or []
        if p['disk_type']:
            offer = [d for d in disks if d.get('DiskValue') == p['disk_type']]
        else:
            offer = disks if len(disks) == 1 else []
        if not offer:
            module.fail_json(msg='Set disk_type to the type the instance was bought with (offered: %s)'
                             % ', '.join(d.get('DiskValue', '?') for d in disks))
        check_disk(module, dict(offer[0], DiskMin=raw.get('Disks')), p['disk_size'], offer[0].get('DiskValue'))
        body.update(DiskType=offer[0]['DiskValue'], DiskValue=p['disk_size'] - raw['Disks'])
        expect['Disks'] = p['disk_size']
    return (body or None), expect


def modify(module, client, raw, body, expect):
    p = module.params
    uuid = raw['InstanceUuid']

    def applied():
        now = client.get_instance(uuid) or {}
        return now.get('Status') != RUNNING or all(now.get(k) == v for k, v in expect.items())
    response = client.call('ModifyDBInstanceSpec', dict(body, InstanceUuid=uuid), instance_id=uuid,
                           recover=recover_if(applied))
    if p['wait']:
        raw = client.wait_instance(uuid, p['wait_timeout'], predicate=lambda i: i.get('Status') == RUNNING and all(
            i.get(k) == v for k, v in expect.items()), what='instance %s to finish its spec change' % uuid)
    else:
        raw = dict(raw, **expect)
    return raw, response


def delete(module, client, raw):
    uuid = raw['InstanceUuid']
    response = None
    if raw.get('Status') != 'DELETING':
        def gone():
            now = client.get_instance(uuid)
            return now is None or now.get('Status') == 'DELETING'
        response = client.call('DeleteDBInstance', {'InstanceUuid': uuid}, instance_id=uuid,
                               recover=recover_if(gone))
    if module.params['wait']:
        client.wait_instance_deleted(uuid, module.params['wait_timeout'])
    return response


def main(module):
    validate(module)
    p = module.params
    client = module.client
    existing = []
    if p['id']:
        raw = client.get_instance(p['id'])
        if raw is None and p['state'] == 'present':
            module.fail_json(msg='Instance %s does not exist; give name (not id) to create one' % p['id'])
    else:
        existing = client.list_instances(name=p['name'])
        if len(existing) > 1:
            module.fail_json(msg='Instance name %r is ambiguous: %s; give id instead'
                             % (p['name'], ', '.join(sorted(i['InstanceUuid'] for i in existing))))
        raw = existing[0] if existing else None

    if p['state'] == 'absent':
        if raw is None:
            finish(module, False, {}, {}, instance={})
        response = None if module.check_mode else delete(module, client, raw)
        changed = raw.get('Status') != 'DELETING'
        finish(module, changed, diff_view(raw), {}, instance={}, job_id=job_ids(response))

    if raw is None:
        created, response = create(module, client, existing)
        finish(module, True, {}, diff_view(created), instance=instance_view(created), job_id=job_ids(response))

    check_immutable(module, raw)
    body, expect = plan_modify(module, client, raw)
    if body is None:
        if p['wait'] and raw.get('Status') != RUNNING and raw.get('Status') != 'DELETING':
            raw = client.wait_instance(raw['InstanceUuid'], p['wait_timeout'])
        finish(module, False, diff_view(raw), diff_view(raw), instance=instance_view(raw))
    before = diff_view(raw)
    if module.check_mode:
        after, response = dict(raw, **expect), None
    else:
        after, response = modify(module, client, raw, body, expect)
    finish(module, True, before, diff_view(after), instance=instance_view(after), job_id=job_ids(response))


def run():
    spec = dict(
        name=dict(type='str'),
        id=dict(type='str', aliases=['instance_id', 'instance_uuid']),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        vdc_id=dict(type='str'),
        base_pipe_id=dict(type='str'),
        version=dict(type='str', choices=['5.7', '8.0']),
        architecture=dict(type='str', choices=['basic', 'ha']),
        cpu=dict(type='int'),
        ram=dict(type='int'),
        spec_id=dict(type='int'),
        disk_type=dict(type='str'),
        disk_size=dict(type='int'),
        port=dict(type='int'),
        time_zone=dict(type='str'),
    )
    module = CloudModule('cds', spec, wait=True, required_one_of=[('name', 'id')],
                         required_together=[('cpu', 'ram')], mutually_exclusive=[('spec_id', 'cpu')])
    module.run(main)


if __name__ == '__main__':
    run()
