"""gaussdb_parameter_template(_info) and gaussdb_instance_parameters(_info) against the in-process emulator."""
import pytest

from ansible_collections.clouddb.mysql.plugins.modules import (
    gaussdb_instance_parameters, gaussdb_instance_parameters_info, gaussdb_parameter_template,
    gaussdb_parameter_template_info,
)
from gaussdb_cloud import GaussDBCloud
from tests.emulator.huawei.gaussdb_params import DEFAULT_TEMPLATE_ID as DEFAULT_ID
from tests.emulator.huawei.gaussdb_params_catalog import PARAMETERS

TEMPLATE_WRITES = ('create_configuration', 'copy_configuration', 'copy_instance_configuration', 'update_configuration',
                   'delete_configuration')
INSTANCE_WRITES = ('apply_configuration', 'update_instance_configuration', 'restart_instance')


@pytest.fixture
def cloud():
    return GaussDBCloud()


def writes(cloud, operations=TEMPLATE_WRITES + INSTANCE_WRITES):
    return [call[0] for call in cloud.calls if call[0] in operations]


def add_template(cloud, name, **values):
    """The id of a new template (from the defaults) with ``values``; the calls of its creation are forgotten."""
    created = cloud.run(gaussdb_parameter_template, dict(name=name, parameters=values or None))
    assert not created.failed, created.result
    cloud.calls[:] = []
    return created.result['parameter_template']['id']


def instance_values(cloud, instance_id):
    listed = cloud.run(gaussdb_instance_parameters_info, dict(instance_id=instance_id))
    return dict((p['name'], p['value']) for p in listed.result['parameters'])


# -- gaussdb_parameter_template ---------------------------------------------------------------------
def test_template_rhythm_with_values_the_server_rewrites(cloud):
    args = dict(name='shop-params', description='shop', parameters=dict(autocommit='1', max_connections=2000))
    check = cloud.run(gaussdb_parameter_template, args, check_mode=True, diff=True)
    assert check.result['changed'] and not cloud.writes()
    assert check.result['diff']['before'] == {}
    assert check.result['diff']['after']['parameter_values'] == {'autocommit': '1', 'max_connections': '2000'}
    created = cloud.run(gaussdb_parameter_template, args)
    assert created.result['changed'] and created.result['parameter_template']['parameter_values']['autocommit'] == 'ON'
    assert created.result['parameter_template']['id'].endswith('pr07')
    for check_mode in (True, False):
        again = cloud.run(gaussdb_parameter_template, args, check_mode=check_mode, diff=True)
        assert not again.result['changed']
        assert again.result['diff']['before'] == again.result['diff']['after']
    assert writes(cloud) == ['create_configuration']


def test_a_no_op_costs_two_reads_by_name_one_by_id(cloud):
    tid = add_template(cloud, 'shop-params', max_connections='2000')
    assert not cloud.run(gaussdb_parameter_template, dict(name='shop-params', parameters=dict(max_connections=2000))).result['changed']
    assert cloud.ops() == ['list_configurations', 'show_configuration']
    cloud.calls[:] = []
    assert not cloud.run(gaussdb_parameter_template, dict(id=tid, parameters=dict(max_connections=2000))).result['changed']
    assert cloud.ops() == ['show_configuration']


def test_template_update_sends_only_what_differs(cloud):
    tid = add_template(cloud, 'shop-params', max_connections='2000')
    args = dict(name='shop-params', parameters=dict(max_connections=2000, autocommit=False), description='new')
    result = cloud.run(gaussdb_parameter_template, args, diff=True)
    assert result.result['changed'] and isinstance(result.result['job_id'], str)
    update = [c for c in cloud.calls if c[0] == 'update_configuration'][0]
    assert update[3] == dict(parameter_values={'autocommit': 'OFF'}, description='new')
    assert result.result['diff']['before']['parameter_values'] == {'autocommit': 'ON', 'max_connections': '2000'}
    assert result.result['diff']['after']['parameter_values'] == {'autocommit': 'OFF', 'max_connections': '2000'}
    assert result.result['parameter_template']['parameter_values']['autocommit'] == 'OFF'
    renamed = cloud.run(gaussdb_parameter_template, dict(id=tid, name='shop-params-v2'), diff=True)
    assert renamed.result['changed'] and renamed.result['diff']['after']['name'] == 'shop-params-v2'
    listed = cloud.run(gaussdb_parameter_template_info, dict(id=tid))
    assert listed.result['parameter_templates'][0]['name'] == 'shop-params-v2'


def test_default_templates_cannot_change_and_bad_names_are_refused_early(cloud):
    failed = cloud.run(gaussdb_parameter_template, dict(name='Default-GaussDBforMySQL', parameters=dict(max_connections=1)))
    assert failed.failed and 'default template' in failed.result['msg'] and writes(cloud) == []
    deleted = cloud.run(gaussdb_parameter_template, dict(name='Default-GaussDBforMySQL', state='absent'))
    assert deleted.failed and 'cannot be deleted' in deleted.result['msg'] and writes(cloud) == []
    cloud.calls[:] = []
    bad = cloud.run(gaussdb_parameter_template, dict(name='bad name', description='a<b'))
    assert bad.failed and bad.result['msg'].startswith("Invalid input: parameter template name 'bad name' must be")
    assert 'parameter template description must not contain <' in bad.result['msg']
    assert cloud.calls == []
    unknown = cloud.run(gaussdb_parameter_template, dict(id='0' * 32 + 'pr07', description='x'))
    assert unknown.failed and 'does not exist' in unknown.result['msg'] and cloud.ops() == ['show_configuration']


def test_template_copies_then_sets_values(cloud):
    source = add_template(cloud, 'base', max_connections='100')
    iid = cloud.seed(1, name_prefix='shop-db')[0]
    assert cloud.run(gaussdb_instance_parameters, dict(instance_id=iid, parameters=dict(long_query_time=5))).result['changed']
    cloud.calls[:] = []
    check = cloud.run(gaussdb_parameter_template, dict(name='variant', copy_from='base', parameters=dict(autocommit='OFF')),
                      check_mode=True)
    assert check.result['changed'] and check.result['parameter_template']['parameter_values']['max_connections'] == '100'
    assert writes(cloud) == []
    copied = cloud.run(gaussdb_parameter_template, dict(name='variant', copy_from='base', parameters=dict(autocommit='OFF')))
    values = copied.result['parameter_template']['parameter_values']
    assert values['max_connections'] == '100' and values['autocommit'] == 'OFF'
    assert writes(cloud) == ['copy_configuration', 'update_configuration']
    assert [c for c in cloud.calls if c[0] == 'copy_configuration'][0][1] == {'configuration_id': source}
    from_instance = cloud.run(gaussdb_parameter_template, dict(name='from-prod', copy_from_instance='shop-db-00001'))
    assert from_instance.result['parameter_template']['parameter_values']['long_query_time'] == '5'
    gone = cloud.run(gaussdb_parameter_template, dict(name='variant', state='absent'), diff=True)
    assert gone.result['changed'] and gone.result['parameter_template'] == {} and gone.result['diff']['after'] == {}
    assert not cloud.run(gaussdb_parameter_template, dict(name='variant', state='absent')).result['changed']


def test_a_copy_whose_values_already_match_sends_no_update(cloud):
    add_template(cloud, 'base', max_connections='100')
    copied = cloud.run(gaussdb_parameter_template, dict(name='variant', copy_from='base', parameters=dict(max_connections=100)))
    assert copied.result['changed'] and writes(cloud) == ['copy_configuration'] and 'job_id' not in copied.result


def test_a_creation_is_read_back_even_without_waiting(cloud):
    created = cloud.run(gaussdb_parameter_template, dict(name='shop-params', parameters=dict(autocommit='1'), wait=False))
    assert created.result['parameter_template']['parameter_values']['autocommit'] == 'ON'
    assert created.result['parameter_template']['id'].endswith('pr07')


def test_a_lost_create_answer_is_looked_up_not_resent(cloud):
    cloud.configure(drop_responses=[{'method': 'POST', 'path': '/v3/{project_id}/configurations', 'count': 1}])
    created = cloud.run(gaussdb_parameter_template, dict(name='shop-params', parameters=dict(max_connections=10)))
    assert not created.failed, created.result
    assert created.result['parameter_template']['parameter_values']['max_connections'] == '10'
    assert cloud.stats()['by_route']['POST /v3/{project_id}/configurations'] == 1


def test_template_info_detail_compare_and_extras(cloud):
    tid = add_template(cloud, 'shop-params', max_connections='1000')
    cloud.run(gaussdb_parameter_template, dict(id=tid, parameters=dict(max_connections=2000)))
    result = cloud.run(gaussdb_parameter_template_info, dict(name='shop-params', compare_with=DEFAULT_ID,
                                                             applicable_instances=True, modify_history=True))
    assert not result.failed and not result.result['changed']
    template = result.result['parameter_templates'][0]
    assert template['parameter_values']['max_connections'] == '2000' and template['user_defined'] is True
    assert 'applicable_instances' in template and 'apply_history' not in template
    assert (template['modify_history'][0]['old_value'], template['modify_history'][0]['new_value']) == ('1000', '2000')
    assert result.result['differences'] == [dict(parameter_name='max_connections', source_value='2000',
                                                 target_value='3000')]
    listed = cloud.run(gaussdb_parameter_template_info, {})
    assert sorted(t['id'] for t in listed.result['parameter_templates']) == sorted([DEFAULT_ID, tid])
    cloud.calls[:] = []
    refused = cloud.run(gaussdb_parameter_template_info, dict(compare_with='x'))
    assert refused.failed and refused.result['msg'] == 'Invalid input: compare_with needs id or name' and cloud.calls == []
    missing = cloud.run(gaussdb_parameter_template_info, dict(name='nope'))
    assert missing.result['parameter_templates'] == []


# -- gaussdb_instance_parameters ------------------------------------------------------------------
def test_instance_parameters_rhythm_and_diff(cloud):
    iid = cloud.seed(1, name_prefix='shop-db')[0]
    args = dict(instance_name='shop-db-00001', parameters=dict(max_connections=5000, autocommit='on'))
    check = cloud.run(gaussdb_instance_parameters, args, check_mode=True, diff=True)
    assert check.result['changed'] and not cloud.writes()
    assert check.result['diff'] == {'before': {'parameters': {'max_connections': '3000'}},
                                    'after': {'parameters': {'max_connections': '5000'}}}
    applied = cloud.run(gaussdb_instance_parameters, args)
    assert applied.result['changed_parameters'] == {'max_connections': '5000'}
    assert applied.result['parameters'] == {'autocommit': 'ON', 'max_connections': '5000'}
    assert applied.result['restart_required'] is False and applied.result['restarted'] is False
    assert isinstance(applied.result['job_id'], str) and applied.result['configuration_id'] == DEFAULT_ID
    assert writes(cloud) == ['update_instance_configuration']
    for check_mode in (True, False):
        assert not cloud.run(gaussdb_instance_parameters, args, check_mode=check_mode).result['changed']
    assert writes(cloud) == ['update_instance_configuration']
    assert instance_values(cloud, iid)['max_connections'] == '5000'


def test_a_no_op_costs_two_reads_by_id(cloud):
    iid = cloud.seed(1)[0]
    assert not cloud.run(gaussdb_instance_parameters, dict(instance_id=iid, parameters=dict(max_connections=3000))).result['changed']
    assert cloud.ops() == ['show_instance', 'show_instance_configuration']


def test_bad_parameters_are_refused_before_any_change(cloud):
    iid = cloud.seed(1)[0]
    for parameters, why in ((dict(nope=1), 'unknown parameter(s) nope'), (dict(lower_case_table_names=0), 'read-only'),
                            (dict(max_connections=0), 'must be in 1-100000'), (dict(autocommit='maybe'), 'boolean')):
        failed = cloud.run(gaussdb_instance_parameters, dict(instance_id=iid, parameters=parameters))
        assert failed.failed and why in failed.result['msg'] and failed.result['error_code'] == 'InvalidInput'
    assert not cloud.writes()


def test_restart_when_required_and_for_earlier_pending_changes(cloud):
    iid = cloud.seed(1)[0]
    args = dict(instance_id=iid, parameters=dict(innodb_buffer_pool_size='4G'))
    first = cloud.run(gaussdb_instance_parameters, args)
    assert first.result['restart_required'] is True and first.result['restarted'] is False
    assert first.result['parameters'] == {'innodb_buffer_pool_size': str(4 * 1024 ** 3)}
    pending = cloud.run(gaussdb_instance_parameters, args)
    assert not pending.result['changed'] and pending.result['restart_required'] is True
    check = cloud.run(gaussdb_instance_parameters, dict(args, restart=True), check_mode=True)
    assert check.result['changed'] and check.result['restarted'] and writes(cloud) == ['update_instance_configuration']
    restarted = cloud.run(gaussdb_instance_parameters, dict(args, restart=True))
    assert restarted.result['changed'] and restarted.result['restarted']
    assert writes(cloud) == ['update_instance_configuration', 'restart_instance']
    assert not cloud.run(gaussdb_instance_parameters, dict(args, restart=True)).result['changed']


def test_a_change_and_its_restart_in_one_run_wait_for_each_other(cloud):
    iid = cloud.seed(1)[0]
    result = cloud.run(gaussdb_instance_parameters, dict(instance_id=iid, restart=True,
                                                         parameters=dict(performance_schema='ON', max_connections=10)))
    assert result.result['changed'] and result.result['restarted'] and len(result.result['job_id']) == 2
    ops = cloud.ops()
    between = ops[ops.index('update_instance_configuration'):ops.index('restart_instance')]
    assert 'show_job' in between


def test_template_apply_is_idempotent_and_explicit_values_win(cloud):
    iid = cloud.seed(1)[0]
    tid = add_template(cloud, 'shop-params', max_connections='2000', autocommit='OFF')
    args = dict(instance_id=iid, template='shop-params', parameters=dict(max_connections=2500))
    check = cloud.run(gaussdb_instance_parameters, args, check_mode=True, diff=True)
    assert check.result['changed'] and check.result['changed_parameters'] == {'autocommit': 'OFF',
                                                                              'max_connections': '2500'}
    assert check.result['diff'] == {
        'before': {'configuration_id': DEFAULT_ID, 'parameters': {'autocommit': 'ON', 'max_connections': '3000'}},
        'after': {'configuration_id': tid, 'parameters': {'autocommit': 'OFF', 'max_connections': '2500'}}}
    applied = cloud.run(gaussdb_instance_parameters, args)
    assert writes(cloud) == ['apply_configuration', 'update_instance_configuration']
    assert applied.result['configuration_id'] == tid and len(applied.result['job_id']) == 2
    assert instance_values(cloud, iid)['max_connections'] == '2500'
    again = cloud.run(gaussdb_instance_parameters, args)
    assert not again.result['changed'] and again.result['parameters']['autocommit'] == 'OFF'
    assert again.result['parameters']['max_connections'] == '2500'


def test_instance_parameters_info_with_history(cloud):
    iid = cloud.seed(1)[0]
    cloud.run(gaussdb_instance_parameters, dict(instance_id=iid, parameters=dict(max_connections=4000, autocommit=False)))
    result = cloud.run(gaussdb_instance_parameters_info, dict(instance_id=iid, names=['max_connections'], history=True))
    assert [p['name'] for p in result.result['parameters']] == ['max_connections']
    assert result.result['configuration_id'] == DEFAULT_ID
    assert [(h['parameter_name'], h['new_value']) for h in result.result['histories']] == [('max_connections', '4000')]
    cloud.calls[:] = []
    plain = cloud.run(gaussdb_instance_parameters_info, dict(instance_id=iid))
    assert 'histories' not in plain.result and len(plain.result['parameters']) == len(PARAMETERS)
    assert cloud.ops() == ['show_instance_configuration'] and not plain.result['changed']
