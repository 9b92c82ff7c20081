# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: cds
short_description: Capital Online (CDS) cloud MySQL instances and read-only instances as an inventory
version_added: 1.0.0
description:
  - Reads the cloud MySQL instances of a Capital Online account and makes every instance and every
    read-only instance a host.
  - One request (C(DescribeDBInstances)) lists every instance of the account, each with its read-only
    instances; the API has neither paging nor a region filter, so O(regions) is applied here.
  - Groups, each name starting with O(group_prefix) (V(cds_) by default) and made safe for Ansible.
    C(<prefix>instance_<instance name>) holds an instance and its read-only instances (when two
    instances share a name, both groups get C(_<instance uuid>) appended);
    C(<prefix>master) and C(<prefix>readonly) hold hosts by role;
    C(<prefix>status_<status>) and C(<prefix>region_<site id>) by status and site.
  - Host variables (each with O(hostvars_prefix) in front). C(instance_id) (the instance uuid, or the
    read-only instance's C(ServiceId)), C(instance_name), C(role) (C(master) or C(readonly)),
    C(status), C(private_ip), C(db_port), C(cpu), C(ram_mb), C(primary_id) and C(primary_name) (the
    instance a read-only instance belongs to; itself for an instance), C(cds_region), C(cds_tags) (tag
    names). Instances also get C(disk_gb), C(version) and C(readonly_ips); read-only instances C(progress).
  - Everything else the API says is available with O(detailed_hostvars=true).
  - C(ansible_host) is the private IP address.
  - Credentials come from the file or from the E(CDS_*) environment variables, so an AWX inventory
    source can take them from a custom credential type.
author:
  - clouddb.mysql contributors (@clouddb)
requirements:
  - requests
  - jmespath (only for O(include_filters) and O(exclude_filters))
extends_documentation_fragment:
  - constructed
  - inventory_cache
  - clouddb.mysql.cds_auth.plugins
  - clouddb.mysql.inventory
options:
  plugin:
    description: Marks the file as one for this plugin.
    type: str
    required: true
    choices: [clouddb.mysql.cds]
  regions:
    description:
      - Site ids to keep, for example V(CN_Beijing_A). Empty means every site.
    type: list
    elements: str
    default: []
  filters:
    description:
      - Filters C(DescribeDBInstances) applies on the server, each applied again here exactly.
      - Keys C(instance_id), C(name), C(ip) and C(tag) (a tag name).
      - The API has no status filter; use O(include_filters), for example V(Status == 'RUNNING').
    type: dict
    default: {}
  include_instances:
    description: Make every instance (primary) a host.
    type: bool
    default: true
  include_readonly_instances:
    description: Make every read-only instance a host.
    type: bool
    default: true
  hostnames:
    description:
      - Ordered preference list of how hosts are named; a host takes the first entry that has a value
        for it, and its id when none has.
      - V(instance_name) its name (a read-only instance's C(ServiceName)); V(instance_id) its id;
        V(private_ip) its address; V(instance_name_role) the instance name with the role,
        C(<instance>-master) or C(<instance>-readonly-<n>) (read-only instances numbered from 1 in
        creation order).
      - A name that two or more hosts would get is given to none of them; each is named
        C(<name>_<id>).
    type: list
    elements: str
    default: [instance_name]
  detailed_hostvars:
    description:
      - Also set C(cds_instance), the instance as the API returns it (without C(RoGroups)), and on
        read-only hosts C(cds_readonly_instance), its C(RoGroups) entry.
    type: bool
    default: false
  group_prefix:
    description: Prefix of the name of every group this plugin makes itself (not of O(keyed_groups)).
    type: str
    default: cds_
notes:
  - With O(cache=true), a cache hit makes no API request at all. The cache key covers the file and
    every option that changes what is read (endpoint, account, filters).
  - O(include_filters) and O(exclude_filters) see each instance as the API returns it (C(InstanceName),
    C(Status), C(RegionId), C(RoGroups) ...); a filtered-out instance takes its read-only instances along.
'''

EXAMPLES = r'''
# mysql.cds.yml - credentials from CDS_SECRET_ID / CDS_SECRET_KEY
plugin: clouddb.mysql.cds
regions: [CN_Beijing_A, CN_Shanghai_A]
include_filters:
  - Status == 'RUNNING'
hostnames: [instance_name_role, instance_id]
keyed_groups:
  - key: cds_tags
    prefix: tag
compose:
  ansible_port: db_port
'''

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import as_progress
from ansible_collections.clouddb.mysql.plugins.plugin_utils.inventory import (
    CloudInventoryPlugin, HostSpec, instance_group_names, name_with_role, unknown_errors, without_secrets,
)

# The filters of DescribeDBInstances, by the names of CdsClient.list_instances (reference 5).
FILTERS = ('instance_id', 'name', 'ip', 'tag')


class InventoryModule(CloudInventoryPlugin):

    NAME = 'clouddb.mysql.cds'
    FILE_SUFFIXES = ('.cds.yml', '.cds.yaml')
    FAMILY = 'cds'
    HOSTNAME_KEYWORDS = ('instance_name', 'instance_id', 'private_ip', 'instance_name_role')

    def read_options(self):
        filters = dict(self.get_option('filters') or {})
        errors = unknown_errors('filters key', sorted(filters), FILTERS)
        self._filters = dict((k, str(v)) for k, v in filters.items() if k in FILTERS and v not in (None, ''))
        if not (self.get_option('include_instances') or self.get_option('include_readonly_instances')):
            errors.append('include_instances and include_readonly_instances are both false: the inventory would be empty')
        return errors

    def fetch_identity(self):
        return {'config': without_secrets(self.family_config()), 'filters': self._filters}

    def fetch(self, pool):
        factory = self.client_factory(self.family_config())
        result = {}

        def read():
            result['instances'] = self.client('cds', factory).list_instances(**self._filters)
        pool.submit('the instance list (DescribeDBInstances)', read)
        pool.join()
        return {'instances': result.get('instances', [])}

    def host_specs(self, data):
        regions = set(self.get_option('regions') or [])
        prefix = self.get_option('group_prefix') or ''
        instances = [i for i in data.get('instances') or []
                     if (not regions or i.get('RegionId') in regions) and self.instance_matches(i)]
        groups = instance_group_names(prefix, [(i['InstanceUuid'], i['InstanceUuid'], i.get('InstanceName'))
                                               for i in instances])
        for inst in instances:
            yield from self._specs(inst, groups[inst['InstanceUuid']], prefix)

    def _specs(self, inst, group, prefix):
        detailed = self.get_option('detailed_hostvars')
        readonly = sorted(inst.get('RoGroups') or [], key=lambda r: (str(r.get('CreateTime')), str(r.get('ServiceName')), str(r.get('ServiceId'))))
        common = dict(primary_id=inst['InstanceUuid'], primary_name=inst.get('InstanceName'),
                      cds_region=inst.get('RegionId'), cds_tags=[t.get('TagName') for t in inst.get('Tags') or []])
        if detailed:
            common['cds_instance'] = dict((k, v) for k, v in inst.items() if k != 'RoGroups')
        if self.get_option('include_instances'):
            variables = dict(common, instance_id=inst['InstanceUuid'], instance_name=inst.get('InstanceName'),
                             role='master', status=inst.get('Status'), private_ip=inst.get('IP'),
                             db_port=inst.get('Port'), cpu=inst.get('Cpu'), ram_mb=inst.get('Ram'),
                             disk_gb=inst.get('Disks'), version=inst.get('Version'),
                             readonly_ips=[r.get('Ip') for r in readonly if r.get('Ip')])
            names = dict(instance_name=inst.get('InstanceName'), instance_id=inst['InstanceUuid'],
                         private_ip=inst.get('IP'), instance_name_role=name_with_role(inst.get('InstanceName'), 'master'))
            yield HostSpec(inst['InstanceUuid'], names, variables,
                           [group, prefix + 'master'] + _groups(prefix, inst.get('Status'), inst.get('RegionId')),
                           ansible_host=inst.get('IP') or None)
        if not self.get_option('include_readonly_instances'):
            return
        for number, ro in enumerate(readonly, 1):
            variables = dict(common, instance_id=ro.get('ServiceId'), instance_name=ro.get('ServiceName'),
                             role='readonly', status=ro.get('Status'), private_ip=ro.get('Ip'), db_port=ro.get('Port'),
                             cpu=ro.get('Cpu'), ram_mb=ro.get('Ram'), progress=as_progress(ro.get('Progress')))
            if detailed:
                variables['cds_readonly_instance'] = ro
            names = dict(instance_name=ro.get('ServiceName'), instance_id=ro.get('ServiceId'), private_ip=ro.get('Ip'),
                         instance_name_role=name_with_role(inst.get('InstanceName'), 'readonly-%d' % number))
            yield HostSpec(ro.get('ServiceId'), names, variables,
                           [group, prefix + 'readonly'] + _groups(prefix, ro.get('Status'), inst.get('RegionId')),
                           ansible_host=ro.get('Ip') or None)


def _groups(prefix, status, region):
    groups = []
    if status:
        groups.append('%sstatus_%s' % (prefix, status))
    if region:
        groups.append('%sregion_%s' % (prefix, region))
    return groups
