# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: gaussdb
short_description: GaussDB(for MySQL) / TaurusDB instances and their nodes as an inventory
version_added: 1.0.0
description:
  - Reads the GaussDB(for MySQL) instances of one or several Huawei Cloud regions and makes
    every node a host (and, optionally, every instance).
  - The list is read 100 instances per request (C(GET /v3.1/{project_id}/instances)) and the
    nodes 20 instances per request (C(GET /v3.1/{project_id}/instances/details)), never one
    request per instance. After the first page of a region, the remaining pages and the batch
    reads run concurrently, up to O(max_concurrency) requests at a time over all regions.
    2,000 instances cost 20 list requests and 100 batch requests.
  - Groups, each name starting with O(group_prefix) (V(gaussdb_) by default) and made safe for
    Ansible (characters other than letters, digits and V(_) become V(_)).
    C(<prefix>instance_<instance name>) holds the nodes of one instance (when two instances
    would get the same group name, each gets C(_<instance id>) appended);
    C(<prefix>master) and C(<prefix>readonly) hold the nodes by role (the API's node types
    C(master) and C(slave));
    C(<prefix>status_<status>), C(<prefix>az_<availability zone>) and C(<prefix>region_<region>)
    hold the hosts by status, zone and region.
  - Instance hosts (O(include_instances)) go into C(<prefix>instances) and into the status
    (instance status), zone (primary zone) and region groups, but not into the per-instance
    group, which holds nodes only.
  - Variables (each with O(hostvars_prefix) in front). On every node, the facts of its
    instance, C(instance_id), C(instance_name), C(instance_status), C(db_port) (the database
    port), C(write_ip) (read-write address), C(read_ips) (read-only addresses), C(proxy_ips)
    (database proxy addresses) and C(gaussdb_tags) (the tags as a dictionary); its own
    C(node_id), C(node_name) and C(priority) (failover priority); and C(role) (V(master) or
    V(readonly)), C(status), C(availability_zone) and C(gaussdb_region). Instance hosts have
    the same facts, with C(role=instance), their own status and their primary zone.
  - What several hosts share by definition is set once, as a variable of the group they share
    (the facts of an instance on its group, C(role) on the role group, C(status) on the status
    group ...), and every member inherits it; playbooks, O(compose), O(groups) and
    O(keyed_groups) see these variables as the host's own. Only C(node_id), C(node_name),
    C(priority) and C(ansible_host) are set per host. This keeps large inventories fast.
  - Everything else the API says about instances and nodes (public IPs, DNS names, VPC,
    flavor, versions ...) is available with O(detailed_hostvars=true).
  - C(ansible_host) is the node's private IP (for an instance host, its read-write IP).
  - Variable names never collide with names Ansible reserves (C(tags), C(port), C(name),
    C(environment) ...); such a name would be given a C(gaussdb_) prefix instead, which is why the
    tags are C(gaussdb_tags).
  - A region, page or batch that still fails after the client's retries fails the inventory,
    naming each missing part, or only warns about them with O(fail_on_errors=false). Nothing is
    printed to standard output.
  - Credentials come from the file or from the E(HW_*) environment variables, so an AWX
    inventory source can take them from a custom credential type.
author:
  - clouddb.mysql contributors (@clouddb)
requirements:
  - requests
  - jmespath (only for O(include_filters) and O(exclude_filters))
extends_documentation_fragment:
  - constructed
  - inventory_cache
  - clouddb.mysql.huawei_auth.plugins
  - clouddb.mysql.inventory
options:
  plugin:
    description: Marks the file as one for this plugin.
    type: str
    required: true
    choices: [clouddb.mysql.gaussdb]
  regions:
    description:
      - Regions to read. Each entry is a region name, or a dictionary with C(name) (required),
        C(project_id) and C(endpoint_url).
      - A region without a C(project_id) uses O(project_id) if it is the region O(region) (or
        the only region listed when O(region) is not set); otherwise its project id is looked up
        through IAM.
      - A region without an C(endpoint_url) uses O(endpoint_url), or else the region table.
      - When empty, the region O(region) is read.
    type: list
    elements: raw
    default: []
  filters:
    description:
      - Filters the list API applies on the server (4.3.31), the same in every region.
      - Keys C(id), C(name) (exact; a leading C(*) is a fuzzy match), C(type), C(datastore_type),
        C(vpc_id), C(subnet_id), C(private_ip), C(readonly_private_ip), C(proxy_ip) and C(tags)
        (a dictionary of tag keys and values that must all match, or the API's
        C(key=value,key2=value2) string).
      - The API has no status filter; use O(include_filters) for that, for example
        V(status == 'normal').
    type: dict
    default: {}
  include_nodes:
    description: Make every node a host.
    type: bool
    default: true
  include_instances:
    description:
      - Also make every instance a host, addressed by its read-write IP (for example to run
        SQL through the cluster address from the controller).
    type: bool
    default: false
  hostnames:
    description:
      - Ordered preference list of how hosts are named; a host takes the first entry that has a
        value for it, and its id when none has.
      - V(node_name) the node name; V(node_id) the node id; V(private_ip) the node's private IP;
        V(instance_name_role) the instance name with the node's role, C(<instance>-master) or
        C(<instance>-readonly-<n>) (read-only nodes numbered from 1 in node name order);
        V(instance_name) and V(instance_id) those of the node's instance.
      - For instance hosts, V(node_name), V(instance_name) and V(instance_name_role) give the
        instance name, V(node_id) and V(instance_id) the instance id, V(private_ip) the
        read-write IP.
      - Duplicates. A name that two or more hosts would get is given to none of them; each of
        them is named C(<name>_<node id>) (C(<name>_<instance id>) for instance hosts). Names
        therefore never depend on the order the API returns things in.
    type: list
    elements: str
    default: [node_name]
  detailed_hostvars:
    description:
      - Also set C(gaussdb_instance), the instance as the API returns it (list and detail fields,
        without the nodes), and, on node hosts, C(gaussdb_node), the node as the API returns it.
      - Off by default because it multiplies the size of the inventory; O(include_filters) and
        O(exclude_filters) see all of it anyway.
    type: bool
    default: false
  group_prefix:
    description: Prefix of the name of every group this plugin makes itself (not of O(keyed_groups)).
    type: str
    default: gaussdb_
notes:
  - With O(cache=true), a cache hit makes no API request at all. The cache key covers the file
    and every option that changes what is read (regions, filters, endpoint, account), so a
    changed file never reads a stale entry (nor another version of the plugin). An incomplete
    result (O(fail_on_errors=false)) is never cached.
  - Instances created or deleted while the list is being read may be missed or listed once
    more by a concurrent page; each instance appears at most once.
  - Ansible reports a failing inventory source as a warning and goes on without its hosts unless
    E(ANSIBLE_INVENTORY_UNPARSED_FAILED) is V(true) (C(inventory_unparsed_failed) in
    C(ansible.cfg); AWX sets it for inventory updates), with which C(ansible-inventory) and
    playbooks stop.
'''

EXAMPLES = r'''
# prod.gaussdb.yml - credentials from HW_ACCESS_KEY / HW_SECRET_KEY / HW_REGION_NAME ...
plugin: clouddb.mysql.gaussdb
regions:
  - cn-north-4
  - name: ap-southeast-1
    project_id: 0123456789abcdef0123456789abcdef
filters:
  tags:
    env: prod
include_filters:
  - status == 'normal'
hostnames: [instance_name_role, node_id]
keyed_groups:
  - key: gaussdb_tags.team | default('none')
    prefix: team
compose:
  ansible_port: db_port

---
# lenient.gaussdb.yml - lenient reading of many regions, with a cache shared by runs (AWX: mount a
# directory or use a shared cache plugin).
plugin: clouddb.mysql.gaussdb
regions: [cn-north-4, cn-east-3, ap-southeast-1]
fail_on_errors: false
max_concurrency: 16
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/clouddb-gaussdb
cache_timeout: 600
'''

import threading

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import as_int, tags_to_dict
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import BATCH_DETAILS_MAX, PAGE_SIZE, chunks
from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_node import node_private_ip, node_role
from ansible_collections.clouddb.mysql.plugins.plugin_utils.inventory import (
    CloudInventoryPlugin, HostSpec, instance_group_names, name_with_role, unknown_errors, without_secrets,
)

# 4.3.31 table 4-207, minus offset/limit (the plugin pages itself).
LIST_FILTERS = ('id', 'name', 'type', 'datastore_type', 'vpc_id', 'subnet_id', 'private_ip',
                'readonly_private_ip', 'proxy_ip', 'tags')
REGION_KEYS = ('name', 'project_id', 'endpoint_url')


class InventoryModule(CloudInventoryPlugin):

    NAME = 'clouddb.mysql.gaussdb'
    FILE_SUFFIXES = ('.gaussdb.yml', '.gaussdb.yaml')
    FAMILY = 'gaussdb'
    HOSTNAME_KEYWORDS = ('node_name', 'node_id', 'private_ip', 'instance_name_role', 'instance_name',
                         'instance_id')

    # -- options --------------------------------------------------------------------------
    def read_options(self):
        self._regions, errors = self._region_entries()
        self._list_params = self._list_filters(errors)
        if not (self.get_option('include_nodes') or self.get_option('include_instances')):
            errors.append('include_nodes and include_instances are both false: the inventory would be empty')
        return errors

    def _region_entries(self):
        """The regions to read, each a dict of REGION_KEYS, and the messages of the entries that are wrong."""
        default_region = self.get_option('region')
        raw = self.get_option('regions') or ([default_region] if default_region else [])
        if not raw:
            return [], ['regions is empty and region is not set (nor HW_REGION_NAME): there is no region to read']
        entries, errors = [], []
        for item in raw:
            entry = {'name': item} if not isinstance(item, dict) else dict(item)
            if set(entry) - set(REGION_KEYS) or not entry.get('name') or not isinstance(entry['name'], str):
                errors.append('regions entry %r is invalid: a region name, or a dictionary with name (required), '
                              'project_id and endpoint_url' % (item,))
            elif entry['name'] in [e['name'] for e in entries]:
                errors.append('regions entry %r is listed twice' % entry['name'])
            else:
                entries.append(entry)
        # The top-level project_id belongs to one region only (see the option's description).
        owner = default_region or (entries[0]['name'] if len(entries) == 1 else None)
        for entry in entries:
            if not entry.get('project_id') and entry['name'] == owner:
                entry['project_id'] = self.get_option('project_id')
        return entries, errors

    def _list_filters(self, errors):
        """The query parameters of the ``filters`` option; what the list API does not take is added to ``errors``."""
        filters = dict(self.get_option('filters') or {})
        if 'status' in filters:
            errors.append("filters key 'status' cannot be used: the list API has no status filter "
                          "(use include_filters, e.g. \"status == 'normal'\")")
        errors += unknown_errors('filters key', sorted(set(filters) - set(['status'])), LIST_FILTERS)
        tags = filters.get('tags')
        if isinstance(tags, dict):
            # 4.3.31: "key=value" pairs joined by commas, all of them must match.
            filters['tags'] = ','.join('%s=%s' % (k, tags[k]) for k in sorted(tags))
        return dict((k, str(v)) for k, v in filters.items() if v is not None)

    def _region_config(self, entry):
        return self.family_config(region=entry['name'], project_id=entry.get('project_id'),
                                  endpoint_url=entry.get('endpoint_url') or self.get_option('endpoint_url'))

    def fetch_identity(self):
        return {
            'regions': [without_secrets(self._region_config(entry)) for entry in self._regions],
            'filters': self._list_params,
        }

    # -- reading --------------------------------------------------------------------------
    def fetch(self, pool):
        result = _RegionData()
        for entry in self._regions:
            region = entry['name']
            factory = self.client_factory(self._region_config(entry), 'region %s' % region)
            pool.submit('region %s: instance list (the whole region)' % region, self._read_page, pool, result, region,
                        factory, 0, True)
        pool.join()
        return result.as_data(self._regions)

    def _read_page(self, pool, result, region, factory, offset, first):
        items, total = self.client(region, factory).instances_page(offset, self._list_params)
        result.add_listed(region, offset, items)
        # The other pages go first: each of them brings more batch reads to run in parallel.
        if first and total is not None:
            # total_count is known after the first page: every other page can be read at once.
            for start in range(offset + PAGE_SIZE, total, PAGE_SIZE):
                pool.submit('region %s: instances %d-%d of the list' % (region, start, start + PAGE_SIZE - 1),
                            self._read_page, pool, result, region, factory, start, False)
        elif total is None and len(items) >= PAGE_SIZE:
            # Without total_count only "a full page" says that another may follow.
            start = offset + len(items)
            pool.submit('region %s: instances from %d of the list' % (region, start),
                        self._read_page, pool, result, region, factory, start, False)
        for group in chunks([item['id'] for item in items], BATCH_DETAILS_MAX):
            pool.submit('region %s: details of instances %s' % (region, ', '.join(group)),
                        self._read_details, result, region, factory, group)

    def _read_details(self, result, region, factory, ids):
        result.add_details(region, self.client(region, factory).batch_details(ids))

    # -- building hosts -------------------------------------------------------------------
    def host_specs(self, data):
        builder = _SpecBuilder(self)
        # The region names as configured, not as cached: the same strings (and the same trust:
        # the file's are trusted, the cache's are not) as in a run that reads the API.
        configured = dict((entry['name'], entry['name']) for entry in self._regions)
        instances = []
        for region in data.get('regions') or []:
            name = configured.get(region['name'], region['name'])
            for instance in region.get('instances') or []:
                if self.instance_matches(instance):
                    instances.append((name, instance))
        group_names = instance_group_names(builder.prefix, [((region, instance['id']), instance['id'], instance.get('name'))
                                                            for region, instance in instances])
        for region, instance in instances:
            yield from builder.specs(region, instance, group_names[(region, instance['id'])])


class _RegionData(object):
    """What the tasks found, merged under a lock (tasks of one region run on several threads)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._listed = {}    # region -> {offset: [list items]}
        self._details = {}   # region -> {id: details}

    def add_listed(self, region, offset, items):
        with self._lock:
            self._listed.setdefault(region, {})[offset] = items

    def add_details(self, region, items):
        with self._lock:
            target = self._details.setdefault(region, {})
            for item in items:
                target[item['id']] = item

    def as_data(self, entries):
        """``{'regions': [{'name', 'instances': [...]}]}``: list fields overlaid by the details.

        An instance listed but absent from its batch answer was deleted in between and is left
        out; one whose batch failed is left out too, and that failure is reported by the pool.
        """
        regions = []
        for entry in entries:
            name = entry['name']
            details = self._details.get(name, {})
            seen, instances = set(), []
            pages = self._listed.get(name, {})
            for offset in sorted(pages):
                for item in pages[offset]:
                    if item['id'] in seen or item['id'] not in details:
                        continue
                    seen.add(item['id'])
                    merged = dict(item)
                    merged.update(details[item['id']])
                    instances.append(merged)
            regions.append({'name': name, 'instances': instances})
        return {'regions': regions}


def _as_list(value):
    if value in (None, ''):
        return []
    if isinstance(value, (list, tuple)):
        return [v for v in value if v not in (None, '')]
    return [part.strip() for part in str(value).split(',') if part.strip()]


def instance_facts(instance):
    """Variables of the instance that every one of its hosts carries (no extra API call)."""
    write_ips = _as_list(instance.get('private_write_ips')) or _as_list(instance.get('private_ips'))
    read_ips = _as_list(instance.get('readonly_private_ips'))
    if not read_ips:
        read_ips = [node_private_ip(n) for n in instance.get('nodes') or []
                    if node_role(n) == 'readonly' and node_private_ip(n)]
    proxy_ips = _as_list(instance.get('proxy_ips'))
    for proxy in instance.get('proxies') or []:
        if proxy.get('address') and proxy['address'] not in proxy_ips:
            proxy_ips.append(proxy['address'])
    return {
        'instance_id': instance.get('id'),
        'instance_name': instance.get('name'),
        'instance_status': instance.get('status'),
        'db_port': as_int(instance.get('port')),
        'write_ip': write_ips[0] if write_ips else None,
        'read_ips': read_ips,
        'proxy_ips': proxy_ips,
        'gaussdb_tags': tags_to_dict(instance.get('tags')),
    }


def instance_details(instance):
    """The instance as the API describes it, without its nodes (O(detailed_hostvars))."""
    return dict((k, v) for k, v in instance.items() if k != 'nodes')


class _SpecBuilder(object):
    """HostSpecs of one instance at a time; the groups many hosts share are made once.

    What several hosts share by definition (the instance's facts, the role, status, zone and
    region) is given as variables of the group they share; only id, name and priority are per
    host. The entries of the groups many instances share are made once and reused.
    """

    def __init__(self, plugin):
        self.prefix = plugin.get_option('group_prefix') or ''
        self.include_nodes = plugin.get_option('include_nodes')
        self.include_instances = plugin.get_option('include_instances')
        self.detailed = plugin.get_option('detailed_hostvars')
        self._groups = {}
        self._instances_group = ('%sinstances' % self.prefix, {'role': 'instance'})

    def _group(self, kind, value, variable):
        """The (name, variables) entry of a status, zone, region or role group, made once."""
        entry = self._groups.get((kind, value))
        if entry is None:
            entry = self._groups[(kind, value)] = ('%s%s%s' % (self.prefix, kind, value), {variable: value})
        return entry

    def _common(self, status, zone, region):
        """Region, status and zone groups, each carrying the variable that its members share."""
        groups = [self._group('region_', region, 'gaussdb_region')]
        if status:
            groups.append(self._group('status_', status, 'status'))
        if zone:
            groups.append(self._group('az_', zone, 'availability_zone'))
        return groups

    def specs(self, region, instance, instance_group):
        facts = instance_facts(instance)
        if self.include_instances:
            yield self.instance_spec(region, instance, facts)
        if self.include_nodes:
            yield from self.node_specs(region, instance, facts, instance_group)

    def instance_spec(self, region, instance, facts):
        name = instance.get('name')
        names = {
            'node_name': name, 'instance_name': name, 'instance_name_role': name,
            'node_id': instance['id'], 'instance_id': instance['id'], 'private_ip': facts['write_ip'],
        }
        variables = dict(facts)
        if self.detailed:
            variables['gaussdb_instance'] = instance_details(instance)
        groups = [self._instances_group]
        groups += self._common(instance.get('status'), instance.get('master_az_code'), region)
        return HostSpec(instance['id'], names, variables, groups, ansible_host=facts['write_ip'])

    def node_specs(self, region, instance, facts, instance_group):
        shared = facts
        if self.detailed:
            shared = dict(facts, gaussdb_instance=instance_details(instance))
        name = instance.get('name')
        instance_id = instance['id']
        own_group = (instance_group, shared)
        nodes = sorted(instance.get('nodes') or [], key=lambda n: (str(n.get('name')), str(n.get('id'))))
        readonly_number = 0
        for node in nodes:
            role = node_role(node)
            role_name = role
            if role == 'readonly':
                readonly_number += 1
                role_name = 'readonly-%d' % readonly_number
            private_ip = node_private_ip(node)
            names = {
                'node_name': node.get('name'), 'node_id': node['id'], 'private_ip': private_ip,
                'instance_name': name, 'instance_id': instance_id,
                'instance_name_role': name_with_role(name, role_name),
            }
            variables = {'node_id': node['id'], 'node_name': node.get('name'), 'priority': as_int(node.get('priority'))}
            if self.detailed:
                variables['gaussdb_node'] = node
            groups = [own_group]
            if role:
                groups.append(self._group('', role, 'role'))
            groups += self._common(node.get('status'), node.get('az_code'), region)
            yield HostSpec(node['id'], names, variables, groups, ansible_host=private_ip)
