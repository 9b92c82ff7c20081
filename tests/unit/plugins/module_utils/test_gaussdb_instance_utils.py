"""Input rules and normalisation of plugins/module_utils/gaussdb_instance.py."""
import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_instance as gi
from ansible_collections.clouddb.mysql.plugins.module_utils.jobs import JobTracker
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import GAUSSDB_PASSWORD, password_errors


@pytest.mark.parametrize('password, ok', [
    ('Sup3r-Secret', True), ('abcDEF12', True), ('abc-def-12', True), ('ABCDEFGH1-', True),
    ('abcdefgh', False), ('Abcdefgh', False), ('Ab1-', False), ('A' * 20 + 'b1-' + 'c' * 10, False),
    ('Abc def 12', False),  # space is not an allowed special character
])
def test_password_rule(password, ok):
    assert (password_errors(password, GAUSSDB_PASSWORD) == []) is ok


def test_current_state_reads_the_details_in_option_terms():
    details = {
        'id': 'i1', 'name': 'db-one', 'port': '3306', 'alias': None, 'az_mode': 'single', 'master_az_code': 'az1',
        'datastore': {'version': '8.0', 'kernel_version': '2.0.1.1'}, 'public_ips': '100.1.1.1,100.1.1.2',
        'private_write_ips': ['192.168.0.1'], 'maintenance_window': '18:00-22:00', 'enterprise_project_id': 0,
        'private_dns_names': ['abcdefgh12.internal.cn-north-4.gaussdb.myhuaweicloud.com'],
        'backup_strategy': {'start_time': '19:00-20:00', 'keep_days': '7'}, 'charge_info': {'charge_mode': 'prePaid'},
        'tags': [{'key': 'a', 'value': '1'}],
        'nodes': [{'type': 'slave', 'flavor_ref': 'x'}, {'type': 'master', 'flavor_ref': 'gaussdb.mysql.xlarge.x86.4',
                                                         'volume': {'size': 40}}, {'type': 'slave'}],
    }
    state = gi.current_state(details)
    assert state['flavor'] == 'gaussdb.mysql.xlarge.x86.4' and state['read_replicas'] == 2
    assert state['port'] == 3306 and state['description'] == '' and state['public_ip'] == '100.1.1.1'
    assert state['private_ip'] == '192.168.0.1' and state['private_dns_name_prefix'] == 'abcdefgh12'
    assert state['maintenance_window'] == {'start_time': '18:00', 'end_time': '22:00'}
    assert state['backup_strategy'] == {'start_time': '19:00-20:00', 'keep_days': 7}
    assert state['volume_size'] == 40 and state['tags'] == {'a': '1'} and state['ssl'] is None


@pytest.mark.parametrize('field, have, want, differ', [
    ('flavor', 'gaussdb.mysql.xlarge.x86.4', 'GAUSSDB.MYSQL.XLARGE.X86.4', False),
    ('port', '3306', 3306, False),
    ('security_group_id', 'sg-2,sg-1', 'sg-1,sg-2', False),
    ('maintenance_window', {'start_time': '2:00', 'end_time': '6:00'}, {'start_time': '02:00', 'end_time': '06:00'}, False),
    ('maintenance_window', {'start_time': '18:00', 'end_time': '22:00'}, {'start_time': '22:00', 'end_time': '02:00'}, True),
    ('description', None, '', False),
    ('enterprise_project_id', 0, '0', False),
    ('time_zone', 'UTC+08:00', 'utc+08:00', False),
    ('backup_strategy', {'start_time': '19:00-20:00', 'keep_days': 7}, {'start_time': '19:00-20:00', 'keep_days': None},
     False),
    ('backup_strategy', {'start_time': '19:00-20:00', 'keep_days': 7}, {'start_time': '19:00-20:00', 'keep_days': 3},
     True),
    ('engine_version', '8.0', '8.0', False),
])
def test_normalised_comparison(field, have, want, differ):
    assert gi.differs(field, have, want) is differ


def test_validate_accepts_a_full_valid_set():
    params = dict(name=u'\u8ba2\u5355db-1', password='Sup3r-Secret', port=8635, read_replicas=15, volume_size=40,
                  charging_mode='prePaid', period_unit='year', period=3, private_dns_name_prefix='ordersdb01',
                  description='orders_db.1', maintenance_window={'start_time': '22:00', 'end_time': '02:00'},
                  backup_strategy={'start_time': '23:00-00:00', 'keep_days': 732}, tags={'team': 'x' * 43})
    assert gi.instance_errors(params) == []


def test_create_problems():
    assert gi.create_problems(dict(name='x', flavor='f', vpc_id='v', subnet_id='s', password='p')) == []
    assert 'period_unit' in gi.create_problems(dict(flavor='f', vpc_id='v', subnet_id='s', password='p',
                                                    charging_mode='prePaid'))[0]
    assert gi.create_problems(dict(flavor='f'))[0] == 'to create it set vpc_id, subnet_id, password'


def test_list_filters():
    assert gi.list_filters('db', {'tags': {'b': '2', 'a': None}, 'vpc_id': None}) == {'name': 'db', 'tags': 'a=,b=2'}


def test_eip_pair():
    eip = '8403e9cd-a7fa-4288-8b15-c7ceac1e0001'
    assert gi.eip_pair({'public_ip': '1.2.3.4', 'public_ip_id': eip}) == ('1.2.3.4', eip)
    assert gi.eip_pair({'public_ip': eip}) == (None, eip)


def test_deadline_is_shared_by_every_wait():
    now = [0.0]
    deadline = JobTracker(lambda response: [], timeout=100, clock=lambda: now[0])
    now[0] = 60
    assert deadline.remaining() == 40
    now[0] = 500
    assert deadline.remaining() == 1.0


class _Module(object):
    """What the plan builder reads of a module: options, the client (never called here), warnings, check mode
    (off: in check mode the plan builder asks the API's resource pre-check)."""

    def __init__(self, **params):
        self.params = dict((k, None) for k in gi.UPDATABLE + gi.CREATE_ONLY + ('ssl', 'public_ip', 'tags', 'password'))
        self.params.update(state='present', purge_tags=True, update_password='on_create')
        self.params.update(params)
        self.client = None
        self.check_mode = False
        self.warnings = []

    def warn(self, msg):
        self.warnings.append(msg)


DETAILS = {'id': 'i1', 'name': 'db-one', 'port': '3306', 'ssl_option': False, 'tags': [{'key': 'a', 'value': '1'}],
           'charge_info': {'charge_mode': 'postPaid'}, 'nodes': [{'type': 'master', 'flavor_ref': 'f1'}]}


def test_ssl_read_from_the_details_is_compared():
    assert not gi.plan_instance(_Module(ssl=False), DETAILS, {}).changed
    plan = gi.plan_instance(_Module(ssl=True), DETAILS, {})
    assert [s.what for s in plan.steps] == ['ssl'] and plan.steps[0].call['body'] == {'ssl_option': True}
    assert plan.before['ssl'] is False and plan.after['ssl'] is True


def test_the_plan_predicts_every_changed_field_and_orders_the_steps():
    module = _Module(port=8635, name='db-two', tags={'b': '2'}, password='Sup3r-Secret', update_password='always',
                     state='restarted')
    plan = gi.plan_instance(module, DETAILS, {})
    assert [s.what for s in plan.steps] == ['name', 'port', 'tags', 'password', 'restart']
    assert plan.after == dict(plan.before, name='db-two', port=8635, tags={'b': '2'}, password='Sup3r-Secret')
    assert plan.steps[3].call['idempotent'] is True and module.warnings == []


def test_a_missing_instance_is_planned_as_a_create():
    module = _Module(name='db-one', flavor='f1', vpc_id='v', subnet_id='s', password='Sup3r-Secret', read_replicas=None)
    plan = gi.plan_instance(module, None, {})
    assert [s.what for s in plan.steps] == ['create'] and plan.before == {}
    assert plan.after['password'] == 'Sup3r-Secret' and plan.after['read_replicas'] == 1
    with pytest.raises(gi.InputError):
        gi.plan_instance(_Module(name='db-one'), None, {})
