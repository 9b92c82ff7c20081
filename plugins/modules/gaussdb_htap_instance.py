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
  - clouddb.mysql.huawei_auth
  - clouddb.mysql.gaussdb_instance_ref
  - clouddb.mysql.wait
notes:
  - Supports C(check_mode) and C(diff). In check mode nothing is requested but the lookups.
  - Waits poll the instance status of the HTAP list (4.15.12) until it is C(normal).
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

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_htap as htap
from ansible_collections.clouddb.mysql.plugins.module_utils.diff import make_diff
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_data import (
    instance_module, target_instance_id,
)

SR_ONLY = ('fe_flavor', 'be_flavor', 'fe_count', 'be_count', 'fe_volume_size', 'be_volume_size', 'node_id')
CH_ONLY = ('flavor', 'volume_size')
MODES = {'starrocks': ('Single', 'Cluster'), 'clickhouse': ('Single', 'Ha')}


def validate(module):
    p = module.params
    engine = p['engine']
    mode, volume_type = p['ha_mode'] or 'Single', p['volume_type'] or 'SSD'
    errors = htap.name_errors(p['name'])
    errors += htap.engine_only_errors(p, engine, CH_ONLY if engine == 'starrocks' else SR_ONLY)
    if mode not in MODES[engine]:
        errors.append('ha_mode of %s must be one of %s' % (engine, ', '.join(MODES[engine])))
    if p['az_mode'] == 'double' and not (engine == 'clickhouse' and mode == 'Ha'):
        errors.append('az_mode double needs engine clickhouse and ha_mode Ha')
    errors += htap.password_errors(p['password'], htap.ROOT_PASSWORD_SPECIALS)
    low = htap.VOLUME_TYPES[volume_type]
    if engine == 'starrocks':
        counts = (1, 1) if mode == 'Single' else (3, 10)
        for opt in ('fe_count', 'be_count'):
            if p[opt] is not None and not counts[0] <= p[opt] <= counts[1]:
                errors.append('%s must be %d to %d in %s mode' % (opt, counts[0], counts[1], mode))
        for opt, high in (('fe_volume_size', 1000), ('be_volume_size', 32000)):
            if p[opt] is not None and (not low <= p[opt] <= high or p[opt] % 10):
                errors.append('%s must be %d to %d GB in steps of 10' % (opt, low, high))
    elif p['volume_size'] is not None and not low <= p['volume_size'] <= 32000:
        errors.append('volume_size must be %d to 32000 GB' % low)
    if p['node_id'] and p['state'] != 'restarted':
        errors.append('node_id is only used with state restarted')
    htap.fail_on(module, errors)


def create_defaults(params):
    """The options with their creation defaults (unset ones are not compared on an existing instance)."""
    return dict(params, ha_mode=params['ha_mode'] or 'Single', volume_type=params['volume_type'] or 'SSD')


def create_body(module, client):
    p = create_defaults(module.params)
    engine = p['engine']
    need = ['password', 'availability_zone'] + (['fe_flavor', 'be_flavor'] if engine == 'starrocks' else ['flavor', 'volume_size'])
    missing = [opt for opt in need if p[opt] is None]
    if missing:
        module.fail_json(msg='To create HTAP instance %r these options are required: %s' % (p['name'], ', '.join(missing)))
    version = p['engine_version']
    if not version:
        stores = client.call('show_starrocks_htap_engine_resources', engine_name=htap.ENGINES[engine]).get('datastores') or []
        if not stores:
            module.fail_json(msg='The API offers no %s version' % engine)
        version = stores[0]['name']
    body = dict(name=p['name'], engine=dict(type=htap.ENGINES[engine], version=version), ha=dict(mode=p['ha_mode']),
                db_root_pwd=p['password'], az_mode=p['az_mode'], az_code=p['availability_zone'],
                tags_info=dict(sys_tags=[dict(key='_sys_enterprise_project_id', value=p['enterprise_project_id'])]))
    if p['time_zone']:
        body['time_zone'] = p['time_zone']
    if engine == 'starrocks':
        default = 1 if p['ha_mode'] == 'Single' else 3
        body.update(fe_flavor_id=htap.flavor_id(client, engine, p['fe_flavor']),
                    be_flavor_id=htap.flavor_id(client, engine, p['be_flavor']),
                    fe_count=p['fe_count'] or default, be_count=p['be_count'] or default,
                    fe_volume=dict(io_type=p['volume_type'], capacity_in_gb=p['fe_volume_size'] or 50),
                    be_volume=dict(io_type=p['volume_type'], capacity_in_gb=p['be_volume_size'] or 50))
    else:
        body.update(flavor_id=htap.flavor_id(client, engine, p['flavor']),
                    volume=dict(io_type=p['volume_type'], capacity_in_gb=p['volume_size']))
    return body


def expected_view(module, body):
    """What a new instance will look like (check mode, wait=false)."""
    p = create_defaults(module.params)
    view = dict(name=p['name'], engine=p['engine'], status='creating', ha_mode=p['ha_mode'])
    if p['engine'] == 'starrocks':
        for g in ('fe', 'be'):
            view.update({g + '_flavor': body[g + '_flavor_id'], g + '_count': body[g + '_count'],
                         g + '_volume_size': body[g + '_volume']['capacity_in_gb'], g + '_volume_type': p['volume_type']})
    else:
        view.update(flavor=body['flavor_id'], volume_size=p['volume_size'], volume_type=p['volume_type'],
                    count=2 if p['ha_mode'] == 'Ha' else 1)
    return view


def fixed_differences(module, client, current):
    """Options the API cannot change on an existing instance but that differ: fail, naming them."""
    p = module.params
    wanted = dict(ha_mode=p['ha_mode']) if p['ha_mode'] else {}
    if p['engine'] == 'starrocks':
        for g in ('fe', 'be'):
            for opt in ('_flavor', '_count', '_volume_size'):
                if p[g + opt] is not None:
                    wanted[g + opt] = htap.flavor_id(client, 'starrocks', p[g + opt]) if opt == '_flavor' else p[g + opt]
            if p['volume_type']:
                wanted[g + '_volume_type'] = p['volume_type']
    elif p['volume_type']:
        wanted['volume_type'] = p['volume_type']
    # The API reports SSD volumes under their storage type name (ULTRAHIGH) in some places.
    same = dict(SSD=('SSD', 'ULTRAHIGH'), ESSD=('ESSD',))
    bad = []
    for key, value in wanted.items():
        have = current.get(key)
        if key.endswith('volume_type'):
            if have and have not in same[value]:
                bad.append('%s (%s, wanted %s)' % (key, have, value))
        elif have is not None and have != value:
            bad.append('%s (%s, wanted %s)' % (key, have, value))
    if bad:
        module.fail_json(msg='The API cannot change %s of existing HTAP instance %r: %s'
                         % ('these settings', p['name'], '; '.join(bad)), htap_instance=current)


def update_clickhouse(module, client, current, htap_id, jobs):
    """Volume growth (4.16.17) and flavor change (4.16.28); returns the expected view."""
    p = module.params
    after = dict(current)
    if p['volume_size'] is not None and p['volume_size'] != current.get('volume_size'):
        if p['volume_size'] < current.get('volume_size', 0):
            module.fail_json(msg='volume_size cannot shrink from %s to %s GB' % (current['volume_size'], p['volume_size']),
                             htap_instance=current)
        after['volume_size'] = p['volume_size']
        if not module.check_mode:
            response = client.call('resize_clickhouse_up_instance_storage', instance_id=htap_id,
                                   body=dict(size_in_gb=p['volume_size']))
            jobs.append(htap.job_id_of(response))
            wait(module, client, htap_id)
    if p['flavor'] is not None:
        wanted = htap.flavor_id(client, 'clickhouse', p['flavor'])
        if wanted != current.get('flavor'):
            after['flavor'] = wanted
            if not module.check_mode:
                response = client.call('update_clickhouse_instance_flavor', instance_id=htap_id,
                                       body=dict(flavor_ref=wanted, delay=False, instance_id=htap_id))
                jobs.append(htap.job_id_of(response))
                wait(module, client, htap_id)
    return after


def wait(module, client, htap_id, force=False):
    if module.params['wait'] or force:
        htap.wait_ready(client, module.owner_id, htap_id, module.params['wait_timeout'])


def restart(module, client, htap_id, jobs):
    p = module.params
    if module.check_mode:
        return
    if p['engine'] == 'starrocks' and p['node_id']:
        response = client.call('restart_starrocks_node', starrocks_instance_id=htap_id, starrocks_node_id=p['node_id'])
    elif p['engine'] == 'starrocks':
        response = client.call('restart_starrocks_instance', starrocks_instance_id=htap_id)
    else:
        response = client.call('restart_clickhouse_instance', instance_id=htap_id)
    jobs.append(htap.job_id_of(response))
    wait(module, client, htap_id)


def main(module):
    validate(module)
    p = module.params
    client = module.client
    engine = p['engine']
    owner_id = module.owner_id = target_instance_id(module)
    found = htap.find_by_name(module, client, owner_id, engine, p['name'])
    detail = htap.show(client, engine, owner_id, found['id']) if found else None
    current = htap.instance_view(engine, detail)
    result = dict(changed=False, instance_id=owner_id)
    jobs = []
    after = current

    if p['state'] == 'absent':
        if found:
            result['changed'] = True
            after = {}
            if not module.check_mode:
                path = dict(starrocks_instance_id=found['id']) if engine == 'starrocks' else dict(clickhouse_instance_id=found['id'])
                jobs.append(htap.job_id_of(client.call(htap.OPS[engine]['delete'], instance_id=owner_id, **path)))
                if p['wait']:
                    htap.wait_gone(client, owner_id, found['id'], p['wait_timeout'])
    elif not found:
        result['changed'] = True
        body = create_body(module, client)
        after = expected_view(module, body)
        if not module.check_mode:
            response = client.call(htap.OPS[engine]['create'], instance_id=owner_id, body=body)
            new_id = (response.get('instance') or {}).get('id')
            jobs.append(htap.job_id_of(response))
            after['id'] = new_id
            wait(module, client, new_id, force=p['state'] == 'restarted')
            if p['state'] == 'restarted':
                restart(module, client, new_id, jobs)
            if p['wait']:
                detail = htap.show(client, engine, owner_id, new_id)
                after = htap.instance_view(engine, detail)
                after['details'] = detail
    else:
        fixed_differences(module, client, current)
        changes_needed = engine == 'clickhouse' and (
            (p['volume_size'] is not None and p['volume_size'] != current.get('volume_size'))
            or (p['flavor'] is not None and htap.flavor_id(client, engine, p['flavor']) != current.get('flavor')))
        if (changes_needed or p['state'] == 'restarted') and current.get('status') != htap.READY and not module.check_mode:
            wait(module, client, found['id'], force=True)   # a change needs an idle instance
        if engine == 'clickhouse':
            after = update_clickhouse(module, client, current, found['id'], jobs)
        if p['state'] == 'restarted':
            restart(module, client, found['id'], jobs)
        result['changed'] = after != current or p['state'] == 'restarted'
        if result['changed'] and not module.check_mode and p['wait']:
            detail = htap.show(client, engine, owner_id, found['id'])
            after = htap.instance_view(engine, detail)
        if detail:
            after['details'] = detail

    jobs = [j for j in jobs if j]
    if jobs:
        result['job_id'] = jobs[0] if len(jobs) == 1 else jobs
    result['htap_instance'] = after
    if module._diff:
        result['diff'] = make_diff(_diff_view(current), _diff_view(after))
    module.exit_json(**result)


def _diff_view(view):
    return dict((k, v) for k, v in (view or {}).items() if k not in ('details', 'status') and not k.endswith('nodes'))


def run():
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
    module = instance_module(spec, wait=True)
    module.run(main)


if __name__ == '__main__':
    run()
