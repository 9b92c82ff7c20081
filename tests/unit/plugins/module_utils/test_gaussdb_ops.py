"""Operations helpers: times, the SQL-throttling rule diff, log pagination, quota and LTS input rules."""
import calendar

import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_ops as ops
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import InputError

NOW = calendar.timegm((2024, 5, 1, 12, 0, 0, 0, 0, 0))


# -- times ------------------------------------------------------------------------------------
@pytest.mark.parametrize('text, expected', [
    ('now', NOW),
    ('-2h', NOW - 7200),
    ('- 30m', NOW - 1800),
    ('-7d', NOW - 7 * 86400),
    ('-1w', NOW - 604800),
    ('1714557600', 1714557600),
    ('1714557600000', 1714557600),
    ('2024-05-01T08:00:00+08:00', NOW - 12 * 3600),
    ('2024-05-01T12:00:00Z', NOW),
    ('2024-05-01T20:00:00+0800', NOW),
    ('2024-05-01 12:00', NOW),
])
def test_parse_time_accepts_the_documented_forms(text, expected):
    assert ops.parse_time(text, NOW) == expected


@pytest.mark.parametrize('text', ['yesterday', '2024-13-01T00:00:00Z', '+2h', '', True])
def test_parse_time_refuses_the_rest(text):
    with pytest.raises(ValueError):
        ops.parse_time(text, NOW)


def test_api_time_is_utc_with_the_api_offset():
    assert ops.api_time(NOW + 0.9) == '2024-05-01T12:00:00+0000'


def test_time_window_defaults_and_errors():
    assert ops.time_window(None, None, 3600, now=NOW) == (NOW - 3600, NOW, [])
    assert ops.time_window('-2h', '-1h', 60, now=NOW) == (NOW - 7200, NOW - 3600, [])
    assert ops.time_window(None, '-1h', 60, now=NOW)[:2] == (NOW - 3660, NOW - 3600)
    assert ops.time_window('-1h', '-2h', 60, now=NOW)[2] == ['start_time must be earlier than end_time']
    assert ops.time_window(None, '2030-01-01T00:00:00Z', 60, now=NOW)[2] == ['end_time must not be in the future']
    errors = ops.time_window('soon', 'later', 60, now=NOW)[2]
    assert len(errors) == 2 and errors[0].startswith('end_time') and errors[1].startswith('start_time')


# -- SQL throttling input rules -------------------------------------------------------------------
@pytest.mark.parametrize('pattern', ['select~from~t1', 'select', 'update~t3~where~id', '~'.join(['k'] * 128)])
def test_valid_patterns(pattern):
    assert ops.sql_pattern_errors(pattern) == []


@pytest.mark.parametrize('pattern, fragment', [
    ('select~from~', 'end with'), ('select~~from', '"~~"'), ('select,from', "','"), ('select\\from', "'\\\\'"),
    (u'select\uff0cfrom', 'must not contain'), ('', 'non-empty'), ('~'.join(['k'] * 129), '128 keywords'),
])
def test_invalid_patterns(pattern, fragment):
    errors = ops.sql_pattern_errors(pattern)
    assert errors and fragment in errors[0]


def test_rule_errors_name_every_problem():
    rules = [dict(sql_type='insert', pattern='insert~into', max_concurrency=1),
             dict(sql_type='select', pattern='a', max_concurrency=-1),
             dict(sql_type='SELECT', pattern='b', max_concurrency=None),
             dict(sql_type='Select', pattern='c', max_concurrency=1),
             dict(sql_type='SELECT', pattern='c', max_concurrency=2)]
    errors = ops.rule_errors(rules)
    assert len(errors) == 4
    assert 'INSERT' in errors[0] or "'insert'" in errors[0]
    assert 'must be 0 or more' in errors[1]
    assert 'max_concurrency is required' in errors[2]
    assert 'listed more than once' in errors[3]
    # For deletions the limit does not matter.
    assert ops.rule_errors([dict(sql_type='DELETE', pattern='d', max_concurrency=None)], need_limit=False) == []


# -- the rule diff -----------------------------------------------------------------------------
A, B, C = ('SELECT', 'select~from~t1'), ('UPDATE', 'update~t2'), ('DELETE', 'delete~t3')
CURRENT = {'n1': {A: 10, B: 5}, 'n2': {}}


def test_normalize_rules_upper_cases_the_type_only():
    assert ops.normalize_rules([dict(sql_type='select', pattern='Select~From', max_concurrency=3)]) == \
        {('SELECT', 'Select~From'): 3}


def test_present_adds_and_updates_on_every_node():
    changes = ops.rule_changes(CURRENT, {A: 10, C: 1})
    assert changes == {'set': {'n1': {C: 1}, 'n2': {A: 10, C: 1}}, 'delete': {}}
    changes = ops.rule_changes(CURRENT, {A: 20})
    assert changes == {'set': {'n1': {A: 20}, 'n2': {A: 20}}, 'delete': {}}


def test_present_is_idempotent_and_leaves_other_rules_without_purge():
    changes = ops.rule_changes({'n1': {A: 10, B: 5}}, {A: 10})
    assert not ops.has_rule_changes(changes)


def test_purge_deletes_what_is_not_listed():
    changes = ops.rule_changes(CURRENT, {A: 10}, purge=True)
    assert changes == {'set': {'n2': {A: 10}}, 'delete': {'n1': [B]}}
    assert ops.apply_rule_changes(CURRENT, changes) == {'n1': {A: 10}, 'n2': {A: 10}}


def test_absent_deletes_listed_rules_where_they_exist():
    changes = ops.rule_changes(CURRENT, {B: None, C: None}, state='absent')
    assert changes == {'set': {}, 'delete': {'n1': [B]}}
    assert not ops.has_rule_changes(ops.rule_changes(CURRENT, {C: None}, state='absent'))


def test_absent_without_rules_deletes_everything():
    changes = ops.rule_changes(CURRENT, None, state='absent')
    assert changes == {'set': {}, 'delete': {'n1': [A, B]}}
    assert ops.apply_rule_changes(CURRENT, changes) == {'n1': {}, 'n2': {}}


def test_request_bodies_group_patterns_by_type():
    to_set = {'n2': {A: 10, ('SELECT', 'select~x'): 0, C: 1}, 'n1': {B: 3}}
    assert ops.set_rules_body(to_set) == {'sql_filter_rules': [
        {'node_id': 'n1', 'rules': [{'sql_type': 'UPDATE', 'patterns': [{'pattern': 'update~t2', 'max_concurrency': 3}]}]},
        {'node_id': 'n2', 'rules': [
            {'sql_type': 'SELECT', 'patterns': [{'pattern': 'select~from~t1', 'max_concurrency': 10},
                                                {'pattern': 'select~x', 'max_concurrency': 0}]},
            {'sql_type': 'DELETE', 'patterns': [{'pattern': 'delete~t3', 'max_concurrency': 1}]}]}]}
    assert ops.delete_rules_body({'n1': [A, B, ('SELECT', 'select~y')]}) == {'sql_filter_rules': [
        {'node_id': 'n1', 'rules': [{'sql_type': 'SELECT', 'patterns': ['select~from~t1', 'select~y']},
                                    {'sql_type': 'UPDATE', 'patterns': ['update~t2']}]}]}


def test_api_rules_and_flat_list_round_trip():
    answer = {'node_id': 'n1', 'sql_filter_rules': [
        {'sql_type': 'select', 'patterns': [{'pattern': 'select~from~t1', 'max_concurrency': 10}]},
        {'sql_type': 'UPDATE', 'patterns': [{'pattern': 'update~t2', 'max_concurrency': '5'}]}]}
    assert ops.api_rules(answer) == {A: 10, B: 5}
    assert ops.rules_list({'n1': {B: 5, A: 10}}) == [
        {'node_id': 'n1', 'sql_type': 'SELECT', 'pattern': 'select~from~t1', 'max_concurrency': 10},
        {'node_id': 'n1', 'sql_type': 'UPDATE', 'pattern': 'update~t2', 'max_concurrency': 5}]


# -- log pagination ---------------------------------------------------------------------------
class LinePages(object):
    """A 4.8.3-like server: ``total`` lines, line numbers 1000, 2000, ...; pages after a line number."""

    def __init__(self, total, repeat_last=False):
        self.lines = [{'line_num': str(1000 * (i + 1)), 'node_id': 'n'} for i in range(total)]
        self.calls = []
        self.repeat_last = repeat_last

    def fetch(self, after, size):
        self.calls.append((after, size))
        if self.repeat_last and after is not None:
            return [line for line in self.lines if line['line_num'] == after] * size
        start = 0 if after is None else [line['line_num'] for line in self.lines].index(after) + 1
        return self.lines[start:start + size]


def test_lines_are_read_page_after_page_until_a_short_page():
    server = LinePages(23)
    lines = ops.paginate_lines(server.fetch, limit=100, page_size=10)
    assert [line['line_num'] for line in lines] == [str(1000 * i) for i in range(1, 24)]
    assert server.calls == [(None, 10), ('10000', 10), ('20000', 10)]


def test_lines_stop_at_the_limit_and_ask_only_for_what_is_missing():
    server = LinePages(50)
    lines = ops.paginate_lines(server.fetch, limit=25, page_size=10)
    assert len(lines) == 25 and lines[-1]['line_num'] == '25000'
    assert server.calls == [(None, 10), ('10000', 10), ('20000', 5)]


def test_an_exact_multiple_costs_one_empty_page():
    server = LinePages(20)
    assert len(ops.paginate_lines(server.fetch, limit=100, page_size=10)) == 20
    assert server.calls[-1] == ('20000', 10) and len(server.calls) == 3


def test_a_server_that_repeats_its_position_cannot_loop_forever():
    server = LinePages(30, repeat_last=True)
    lines = ops.paginate_lines(server.fetch, limit=100, page_size=10)
    assert len(server.calls) == 2 and len(lines) == 20


def test_empty_logs_cost_one_request():
    server = LinePages(0)
    assert ops.paginate_lines(server.fetch, limit=100) == [] and len(server.calls) == 1


def test_files_page_by_the_last_name():
    names = ['f%02d' % i for i in range(1, 8)]
    calls = []

    def fetch(after, size):
        calls.append((after, size))
        rest = [n for n in names if after is None or n > after]
        return [{'name': n} for n in rest[:size]]
    files = ops.paginate_files(fetch, limit=6, page_size=4)
    assert [f['name'] for f in files] == names[:6]
    assert calls == [(None, 4), ('f04', 2)]


def test_lines_of_several_nodes_merge_in_time_order():
    first = [{'line_num': '1000', 'node_id': 'b'}, {'line_num': '3000', 'node_id': 'b'}]
    second = [{'line_num': '1000', 'node_id': 'a'}, {'line_num': '2000', 'node_id': 'a'}]
    merged = ops.merge_lines([first, second], limit=3)
    assert [(line['line_num'], line['node_id']) for line in merged] == [('1000', 'a'), ('1000', 'b'), ('2000', 'a')]


# -- quotas, LTS, nodes -------------------------------------------------------------------------
def test_quota_ranges():
    assert ops.quota_errors(dict(instance_quota=0, vcpus_quota=2147483646, ram_quota=None)) == []
    assert ops.quota_errors(dict(instance_quota=100001, vcpus_quota=-1, ram_quota=None)) == [
        'instance_quota must be between 0 and 100000, got 100001', 'vcpus_quota must be between 0 and 2147483646, got -1']


def test_a_quota_record_is_set_when_any_quota_is_not_unlimited():
    assert not ops.quota_is_set({'instance_quota': -1, 'vcpus_quota': -1, 'ram_quota': -1})
    assert not ops.quota_is_set({})
    assert ops.quota_is_set({'instance_quota': -1, 'vcpus_quota': '8', 'ram_quota': -1})


def test_lts_ids_are_uuids():
    assert ops.uuid_errors('c3dd5233-24a1-443c-6b40-310b3ad85382', 'lts_group_id') == []
    assert ops.uuid_errors(None, 'lts_group_id') == []
    assert 'lts_stream_id' in ops.uuid_errors('stream-1', 'lts_stream_id')[0]


def test_nodes_are_selected_by_id_or_name_and_unknown_ones_fail():
    details = {'id': 'i1', 'nodes': [{'id': 'n1', 'name': 'db_node01'}, {'id': 'n2', 'name': 'db_node02'}]}
    assert ops.select_nodes(details, None) == details['nodes']
    assert ops.select_nodes(details, ['db_node02', 'n2', 'n1']) == [details['nodes'][1], details['nodes'][0]]
    with pytest.raises(InputError) as failed:
        ops.select_nodes(details, ['n3', 'db_node01'])
    assert 'no node n3' in str(failed.value) and 'db_node02 (n2)' in str(failed.value)


# -- plans: one step per call, with its effect -----------------------------------------------------------
def steps(plan):
    return [(step.operation, step.call) for step in plan.steps]


def throttling_params(**params):
    return dict(dict(enabled=None, rules=None, state='present', purge_rules=False), **params)


def test_throttling_plan_switch_then_deletions_then_additions_each_a_call_on_the_instance():
    rules = [dict(sql_type='delete', pattern='delete~t3', max_concurrency=1),
             dict(sql_type='SELECT', pattern='select~from~t1', max_concurrency=10)]
    plan = ops.plan_throttling('i1', throttling_params(enabled=True, rules=rules, purge_rules=True), 'OFF', CURRENT)
    assert steps(plan) == [
        ('set_sql_filter_switch', dict(body={'switch_status': 'ON'}, idempotent=True, instance_id='i1')),
        ('delete_sql_filter_rules', dict(body=ops.delete_rules_body({'n1': [B]}), instance_id='i1')),
        ('set_sql_filter_rules', dict(body=ops.set_rules_body({'n1': {C: 1}, 'n2': {A: 10, C: 1}}),
                                      instance_id='i1'))]
    assert plan.before == dict(instance_id='i1', switch_status='OFF', enabled=False,
                               rules=ops.rules_list(CURRENT))
    assert plan.after == dict(instance_id='i1', switch_status='ON', enabled=True,
                              rules=ops.rules_list({'n1': {A: 10, C: 1}, 'n2': {A: 10, C: 1}}))


def test_throttling_plan_is_empty_when_nothing_differs():
    plan = ops.plan_throttling('i1', throttling_params(enabled=False, rules=[
        dict(sql_type='select', pattern='select~from~t1', max_concurrency=10)]), 'OFF', {'n1': {A: 10, B: 5}})
    assert not plan.changed and plan.after == plan.before


AUDIT = dict(instance_id='i1', full_sql=False, switch_status='OFF', slow_log_masking=True, keep_days=0,
             audit_types=[], all_audit_log_action='SELECT,INSERT,DELETE')


def audit_params(**params):
    return dict(dict(full_sql=None, keep_days=None, audit_types=None, reserve_audit_logs=None,
                     slow_log_masking=None), **params)


def test_audit_plan_sends_the_switches_idempotently_and_the_policy_once():
    plan = ops.plan_audit_log('i1', audit_params(full_sql=True, slow_log_masking=False, keep_days=7,
                                                 audit_types=['INSERT']), AUDIT)
    assert steps(plan) == [
        ('set_audit_log', dict(body={'switch_status': 'ON'}, idempotent=True, instance_id='i1')),
        ('set_slowlog_sensitivity', dict(body={'open_slow_log_switch': False}, idempotent=True, instance_id='i1')),
        ('set_audit_log_policy', dict(body={'keep_days': 7, 'audit_types': ['INSERT']}, instance_id='i1'))]
    assert ops.audit_view(plan.after) == dict(full_sql=True, keep_days=7, audit_types=['INSERT'],
                                              slow_log_masking=False)
    assert plan.after['switch_status'] == 'ON'


def test_audit_plan_refuses_unknown_types_and_types_without_a_policy():
    with pytest.raises(InputError, match='MERGE'):
        ops.plan_audit_log('i1', audit_params(keep_days=7, audit_types=['MERGE']), AUDIT)
    with pytest.raises(InputError, match='keep_days above 0'):
        ops.plan_audit_log('i1', audit_params(audit_types=['DELETE']), AUDIT)
    on = dict(AUDIT, keep_days=30, audit_types=['INSERT'])
    plan = ops.plan_audit_log('i1', audit_params(keep_days=0, reserve_audit_logs=False), on)
    assert steps(plan) == [('set_audit_log_policy', dict(body={'keep_days': 0, 'reserve_audit_logs': False},
                                                         instance_id='i1'))]
    without_policy = dict((k, v) for k, v in AUDIT.items() if k not in ('keep_days', 'audit_types'))
    assert ops.audit_view(without_policy) == dict(full_sql=False, slow_log_masking=True)


class LtsClient(object):
    def __init__(self, *configs):
        self.configs = list(configs)

    def paginate(self, operation, key, params=None):
        assert (operation, key) == ('list_lts_configs', 'instance_lts_configs')
        return [{'instance': {'id': params['instance_id']}, 'lts_configs': self.configs},
                {'instance': {'id': 'other'}, 'lts_configs': [dict(log_type='slow_log', enabled=True)]}]


GROUP = 'c3dd5233-24a1-443c-6b40-310b3ad85382'
STREAM = '9b476e31-b745-4e76-8d78-2081168651f7'


def test_a_disabled_lts_configuration_counts_as_absent():
    client = LtsClient(dict(log_type='slow_log', lts_group_id=GROUP, lts_stream_id=STREAM, enabled=False),
                       dict(log_type='error_log', lts_group_id=GROUP, lts_stream_id='e', enabled=True))
    assert ops.lts_configs(client, 'i1')['slow_log']['enabled'] is False
    assert ops.find_lts_config(client, 'i1', 'slow_log') is None
    assert ops.find_lts_config(client, 'i1', 'error_log') == dict(log_type='error_log', lts_group_id=GROUP,
                                                                  lts_stream_id='e', enabled=True, instance_id='i1')
    assert ops.find_lts_config(client, 'i1', 'audit_log') is None


def test_lts_plan_reenables_a_disabled_configuration_and_leaves_it_alone_when_absent():
    params = dict(log_type='slow_log', lts_group_id=GROUP, lts_stream_id=STREAM, state='present')
    plan = ops.plan_lts_config('i1', params, None)      # None: not configured, or listed disabled
    sent = dict(instance_id='i1', log_type='slow_log', lts_group_id=GROUP, lts_stream_id=STREAM)
    assert steps(plan) == [('create_lts_configs', dict(body={'log_configs': [sent]}, idempotent=True))]
    assert plan.before == {} and plan.after == dict(sent, enabled=True)
    assert not ops.plan_lts_config('i1', dict(params, state='absent'), None).changed
    assert not ops.plan_lts_config('i1', params, dict(sent, enabled=True)).changed
    gone = ops.plan_lts_config('i1', dict(params, state='absent'), dict(sent, enabled=True))
    stop = dict(instance_id='i1', log_type='slow_log')
    assert steps(gone) == [('delete_lts_configs', dict(body={'log_configs': [stop]}, idempotent=True))]
    assert gone.after == {}


def test_quota_plan_posts_the_first_quota_and_puts_later_ones():
    unset = dict(enterprise_project_id='ep', instance_quota=-1, vcpus_quota=-1, ram_quota=-1)
    params = dict(instance_quota=5, vcpus_quota=None, ram_quota=None)
    plan = ops.plan_quota('ep', params, unset)
    assert steps(plan) == [('create_ep_quotas', dict(body={'quota_list': [dict(enterprise_project_id='ep',
                                                                               instance_quota=5)]},
                                                     idempotent=True))]
    assert ops.quota_view(plan.after) == dict(instance_quota=5, vcpus_quota=-1, ram_quota=-1)
    plan = ops.plan_quota('ep', dict(params, vcpus_quota=8), dict(unset, instance_quota=5))
    assert [s[0] for s in steps(plan)] == ['update_ep_quotas']
    assert plan.steps[0].call['body'] == {'quota_list': [dict(enterprise_project_id='ep', instance_quota=5,
                                                              vcpus_quota=8)]}
    assert not ops.plan_quota('ep', params, dict(unset, instance_quota='5')).changed


def test_job_info_needs_a_positive_wait_timeout():
    assert ops.job_info_errors(dict(wait=True, wait_timeout=1)) == []
    assert ops.job_info_errors(dict(wait=False, wait_timeout=0)) == ['wait_timeout must be a positive number of seconds']
