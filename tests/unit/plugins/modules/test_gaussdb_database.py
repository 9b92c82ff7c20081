"""gaussdb_database against the in-process emulator: the rhythm, bad input, lost answers."""
import pytest

from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_database
from gaussdb_cloud import GaussDBCloud

ARGS = dict(name='orders', character_set='utf8mb4', comment='order history')


@pytest.fixture
def cloud():
    return GaussDBCloud()


@pytest.fixture
def instance_id(cloud):
    return cloud.seed(1)[0]


def test_rhythm_check_apply_check_apply(cloud, instance_id):
    first_check, applied, second_check, again = cloud.rhythm(gaussdb_database, dict(ARGS, instance_id=instance_id))
    assert first_check.result['changed'] and applied.result['changed']
    assert not second_check.result['changed'] and not again.result['changed']
    assert first_check.result['diff'] == applied.result['diff'] == {
        'before': {}, 'after': {'name': 'orders', 'charset': 'utf8mb4', 'comment': 'order history'}}
    assert 'job_id' not in first_check.result and isinstance(applied.result['job_id'], str)
    assert applied.result['database']['comment'] == 'order history'
    assert cloud.ops().count('create_databases') == 1


def test_check_mode_writes_nothing(cloud, instance_id):
    res = cloud.run(gaussdb_database, dict(ARGS, instance_id=instance_id), check_mode=True)
    assert res.result['changed'] and not cloud.writes()


def test_comment_change_then_delete(cloud, instance_id):
    cloud.run(gaussdb_database, dict(ARGS, instance_id=instance_id))
    res = cloud.run(gaussdb_database, dict(instance_id=instance_id, name='orders', comment=''), diff=True)
    assert res.result['changed'] and res.result['diff']['after']['comment'] == ''
    assert res.result['database']['comment'] == ''
    res = cloud.run(gaussdb_database, dict(instance_id=instance_id, name='orders', state='absent'))
    assert res.result['changed'] and res.result['database'] == {}
    res = cloud.run(gaussdb_database, dict(instance_id=instance_id, name='orders', state='absent'))
    assert not res.result['changed']


def test_bad_input_fails_before_any_request(cloud, instance_id):
    res = cloud.run(gaussdb_database, dict(instance_id=instance_id, name='bad name!', comment='a<b'))
    assert res.failed and res.result['msg'].startswith('Invalid input: database name')
    assert 'database comment must not contain <' in res.result['msg']
    assert cloud.calls == []


def test_charset_not_offered_fails_naming_the_choices(cloud, instance_id):
    res = cloud.run(gaussdb_database, dict(instance_id=instance_id, name='orders', character_set='koi8r'))
    assert res.failed and 'koi8r' in res.result['msg'] and 'utf8mb4' in res.result['msg']
    assert not cloud.writes()


def test_by_instance_name_and_ambiguous_names(cloud):
    first = cloud.seed(1, name_prefix='twin')[0]
    res = cloud.run(gaussdb_database, dict(ARGS, instance_name='twin-00001'))
    assert not res.failed and res.result['instance_id'] == first
    cloud.ctx.state['gaussdb'].instances[cloud.seed(1)[0]].name = 'twin-00001'
    cloud.calls[:] = []
    res = cloud.run(gaussdb_database, dict(ARGS, instance_name='twin-00001'))
    assert res.failed and 'ambiguous' in res.result['msg'] and first in res.result['msg']
    assert cloud.ops() == ['list_instances']


def test_a_lost_create_answer_is_looked_up_not_resent(cloud, instance_id):
    cloud.configure(drop_responses=[{'method': 'POST', 'path': '/v3/{project_id}/instances/{instance_id}/databases',
                                     'count': 1}])
    res = cloud.run(gaussdb_database, dict(ARGS, instance_id=instance_id))
    assert not res.failed, res.result
    assert res.result['changed']
    assert cloud.stats()['by_route']['POST /v3/{project_id}/instances/{instance_id}/databases'] == 1
