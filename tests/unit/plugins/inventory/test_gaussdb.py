"""clouddb.mysql.gaussdb inventory: request budget, hosts, groups, variables, filters, failures, cache."""
import math

import pytest

from ansible.errors import AnsibleError

from gaussdb_fake import PROJECTS


def test_request_budget_is_pages_plus_batches(fake_api, run_inventory):
    # 230 instances: 3 list pages (100, 100, 30) and ceil(230 / 20) = 12 batch calls,
    # the formula that makes 2,000 instances cost 20 + 100 requests.
    fake_api.seed('cn-north-4', 230)
    run = run_inventory()
    assert fake_api.count('list') == math.ceil(230 / 100.0)
    assert fake_api.count('details') == math.ceil(230 / 20.0)
    assert len(run.hosts) == 230 * 3
    offsets = sorted(int(q['offset']) for kind, _region, q in fake_api.calls if kind == 'list')
    assert offsets == [0, 100, 200]
    assert all(q['limit'] == '100' for kind, _region, q in fake_api.calls if kind == 'list')
    assert all(len(q['instance_ids'].split(',')) <= 20 for kind, _region, q in fake_api.calls if kind == 'details')
    assert run.plugin.requests_sent == 3 + 12


def test_the_other_pages_are_read_before_the_first_pages_batches(fake_api, run_inventory):
    # One request at a time shows the order of the queue: the pages unlock more parallel work.
    fake_api.seed('cn-north-4', 230)
    run_inventory({'max_concurrency': 1})
    kinds = [kind for kind, _region, _query in fake_api.calls]
    assert kinds[:3] == ['list', 'list', 'list'] and set(kinds[3:]) == {'details'}


def test_max_concurrency_defaults_to_16(fake_api, run_inventory):
    fake_api.seed('cn-north-4', 1)
    assert run_inventory().plugin.get_option('max_concurrency') == 16


def test_without_total_count_pages_follow_one_another(fake_api, run_inventory):
    fake_api.omit_total = True
    fake_api.seed('cn-north-4', 200)
    run = run_inventory({'max_concurrency': 1})
    # Two full pages, then an empty one that says the list ended.
    assert fake_api.count('list') == 3
    assert len(run.hosts) == 600


def test_hosts_groups_and_variables(fake_api, run_inventory):
    fake_api.seed('cn-north-4', 2)
    run = run_inventory()
    host = 'db-cn-north-4-0001_node01'
    hostvars = run.vars(host)
    assert hostvars['ansible_host'] == '10.0.1.10'
    assert hostvars['role'] == 'master'
    assert 'gaussdb_node' not in hostvars and 'gaussdb_instance' not in hostvars
    assert hostvars['db_port'] == 3306
    assert hostvars['write_ip'] == '10.9.0.1'
    assert hostvars['read_ips'] == ['10.8.0.1']
    assert hostvars['proxy_ips'] == ['10.7.0.1']
    assert hostvars['gaussdb_tags'] == {'env': 'prod'}
    assert hostvars['gaussdb_region'] == 'cn-north-4'
    assert hostvars['availability_zone'] == 'az1'
    assert hostvars['instance_name'] == 'db-cn-north-4-0001'
    assert run.vars('db-cn-north-4-0001_node02')['role'] == 'readonly'
    assert run.group('gaussdb_instance_db_cn_north_4_0001') == [
        'db-cn-north-4-0001_node01', 'db-cn-north-4-0001_node02', 'db-cn-north-4-0001_node03']
    assert run.group('gaussdb_master') == ['db-cn-north-4-0001_node01', 'db-cn-north-4-0002_node01']
    assert len(run.group('gaussdb_readonly')) == 4
    assert len(run.group('gaussdb_status_normal')) == 6
    assert len(run.group('gaussdb_az_az1')) == 4
    assert len(run.group('gaussdb_region_cn_north_4')) == 6


def test_shared_facts_are_group_variables(fake_api, run_inventory):
    fake_api.seed('cn-north-4', 1)
    run = run_inventory()
    group = run.inventory.groups['gaussdb_instance_db_cn_north_4_0001']
    assert group.get_vars()['write_ip'] == '10.9.0.1'
    assert run.inventory.groups['gaussdb_master'].get_vars() == {'role': 'master'}
    own = run.inventory.get_host('db-cn-north-4-0001_node02').vars
    assert set(own) >= {'node_id', 'node_name', 'priority', 'ansible_host'}
    assert 'write_ip' not in own


def test_instance_groups_that_collide_once_made_safe_get_the_id(fake_api, run_inventory):
    fake_api.seed('cn-north-4', 2)
    for (listed, details), name in zip(fake_api.regions['cn-north-4'], ('db-1', 'db_1')):
        listed['name'] = details['name'] = name
    run = run_inventory()
    assert sorted(g for g in run.inventory.groups if g.startswith('gaussdb_instance_')) == [
        'gaussdb_instance_db_1_%032xin07' % 1, 'gaussdb_instance_db_1_%032xin07' % 2]


def test_detailed_hostvars(fake_api, run_inventory):
    fake_api.seed('cn-north-4', 1)
    run = run_inventory({'detailed_hostvars': True, 'include_instances': True, 'hostnames': ['node_id']})
    node = run.vars('%032xno07' % 11)
    assert node['gaussdb_node']['type'] == 'slave' and node['gaussdb_node']['priority'] == 1
    assert node['gaussdb_instance']['vpc_id'] == 'vpc-1' and 'nodes' not in node['gaussdb_instance']
    instance = run.vars('%032xin07' % 1)
    assert instance['gaussdb_instance']['flavor_ref'] == 'gaussdb.mysql.xlarge.x86.4'
    assert 'gaussdb_node' not in instance


def test_no_reserved_variable_names(fake_api, run_inventory):
    from ansible_collections.clouddb.mysql.plugins.plugin_utils.inventory import RESERVED_NAMES
    fake_api.seed('cn-north-4', 1)
    run = run_inventory({'include_instances': True})
    for host in run.hosts:
        magic = {'inventory_file', 'inventory_dir', 'inventory_hostname', 'inventory_hostname_short', 'group_names'}
        own = set(run.vars(host)) - magic  # host and group variables the plugin set
        assert own and not own & RESERVED_NAMES, (host, own & RESERVED_NAMES)


def test_hostvars_prefix_and_group_prefix(fake_api, run_inventory):
    fake_api.seed('cn-north-4', 1)
    run = run_inventory({'hostvars_prefix': 'db_', 'group_prefix': 'taurus_'})
    hostvars = run.vars('db-cn-north-4-0001_node01')
    assert hostvars['db_role'] == 'master' and 'role' not in hostvars
    assert hostvars['ansible_host'] == '10.0.1.10'
    assert run.group('taurus_master') == ['db-cn-north-4-0001_node01']


def test_instance_hosts(fake_api, run_inventory):
    fake_api.seed('cn-north-4', 2)
    run = run_inventory({'include_instances': True, 'include_nodes': False, 'hostnames': ['instance_name']})
    assert sorted(run.hosts) == ['db-cn-north-4-0001', 'db-cn-north-4-0002']
    assert run.vars('db-cn-north-4-0001')['ansible_host'] == '10.9.0.1'
    assert run.vars('db-cn-north-4-0001')['role'] == 'instance'
    assert run.group('gaussdb_instances') == ['db-cn-north-4-0001', 'db-cn-north-4-0002']


def test_hostnames_preference_and_duplicates(fake_api, run_inventory):
    fake_api.seed('cn-north-4', 1)
    run = run_inventory({'hostnames': ['instance_name_role']})
    assert sorted(run.hosts) == ['db-cn-north-4-0001-master', 'db-cn-north-4-0001-readonly-1',
                                 'db-cn-north-4-0001-readonly-2']
    # Every node of an instance has the instance's name: none keeps it, each gets its node id.
    run = run_inventory({'hostnames': ['instance_name']})
    assert sorted(run.hosts) == sorted('db-cn-north-4-0001_%032xno07' % n for n in (10, 11, 12))


def test_unknown_hostnames_entry_is_refused_before_any_request(fake_api, run_inventory):
    with pytest.raises(AnsibleError, match='Unknown hostnames entries'):
        run_inventory({'hostnames': ['nope']})
    assert fake_api.calls == []


def test_server_side_filters_and_jmespath_filters(fake_api, run_inventory):
    fake_api.seed('cn-north-4', 4, status=lambda n: 'abnormal' if n == 2 else 'normal')
    run = run_inventory({'filters': {'tags': {'env': 'prod', 'team': 'a'}, 'vpc_id': 'vpc-1'},
                         'include_filters': ["status == 'normal'"],
                         'exclude_filters': ["name == 'db-cn-north-4-0003'"]})
    query = fake_api.calls[0][2]
    assert query['tags'] == 'env=prod,team=a' and query['vpc_id'] == 'vpc-1'
    assert sorted(run.vars(h)['instance_name'] for h in run.hosts if h.endswith('node01')) == [
        'db-cn-north-4-0001', 'db-cn-north-4-0004']


def test_status_filter_is_refused(fake_api, run_inventory):
    with pytest.raises(AnsibleError, match='no status filter'):
        run_inventory({'filters': {'status': 'normal'}})


def test_constructed_features(fake_api, run_inventory):
    fake_api.seed('cn-north-4', 2)
    run = run_inventory({
        'compose': {'ansible_port': 'db_port'},
        'groups': {'writers': "role == 'master'"},
        'keyed_groups': [{'key': 'gaussdb_tags.env', 'prefix': 'env'}],
    })
    assert run.vars('db-cn-north-4-0001_node01')['ansible_port'] == 3306
    assert run.group('writers') == ['db-cn-north-4-0001_node01', 'db-cn-north-4-0002_node01']
    assert len(run.group('env_prod')) == 3 and len(run.group('env_dev')) == 3


def test_several_regions(fake_api, run_inventory):
    fake_api.seed('cn-north-4', 3)
    fake_api.seed('cn-east-3', 2)
    run = run_inventory({'regions': [{'name': 'cn-north-4', 'project_id': PROJECTS['cn-north-4']},
                                     {'name': 'cn-east-3', 'project_id': PROJECTS['cn-east-3']}]})
    assert len(run.hosts) == 15
    assert len(run.group('gaussdb_region_cn_east_3')) == 6


def test_top_level_project_id_belongs_to_its_region_others_are_looked_up(fake_api, run_inventory):
    import responses
    iam = 'https://iam.test/v3'
    fake_api.rsps.add(responses.GET, iam + '/projects', json={'projects': [{'id': PROJECTS['cn-east-3'], 'name': 'cn-east-3'}]})
    fake_api.seed('cn-north-4', 2)
    fake_api.seed('cn-east-3', 1)
    run = run_inventory({'region': 'cn-north-4', 'project_id': PROJECTS['cn-north-4'], 'auth_url': iam,
                         'regions': ['cn-north-4', {'name': 'cn-east-3', 'endpoint_url': 'https://gaussdb.test'}]})
    assert len(run.hosts) == 9
    lookups = [c.request.url for c in fake_api.rsps.calls if c.request.url.startswith(iam)]
    assert len(lookups) == 1 and 'name=cn-east-3' in lookups[0]


def test_invalid_regions_entries_are_refused(fake_api, run_inventory):
    with pytest.raises(AnsibleError, match='Invalid regions entry'):
        run_inventory({'regions': [{'name': 'cn-north-4', 'zone': 'x'}]})
    with pytest.raises(AnsibleError, match='listed twice'):
        run_inventory({'regions': ['cn-north-4', {'name': 'cn-north-4'}]})
    assert fake_api.calls == []


def test_failing_region_fails_loudly_naming_it(fake_api, run_inventory):
    fake_api.seed('cn-north-4', 3)
    fake_api.seed('cn-east-3', 2)
    fake_api.failing['cn-east-3'] = (403, {'error_code': 'DBS.280036', 'error_msg': 'no permission'})
    regions = [{'name': 'cn-north-4', 'project_id': PROJECTS['cn-north-4']},
               {'name': 'cn-east-3', 'project_id': PROJECTS['cn-east-3']}]
    with pytest.raises(AnsibleError, match=r'region cn-east-3: instance list \(the whole region\): DBS.280036'):
        run_inventory({'regions': regions})


def test_failing_region_with_leniency_warns_naming_it(fake_api, run_inventory, monkeypatch):
    from ansible.utils.display import Display
    warnings = []
    monkeypatch.setattr(Display, 'warning', lambda self, msg, *a, **k: warnings.append(msg))
    fake_api.seed('cn-north-4', 3)
    fake_api.failing['cn-east-3'] = (403, {'error_code': 'DBS.280036', 'error_msg': 'no permission'})
    run = run_inventory({'fail_on_errors': False,
                         'regions': [{'name': 'cn-north-4', 'project_id': PROJECTS['cn-north-4']},
                                     {'name': 'cn-east-3', 'project_id': PROJECTS['cn-east-3']}]})
    assert len(run.hosts) == 9
    assert len(warnings) == 1 and 'region cn-east-3' in warnings[0] and 'DBS.280036' in warnings[0]


def test_transient_errors_are_retried_and_inventory_complete(fake_api, run_inventory, no_backoff):
    fake_api.seed('cn-north-4', 250)
    fake_api.fail_offsets[('cn-north-4', 0)] = 2
    fake_api.fail_offsets[('cn-north-4', 200)] = 3
    run = run_inventory()
    assert len(run.hosts) == 750
    assert fake_api.count('list') == 3 + 5


def test_cache_hit_makes_no_request_and_partial_results_are_not_cached(fake_api, run_inventory, tmp_path):
    fake_api.seed('cn-north-4', 5)
    cache = {'cache': True, 'cache_plugin': 'ansible.builtin.jsonfile', 'cache_connection': str(tmp_path / 'c')}
    first = run_inventory(cache)
    used = len(fake_api.calls)
    assert used == 2
    second = run_inventory(cache)
    assert len(fake_api.calls) == used and sorted(second.hosts) == sorted(first.hosts)
    # A changed server-side filter is another cache entry.
    run_inventory(dict(cache, filters={'vpc_id': 'vpc-1'}))
    assert len(fake_api.calls) == used + 2
    # cache=False (ansible-inventory --flush-cache) reads again.
    run_inventory(cache, cache=False)
    assert len(fake_api.calls) == used + 4


def test_incomplete_result_is_not_cached(fake_api, run_inventory, tmp_path, monkeypatch):
    from ansible.utils.display import Display
    monkeypatch.setattr(Display, 'warning', lambda self, msg, *a, **k: None)
    fake_api.seed('cn-north-4', 5)
    fake_api.failing['cn-east-3'] = (403, {'error_code': 'DBS.280036', 'error_msg': 'no permission'})
    options = {'cache': True, 'cache_plugin': 'ansible.builtin.jsonfile', 'cache_connection': str(tmp_path / 'c'),
               'fail_on_errors': False,
               'regions': [{'name': 'cn-north-4', 'project_id': PROJECTS['cn-north-4']},
                           {'name': 'cn-east-3', 'project_id': PROJECTS['cn-east-3']}]}
    run_inventory(options)
    used = len(fake_api.calls)
    run_inventory(options)
    assert len(fake_api.calls) == 2 * used


def test_missing_credentials_fail_before_any_request(fake_api, run_inventory, monkeypatch):
    for name in ('HW_ACCESS_KEY', 'HW_SECRET_KEY', 'HW_USER_NAME', 'HW_USER_PASSWORD', 'HW_DOMAIN_NAME'):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(AnsibleError, match='Credentials missing'):
        run_inventory({'access_key': None, 'secret_key': None})
    assert fake_api.calls == []


def test_credentials_from_environment_only(fake_api, tmp_path, monkeypatch):
    """AWX style: the file has no secret, the credential injects HW_* variables."""
    import yaml
    from ansible.inventory.data import InventoryData
    from ansible.parsing.dataloader import DataLoader
    from ansible.plugins.loader import inventory_loader
    from gaussdb_fake import EP
    monkeypatch.setenv('HW_ACCESS_KEY', 'AK')
    monkeypatch.setenv('HW_SECRET_KEY', 'SK')
    monkeypatch.setenv('HW_REGION_NAME', 'cn-north-4')
    monkeypatch.setenv('HW_PROJECT_ID', PROJECTS['cn-north-4'])
    monkeypatch.setenv('HW_GAUSSDB_ENDPOINT', EP)
    fake_api.seed('cn-north-4', 2)
    path = tmp_path / 'awx.gaussdb.yml'
    path.write_text(yaml.safe_dump({'plugin': 'clouddb.mysql.gaussdb'}))
    inventory = InventoryData()
    inventory_loader.get('clouddb.mysql.gaussdb').parse(inventory, DataLoader(), str(path), cache=False)
    assert len(inventory.hosts) == 6
    assert 'Authorization' in fake_api.rsps.calls[0].request.headers


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
def test_a_cache_hit_builds_the_same_inventory_as_a_run_that_reads(fake_api, run_inventory, tmp_path, options):
    # 230 instances (3 pages); two instances far apart in the list get group names that collide
    # once made safe.
    fake_api.seed('cn-north-4', 230, status=lambda n: 'abnormal' if n % 7 == 0 else 'normal')
    for (listed, details), name in zip([fake_api.regions['cn-north-4'][i] for i in (3, 210)], ('db-x', 'db_x')):
        listed['name'] = details['name'] = name
    cache = dict(options, cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=str(tmp_path / 'c'))
    fresh = run_inventory(cache, cache=False)
    calls = len(fake_api.calls)
    cached = run_inventory(cache)
    assert len(fake_api.calls) == calls
    assert snapshot(fresh.inventory) == snapshot(cached.inventory)
    groups = sorted(g for g in fresh.inventory.groups if g.startswith('gaussdb_instance_db_x'))
    assert groups == ['gaussdb_instance_db_x_%032xin07' % 4, 'gaussdb_instance_db_x_%032xin07' % 211]


def test_a_duplicate_name_far_apart_in_the_list_is_given_to_neither(fake_api, run_inventory):
    # The duplicate shows up 220 instances (two pages) after the first holder of the name.
    fake_api.seed('cn-north-4', 230)
    first, late = fake_api.regions['cn-north-4'][0], fake_api.regions['cn-north-4'][220]
    late[1]['nodes'][2]['name'] = first[1]['nodes'][0]['name']
    run = run_inventory()
    assert len(run.hosts) == 690
    assert 'db-cn-north-4-0001_node01' not in run.hosts
    assert run.vars('db-cn-north-4-0001_node01_%032xno07' % 10)['instance_name'] == 'db-cn-north-4-0001'
    assert run.vars('db-cn-north-4-0001_node01_%032xno07' % 2212)['instance_name'] == 'db-cn-north-4-0221'
    assert len(run.group('gaussdb_instance_db_cn_north_4_0221')) == 3


def test_a_failing_batch_fails_the_inventory_and_leaves_nothing_in_it(fake_api, run_inventory):
    from ansible.inventory.data import InventoryData
    fake_api.seed('cn-north-4', 230)
    fake_api.failing_ids.add('%032xin07' % 150)
    # Another source already made a host and a group with names this one uses.
    inventory = InventoryData()
    inventory.add_host('db-cn-north-4-0001_node01')
    inventory.set_variable('db-cn-north-4-0001_node01', 'mine', 1)
    inventory.add_group('gaussdb_master')
    inventory.set_variable('gaussdb_master', 'owner', 'other source')
    inventory.add_child('gaussdb_master', 'db-cn-north-4-0001_node01')
    before = snapshot(inventory)
    with pytest.raises(AnsibleError, match=r'details of instances .*%032xin07' % 150):
        run_inventory(inventory=inventory)
    assert snapshot(inventory) == before


def test_a_failing_batch_with_leniency_warns_and_keeps_the_rest(fake_api, run_inventory, monkeypatch, tmp_path):
    from ansible.utils.display import Display
    warnings = []
    monkeypatch.setattr(Display, 'warning', lambda self, msg, *a, **k: warnings.append(msg))
    fake_api.seed('cn-north-4', 230)
    fake_api.failing_ids.add('%032xin07' % 150)
    options = {'fail_on_errors': False, 'cache': True, 'cache_plugin': 'ansible.builtin.jsonfile',
               'cache_connection': str(tmp_path / 'c')}
    run = run_inventory(options)
    assert len(run.hosts) == 210 * 3  # the batch of instances 141-160 is missing
    assert len(warnings) == 1 and ('%032xin07' % 150) in warnings[0]
    used = len(fake_api.calls)
    run_inventory(options)
    assert len(fake_api.calls) == 2 * used  # the incomplete result was not cached


def test_garbage_collection_is_back_after_a_run_and_a_failed_run(fake_api, run_inventory):
    import gc
    fake_api.seed('cn-north-4', 2)
    assert gc.isenabled()
    run_inventory()
    assert gc.isenabled()
    # What a run built is frozen (not walked by every collection) until the next run starts.
    assert gc.get_freeze_count() > 0
    fake_api.failing['cn-north-4'] = (403, {'error_code': 'DBS.280036', 'error_msg': 'no permission'})
    with pytest.raises(AnsibleError):
        run_inventory()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_api_text_that_looks_like_a_template_is_never_rendered(fake_api, run_inventory):
    """A tag value (or any API string) with template syntax stays text; addresses and ids are trusted."""
    from ansible.parsing.dataloader import DataLoader
    from ansible.template import Templar, is_trusted_as_template, trust_as_template

    fake_api.seed('cn-north-4', 1)
    payload = "{{ lookup('pipe', 'echo rendered') }}"
    for copy in fake_api.regions['cn-north-4'][0]:
        copy['tags'] = [{'key': 'owner', 'value': payload}]
    run = run_inventory()
    hostvars = run.vars('db-cn-north-4-0001_node01')
    assert hostvars['gaussdb_tags'] == {'owner': payload}
    assert not is_trusted_as_template(hostvars['gaussdb_tags']['owner'])
    for name in ('ansible_host', 'node_id', 'instance_id', 'write_ip', 'status', 'role', 'instance_name'):
        assert is_trusted_as_template(hostvars[name]), name
    assert all(is_trusted_as_template(ip) for ip in hostvars['read_ips'])
    rendered = Templar(DataLoader(), variables=hostvars).template(trust_as_template('{{ gaussdb_tags.owner }}'))
    assert rendered == payload
