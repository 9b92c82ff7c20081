"""A fake GaussDB list/batch-details API (via `responses`) and a runner for the inventory plugin."""
import json
import os
import re
import threading
import warnings
from urllib.parse import parse_qs, urlsplit

import pytest
import responses
import yaml

from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import init_plugin_loader, inventory_loader


EP = 'https://gaussdb.test'
PROJECTS = {'cn-north-4': '0123456789abcdef0123456789abcdef', 'cn-east-3': 'fedcba9876543210fedcba9876543210'}

# tests/conftest.py stages the checkout and exports its path. Another test module may have set
# the collection finder up already, which is fine (Ansible only warns).
with warnings.catch_warnings():
    warnings.simplefilter('ignore', UserWarning)
    init_plugin_loader([os.environ['ANSIBLE_COLLECTIONS_PATH']])


def make_instance(region, number, nodes=3, status='normal'):
    iid = '%032xin07' % (number + (1 << 100 if region == 'cn-east-3' else 0))
    name = 'db-%s-%04d' % (region, number)
    node_list = []
    for k in range(nodes):
        node_list.append({
            'id': '%032xno07' % (number * 10 + k + (1 << 100 if region == 'cn-east-3' else 0)),
            'name': '%s_node%02d' % (name, k + 1),
            'type': 'master' if k == 0 else 'slave',
            'status': 'normal',
            'port': 3306,
            'private_read_ips': ['10.%d.%d.%d' % (number // 250, number % 250, k + 10)],
            'az_code': 'az%d' % (k % 2 + 1),
            'region_code': region,
            'priority': k or 1,
            'vcpus': '2', 'ram': '8', 'max_connections': '1500', 'need_restart': False,
        })
    listed = {
        'id': iid, 'name': name, 'status': status, 'port': '3306', 'type': 'Cluster', 'region': region,
        'private_ips': ['10.9.%d.%d' % (number // 250, number % 250)],
        'readonly_private_ips': ['10.8.%d.%d' % (number // 250, number % 250)],
        'proxy_ips': [], 'public_ips': [], 'datastore': {'type': 'gaussdb-mysql', 'version': '8.0'},
        'vpc_id': 'vpc-1', 'subnet_id': 'subnet-1', 'flavor_ref': 'gaussdb.mysql.xlarge.x86.4',
        'tags': [{'key': 'env', 'value': 'prod' if number % 2 else 'dev'}],
    }
    details = dict(listed, nodes=node_list, node_count=nodes, private_write_ips=listed['private_ips'],
                   az_mode='multi', master_az_code='az1', project_id=PROJECTS[region],
                   proxies=[{'pool_id': 'p1', 'address': '10.7.0.1', 'name': 'proxy'}] if number == 1 else [])
    for key in ('private_ips', 'readonly_private_ips', 'proxy_ips', 'region', 'flavor_ref'):
        details.pop(key)
    return listed, details


class FakeGaussDB(object):
    """Regions of instances behind one endpoint; the project id in the path picks the region."""

    def __init__(self, rsps):
        self.rsps = rsps
        self.regions = {}
        self.calls = []
        self.lock = threading.Lock()
        self.failing = {}        # region -> (status, body) answered to every call
        self.fail_offsets = {}   # (region, offset) -> number of failures left (503)
        self.failing_ids = set()  # a batch read asking for one of these ids is refused (403)
        self.omit_total = False
        rsps.add_callback(responses.GET, re.compile(EP + r'/v3\.1/(\w+)/instances/details.*'), callback=self.details)
        rsps.add_callback(responses.GET, re.compile(EP + r'/v3\.1/(\w+)/instances(\?.*)?$'), callback=self.listing)

    def seed(self, region, count, nodes=3, status=lambda n: 'normal'):
        self.regions[region] = [make_instance(region, n, nodes, status(n)) for n in range(1, count + 1)]

    def _region(self, request):
        project = urlsplit(request.url).path.split('/')[2]
        return next(r for r, p in PROJECTS.items() if p == project)

    def _record(self, kind, request):
        region = self._region(request)
        query = dict((k, v[0]) for k, v in parse_qs(urlsplit(request.url).query).items())
        with self.lock:
            self.calls.append((kind, region, query))
        return region, query

    def listing(self, request):
        region, query = self._record('list', request)
        if region in self.failing:
            status, body = self.failing[region]
            return status, {}, json.dumps(body)
        offset, limit = int(query.get('offset', 0)), int(query.get('limit', 100))
        with self.lock:
            left = self.fail_offsets.get((region, offset), 0)
            if left:
                self.fail_offsets[(region, offset)] = left - 1
        if left:
            return 503, {}, json.dumps({'error_code': 'DBS.200001', 'error_msg': 'unavailable'})
        items = [pair[0] for pair in self.regions.get(region, [])]
        if 'name' in query:
            items = [i for i in items if i['name'] == query['name']]
        body = {'instances': items[offset:offset + limit]}
        if not self.omit_total:
            body['total_count'] = len(items)
        return 200, {}, json.dumps(body)

    def details(self, request):
        region, query = self._record('details', request)
        if region in self.failing:
            status, body = self.failing[region]
            return status, {}, json.dumps(body)
        ids = query['instance_ids'].split(',')
        assert len(ids) <= 20
        if self.failing_ids & set(ids):
            return 403, {}, json.dumps({'error_code': 'DBS.280036', 'error_msg': 'no permission'})
        found = [pair[1] for pair in self.regions.get(region, []) if pair[1]['id'] in ids]
        return 200, {}, json.dumps({'instances': found})

    def count(self, kind=None, region=None):
        return len([c for c in self.calls if (kind is None or c[0] == kind) and (region is None or c[1] == region)])


@pytest.fixture
def fake_api():
    from ansible_collections.clouddb.mysql.plugins.module_utils import huawei
    huawei._CACHE.clear()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield FakeGaussDB(rsps)


@pytest.fixture
def no_backoff(monkeypatch):
    """Retries without sleeping (the retry policy itself is tested with the transport)."""
    from ansible_collections.clouddb.mysql.plugins.module_utils.transport import RetryPolicy
    monkeypatch.setattr(RetryPolicy, 'delay', lambda self, attempt, retry_after=None: 0.0)


BASE_CONFIG = {
    'plugin': 'clouddb.mysql.gaussdb',
    'access_key': 'AK', 'secret_key': 'SK',
    'endpoint_url': EP,
    'regions': [{'name': 'cn-north-4', 'project_id': PROJECTS['cn-north-4']}],
}


class Run(object):
    def __init__(self, inventory, plugin):
        self.inventory = inventory
        self.plugin = plugin

    @property
    def hosts(self):
        return self.inventory.hosts

    def vars(self, host):
        """What a play sees: the variables of the host's groups, then its own."""
        from ansible.inventory.helpers import get_group_vars
        from ansible.utils.vars import combine_vars
        entity = self.inventory.get_host(host)
        return combine_vars(get_group_vars(entity.get_groups()), entity.get_vars())

    def group(self, name):
        group = self.inventory.groups.get(name)
        return sorted(h.name for h in group.get_hosts()) if group else None


@pytest.fixture
def run_inventory(tmp_path):
    def run(overrides=None, cache=True, filename='test.gaussdb.yml', inventory=None):
        config = dict(BASE_CONFIG)
        config.update(overrides or {})
        path = tmp_path / filename
        path.write_text(yaml.safe_dump(config))
        plugin = inventory_loader.get('clouddb.mysql.gaussdb')
        inventory = InventoryData() if inventory is None else inventory
        plugin.parse(inventory, DataLoader(), str(path), cache=cache)
        if plugin.get_option('cache'):
            plugin.update_cache_if_changed()
        return Run(inventory, plugin)
    return run
