"""clouddb.mysql.cds inventory against the in-process emulator (tests/emulator/cds, HTTP via responses)."""
import json
import os
import re
import sys
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses
import yaml

from ansible.errors import AnsibleError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import init_plugin_loader, inventory_loader

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tests.emulator.cds import api as emulator_api, seeding  # noqa: E402
from tests.emulator.cds.store import Store  # noqa: E402

init_plugin_loader([os.environ['ANSIBLE_COLLECTIONS_PATH']])

ENDPOINT = 'https://cds.test'
CONFIG = dict(plugin='clouddb.mysql.cds', access_key_id='EMULATORCDSID', access_key_secret='emulator-cds-secret',
              endpoint_url=ENDPOINT)


@pytest.fixture
def store():
    return Store()


@pytest.fixture
def run(store, tmp_path):
    calls = []

    def callback(request):
        parts = urlsplit(request.url)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        calls.append(query)
        status, body = emulator_api.handle(store, request.method, parts.path, query, b'', ENDPOINT + '/')
        return status, {}, json.dumps(body)

    def go(overrides=None):
        path = tmp_path / 'test.cds.yml'
        path.write_text(yaml.safe_dump(dict(CONFIG, **(overrides or {}))))
        plugin = inventory_loader.get('clouddb.mysql.cds')
        inventory = InventoryData()
        with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
            rsps.add_callback('GET', re.compile(re.escape(ENDPOINT) + r'/mysql/\?.*'), callback=callback)
            plugin.parse(inventory, DataLoader(), str(path), cache=False)
        inventory.calls = calls
        return inventory
    go.calls = calls
    return go


def members(inventory, group):
    return sorted(h.name for h in inventory.groups[group].get_hosts())


def test_every_instance_and_readonly_instance_is_a_host_in_one_request(store, run):
    seeding.seed(store, 3, 2)
    inv = run()
    assert len(inv.hosts) == 9
    assert len(inv.calls) == 1 and inv.calls[0]['Action'] == 'DescribeDBInstances'
    assert members(inv, 'cds_instance_seed_mysql_001') == ['seed-mysql-001', 'seed-mysql-001-ro1', 'seed-mysql-001-ro2']
    assert len(members(inv, 'cds_master')) == 3 and len(members(inv, 'cds_readonly')) == 6
    assert len(members(inv, 'cds_status_RUNNING')) == 9 and len(members(inv, 'cds_region_CN_Beijing_A')) == 9
    primary = inv.get_host('seed-mysql-001').vars
    assert primary['role'] == 'master' and primary['db_port'] == 3306 and primary['ansible_host'] == primary['private_ip']
    assert len(primary['readonly_ips']) == 2 and primary['cds_tags'] == ['seed']
    ro = inv.get_host('seed-mysql-001-ro2').vars
    assert ro['role'] == 'readonly' and ro['primary_name'] == 'seed-mysql-001' and ro['progress'] == 100
    assert 'cds_instance' not in ro


def test_hostnames_roles_prefix_and_duplicates(store, run):
    a, b = seeding.seed(store, 2, 1)
    store.instances[b]['InstanceName'] = store.instances[a]['InstanceName']
    inv = run({'hostnames': ['instance_name_role'], 'hostvars_prefix': 'cds_', 'detailed_hostvars': True})
    names = sorted(inv.hosts)
    assert names == sorted(['seed-mysql-001-master_%s' % a, 'seed-mysql-001-master_%s' % b] + [
        'seed-mysql-001-readonly-1_%s' % ro for ro in store.readonly])
    assert ('cds_instance_seed_mysql_001_%s' % a.replace('-', '_')) in inv.groups
    host = inv.get_host('seed-mysql-001-master_%s' % a).vars
    assert host['cds_role'] == 'master' and host['cds_cds_instance']['InstanceUuid'] == a


def test_regions_filters_and_jmespath(store, run):
    a, b = seeding.seed(store, 2)
    store.instances[b]['RegionId'] = 'CN_Shanghai_A'
    store.set_status(store.instances[a], 'CHANGING')
    assert sorted(run({'regions': ['CN_Shanghai_A']}).hosts) == ['seed-mysql-002']
    assert sorted(run({'include_filters': ["Status == 'RUNNING'"]}).hosts) == ['seed-mysql-002']
    inv = run({'filters': {'name': 'seed-mysql-001'}})
    assert sorted(inv.hosts) == ['seed-mysql-001'] and inv.calls[-1]['InstanceName'] == 'seed-mysql-001'
    assert 'cds_status_CHANGING' in inv.groups


def test_bad_options_fail_before_any_request(store, run):
    with pytest.raises(AnsibleError, match=r"Invalid input: filters key 'status' is unknown \(valid: instance_id, name, ip, tag\)"):
        run({'filters': {'status': 'RUNNING'}})
    with pytest.raises(AnsibleError, match='both false'):
        run({'include_instances': False, 'include_readonly_instances': False})
    with pytest.raises(AnsibleError) as failed:
        run({'filters': {'zone': 'a'}, 'max_concurrency': 99, 'hostnames': ['node_name']})
    assert str(failed.value) == ("Invalid input: max_concurrency must be between 1 and 64, got 99; hostnames entry "
                                 "'node_name' is unknown (valid: instance_name, instance_id, private_ip, "
                                 "instance_name_role); filters key 'zone' is unknown (valid: instance_id, name, ip, tag)")
    assert run.calls == []


def test_missing_credentials_fail_before_any_request(store, run, monkeypatch):
    monkeypatch.delenv('CDS_SECRET_KEY', raising=False)
    # Ansible refuses it first: access_key_secret is a required option (doc fragment cds_auth).
    with pytest.raises(AnsibleError, match="Required config 'access_key_secret'"):
        run({'access_key_secret': None})
    assert run.calls == []


def test_instance_groups_that_collide_once_made_safe_get_the_uuid(store, run):
    a, b = seeding.seed(store, 2, 1)
    store.instances[a]['InstanceName'], store.instances[b]['InstanceName'] = 'db-1', 'db_1'
    inv = run()
    assert sorted(g for g in inv.groups if g.startswith('cds_instance_')) == sorted(
        'cds_instance_db_1_' + uuid.replace('-', '_') for uuid in (a, b))
    readonly = [r['ServiceName'] for r in store.readonly.values() if r['_primary'] == a]
    assert members(inv, 'cds_instance_db_1_' + a.replace('-', '_')) == sorted(['db-1'] + readonly) and len(readonly) == 1


def test_wrong_secret_fails_the_inventory(store, run):
    seeding.seed(store, 1)
    with pytest.raises(AnsibleError, match='Authentication failed'):
        run({'access_key_secret': 'wrong'})
