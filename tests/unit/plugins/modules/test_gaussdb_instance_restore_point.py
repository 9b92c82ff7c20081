"""gaussdb_instance's restore_point (4.3.1 MysqlRestorePoint) against the in-process emulator: the body sent,
the data the new instance starts with, and the input rules."""
import time

import pytest

from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_database, gaussdb_instance
from gaussdb_cloud import GaussDBCloud, api_call as api, whole_seconds

CREATE = dict(name='orders-copy', flavor='gaussdb.mysql.xlarge.x86.4', vpc_id='3cedfc54-b105-4652-a4e0-847b11576b58',
              subnet_id='c1cfa53c-65d3-431e-8552-326bf310c7ad', password='Sup3r-Secret-pw')


@pytest.fixture
def cloud():
    return whole_seconds(GaussDBCloud())


@pytest.fixture
def source(cloud):
    instance_id = cloud.seed(1)[0]
    assert not cloud.run(gaussdb_database, dict(instance_id=instance_id, name='orders', character_set='utf8mb4')).failed
    return instance_id


def backup_of(cloud, instance_id):
    backup = api(cloud, 'create_backup', body=dict(instance_id=instance_id, name='nightly-1'))['backup']
    cloud.advance(600)
    return backup['id']


def create_body(cloud, source, **point):
    cloud.calls[:] = []
    result = cloud.run(gaussdb_instance, dict(CREATE, restore_point=dict(point, source_instance_id=source)))
    assert not result.failed, result.result
    body = [c for c in cloud.calls if c[0] == 'create_instance'][0][3]
    databases = api(cloud, 'list_databases', instance_id=result.result['instance']['id'])['databases']
    assert [d['name'] for d in databases] == ['orders']   # the new instance starts with the source's data
    return body


def test_a_backup_restores_by_type_backup(cloud, source):
    backup_id = backup_of(cloud, source)
    body = create_body(cloud, source, backup_id=backup_id)
    assert body['restore_point'] == dict(source_instance_id=source, type='backup', backup_id=backup_id)


def test_a_point_in_time_is_sent_in_milliseconds(cloud, source):
    backup_of(cloud, source)
    moment = int(cloud.clock.now) - 60
    local = time.strftime('%Y-%m-%dT%H:%M:%S+08:00', time.gmtime(moment + 8 * 3600))
    body = create_body(cloud, source, restore_time=local)
    assert body['restore_point'] == dict(source_instance_id=source, type='timestamp', restore_time=moment * 1000)


def test_bad_restore_points_are_refused_before_any_request(cloud):
    source = '0123456789abcdef0123456789abcdefin07'
    for point in (dict(restore_time='yesterday'), dict(), dict(backup_id='b', restore_time=1)):
        result = cloud.run(gaussdb_instance, dict(CREATE, restore_point=dict(point, source_instance_id=source)))
        assert result.failed
    assert cloud.calls == []
