"""Backup and parameter rules and normalisation (module_utils/gaussdb_protection.py, gaussdb_parameters.py)."""
import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_parameters as gp
from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_protection as prot
from ansible_collections.clouddb.mysql.plugins.module_utils import validation


# -- backups ------------------------------------------------------------------------------------
@pytest.mark.parametrize('name', ['back', 'before-upgrade_2024', u'备份-一号', 'a' * 64])
def test_valid_backup_names(name):
    assert prot.backup_name_error(name) is None


@pytest.mark.parametrize('name', ['abc', '1backup', '-backup', 'back up', 'back.up', 'a' * 65, u'备' * 22])
def test_invalid_backup_names(name):
    assert 'invalid' in prot.backup_name_error(name)


def test_backup_description_rules():
    assert prot.backup_description_error(u'手动备份, nightly') is None
    assert prot.backup_description_error('a' * 257).startswith('backup description is longer')
    assert prot.backup_description_error('a<b & c') == 'backup description must not contain & <'


@pytest.mark.parametrize('window', ['00:00-01:00', '19:00-20:00', '23:00-00:00'])
def test_valid_backup_windows(window):
    assert prot.backup_window_error(window) is None


@pytest.mark.parametrize('window,why', [('1:00-2:00', 'look like'), ('01:30-02:30', 'on the hour'),
                                        ('01:00-03:00', 'one hour'), ('24:00-01:00', 'out of'),
                                        ('02:00-01:00', 'one hour')])
def test_invalid_backup_windows(window, why):
    assert why in prot.backup_window_error(window)


def test_period_is_a_set_of_days():
    assert prot.normalize_period('3, 1,2,1') == [1, 2, 3]
    assert prot.normalize_period([7, 1]) == [1, 7]
    for bad in ('0', '8', 'mon', ''):
        with pytest.raises(ValueError):
            prot.normalize_period(bad)


def test_keep_days_range():
    assert validation.range_errors('keep_days', 732, *prot.KEEP_DAYS_RANGE) == []
    assert validation.range_errors('keep_days', 0, *prot.KEEP_DAYS_RANGE) == ['keep_days must be between 1 and 732, got 0']


def test_policy_changes_only_for_set_fields_and_by_meaning():
    current = dict(keep_days='7', start_time='19:00-20:00', period='1,2,3')
    assert prot.policy_changes(current, dict(keep_days=7, period=[3, 2, 1], start_time=None)) == {}
    assert prot.policy_changes(current, dict(keep_days=14)) == {'keep_days': ('7', 14)}
    assert prot.policy_changes(dict(current, retention_number_backup_level1=1),
                               dict(retention_num_backup_level1=1)) == {}


def test_desired_policy_keeps_what_the_user_did_not_set():
    current = dict(keep_days=7, start_time='19:00-20:00', period='1,2,3,4,5,6,7')
    assert prot.desired_policy(current, dict(keep_days=30, period=[5, 1])) == dict(
        keep_days=30, start_time='19:00-20:00', period='1,5')


def test_desired_policy_sends_the_level1_retention_only_while_level1_backups_are_on():
    current = dict(keep_days=7, start_time='19:00-20:00', period='1,2')
    assert 'retention_num_backup_level1' not in prot.desired_policy(current, dict(keep_days=30))
    for spelling in ('retention_num_backup_level1', 'retention_number_backup_level1'):
        on = dict(current, **{spelling: 1})
        assert prot.desired_policy(on, dict(keep_days=30))['retention_num_backup_level1'] == 1
        assert prot.desired_policy(on, dict(retention_num_backup_level1=0))['retention_num_backup_level1'] == 0


def test_plan_policy_refuses_a_level1_retention_while_level1_backups_are_off():
    params = dict(backup_policy=dict(start_time=None, keep_days=None, period=None, retention_num_backup_level1=1),
                  encryption=None, cross_region=None)
    with pytest.raises(validation.InputError):
        prot.plan_policy('i1', params, prot.policy_view(dict(keep_days=7, start_time='19:00-20:00', period='1')))
    plan = prot.plan_policy('i1', params, prot.policy_view(dict(keep_days=7, start_time='19:00-20:00', period='1',
                                                                retention_num_backup_level1=0)))
    assert plan.after['backup_policy']['retention_num_backup_level1'] == 1 and len(plan.steps) == 1


@pytest.mark.parametrize('value,millis', [
    (1714557600000, 1714557600000), ('1714557600000', 1714557600000),
    ('2024-05-01T10:00:00Z', 1714557600000), ('2024-05-01T18:00:00+08:00', 1714557600000),
    ('2024-05-01T18:00:00+0800', 1714557600000), ('2024-05-01 10:00', 1714557600000),
    ('2024-05-01T05:00:00-05:00', 1714557600000), ('2024-05-01T10:00:00.250Z', 1714557600000),
])
def test_points_in_time(value, millis):
    assert prot.to_epoch_ms(value) == millis


@pytest.mark.parametrize('value', ['yesterday', '2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', True])
def test_bad_points_in_time(value):
    with pytest.raises(ValueError):
        prot.to_epoch_ms(value)


def test_api_time_and_iso():
    assert prot.to_api_time('2024-05-01T18:00:00+08:00') == '2024-05-01T10:00:00+0000'
    assert prot.iso_from_ms(1714557600000) == '2024-05-01T10:00:00Z'
    assert prot.date_error('2024-05-01') is None and 'yyyy-mm-dd' in prot.date_error('01.05.2024')


def test_table_restore_body_defaults_new_names_and_sends_strings():
    databases = [dict(database='db', tables=[dict(old_name='t3', new_name=None), dict(old_name='t4', new_name='t4_b')])]
    body = prot.table_restore_body(1690890940000, databases, True)
    assert body == dict(restore_time='1690890940000', last_table_info='true', restore_tables=[dict(
        database='db', tables=[dict(old_name='t3', new_name='t3_1690890940000'), dict(old_name='t4', new_name='t4_b')])])


def test_table_restore_errors():
    assert prot.table_restore_errors([dict(database='a', tables=[dict(old_name='t', new_name='t')])]) == [
        "table 't' of database 'a': new_name must differ from old_name"]
    assert len(prot.table_restore_errors([dict(database='a', tables=[dict(old_name='t'), dict(old_name='t')]),
                                          dict(database='a', tables=[])])) == 3


# -- parameters ----------------------------------------------------------------------------------
@pytest.mark.parametrize('a,b,ptype', [
    ('ON', '1', 'boolean'), ('on', True, 'boolean'), ('OFF', 'false', 'boolean'), ('OFF', 0, 'boolean'),
    ('1073741824', '1G', 'integer'), ('1073741824', '1024M', 'integer'), ('3000', 3000, 'integer'),
    ('1', '1.0', 'float'), ('0.5', '.5', 'float'), ('REPEATABLE-READ', 'repeatable-read', 'list'),
    ('STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION', 'strict_trans_tables, no_engine_substitution', 'list'),
    ('ON', 'true', None), ('1073741824', '1g', None), (' utf8mb4', 'utf8mb4', 'string'),
    ('REPEATABLE-READ', 'repeatable-read', None), ('A,B', 'a, b', None),
])
def test_values_the_server_rewrites_compare_equal(a, b, ptype):
    assert gp.normalize_param(a, ptype) == gp.normalize_param(b, ptype)


@pytest.mark.parametrize('a,b,ptype', [
    ('ON', 'OFF', 'boolean'), ('1', '2', 'integer'), ('READ-COMMITTED', 'REPEATABLE-READ', 'list'),
    ('abc', 'ABC', 'string'), ('1', 'ON', 'integer'),
])
def test_different_values_differ(a, b, ptype):
    assert gp.normalize_param(a, ptype) != gp.normalize_param(b, ptype)


def test_param_text_of_yaml_booleans():
    assert gp.param_text(True) == 'ON' and gp.param_text(False, 'boolean') == 'OFF'
    assert gp.param_text(True, 'integer') == '1' and gp.param_text(3000) == '3000'


def test_param_changes_keep_the_original_spellings():
    current = dict(autocommit='ON', max_connections='3000', innodb_buffer_pool_size='1073741824')
    types = dict(autocommit='boolean', max_connections='integer', innodb_buffer_pool_size='integer')
    wanted = dict(autocommit=True, max_connections=3000, innodb_buffer_pool_size='2G', new_one='x')
    assert gp.param_changes(current, wanted, types) == {'innodb_buffer_pool_size': ('1073741824', '2G'),
                                                        'new_one': (None, 'x')}


@pytest.mark.parametrize('info,value,error', [
    (dict(type='integer', value_range='1-100000'), '200000', 'must be in 1-100000'),
    (dict(type='integer', value_range='1-100000'), 'many', 'is an integer'),
    (dict(type='integer', value_range='5242880-1099511627776'), '1G', None),
    (dict(type='boolean', value_range='ON|OFF'), 'maybe', 'is a boolean'),
    (dict(type='boolean', value_range='ON|OFF'), True, None),
    (dict(type='list', value_range='READ-COMMITTED|REPEATABLE-READ'), 'read-committed', None),
    (dict(type='list', value_range='READ-COMMITTED|REPEATABLE-READ'), 'DIRTY', 'must be one of'),
    (dict(type='float', value_range='0.03-3600'), '0.01', 'must be in'),
    (dict(type='integer', value_range='0-1', readonly=True), '0', 'read-only'),
    (dict(type='string', value_range=''), 'anything', None),
])
def test_param_value_errors(info, value, error):
    got = gp.param_value_error('p', value, info)
    assert (got is None) if error is None else (error in got)


def test_template_name_and_description_rules():
    assert gp.template_errors(dict(name='shop-params.v1_2', description='fine')) == []
    assert "name 'shop params' must be" in gp.template_errors(dict(name='shop params'))[0]
    assert 'must be' in gp.template_errors(dict(name='a' * 65))[0]
    assert 'must not contain' in gp.template_errors(dict(description='line\nbreak'))[0]
    assert gp.looks_like_template_id('887ea0d1bb0843c49e8d8e5a09a95652pr07')
    assert not gp.looks_like_template_id('shop-params')
