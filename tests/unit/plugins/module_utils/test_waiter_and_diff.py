"""Wait policy, normalisation and diff helpers."""
import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils import diff
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import WaitTimeout
from ansible_collections.clouddb.mysql.plugins.module_utils.waiter import Poller
from ansible_collections.clouddb.mysql.tests.unit.plugins.modules.harness import FakeClock


def test_poller_backs_off_and_returns_value():
    clock = FakeClock()
    poller = Poller(initial_delay=1, factor=2, max_delay=5, sleep=clock.sleep, clock=clock.time)
    answers = iter([(False, None)] * 4 + [(True, 'done')])
    assert poller.wait(lambda: next(answers), 100, 'x') == 'done'
    assert clock.sleeps == [1, 2, 4, 5]


def test_poller_times_out_with_a_clear_message():
    clock = FakeClock()
    poller = Poller(sleep=clock.sleep, clock=clock.time)
    with pytest.raises(WaitTimeout) as info:
        poller.wait(lambda: (False, None), 10, 'job 42')
    assert 'job 42' in str(info.value)
    assert clock.now <= 10.0001


@pytest.mark.parametrize('timeout,shown', [(1799.9972310066223, '1800'), (10, '10'), (2.5, '2.5'), (0.04, '0')])
def test_poller_timeout_names_the_seconds_as_a_person_would(timeout, shown):
    clock = FakeClock()
    poller = Poller(sleep=clock.sleep, clock=clock.time)
    with pytest.raises(WaitTimeout) as info:
        poller.wait(lambda: (False, None), timeout, 'job 42')
    assert str(info.value) == 'Timed out after %s s waiting for job 42' % shown


@pytest.mark.parametrize('a,b', [('ON', '1'), ('on', True), ('OFF', 'false'), ('1G', '1024M'),
                                 ('1073741824', '1g'), ('16K', '16384'), ('utf8', 'utf8')])
def test_param_values_equal_by_meaning(a, b):
    assert diff.as_param_value(a) == diff.as_param_value(b)


@pytest.mark.parametrize('a,b', [('ON', 'OFF'), ('1G', '1000M'), ('READ-COMMITTED', 'REPEATABLE-READ')])
def test_param_values_that_differ(a, b):
    assert diff.as_param_value(a) != diff.as_param_value(b)


def test_make_diff_masks_secrets_on_both_sides():
    result = diff.make_diff({'name': 'a'}, {'name': 'a', 'password': 'Secret#1', 'nested': {'password': 'x'}})
    assert result['after']['password'] == diff.MASK
    assert result['after']['nested']['password'] == diff.MASK
    assert 'Secret#1' not in repr(result)


def test_tag_changes_with_and_without_purge():
    current = [{'key': 'env', 'value': 'dev'}, {'key': 'team', 'value': 'db'}]
    assert diff.tag_changes(current, {'env': 'prod'}, purge=True) == ({'env': 'prod'}, ['team'])
    assert diff.tag_changes(current, {'env': 'prod'}, purge=False) == ({'env': 'prod'}, [])
    assert diff.tag_changes(current, None) == ({}, [])
    assert diff.tag_changes(current, {'env': 'dev', 'team': 'db'}) == ({}, [])
    assert diff.final_tags(current, {'x': '1'}, purge=False) == {'env': 'dev', 'team': 'db', 'x': '1'}
