"""gaussdb_instance's restore_point (4.3.1 MysqlRestorePoint): the body sent and the input rules."""
from ansible_collections.clouddb.mysql.plugins.modules import gaussdb_instance
from fake_gaussdb_instance_api import FakeApi, run_module

CREATE = dict(name='orders-copy', flavor='gaussdb.mysql.xlarge.x86.4', vpc_id='vpc-1', subnet_id='subnet-1',
              password='Sup3r-Secret-pw')
SOURCE = '0123456789abcdef0123456789abcdefin07'


def create_body(api, **point):
    result = run_module(gaussdb_instance, dict(CREATE, restore_point=dict(point, source_instance_id=SOURCE)), api)
    assert not result.failed, result.result
    return [c for c in api.calls if c[0] == 'create_instance'][0][3]


def test_a_backup_restores_by_type_backup():
    body = create_body(FakeApi(), backup_id='7ffbf305376b4cbea0ae491257b6aaf9br07')
    assert body['restore_point'] == dict(source_instance_id=SOURCE, type='backup',
                                         backup_id='7ffbf305376b4cbea0ae491257b6aaf9br07')


def test_a_point_in_time_is_sent_in_milliseconds():
    body = create_body(FakeApi(), restore_time='2024-05-01T18:00:00+08:00')
    assert body['restore_point'] == dict(source_instance_id=SOURCE, type='timestamp', restore_time=1714557600000)


def test_bad_restore_points_are_refused_before_any_request():
    api = FakeApi()
    for point in (dict(restore_time='yesterday'), dict(), dict(backup_id='b', restore_time=1)):
        result = run_module(gaussdb_instance, dict(CREATE, restore_point=dict(point, source_instance_id=SOURCE)), api)
        assert result.failed
    assert api.calls == []
