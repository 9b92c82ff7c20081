# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""CDS instances and read-only instances (cds_instance, cds_readonly_instance, cds_catalog_info):
input rules, creation with lost-answer recovery, the plans of a create, a spec or disk change and a
deletion, the waits after them, and the wait for a busy parent instance that every change inside an
instance starts with."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import ACCEPTED, RUNNING, to_snake
from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import find
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan, replace_with, set_fields
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import InputError, pattern_errors

ARCHITECTURES = {'basic': 0, 'ha': 1}
HA_EDITION = 'mysql-replication'
# CreateDBInstance (reference 5.3): ServicePort 1024-65535 except the exporter ports 9100 and 9101;
# TimeZone like +08:00 between -12:00 and +13:00.
PORT_RANGE = (1024, 65535)
RESERVED_PORTS = (9100, 9101)
TIME_ZONE = re.compile(r'^[+-](0\d|1[0-3]):(00|30|45)$')


# -- the parent instance of a change ---------------------------------------------------------
def wait_running(module, instance):
    """The instance once RUNNING (with wait=true), so that a change inside it is not refused as busy."""
    if instance.get('Status') == RUNNING or not module.jobs.wait:
        return instance
    return module.client.wait_instance(instance['InstanceUuid'], module.jobs.remaining())


def apply_when_running(module, plan, instance):
    """``plan.apply(module)``, after waiting (wait=true) until ``instance`` is RUNNING."""
    if plan.changed and not module.check_mode:
        wait_running(module, instance)
    plan.apply(module)


def require_ha(instance, what):
    """InputError unless ``instance`` is of the high-availability edition (``what`` needs it)."""
    if instance.get('SubProductKey') not in (None, HA_EDITION):
        raise InputError('%s need the high-availability edition; instance %s is %s' % (
            what, instance['InstanceUuid'], instance.get('SubProductName') or instance.get('SubProductKey')))


# -- specs -----------------------------------------------------------------------------------
def spec_label(row):
    return '%s (%sC%sG)' % (row.get('PaasGoodsId'), row.get('CPU'), row.get('RAM'))


def matching_specs(rows, spec_id, cpu, ram):
    """The rows (``CpuRam`` entries) with PaasGoodsId ``spec_id``, else with ``cpu`` cores and ``ram`` GB."""
    if spec_id:
        return [r for r in rows if r.get('PaasGoodsId') == spec_id]
    return [r for r in rows if (r.get('CPU'), r.get('RAM')) == (cpu, ram)]


def disks_of(config):
    """Every disk type of a DescribeAvailableDBConfig answer, once each, in snake_case."""
    seen = {}
    for product in config.get('Products') or []:
        for arch in product.get('Architectures') or []:
            for role in arch.get('ComputeRoles') or []:
                for disk in (role.get('Standards') or {}).get('AttachDisk') or []:
                    seen.setdefault(disk.get('DiskValue'), to_snake(disk))
    return [seen[k] for k in sorted(seen, key=str)]


def disk_errors(offer, size, what):
    """Messages when ``size`` GB is outside the bounds and steps of the disk ``offer`` (None: not offered)."""
    if offer is None:
        return ['disk_type %s is not offered here' % what]
    low, high, step = offer.get('DiskMin') or 0, offer.get('DiskMax'), offer.get('DiskStep') or 1
    if size < low or (high and size > high) or size % step:
        return ['disk_size must be %s-%s GB in steps of %s, not %s' % (low, high, step, size)]
    return []


def refuse(errors):
    """Raise the messages of rules that needed the current state (nothing has been sent yet)."""
    if errors:
        raise InputError('; '.join(errors))


def changed_fields(plan):
    """The fields the plan's steps set to a new value (what a wait after them checks for)."""
    after = plan.after
    return dict((k, v) for k, v in after.items() if plan.before.get(k) != v)


# -- instances -------------------------------------------------------------------------------
def instance_errors(params):
    """cds_instance's rules that need no request."""
    errors = []
    port = params['port']
    if port is not None and (not PORT_RANGE[0] <= port <= PORT_RANGE[1] or port in RESERVED_PORTS):
        errors.append('port must be 1024-65535 and not 9100 or 9101')
    errors += pattern_errors('time_zone', params['time_zone'], TIME_ZONE, 'like +08:00 (-12:00 to +13:00)')
    for field in ('cpu', 'ram', 'disk_size', 'spec_id'):
        if params[field] is not None and params[field] <= 0:
            errors.append('%s must be positive' % field)
    if params['state'] == 'present' and not params['id'] and not params['name']:
        errors.append('name or id is required')
    return errors


def instance_view(raw):
    """The managed fields of an instance (diff)."""
    if not raw:
        return {}
    return dict(name=raw.get('InstanceName'), cpu=raw.get('Cpu'), ram=(raw.get('Ram') or 0) // 1024,
                disk_size=raw.get('Disks'), version=raw.get('Version'), port=raw.get('Port'),
                status=raw.get('Status'))


def create_instance(client, params, existing_ids):
    """CreateDBInstance (Amount 1); a lost answer is recovered by listing, never re-sent blindly.

    ``existing_ids``: uuids of the instances that already had this name before the call.
    Returns (the new uuid, the TaskId).
    """
    params = dict(params, Amount=1)
    started = client.clock()

    def lookup():
        return [i['InstanceUuid'] for i in client.list_instances(name=params['InstanceName'])
                if i['InstanceUuid'] not in existing_ids and client.created_after(i.get('CreatedTime'), started)]

    response = client.call('CreateDBInstance', params, recover=client.recover_created(
        lookup, lambda ids: dict(ACCEPTED, Data={'InstancesUuid': ids}), 'instance'))
    ids = (response.get('Data') or {}).get('InstancesUuid') or []
    if not ids:
        raise ApiError('CreateDBInstance answered without an instance uuid')
    return ids[0], response.get('TaskId') or ''


def _catalog_spec(client, params, region, rows, arch):
    """The catalog row a new instance is bought with: by spec_id, or by version, edition, CPU and RAM."""
    if not params['spec_id']:
        return client.resolve_spec(region, params['version'] or '8.0', arch, params['cpu'], params['ram'], rows=rows)
    found = [r for r in rows if r['spec_id'] == params['spec_id']]
    if not found:
        raise InputError('spec_id %s is not sold in %s' % (params['spec_id'], region))
    spec = found[0]
    if (params['version'] and spec['version'] != params['version']) or (
            params['architecture'] and spec['architecture_type'] != arch):
        raise InputError('spec_id %s is a MySQL %s spec of edition %s, not what version/architecture ask'
                         % (params['spec_id'], spec['version'], spec['architecture_name']))
    return spec


def plan_create(client, params):
    """The creation of a new instance; the catalog is read (also in check mode) to refuse what cannot be bought."""
    missing = [f for f in ('vdc_id', 'base_pipe_id', 'disk_size') if not params[f]]
    if not params['spec_id'] and not (params['cpu'] and params['ram']):
        missing.append('cpu and ram (or spec_id)')
    if missing:
        raise InputError('creating instance %s needs %s' % (params['name'], ', '.join(missing)))
    region = client.require_region()
    arch = ARCHITECTURES[params['architecture'] or 'ha']
    disk_type = params['disk_type'] or 'ssd_disk'
    rows, config = client.specs(region)
    spec = _catalog_spec(client, params, region, rows, arch)
    refuse(disk_errors(client.disk_offer(config, disk_type), params['disk_size'], disk_type))
    body = dict(RegionId=region, VdcId=params['vdc_id'], BasePipeId=params['base_pipe_id'],
                InstanceName=params['name'], PaasGoodsId=spec['spec_id'], DiskType=disk_type,
                DiskValue=params['disk_size'], ServicePort=params['port'], TimeZone=params['time_zone'])
    created = dict(InstanceName=params['name'], Status='CREATING', RegionId=region, VdcId=params['vdc_id'],
                   Cpu=spec['cpu'], Ram=spec['ram'] * 1024, Disks=params['disk_size'], Port=params['port'] or 3306,
                   Version=spec['version'], RoGroups=[])

    def create(module):
        # The answer names the uuid: the predicted instance gets it, so the run can read the instance back.
        created['InstanceUuid'], task = create_instance(module.client, body, set())
        return {'TaskId': task}
    return Plan({}).add('create', replace_with(created), apply=create)


def immutable_errors(params, raw):
    """What the options ask that the API cannot change on the existing instance ``raw``."""
    errors = []
    if params['version'] and not str(raw.get('Version', '')).startswith(params['version']):
        errors.append('version is %s, not %s' % (raw.get('Version'), params['version']))
    if params['architecture']:
        is_ha = raw.get('SubProductKey') == HA_EDITION
        if is_ha != (params['architecture'] == 'ha'):
            errors.append('edition is %s, not %s' % (raw.get('SubProductName') or raw.get('SubProductKey'),
                                                     params['architecture']))
    if params['port'] and raw.get('Port') not in (None, params['port']):
        errors.append('port is %s, not %s' % (raw.get('Port'), params['port']))
    if params['vdc_id'] and raw.get('VdcId') not in (None, params['vdc_id']):
        errors.append('vdc_id is %s, not %s' % (raw.get('VdcId'), params['vdc_id']))
    if params['name'] and params['id'] and raw.get('InstanceName') != params['name']:
        errors.append('name is %s, not %s (instances cannot be renamed)' % (raw.get('InstanceName'), params['name']))
    if errors:
        return ['Instance %s cannot be changed through the API: %s' % (raw['InstanceUuid'], '; '.join(errors))]
    return []


def _spec_change(params, options, cur_cpu, cur_ram):
    """(PaasGoodsId, {Cpu, Ram}) of a wanted spec that differs from the current one, else (None, {})."""
    rows = options.get('CpuRam') or []
    match = matching_specs(rows, params['spec_id'], params['cpu'], params['ram'])
    if not match:
        raise InputError('The instance cannot change to %s; it can change to: %s' % (
            params['spec_id'] or '%sC%sG' % (params['cpu'], params['ram']), ', '.join(spec_label(r) for r in rows)))
    if (match[0].get('CPU'), match[0].get('RAM')) == (cur_cpu, cur_ram):
        return None, {}
    return match[0]['PaasGoodsId'], dict(Cpu=match[0].get('CPU'), Ram=match[0].get('RAM') * 1024)


def _disk_change(params, options, raw):
    """(DiskType, increment) of the wanted total disk size."""
    disks = options.get('AttachDisk') or []
    if params['disk_type']:
        offer = [d for d in disks if d.get('DiskValue') == params['disk_type']]
    else:
        offer = disks if len(disks) == 1 else []
    if not offer:
        raise InputError('Set disk_type to the type the instance was bought with (offered: %s)'
                         % ', '.join(d.get('DiskValue', '?') for d in disks))
    refuse(disk_errors(dict(offer[0], DiskMin=raw.get('Disks')), params['disk_size'], offer[0].get('DiskValue')))
    return offer[0]['DiskValue'], params['disk_size'] - raw['Disks']


def plan_modify(client, params, raw):
    """One ModifyDBInstanceSpec for the wanted spec and disk size (none when they are already there)."""
    refuse(immutable_errors(params, raw))
    plan = Plan(raw)
    uuid = raw['InstanceUuid']
    cur_cpu, cur_ram = raw.get('Cpu'), (raw.get('Ram') or 0) // 1024
    want_spec = params['spec_id'] or (params['cpu'] is not None and (params['cpu'], params['ram']) != (cur_cpu, cur_ram))
    want_disk = params['disk_size'] is not None and params['disk_size'] != raw.get('Disks')
    if not want_spec and not want_disk:
        return plan
    if want_disk and params['disk_size'] < (raw.get('Disks') or 0):
        raise InputError('disk_size %s is smaller than the current %s GB; disks cannot shrink'
                         % (params['disk_size'], raw.get('Disks')))
    options = client.modifiable_specs(uuid)
    body, expect = {}, {}
    if want_spec:
        body['PaasGoodsId'], expect = _spec_change(params, options, cur_cpu, cur_ram)
    if want_disk:
        body['DiskType'], body['DiskValue'] = _disk_change(params, options, raw)
        expect['Disks'] = params['disk_size']
    if body.get('PaasGoodsId') is None:
        body.pop('PaasGoodsId', None)
    if not body:
        return plan

    def applied():
        now = client.get_instance(uuid) or {}
        return now.get('Status') != RUNNING or all(now.get(k) == v for k, v in expect.items())
    return plan.add('spec', set_fields(**expect), 'ModifyDBInstanceSpec', params=dict(body, InstanceUuid=uuid),
                    instance_id=uuid, recover=client.recover_when(applied))


def plan_deletion(client, current, entity_id, read, instance_id=None):
    """A DeleteDBInstance of ``entity_id`` (an instance or a read-only instance), unless it is absent or
    already DELETING; ``read(entity_id)`` tells after a lost answer whether it went."""
    plan = Plan(current)
    if current and current.get('Status') != 'DELETING':
        def gone():
            now = read(entity_id)
            return now is None or now.get('Status') == 'DELETING'
        plan.add('delete', replace_with({}), 'DeleteDBInstance', params={'InstanceUuid': entity_id},
                 instance_id=instance_id, recover=client.recover_when(gone))
    return plan


def plan_instance(client, params, raw):
    """The steps that take the instance ``raw`` (None: absent) to what ``params`` ask for."""
    if params['state'] == 'absent':
        uuid = (raw or {}).get('InstanceUuid')
        return plan_deletion(client, raw, uuid, client.get_instance, instance_id=uuid)
    if raw is None:
        if params['id']:
            raise InputError('Instance %s does not exist; give name (not id) to create one' % params['id'])
        return plan_create(client, params)
    return plan_modify(client, params, raw)


def settle_instance(module, params, raw, plan):
    """The instance once the plan has run: read back, and with wait=true waited for (RUNNING with the
    new spec, or deleted); the plan's prediction in check mode or where the API gives nothing to read."""
    client = module.client
    wait = module.jobs.wait and not module.check_mode
    if params['state'] == 'absent':
        if raw and wait:
            client.wait_instance_deleted(raw['InstanceUuid'], module.jobs.remaining())
        return {}
    after = plan.after
    if not plan.changed:
        # Also in check mode: the run reports the instance once it is idle again.
        if module.jobs.wait and raw.get('Status') not in (RUNNING, 'DELETING'):
            return client.wait_instance(raw['InstanceUuid'], module.jobs.remaining())
        return after
    if module.check_mode:
        return after
    uuid = after['InstanceUuid']
    if raw is None:
        after = client.get_instance(uuid) or after
        return client.wait_instance(uuid, module.jobs.remaining()) if wait else after
    if not wait:
        return after
    expect = changed_fields(plan)
    return client.wait_instance(uuid, module.jobs.remaining(), predicate=lambda i: i.get('Status') == RUNNING and all(
        i.get(k) == v for k, v in expect.items()), what='instance %s to finish its spec change' % uuid)


# -- read-only instances ---------------------------------------------------------------------
def readonly_entry(client, service_id):
    """The read-only instance ``service_id`` as its primary lists it (one list call), or None."""
    for inst in client.list_instances():
        for ro in inst.get('RoGroups') or []:
            if ro.get('ServiceId') == service_id:
                return ro
    return None


def wait_readonly(client, service_id, timeout, gone=False):
    return client.wait_entry(lambda: readonly_entry(client, service_id), service_id, timeout,
                             'read-only instance', RUNNING, gone)


def find_readonly_of(primary, params):
    """The read-only instance of ``primary`` with O(id), else the only one named O(name)."""
    return find(primary.get('RoGroups') or [], 'Read-only instance', params['id'], params['name'], 'ServiceId',
                'ServiceName')


def readonly_view(ro):
    """The managed fields of a read-only instance (diff)."""
    if not ro:
        return {}
    return dict(name=ro.get('ServiceName'), cpu=ro.get('Cpu'), ram=(ro.get('Ram') or 0) // 1024,
                status=ro.get('Status'))


def _choose_readonly_spec(params, rows, primary):
    if params['spec_id'] or params['cpu']:
        match = matching_specs(rows, params['spec_id'], params['cpu'], params['ram'])
    else:
        big_enough = [r for r in rows if all((r.get('CPU', 0) >= primary.get('Cpu', 0),
                                              r.get('RAM', 0) * 1024 >= primary.get('Ram', 0)))]
        match = sorted(big_enough, key=lambda r: (r.get('CPU'), r.get('RAM')))[:1]
    if not match:
        raise InputError('No such read-only spec; offered: %s' % ', '.join(spec_label(r) for r in rows))
    spec = match[0]
    if spec.get('CPU', 0) < primary.get('Cpu', 0) or spec.get('RAM', 0) * 1024 < primary.get('Ram', 0):
        raise InputError('A read-only spec must not be smaller than the primary (%s cores, %s MB)'
                         % (primary.get('Cpu'), primary.get('Ram')))
    return spec


def create_readonly(client, primary, params):
    """CreateReadOnlyDBInstance answers no id: the new entry is found in the primary's RoGroups.

    ``primary`` is read just before (its read-only instances are the ones that existed before).
    Returns (the new ServiceId, the TaskId).
    """
    uuid = primary['InstanceUuid']
    existing = set(r.get('ServiceId') for r in primary.get('RoGroups') or [])
    params = dict(params, InstanceUuid=uuid, Amount=1)

    def lookup():
        inst = client.get_instance(uuid) or {}
        return [r['ServiceId'] for r in inst.get('RoGroups') or []
                if r.get('ServiceId') not in existing and r.get('ServiceName') == params['InstanceName']]
    return client.create_listed('CreateReadOnlyDBInstance', params, uuid, lookup, 'read-only instance')


def plan_readonly_create(client, params, primary):
    if params['id']:
        raise InputError('Read-only instance %s does not exist; give name (not id) to create one' % params['id'])
    if not params['name']:
        raise InputError('name is required to create a read-only instance')
    config = client.readonly_config(primary['InstanceUuid'])
    standards = ((config.get('ComputeRoles') or [{}])[0]).get('Standards') or {}
    spec = _choose_readonly_spec(params, standards.get('CpuRam') or [], primary)
    disk_type = params['disk_type'] or 'ssd_disk'
    disk_size = params['disk_size'] or primary.get('Disks')
    offer = [d for d in standards.get('AttachDisk') or [] if d.get('DiskValue') == disk_type]
    if not offer:
        raise InputError('disk_type %s is not offered for read-only instances' % disk_type)
    if disk_size < (primary.get('Disks') or 0) or disk_size > (offer[0].get('DiskMax') or disk_size) or \
            disk_size % (offer[0].get('DiskStep') or 1):
        raise InputError('disk_size must be at least the primary\'s %s GB, at most %s, in steps of %s'
                         % (primary.get('Disks'), offer[0].get('DiskMax'), offer[0].get('DiskStep')))
    created = dict(ServiceName=params['name'], Status='CREATING', Cpu=spec['CPU'], Ram=spec['RAM'] * 1024,
                   Port=params['port'] or 3306, Progress=0)
    body = dict(InstanceName=params['name'], PaasGoodsId=spec['PaasGoodsId'], DiskType=disk_type,
                DiskValue=disk_size, ServicePort=params['port'])

    def create(module):
        # The answer names no id: the one new entry of the primary (read again once RUNNING) is ours.
        fresh = wait_running(module, primary)
        created['ServiceId'], task = create_readonly(module.client, fresh, body)
        return {'TaskId': task}
    return Plan({}).add('create', replace_with(created), apply=create)


def plan_readonly_resize(client, params, ro):
    plan = Plan(ro)
    if not (params['spec_id'] or params['cpu']):
        return plan
    sid = ro['ServiceId']
    rows = client.modifiable_specs(sid).get('CpuRam') or []
    match = matching_specs(rows, params['spec_id'], params['cpu'], params['ram'])
    if not match:
        raise InputError('The read-only instance cannot change to that spec; offered: %s'
                         % ', '.join(spec_label(r) for r in rows))
    want = dict(Cpu=match[0]['CPU'], Ram=match[0]['RAM'] * 1024)
    if all(ro.get(k) == v for k, v in want.items()):
        return plan

    def applied():
        now = readonly_entry(client, sid)
        return now is None or now.get('Status') != RUNNING or all(now.get(k) == v for k, v in want.items())
    return plan.add('spec', set_fields(**want), 'ModifyDBInstanceSpec',
                    params={'InstanceUuid': sid, 'PaasGoodsId': match[0]['PaasGoodsId']},
                    recover=client.recover_when(applied))


def plan_readonly(client, params, primary, ro):
    """The steps that take the read-only instance ``ro`` (None: absent) of ``primary`` to what ``params`` ask for."""
    if params['state'] == 'absent':
        # The reference infers (does not document) that DeleteDBInstance deletes read-only instances.
        return plan_deletion(client, ro, (ro or {}).get('ServiceId'), lambda sid: readonly_entry(client, sid))
    if ro is None:
        return plan_readonly_create(client, params, primary)
    return plan_readonly_resize(client, params, ro)


def settle_readonly(module, params, ro, plan):
    """The read-only instance once the plan has run (waited for with wait=true); {} once deleted."""
    client = module.client
    wait = module.jobs.wait and not module.check_mode
    if params['state'] == 'absent':
        if ro and wait:
            wait_readonly(client, ro['ServiceId'], module.jobs.remaining(), gone=True)
        return {}
    after = plan.after
    if not plan.changed:
        # Also in check mode: the run reports the read-only instance once it is idle again.
        if module.jobs.wait and ro.get('Status') not in (RUNNING, 'DELETING'):
            return wait_readonly(client, ro['ServiceId'], module.jobs.remaining())
        return after
    if not wait:
        return after
    sid = after['ServiceId']
    if ro is None:
        return wait_readonly(client, sid, module.jobs.remaining())
    want = changed_fields(plan)

    def probe():
        now = readonly_entry(client, sid)
        return bool(now) and now.get('Status') == RUNNING and all(now.get(k) == v for k, v in want.items()), now
    return client.poller.wait(probe, module.jobs.remaining(), 'read-only instance %s to finish its spec change' % sid)


def readonly_specs(client, uuid):
    """The read-only specs of an instance ({} for editions without read-only instances)."""
    try:
        return to_snake(client.readonly_config(uuid))
    except ApiError as exc:
        if exc.error_code != 'UnsupportedOperation':
            raise
        return {}
