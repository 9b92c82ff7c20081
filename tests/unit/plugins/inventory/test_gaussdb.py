"""clouddb.mysql.gaussdb inventory against the in-process emulator: request budget, hosts, groups,
variables, filters, failures, cache."""
import collections
import math

import pytest

from ansible.errors import AnsibleError

from gaussdb_inventory_cloud import AUTH, ENDPOINT, PROJECTS, without_total_count

VPC = '3cedfc54-b105-4652-a4e0-847b11576b58'  # the emulator's seeded instances live in it
BOTH_REGIONS = [{'name': 'cn-north-4', 'project_id': PROJECTS['cn-north-4']},
                {'name': 'cn-east-3', 'project_id': PROJECTS['cn-east-3']}]
# A project the emulator's account does not have: the gateway refuses every request of that region (401).
FORBIDDEN_REGIONS = [BOTH_REGIONS[0], {'name': 'cn-east-3', 'project_id': 'a' * 32}]


def nodes(instance):
    """The emulator's nodes of ``instance``, master first."""
    return list(instance.nodes.values())


def node_names(*instances):
    return sorted(n.name for i in instances for n in nodes(i))


def group_of(value):
    return value.replace('-', '_')


def warnings_of(monkeypatch):
    from ansible.utils.display import Display
    seen = []
    monkeypatch.setattr(Display, 'warning', lambda self, msg, *a, **k: seen.append(msg))
    return seen


def test_request_budget_is_pages_plus_batches(cloud, run_inventory):
    # 230 instances: 3 list pages (100, 100, 30) and ceil(230 / 20) = 12 batch calls,
    # the formula that makes 2,000 instances cost 20 + 100 requests.
    cloud.seed(230)
    run = run_inventory()
    assert cloud.count('list') == math.ceil(230 / 100.0)
    assert cloud.count('details') == math.ceil(230 / 20.0)
    assert len(run.hosts) == 230 * 3
    offsets = sorted(int(r.query['offset']) for r in cloud.requests if r.kind == 'list')
    assert offsets == [0, 100, 200]
    assert all(r.query['limit'] == '100' for r in cloud.requests if r.kind == 'list')
    assert all(len(r.query['instance_ids'].split(',')) <= 20 for r in cloud.requests if r.kind == 'details')
    assert run.plugin.requests_sent == 3 + 12 == cloud.stats()['requests_total']


def test_the_other_pages_are_read_before_the_first_pages_batches(cloud, run_inventory):
    # One request at a time shows the order of the queue: the pages unlock more parallel work.
    cloud.seed(230)
    run_inventory({'max_concurrency': 1})
    kinds = [r.kind for r in cloud.requests]
    assert kinds[:3] == ['list', 'list', 'list'] and set(kinds[3:]) == {'details'}


def test_max_concurrency_defaults_to_16(cloud, run_inventory):
    cloud.seed(1)
    assert run_inventory().plugin.get_option('max_concurrency') == 16


def test_without_total_count_pages_follow_one_another(cloud, run_inventory):
    cloud.intercept(lambda request: request.kind == 'list', without_total_count)
    cloud.seed(200)
    run = run_inventory({'max_concurrency': 1})
    # Two full pages, then an empty one that says the list ended.
    assert cloud.count('list') == 3
    assert len(run.hosts) == 600


def test_hosts_groups_and_variables(cloud, run_inventory):
    first, second = cloud.seed(2)
    first.tags = {'env': 'prod'}
    first.ext['proxies'] = [{'pool_id': 'p1', 'name': 'proxy', 'address': '10.7.0.1'}]
    nodes(first)[2].az_code = 'cn-north-4c'  # a node in another zone than its instance
    master, replica = nodes(first)[:2]
    run = run_inventory()
    hostvars = run.vars(master.name)
    assert hostvars['ansible_host'] == master.private_ip
    assert hostvars['role'] == 'master'
    assert 'gaussdb_node' not in hostvars and 'gaussdb_instance' not in hostvars
    assert hostvars['db_port'] == 3306
    assert hostvars['write_ip'] == first.private_write_ip
    assert hostvars['read_ips'] == [n.private_ip for n in nodes(first)[1:]]
    assert hostvars['proxy_ips'] == ['10.7.0.1']
    assert hostvars['gaussdb_tags'] == {'env': 'prod'}
    assert hostvars['gaussdb_region'] == 'cn-north-4'
    assert hostvars['availability_zone'] == master.az_code
    assert hostvars['instance_name'] == first.name
    assert run.vars(replica.name)['role'] == 'readonly'
    assert run.group('gaussdb_instance_' + group_of(first.name)) == node_names(first)
    assert run.group('gaussdb_master') == sorted([master.name, nodes(second)[0].name])
    assert len(run.group('gaussdb_readonly')) == 4
    assert len(run.group('gaussdb_status_normal')) == 6
    zones = collections.Counter(n.az_code for n in nodes(first) + nodes(second))
    assert len(zones) == 3
    for zone, count in zones.items():
        assert len(run.group('gaussdb_az_' + group_of(zone))) == count
    assert len(run.group('gaussdb_region_cn_north_4')) == 6


def test_shared_facts_are_group_variables(cloud, run_inventory):
    instance, = cloud.seed(1)
    run = run_inventory()
    group = run.inventory.groups['gaussdb_instance_' + group_of(instance.name)]
    assert group.get_vars()['write_ip'] == instance.private_write_ip
    assert run.inventory.groups['gaussdb_master'].get_vars() == {'role': 'master'}
    own = run.inventory.get_host(nodes(instance)[1].name).vars
    assert set(own) >= {'node_id', 'node_name', 'priority', 'ansible_host'}
    assert 'write_ip' not in own


def test_instance_groups_that_collide_once_made_safe_get_the_id(cloud, run_inventory):
    first, second = cloud.seed(2)
    first.name, second.name = 'db-1', 'db_1'
    run = run_inventory()
    assert sorted(g for g in run.inventory.groups if g.startswith('gaussdb_instance_')) == sorted([
        'gaussdb_instance_db_1_' + first.id, 'gaussdb_instance_db_1_' + second.id])


def test_detailed_hostvars(cloud, run_inventory):
    instance, = cloud.seed(1)
    run = run_inventory({'detailed_hostvars': True, 'include_instances': True, 'hostnames': ['node_id']})
    node = run.vars(nodes(instance)[1].id)
    assert node['gaussdb_node']['type'] == 'slave' and node['gaussdb_node']['priority'] == 1
    assert node['gaussdb_instance']['vpc_id'] == VPC and 'nodes' not in node['gaussdb_instance']
    host = run.vars(instance.id)
    # flavor_ref is a field of the list, not of the details: both are merged.
    assert host['gaussdb_instance']['flavor_ref'] == 'gaussdb.mysql.xlarge.x86.4'
    assert 'gaussdb_node' not in host


def test_no_reserved_variable_names(cloud, run_inventory):
    from ansible_collections.clouddb.mysql.plugins.plugin_utils.inventory import RESERVED_NAMES
    cloud.seed(1)
    run = run_inventory({'include_instances': True})
    for host in run.hosts:
        magic = {'inventory_file', 'inventory_dir', 'inventory_hostname', 'inventory_hostname_short', 'group_names'}
        own = set(run.vars(host)) - magic  # host and group variables the plugin set
        assert own and not own & RESERVED_NAMES, (host, own & RESERVED_NAMES)


def test_hostvars_prefix_and_group_prefix(cloud, run_inventory):
    instance, = cloud.seed(1)
    master = nodes(instance)[0]
    run = run_inventory({'hostvars_prefix': 'db_', 'group_prefix': 'taurus_'})
    hostvars = run.vars(master.name)
    assert hostvars['db_role'] == 'master' and 'role' not in hostvars
    assert hostvars['ansible_host'] == master.private_ip
    assert run.group('taurus_master') == [master.name]


def test_instance_hosts(cloud, run_inventory):
    first, second = cloud.seed(2)
    run = run_inventory({'include_instances': True, 'include_nodes': False, 'hostnames': ['instance_name']})
    assert sorted(run.hosts) == sorted([first.name, second.name])
    assert run.vars(first.name)['ansible_host'] == first.private_write_ip
    assert run.vars(first.name)['role'] == 'instance'
    assert run.group('gaussdb_instances') == sorted([first.name, second.name])


def test_hostnames_preference_and_duplicates(cloud, run_inventory):
    instance, = cloud.seed(1)
    run = run_inventory({'hostnames': ['instance_name_role']})
    assert sorted(run.hosts) == [instance.name + '-master', instance.name + '-readonly-1',
                                 instance.name + '-readonly-2']
    # Every node of an instance has the instance's name: none keeps it, each gets its node id.
    run = run_inventory({'hostnames': ['instance_name']})
    assert sorted(run.hosts) == sorted('%s_%s' % (instance.name, n.id) for n in nodes(instance))


def test_unknown_hostnames_entry_is_refused_before_any_request(cloud, run_inventory):
    with pytest.raises(AnsibleError, match="hostnames entry 'nope' is unknown"):
        run_inventory({'hostnames': ['nope']})
    assert cloud.requests == []


def test_bad_options_are_refused_together_before_any_request(cloud, run_inventory):
    with pytest.raises(AnsibleError) as failed:
        run_inventory({'max_concurrency': 0, 'hostnames': ['nope'], 'filters': {'zone': 'a'},
                       'include_nodes': False, 'include_filters': ['status ==']})
    assert str(failed.value).startswith('Invalid input: max_concurrency must be between 1 and 64, got 0; ')
    for message in ("hostnames entry 'nope' is unknown", "filters key 'zone' is unknown",
                    "include_filters expression 'status ==' is not valid JMESPath",
                    'include_nodes and include_instances are both false'):
        assert message in str(failed.value)
    assert cloud.requests == []


def test_server_side_filters_and_jmespath_filters(cloud, run_inventory):
    instances = cloud.seed(6)
    for instance in instances:
        instance.tags = {'env': 'prod', 'team': 'a'}
    instances[1].status = 'FAILED'           # abnormal: left out by include_filters
    instances[2].tags = {'env': 'prod'}      # left out by the API (tags)
    instances[5].vpc_id = 'another-vpc'      # left out by the API (vpc_id)
    run = run_inventory({'filters': {'tags': {'env': 'prod', 'team': 'a'}, 'vpc_id': VPC},
                         'include_filters': ["status == 'normal'"],
                         'exclude_filters': ["name == '%s'" % instances[3].name]})
    query = cloud.requests[0].query
    assert query['tags'] == 'env=prod,team=a' and query['vpc_id'] == VPC
    assert sorted(run.vars(h)['instance_name'] for h in run.hosts if h.endswith('node01')) == [
        instances[0].name, instances[4].name]


def test_status_filter_is_refused(cloud, run_inventory):
    with pytest.raises(AnsibleError, match='no status filter'):
        run_inventory({'filters': {'status': 'normal'}})
    assert cloud.requests == []


def test_constructed_features(cloud, run_inventory):
    prod, dev = cloud.seed(2)
    prod.tags, dev.tags = {'env': 'prod'}, {'env': 'dev'}
    run = run_inventory({
        'compose': {'ansible_port': 'db_port'},
        'groups': {'writers': "role == 'master'"},
        'keyed_groups': [{'key': 'gaussdb_tags.env', 'prefix': 'env'}],
    })
    assert run.vars(nodes(prod)[0].name)['ansible_port'] == 3306
    assert run.group('writers') == sorted([nodes(prod)[0].name, nodes(dev)[0].name])
    assert run.group('env_prod') == node_names(prod) and run.group('env_dev') == node_names(dev)


def test_several_regions(cloud, run_inventory):
    cloud.seed(3)
    east = cloud.seed(2, region='cn-east-3')
    run = run_inventory({'regions': BOTH_REGIONS})
    assert len(run.hosts) == 15
    assert run.group('gaussdb_region_cn_east_3') == node_names(*east)
    assert cloud.count(region='cn-east-3') == 2


def test_top_level_project_id_belongs_to_its_region_others_are_looked_up(cloud, run_inventory):
    cloud.seed(2)
    cloud.seed(1, region='cn-east-3')
    run = run_inventory({'region': 'cn-north-4', 'project_id': PROJECTS['cn-north-4'], 'auth_url': ENDPOINT + '/v3',
                         'regions': ['cn-north-4', {'name': 'cn-east-3', 'endpoint_url': ENDPOINT}]})
    assert len(run.hosts) == 9
    lookups = [r.query for r in cloud.requests if r.kind == 'iam']
    assert lookups == [{'name': 'cn-east-3'}]


def test_invalid_regions_entries_are_refused(cloud, run_inventory):
    with pytest.raises(AnsibleError, match="Invalid input: regions entry .*'zone'.* is invalid"):
        run_inventory({'regions': [{'name': 'cn-north-4', 'zone': 'x'}]})
    with pytest.raises(AnsibleError, match="regions entry 'cn-north-4' is listed twice"):
        run_inventory({'regions': ['cn-north-4', {'name': 'cn-north-4'}]})
    assert cloud.requests == []


def test_failing_region_fails_loudly_naming_it(cloud, run_inventory):
    cloud.seed(3)
    with pytest.raises(AnsibleError, match=r'region cn-east-3: instance list \(the whole region\): APIGW.0301'):
        run_inventory({'regions': FORBIDDEN_REGIONS})


def test_failing_region_with_leniency_warns_naming_it(cloud, run_inventory, monkeypatch):
    warnings = warnings_of(monkeypatch)
    cloud.seed(3)
    run = run_inventory({'fail_on_errors': False, 'regions': FORBIDDEN_REGIONS})
    assert len(run.hosts) == 9
    assert len(warnings) == 1 and 'region cn-east-3' in warnings[0] and 'APIGW.0301' in warnings[0]


def test_transient_errors_are_retried_and_inventory_complete(cloud, run_inventory, no_backoff):
    cloud.seed(250)
    for offset, times in ((0, 2), (200, 3)):
        cloud.refuse(lambda request, offset=offset: request.kind == 'list' and request.query['offset'] == str(offset),
                     503, 'DBS.200001', 'unavailable', times=times)
    run = run_inventory()
    assert len(run.hosts) == 750
    assert cloud.count('list') == 3 + 5


def test_the_emulators_faults_are_retried_and_inventory_complete(cloud, run_inventory, no_backoff):
    # Throttling, server errors and connections closed without an answer, drawn by the emulator.
    cloud.seed(250)
    cloud.configure(fault_rate=0.3, fault_kinds=['throttle', 'server_error', 'reset'], random_seed=3)
    run = run_inventory()
    faults = sum(cloud.stats()['faults'].values())
    assert len(run.hosts) == 750
    assert faults > 0 and len(cloud.requests) == 3 + 13 + faults


def test_cache_hit_makes_no_request_and_partial_results_are_not_cached(cloud, run_inventory, tmp_path):
    cloud.seed(5)
    cache = {'cache': True, 'cache_plugin': 'ansible.builtin.jsonfile', 'cache_connection': str(tmp_path / 'c')}
    first = run_inventory(cache)
    used = len(cloud.requests)
    assert used == 2
    second = run_inventory(cache)
    assert len(cloud.requests) == used and sorted(second.hosts) == sorted(first.hosts)
    # A changed server-side filter is another cache entry.
    run_inventory(dict(cache, filters={'vpc_id': VPC}))
    assert len(cloud.requests) == used + 2
    # cache=False (ansible-inventory --flush-cache) reads again.
    run_inventory(cache, cache=False)
    assert len(cloud.requests) == used + 4


def test_incomplete_result_is_not_cached(cloud, run_inventory, tmp_path, monkeypatch):
    warnings_of(monkeypatch)
    cloud.seed(5)
    options = {'cache': True, 'cache_plugin': 'ansible.builtin.jsonfile', 'cache_connection': str(tmp_path / 'c'),
               'fail_on_errors': False, 'regions': FORBIDDEN_REGIONS}
    run_inventory(options)
    used = len(cloud.requests)
    run_inventory(options)
    assert len(cloud.requests) == 2 * used


def test_missing_credentials_fail_before_any_request(cloud, run_inventory, monkeypatch):
    for name in ('HW_ACCESS_KEY', 'HW_SECRET_KEY', 'HW_USER_NAME', 'HW_USER_PASSWORD', 'HW_DOMAIN_NAME'):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(AnsibleError, match='Credentials missing'):
        run_inventory({'access_key': None, 'secret_key': None})
    assert cloud.requests == []


def test_credentials_from_environment_only(cloud, tmp_path, monkeypatch):
    """AWX style: the file has no secret, the credential injects HW_* variables."""
    import yaml
    from ansible.inventory.data import InventoryData
    from ansible.parsing.dataloader import DataLoader
    from ansible.plugins.loader import inventory_loader
    monkeypatch.setenv('HW_ACCESS_KEY', AUTH['access_key'])
    monkeypatch.setenv('HW_SECRET_KEY', AUTH['secret_key'])
    monkeypatch.setenv('HW_REGION_NAME', 'cn-north-4')
    monkeypatch.setenv('HW_PROJECT_ID', PROJECTS['cn-north-4'])
    monkeypatch.setenv('HW_GAUSSDB_ENDPOINT', ENDPOINT)
    cloud.seed(2)
    path = tmp_path / 'awx.gaussdb.yml'
    path.write_text(yaml.safe_dump({'plugin': 'clouddb.mysql.gaussdb'}))
    inventory = InventoryData()
    inventory_loader.get('clouddb.mysql.gaussdb').parse(inventory, DataLoader(), str(path), cache=False)
    assert len(inventory.hosts) == 6
    # The emulator checks every signature: each request was signed with the injected key.
    assert cloud.stats()['by_status'] == {'200': 2}


def test_verify_file_wants_the_suffix(tmp_path):
    from ansible.plugins.loader import inventory_loader
    plugin = inventory_loader.get('clouddb.mysql.gaussdb')
    good = tmp_path / 'x.gaussdb.yaml'
    bad = tmp_path / 'x.yml'
    good.write_text('plugin: clouddb.mysql.gaussdb\n')
    bad.write_text('plugin: clouddb.mysql.gaussdb\n')
    assert plugin.verify_file(str(good)) and not plugin.verify_file(str(bad))


def snapshot(inventory):
    """Everything ansible-inventory shows of an inventory, in the order it shows it."""
    return (
        [(name, dict(host.vars), [g.name for g in host.groups]) for name, host in inventory.hosts.items()],
        [(name, dict(group.vars), [h.name for h in group.hosts]) for name, group in inventory.groups.items()],
    )


@pytest.mark.parametrize('options', [
    {},
    # Every node of an instance has its name: every one of them is renamed.
    {'hostnames': ['instance_name'], 'include_instances': True},
    {'include_filters': ["status == 'normal'"], 'detailed_hostvars': True},
])
def test_a_cache_hit_builds_the_same_inventory_as_a_run_that_reads(cloud, run_inventory, tmp_path, options):
    # 230 instances (3 pages); two instances far apart in the list get group names that collide
    # once made safe.
    for number, instance in enumerate(cloud.seed(230), 1):
        if number % 7 == 0:
            instance.status = 'FAILED'
    listed = cloud.listed()
    listed[3].name, listed[210].name = 'db-x', 'db_x'
    cache = dict(options, cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=str(tmp_path / 'c'))
    fresh = run_inventory(cache, cache=False)
    calls = len(cloud.requests)
    cached = run_inventory(cache)
    assert len(cloud.requests) == calls
    assert snapshot(fresh.inventory) == snapshot(cached.inventory)
    groups = sorted(g for g in fresh.inventory.groups if g.startswith('gaussdb_instance_db_x'))
    assert groups == sorted(['gaussdb_instance_db_x_' + listed[3].id, 'gaussdb_instance_db_x_' + listed[210].id])


def test_a_duplicate_name_far_apart_in_the_list_is_given_to_neither(cloud, run_inventory):
    # The duplicate shows up 220 instances (two pages) after the first holder of the name.
    cloud.seed(230)
    first, late = cloud.listed()[0], cloud.listed()[220]
    holder, taker = nodes(first)[0], nodes(late)[2]
    name = taker.name = holder.name
    run = run_inventory()
    assert len(run.hosts) == 690
    assert name not in run.hosts
    assert run.vars('%s_%s' % (name, holder.id))['instance_name'] == first.name
    assert run.vars('%s_%s' % (name, taker.id))['instance_name'] == late.name
    assert len(run.group('gaussdb_instance_' + group_of(late.name))) == 3


def refuse_batch_of(cloud, instance):
    """Every batch read that asks for ``instance`` is refused (403)."""
    cloud.refuse(lambda request: request.kind == 'details' and instance.id in request.query['instance_ids'],
                 403, 'DBS.280036', 'no permission')


def test_a_failing_batch_fails_the_inventory_and_leaves_nothing_in_it(cloud, run_inventory):
    from ansible.inventory.data import InventoryData
    cloud.seed(230)
    listed = cloud.listed()
    refuse_batch_of(cloud, listed[149])
    # Another source already made a host and a group with names this one uses.
    taken = nodes(listed[0])[0].name
    inventory = InventoryData()
    inventory.add_host(taken)
    inventory.set_variable(taken, 'mine', 1)
    inventory.add_group('gaussdb_master')
    inventory.set_variable('gaussdb_master', 'owner', 'other source')
    inventory.add_child('gaussdb_master', taken)
    before = snapshot(inventory)
    with pytest.raises(AnsibleError, match=r'details of instances .*%s' % listed[149].id):
        run_inventory(inventory=inventory)
    assert snapshot(inventory) == before


def test_a_failing_batch_with_leniency_warns_and_keeps_the_rest(cloud, run_inventory, monkeypatch, tmp_path):
    warnings = warnings_of(monkeypatch)
    cloud.seed(230)
    missing = cloud.listed()[149]
    refuse_batch_of(cloud, missing)
    options = {'fail_on_errors': False, 'cache': True, 'cache_plugin': 'ansible.builtin.jsonfile',
               'cache_connection': str(tmp_path / 'c')}
    run = run_inventory(options)
    assert len(run.hosts) == 210 * 3  # the batch of the list's instances 141-160 is missing
    assert len(warnings) == 1 and missing.id in warnings[0]
    used = len(cloud.requests)
    run_inventory(options)
    assert len(cloud.requests) == 2 * used  # the incomplete result was not cached


def test_garbage_collection_is_back_after_a_run_and_a_failed_run(cloud, run_inventory, monkeypatch):
    import gc
    cloud.seed(2)
    assert gc.isenabled()
    run = run_inventory()
    assert gc.isenabled()
    # What a run built is frozen (not walked by every collection) until the next run starts.
    assert gc.get_freeze_count() > 0
    with pytest.raises(AnsibleError):
        run_inventory({'regions': [FORBIDDEN_REGIONS[1]]})  # fails while reading
    assert gc.isenabled() and gc.get_freeze_count() == 0
    run_inventory()
    monkeypatch.setattr(type(run.plugin), 'host_specs', lambda self, data: iter([None]))
    with pytest.raises(AttributeError):
        run_inventory()  # fails while building
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_api_text_that_looks_like_a_template_is_never_rendered(cloud, run_inventory):
    """A tag value (or any API string) with template syntax stays text; addresses and ids are trusted."""
    from ansible.parsing.dataloader import DataLoader
    from ansible.template import Templar, is_trusted_as_template, trust_as_template

    instance, = cloud.seed(1)
    payload = "{{ lookup('pipe', 'echo rendered') }}"
    instance.tags = {'owner': payload}
    run = run_inventory()
    hostvars = run.vars(nodes(instance)[0].name)
    assert hostvars['gaussdb_tags'] == {'owner': payload}
    assert not is_trusted_as_template(hostvars['gaussdb_tags']['owner'])
    for name in ('ansible_host', 'node_id', 'instance_id', 'write_ip', 'status', 'role', 'instance_name'):
        assert is_trusted_as_template(hostvars[name]), name
    assert all(is_trusted_as_template(ip) for ip in hostvars['read_ips'])
    rendered = Templar(DataLoader(), variables=hostvars).template(trust_as_template('{{ gaussdb_tags.owner }}'))
    assert rendered == payload
