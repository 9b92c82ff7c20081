"""The clouddb.mysql.gaussdb inventory plugin against the in-process emulator, and a runner for it.

``InventoryCloud`` is the lead's ``GaussDBCloud`` (the emulator's Flask app behind ``responses``)
seen from the plugin's side: every request the plugin sends is recorded in ``requests`` as
``(kind, region, query)`` (kind ``list``, ``details`` or ``iam``), in the order sent, and
``intercept()`` lets a test answer chosen requests itself, for failures the emulator cannot aim
at one request (a page that fails twice, a batch refused, a list without ``total_count``).
Test data is the emulator's own: ``seed()`` returns the emulator's instances, which a test may
change in place (names, tags, statuses) as the cloud would.
"""
import collections
import json
import os
import threading
import warnings
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses
import yaml

from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import init_plugin_loader, inventory_loader

# tests/conftest.py stages the checkout and exports its path. Another test module may have set
# the collection finder up already, which is fine (Ansible only warns). It must be set up before
# anything is imported from ansible_collections.
with warnings.catch_warnings():
    warnings.simplefilter('ignore', UserWarning)
    init_plugin_loader([os.environ['ANSIBLE_COLLECTIONS_PATH']])

from ansible_collections.clouddb.mysql.tests.unit.plugins.modules.gaussdb_cloud import (  # noqa: E402
    AUTH, ENDPOINT, GaussDBCloud,
)

from tests.emulator.huawei.auth import PROJECTS as EMULATOR_PROJECTS  # noqa: E402
from tests.emulator.huawei.store import gauss  # noqa: E402

PROJECTS = dict((p['name'], p['id']) for p in EMULATOR_PROJECTS)
REGIONS = dict((p['id'], p['name']) for p in EMULATOR_PROJECTS)
KINDS = {'instances': 'list', 'details': 'details', 'projects': 'iam', 'tokens': 'iam'}
Request = collections.namedtuple('Request', 'kind region query')

BASE_CONFIG = {
    'plugin': 'clouddb.mysql.gaussdb',
    'access_key': AUTH['access_key'], 'secret_key': AUTH['secret_key'],
    'endpoint_url': ENDPOINT,
    'regions': [{'name': 'cn-north-4', 'project_id': PROJECTS['cn-north-4']}],
}


class InventoryCloud(GaussDBCloud):

    def __init__(self):
        super(InventoryCloud, self).__init__()
        self.requests = []
        self._rules = []
        # The plugin sends from many threads; the emulator answers one request at a time anyway.
        self._lock = threading.RLock()

    @property
    def store(self):
        return gauss(self.ctx)

    def seed(self, count=1, nodes=3, region='cn-north-4'):
        """``count`` ready instances of ``nodes`` nodes (master first) in ``region``: the emulator's own
        objects (not their ids), oldest first."""
        ids = super(InventoryCloud, self).seed(count, nodes, project_id=PROJECTS[region], name_prefix='db-' + region)
        return [self.store.instances[i] for i in ids]

    def listed(self, region='cn-north-4'):
        """The instances of ``region`` in the order the list API gives them (newest first)."""
        return self.store.in_project(PROJECTS[region])

    def count(self, kind=None, region=None):
        return len([r for r in self.requests if kind in (None, r.kind) and region in (None, r.region)])

    def intercept(self, match, answer, times=None):
        """The next ``times`` (None: every) requests for which ``match(request)`` holds are answered by
        ``answer(forward)``; ``forward()`` is the emulator's own ``(status, headers, body)``."""
        self._rules.append([match, answer, times])

    def refuse(self, match, status, error_code, error_msg, times=None):
        """Answer the matching requests with the GaussDB error ``error_code`` (HTTP ``status``)."""
        body = json.dumps({'error_code': error_code, 'error_msg': error_msg})
        self.intercept(match, lambda forward: (status, {}, body), times)

    def _forward(self, request):
        parts = urlsplit(request.url)
        path = parts.path.split('/')
        seen = Request(KINDS.get(path[-1], path[-1]), REGIONS.get(path[2], path[2]) if len(path) > 3 else None,
                       dict(parse_qsl(parts.query)))
        with self._lock:
            self.requests.append(seen)
            rule = next((r for r in self._rules if r[2] != 0 and r[0](seen)), None)
            if rule is not None and rule[2] is not None:
                rule[2] -= 1

            def forward():
                return super(InventoryCloud, self)._forward(request)
            return rule[1](forward) if rule is not None else forward()


def without_total_count(forward):
    """The emulator's list answer without ``total_count`` (for an ``intercept`` rule)."""
    status, headers, body = forward()
    data = json.loads(body)
    data.pop('total_count', None)
    return status, headers, json.dumps(data)


@pytest.fixture
def cloud():
    from ansible_collections.clouddb.mysql.plugins.module_utils import huawei
    huawei._CACHE.clear()
    emulator = InventoryCloud()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        emulator.install(rsps)
        yield emulator


@pytest.fixture
def no_backoff(monkeypatch):
    """Retries without sleeping (the retry policy itself is tested with the transport)."""
    from ansible_collections.clouddb.mysql.plugins.module_utils.transport import RetryPolicy
    monkeypatch.setattr(RetryPolicy, 'delay', lambda self, attempt, retry_after=None: 0.0)


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
