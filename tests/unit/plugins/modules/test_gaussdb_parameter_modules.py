"""gaussdb_parameter_template(_info) and gaussdb_instance_parameters(_info)."""
from ansible_collections.clouddb.mysql.plugins.modules import (
    gaussdb_instance_parameters, gaussdb_instance_parameters_info, gaussdb_parameter_template,
    gaussdb_parameter_template_info,
)
from fake_gaussdb_protection_api import DEFAULT_ID, FakeApi, run_module


# -- gaussdb_parameter_template ---------------------------------------------------------------------
def test_template_rhythm_with_values_the_server_rewrites():
    api = FakeApi()
    args = dict(name='shop-params', description='shop', parameters=dict(autocommit='1', max_connections=2000))
    check = run_module(gaussdb_parameter_template, args, api, check_mode=True, diff=True)
    assert check.result['changed'] and api.writes() == []
    assert check.result['diff']['after']['parameter_values'] == {'autocommit': '1', 'max_connections': '2000'}
    created = run_module(gaussdb_parameter_template, args, api)
    assert created.result['changed'] and created.result['parameter_template']['parameter_values']['autocommit'] == 'ON'
    for check_mode in (True, False):
        again = run_module(gaussdb_parameter_template, args, api, check_mode=check_mode)
        assert not again.result['changed']
    assert api.writes() == ['create_configuration']


def test_template_update_sends_only_what_differs():
    api = FakeApi()
    tid = api.add_template('shop-params', max_connections='2000')
    args = dict(name='shop-params', parameters=dict(max_connections=2000, autocommit=False), description='new')
    result = run_module(gaussdb_parameter_template, args, api, diff=True)
    assert result.result['changed'] and result.result['job_id']
    update = [c for c in api.calls if c[0] == 'update_configuration'][0]
    assert update[3] == dict(parameter_values={'autocommit': 'OFF'}, description='new')
    assert result.result['diff']['before']['parameter_values'] == {'autocommit': 'ON', 'max_connections': '2000'}
    renamed = run_module(gaussdb_parameter_template, dict(id=tid, name='shop-params-v2'), api)
    assert renamed.result['changed'] and api.templates[tid]['name'] == 'shop-params-v2'


def test_default_templates_cannot_change_and_bad_names_are_refused_early():
    api = FakeApi()
    failed = run_module(gaussdb_parameter_template, dict(name='Default-GaussDBforMySQL',
                                                         parameters=dict(max_connections=1)), api)
    assert failed.failed and 'default template' in failed.result['msg'] and api.writes() == []
    assert run_module(gaussdb_parameter_template, dict(name='Default-GaussDBforMySQL', state='absent'), api).failed
    calls = len(api.calls)
    assert run_module(gaussdb_parameter_template, dict(name='bad name'), api).failed and len(api.calls) == calls


def test_template_copies_then_sets_values():
    api = FakeApi()
    source = api.add_template('base', max_connections='100')
    iid = api.add_instance('shop-db')
    api.values[iid]['long_query_time'] = '5'
    copied = run_module(gaussdb_parameter_template, dict(name='variant', copy_from='base',
                                                         parameters=dict(autocommit='OFF')), api)
    values = copied.result['parameter_template']['parameter_values']
    assert values['max_connections'] == '100' and values['autocommit'] == 'OFF'
    assert api.writes() == ['copy_configuration', 'update_configuration']
    assert api.calls[[c[0] for c in api.calls].index('copy_configuration')][1] == {'configuration_id': source}
    from_instance = run_module(gaussdb_parameter_template, dict(name='from-prod', copy_from_instance='shop-db'), api)
    assert from_instance.result['parameter_template']['parameter_values']['long_query_time'] == '5'
    gone = run_module(gaussdb_parameter_template, dict(name='variant', state='absent'), api)
    assert gone.result['changed'] and gone.result['parameter_template'] == {}


def test_template_info_detail_compare_and_extras():
    api = FakeApi()
    api.add_template('shop-params', max_connections='2000')
    result = run_module(gaussdb_parameter_template_info, dict(name='shop-params', compare_with=DEFAULT_ID,
                                                              applicable_instances=True, modify_history=True), api)
    template = result.result['parameter_templates'][0]
    assert template['parameter_values']['max_connections'] == '2000' and template['user_defined'] is True
    assert 'applicable_instances' in template and template['modify_history'][0]['new_value'] == '2'
    assert result.result['differences'] == [dict(parameter_name='max_connections', source_value='2000',
                                                 target_value='3000')]
    listed = run_module(gaussdb_parameter_template_info, {}, api)
    assert len(listed.result['parameter_templates']) == 2
    assert run_module(gaussdb_parameter_template_info, dict(compare_with='x'), api).failed


# -- gaussdb_instance_parameters ------------------------------------------------------------------
def test_instance_parameters_rhythm_and_diff():
    api = FakeApi()
    iid = api.add_instance('shop-db')
    args = dict(instance_name='shop-db', parameters=dict(max_connections=5000, autocommit='on'))
    check = run_module(gaussdb_instance_parameters, args, api, check_mode=True, diff=True)
    assert check.result['changed'] and api.writes() == []
    assert check.result['diff'] == {'before': {'parameters': {'max_connections': '3000'}},
                                    'after': {'parameters': {'max_connections': '5000'}}}
    applied = run_module(gaussdb_instance_parameters, args, api)
    assert applied.result['changed_parameters'] == {'max_connections': '5000'}
    assert applied.result['restart_required'] is False and applied.result['restarted'] is False
    assert api.writes() == ['update_instance_configuration']
    for check_mode in (True, False):
        assert not run_module(gaussdb_instance_parameters, args, api, check_mode=check_mode).result['changed']
    assert api.values[iid]['max_connections'] == '5000'


def test_bad_parameters_are_refused_before_any_change():
    api = FakeApi()
    api.add_instance('shop-db')
    for parameters, why in ((dict(nope=1), 'unknown parameter'), (dict(lower_case_table_names=0), 'read-only'),
                            (dict(max_connections=0), 'must be in'), (dict(autocommit='maybe'), 'boolean')):
        failed = run_module(gaussdb_instance_parameters, dict(instance_name='shop-db', parameters=parameters), api)
        assert failed.failed and why in failed.result['msg']
    assert api.writes() == []


def test_restart_when_required_and_for_earlier_pending_changes():
    api = FakeApi()
    iid = api.add_instance('shop-db')
    args = dict(instance_id=iid, parameters=dict(innodb_buffer_pool_size='4G'))
    first = run_module(gaussdb_instance_parameters, args, api)
    assert first.result['restart_required'] is True and first.result['restarted'] is False
    pending = run_module(gaussdb_instance_parameters, args, api)
    assert not pending.result['changed'] and pending.result['restart_required'] is True
    check = run_module(gaussdb_instance_parameters, dict(args, restart=True), api, check_mode=True)
    assert check.result['changed'] and check.result['restarted'] and api.writes() == ['update_instance_configuration']
    restarted = run_module(gaussdb_instance_parameters, dict(args, restart=True), api)
    assert restarted.result['changed'] and restarted.result['restarted']
    assert api.writes() == ['update_instance_configuration', 'restart_instance']
    assert not run_module(gaussdb_instance_parameters, dict(args, restart=True), api).result['changed']


def test_template_apply_is_idempotent_and_explicit_values_win():
    api = FakeApi()
    iid = api.add_instance('shop-db')
    api.add_template('shop-params', max_connections='2000', autocommit='OFF')
    args = dict(instance_id=iid, template='shop-params', parameters=dict(max_connections=2500))
    check = run_module(gaussdb_instance_parameters, args, api, check_mode=True, diff=True)
    assert check.result['changed'] and check.result['changed_parameters'] == {'autocommit': 'OFF',
                                                                              'max_connections': '2500'}
    assert check.result['diff']['after']['configuration_id'] != DEFAULT_ID
    run_module(gaussdb_instance_parameters, args, api)
    assert api.writes() == ['apply_configuration', 'update_instance_configuration']
    assert api.values[iid]['max_connections'] == '2500'
    again = run_module(gaussdb_instance_parameters, args, api)
    assert not again.result['changed'] and again.result['parameters']['autocommit'] == 'OFF'


def test_instance_parameters_info_with_history():
    api = FakeApi()
    iid = api.add_instance('shop-db')
    result = run_module(gaussdb_instance_parameters_info, dict(instance_id=iid, names=['max_connections'],
                                                               history=True), api)
    assert [p['name'] for p in result.result['parameters']] == ['max_connections']
    assert result.result['configuration_id'] == DEFAULT_ID and len(result.result['histories']) == 1
    plain = run_module(gaussdb_instance_parameters_info, dict(instance_id=iid), api)
    assert 'histories' not in plain.result and len(plain.result['parameters']) == 6
