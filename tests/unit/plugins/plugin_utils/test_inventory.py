"""The shared inventory base: task pool, host naming, group names, variable names, error text."""
import threading
import time

import pytest

from ansible.template import is_trusted_as_template

from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.plugin_utils import inventory as base
from ansible_collections.clouddb.mysql.plugins.plugin_utils.inventory import (
    CloudInventoryPlugin, HostSpec, TaskPool, _describe, resolve_hostnames, safe_group_name, template_safe,
)


def test_pool_runs_tasks_submitted_by_tasks_and_joins_them_all():
    seen = []
    lock = threading.Lock()

    def leaf(n):
        with lock:
            seen.append(n)

    def parent(pool, n):
        for k in range(3):
            pool.submit('leaf %d.%d' % (n, k), leaf, (n, k))

    with TaskPool(4) as pool:
        for n in range(5):
            pool.submit('parent %d' % n, parent, pool, n)
        pool.join()
        assert len(seen) == 15
    assert not pool.failures


def test_pool_never_runs_more_than_max_workers_at_once():
    state = {'now': 0, 'peak': 0}
    lock = threading.Lock()

    def task():
        with lock:
            state['now'] += 1
            state['peak'] = max(state['peak'], state['now'])
        time.sleep(0.01)
        with lock:
            state['now'] -= 1

    with TaskPool(3) as pool:
        for n in range(20):
            pool.submit('t%d' % n, task)
    assert state['peak'] == 3


def test_pool_records_failures_with_their_label_and_goes_on():
    done = []

    def boom():
        raise ApiError('DBS.1: nope', status=500, error_code='DBS.1')

    with TaskPool(2) as pool:
        pool.submit('region x: page 2', boom)
        pool.submit('region x: page 3', done.append, 3)
    assert done == [3]
    assert [failure[0] for failure in pool.failures] == ['region x: page 2']
    assert _describe(pool.failures[0][1]) == 'DBS.1: nope (HTTP 500)'


def test_pool_of_zero_workers_still_runs():
    with TaskPool(0) as pool:
        assert pool.max_workers == 1


def spec(key, **names):
    return HostSpec(key, names, {})


def test_hostnames_take_the_first_preference_with_a_value():
    specs = [spec('n1', node_name='a', private_ip='10.0.0.1'), spec('n2', private_ip='10.0.0.2'), spec('n3')]
    assert resolve_hostnames(specs, ['node_name', 'private_ip']) == {'n1': 'a', 'n2': '10.0.0.2', 'n3': 'n3'}


def test_duplicate_hostnames_all_get_their_key():
    specs = [spec('n1', node_name='a'), spec('n2', node_name='a'), spec('n3', node_name='b')]
    assert resolve_hostnames(specs, ['node_name']) == {'n1': 'a_n1', 'n2': 'a_n2', 'n3': 'b'}
    # The result does not depend on the order the hosts came in.
    assert resolve_hostnames(list(reversed(specs)), ['node_name']) == {'n1': 'a_n1', 'n2': 'a_n2', 'n3': 'b'}


@pytest.mark.parametrize('raw, safe', [
    ('gaussdb_instance_my-db.prod', 'gaussdb_instance_my_db_prod'),
    ('gaussdb_az_cn-north-4a', 'gaussdb_az_cn_north_4a'),
    ('1st', '_1st'),
])
def test_group_names_are_made_safe(raw, safe):
    assert safe_group_name(raw) == safe


class Options(CloudInventoryPlugin):
    FAMILY = 'demo'

    def __init__(self, prefix):
        super(Options, self).__init__()
        self.prefix = prefix

    def get_option(self, option, hostvars=None):
        return {'hostvars_prefix': self.prefix}[option]


def test_reserved_variable_names_are_renamed():
    assert Options('').var_name('tags') == 'demo_tags'
    assert Options('').var_name('port') == 'demo_port'
    assert Options('').var_name('environment') == 'demo_environment'
    assert Options('').var_name('db_port') == 'db_port'
    assert Options('x_').var_name('tags') == 'x_tags'


def test_clients_are_per_thread_and_counted():
    class Client(object):
        def __init__(self):
            self.requests_sent = 2

    plugin = Options('')
    made = []

    def factory():
        made.append(1)
        return Client()

    first = plugin.client('r1', factory)
    assert plugin.client('r1', factory) is first
    other = []
    worker = threading.Thread(target=lambda: other.append(plugin.client('r1', factory)))
    worker.start()
    worker.join()
    assert other[0] is not first and len(made) == 2
    assert plugin.requests_sent == 4


def test_cached_data_is_one_json_text_and_anything_else_is_a_miss():
    from ansible_collections.clouddb.mysql.plugins.plugin_utils.inventory import _from_cache, _to_cache
    data = {'regions': [{'name': 'r', 'instances': [{'id': 'a', 'nodes': [{'id': 'n'}]}]}]}
    stored = _to_cache(data)
    assert list(stored) == ['clouddb_inventory_json'] and isinstance(stored['clouddb_inventory_json'], str)
    assert _from_cache(stored) == data
    with pytest.raises(KeyError):
        _from_cache(data)


INERT = ['10.0.0.1', 'fe80::1', '0123456789abcdef0123456789abcdefin07', 'cn-north-4a', 'normal', 'db_1.prod',
         '10.0.0.0/24', '']
# What could be a template with the default delimiters, a delimiter-changing header, or any other
# character a custom delimiter could be made of: all of it stays untrusted.
UNTRUSTED = ["{{ lookup('pipe', 'id') }}", '{% if 1 %}x{% endif %}', '{# c #}', '#jinja2:variable_start_string:"[["',
             '[[ x ]]', 'a b', 'prod 生产', '<%= x %>', '${x}']


@pytest.mark.parametrize('value', INERT)
def test_strings_that_cannot_be_templates_are_trusted(value):
    marked = template_safe(value)
    assert marked == value and is_trusted_as_template(marked)


@pytest.mark.parametrize('value', UNTRUSTED)
def test_anything_that_could_be_a_template_stays_untrusted(value):
    marked = template_safe(value)
    assert marked == value and not is_trusted_as_template(marked)


def test_lists_and_dicts_are_copied_with_their_values_marked():
    value = {'env': 'prod', 'owner': '{{ x }}', 'ips': ['10.0.0.1', '{{ y }}'], 'port': 3306, 'on': True, 'none': None}
    marked = template_safe(value)
    assert marked == value and marked is not value
    assert is_trusted_as_template(marked['env']) and not is_trusted_as_template(marked['owner'])
    assert is_trusted_as_template(marked['ips'][0]) and not is_trusted_as_template(marked['ips'][1])
    assert marked['port'] == 3306 and marked['on'] is True and marked['none'] is None
    assert template_safe(('a', 'b')) == ['a', 'b']


def test_before_ansible_core_2_19_what_could_be_a_template_is_wrapped_as_unsafe(monkeypatch):
    """ansible-core < 2.19 renders any string that is not wrapped: wrap_var() then marks the others."""
    monkeypatch.setattr(base, 'trust_as_template', None)
    monkeypatch.setattr(base, 'wrap_var', lambda value: ('unsafe', value))
    assert template_safe('10.0.0.1') == '10.0.0.1'
    assert template_safe('{{ x }}') == ('unsafe', '{{ x }}')
    assert template_safe({'{{ k }}': '{{ v }}', 'env': 'prod'}) == {('unsafe', '{{ k }}'): ('unsafe', '{{ v }}'), 'env': 'prod'}
    assert template_safe(['a', '{% x %}']) == ['a', ('unsafe', '{% x %}')]


@pytest.fixture
def collector():
    """The collector as a test left it: on, nothing frozen (whatever the test did)."""
    import gc
    yield gc
    gc.unfreeze()
    gc.enable()
    base._BulkAllocation.frozen = False


@pytest.mark.parametrize('error', [ValueError('a host spec the base cannot build'), KeyboardInterrupt()])
def test_the_collector_is_restored_on_every_way_out_and_nothing_is_frozen_after_a_failure(collector, error):
    with pytest.raises(type(error)):
        with base._BulkAllocation():
            assert not collector.isenabled()
            raise error
    assert collector.isenabled() and collector.get_freeze_count() == 0 and not base._BulkAllocation.frozen


def test_a_build_that_ends_well_is_frozen_until_the_next_build_starts(collector):
    with base._BulkAllocation():
        built = [{'host': n} for n in range(100)]
    assert collector.isenabled() and collector.get_freeze_count() >= len(built)
    with pytest.raises(RuntimeError):
        with base._BulkAllocation():
            assert collector.get_freeze_count() == 0  # the last build is given back to the collector
            raise RuntimeError('the next build fails')
    assert collector.isenabled() and collector.get_freeze_count() == 0


def test_a_collector_that_was_off_stays_off_and_nothing_is_frozen(collector):
    collector.disable()
    with base._BulkAllocation():
        pass
    assert not collector.isenabled() and collector.get_freeze_count() == 0
