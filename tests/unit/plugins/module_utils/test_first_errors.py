"""A new user's first errors: each names its cause and the option and environment variable to set,
and comes within seconds (real sockets on 127.0.0.1: a TLS server with a private CA, a closed port,
a port that never answers; HTTP mocked with responses where no socket is needed)."""
import http.server
import json
import socket
import ssl
import sys
import threading
import time
import types

import pytest
import requests
import responses
import trustme

from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args

from ansible_collections.clouddb.mysql.plugins.module_utils import huawei, transport as transport_mod
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import (
    ApiError, RetryPolicy, Transport, controller_warning,
)
from ansible_collections.clouddb.mysql.tests.unit.plugins.modules.harness import FakeClock

SIGNED_QUERY = '/mysql?Action=DescribeDBInstances&Signature=SECRET-SIGNATURE'


def huawei_transport(**kwargs):
    kwargs.setdefault('settings', huawei.settings('gaussdb'))
    return Transport(**kwargs)


# -- TLS --------------------------------------------------------------------------------------
class _Ok(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope='module')
def tls_server(tmp_path_factory):
    """An HTTPS server on 127.0.0.1 whose certificate is signed by a private CA; yields (url, ca file)."""
    ca = trustme.CA()
    cert = ca.issue_cert('127.0.0.1')
    server = http.server.HTTPServer(('127.0.0.1', 0), _Ok)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    ca_file = tmp_path_factory.mktemp('ca') / 'ca.pem'
    ca.cert_pem.write_to_path(str(ca_file))
    yield 'https://127.0.0.1:%d' % server.server_address[1], str(ca_file)
    server.shutdown()


def test_unknown_ca_keeps_the_cause_and_names_ca_bundle(tls_server):
    url, dummy = tls_server
    started = time.monotonic()
    with pytest.raises(ApiError) as info:
        huawei_transport().request('GET', url + SIGNED_QUERY)
    msg = str(info.value)
    assert 'certificate verify failed' in msg
    assert 'ca_bundle' in msg and 'HW_CACERT_FILE' in msg
    assert url in msg and 'SECRET' not in msg and '/mysql' not in msg
    assert time.monotonic() - started < 5   # never retried


def test_cds_settings_name_cds_variables(tls_server):
    url, dummy = tls_server
    with pytest.raises(ApiError) as info:
        Transport(settings=transport_mod.CDS_SETTINGS).request('GET', url + '/mysql')
    assert 'CDS_CACERT_FILE' in str(info.value) and 'HW_' not in str(info.value)


def test_the_private_ca_in_ca_bundle_is_trusted(tls_server):
    url, ca_file = tls_server
    status, dummy, body = huawei_transport(ca_bundle=ca_file).request('GET', url + '/v3/p/instances')
    assert (status, body) == (200, {'ok': True})


def test_a_wrong_ca_bundle_is_named(tls_server, tmp_path):
    url, dummy = tls_server
    other = tmp_path / 'other-ca.pem'
    trustme.CA().cert_pem.write_to_path(str(other))
    with pytest.raises(ApiError) as info:
        huawei_transport(ca_bundle=str(other)).request('GET', url + '/v3/p/instances')
    assert 'certificate verify failed' in str(info.value)
    assert 'ca_bundle (HW_CACERT_FILE) does not sign' in str(info.value)


def test_a_missing_ca_bundle_file_is_named_before_any_request(tmp_path):
    with pytest.raises(ApiError) as info:
        huawei_transport(ca_bundle=str(tmp_path / 'nope.pem'))
    assert 'HW_CACERT_FILE' in str(info.value) and 'nope.pem' in str(info.value)


# -- refused, hung, exhausted -----------------------------------------------------------------
def _closed_port():
    sock = socket.socket()
    sock.bind(('127.0.0.1', 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def test_connection_refused_fails_within_seconds_and_says_what_to_check():
    url = 'https://127.0.0.1:%d' % _closed_port()
    transport = huawei_transport()   # the real policy: real sleeps, 8 attempts for other errors
    started = time.monotonic()
    with pytest.raises(ApiError) as info:
        transport.request('GET', url + SIGNED_QUERY)
    elapsed = time.monotonic() - started
    msg = str(info.value)
    assert elapsed < 10, elapsed
    assert 'Connection refused' in msg and url in msg
    assert '(3 attempts over' in msg
    assert 'endpoint_url (HW_GAUSSDB_ENDPOINT' in msg
    assert 'SECRET' not in msg
    assert transport.requests_sent == 3


def test_a_hung_endpoint_says_how_often_and_how_long_it_was_tried():
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(8)   # accepts connections (kernel backlog) but never answers
    url = 'https://127.0.0.1:%d' % listener.getsockname()[1]
    try:
        transport = huawei_transport(timeout=1)
        started = time.monotonic()
        with pytest.raises(ApiError) as info:
            transport.request('GET', url + '/v3/p/instances')
        elapsed = time.monotonic() - started
    finally:
        listener.close()
    msg = str(info.value)
    assert 'No answer from %s within 1 s' % url in msg
    assert '(3 attempts over' in msg and 'HW_API_TIMEOUT' in msg
    assert elapsed < 10, elapsed


URL = 'https://api.example.test/v3/p/instances'


@responses.activate
def test_exhausted_retries_say_attempts_and_duration():
    for dummy in range(5):
        responses.add(responses.GET, URL, status=503, json={'error_code': 'X', 'error_msg': 'down'})
    clock = FakeClock()
    transport = Transport(retry=RetryPolicy(max_attempts=4, sleep=clock.sleep, clock=clock.clock))
    with pytest.raises(ApiError) as info:
        transport.request('GET', URL)
    assert '(4 attempts over %.1f s)' % clock.now in str(info.value)
    assert info.value.status == 503


@responses.activate
def test_connection_error_text_never_carries_the_signed_url():
    responses.add(responses.GET, URL, body=requests.exceptions.ConnectionError(
        "HTTPSConnectionPool(host='h', port=443): Max retries exceeded with url: %s "
        "(Caused by NewConnectionError('Failed to establish a new connection: [Errno 111] Connection refused'))"
        % SIGNED_QUERY))
    with pytest.raises(ApiError) as info:
        Transport(retry=RetryPolicy(max_network_attempts=1)).request('GET', URL)
    assert 'SECRET' not in str(info.value) and 'Connection refused' in str(info.value)


# -- warnings ---------------------------------------------------------------------------------
@responses.activate
def test_plain_http_to_another_host_warns_once_loopback_does_not():
    responses.add(responses.GET, 'http://gaussdb.example.test/v3/p/instances', json={})
    responses.add(responses.GET, 'http://127.0.0.1:8080/v3/p/instances', json={})
    warnings = []
    transport = Transport(warn=warnings.append)
    transport.request('GET', 'http://gaussdb.example.test/v3/p/instances')
    transport.request('GET', 'http://gaussdb.example.test/v3/p/instances')
    transport.request('GET', 'http://127.0.0.1:8080/v3/p/instances')
    assert len(warnings) == 1
    assert 'http://gaussdb.example.test is plain HTTP' in warnings[0]


def test_validate_certs_false_warns_and_names_the_variable():
    warnings = []
    huawei_transport(validate_certs=False, warn=warnings.append)
    assert len(warnings) == 1 and 'HW_VALIDATE_CERTS' in warnings[0] and 'HW_CACERT_FILE' in warnings[0]


def test_controller_warning_uses_the_loaded_display_only(monkeypatch):
    seen = []

    class Display(object):
        def warning(self, msg):
            seen.append(msg)

    monkeypatch.setitem(sys.modules, 'ansible.utils.display', types.SimpleNamespace(Display=Display))
    controller_warning('careful')
    assert seen == ['careful']
    monkeypatch.delitem(sys.modules, 'ansible.utils.display')
    controller_warning('nobody hears this')   # a module process: no display, no import, no error
    assert seen == ['careful']


# -- module options ---------------------------------------------------------------------------
class Failed(Exception):
    pass


def _module(family, args, monkeypatch, env=None):
    """Build a CloudModule of ``family`` with ``args``; returns (module or None, failure or None, warnings)."""
    warnings = []

    def fail_json(self, **kwargs):
        raise Failed(kwargs)

    monkeypatch.setattr(basic.AnsibleModule, 'fail_json', fail_json)
    monkeypatch.setattr(basic.AnsibleModule, 'warn', lambda self, msg: warnings.append(msg))
    for name in ('HW_REGION_NAME', 'HW_ACCESS_KEY', 'HW_SECRET_KEY', 'CDS_SECRET_ID', 'CDS_SECRET_KEY'):
        monkeypatch.delenv(name, raising=False)
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    with patch_module_args(args):
        try:
            return CloudModule(family, {}), None, warnings
        except Failed as exc:
            return None, exc.args[0], warnings


def test_missing_region_names_its_environment_variable(monkeypatch):
    dummy, failure, dummy = _module('gaussdb', dict(access_key='AK', secret_key='SK'), monkeypatch)
    assert failure['msg'] == 'missing required arguments: region. Set region (environment variable HW_REGION_NAME)'


def test_missing_cds_keys_name_their_environment_variables(monkeypatch):
    dummy, failure, dummy = _module('cds', {}, monkeypatch)
    assert 'access_key_id (environment variable CDS_SECRET_ID)' in failure['msg']
    assert 'access_key_secret (environment variable CDS_SECRET_KEY)' in failure['msg']


def test_an_empty_region_from_the_environment_is_refused_by_name(monkeypatch):
    # An AWX credential field left empty reaches the job as an empty variable.
    dummy, failure, dummy = _module('gaussdb', dict(access_key='AK', secret_key='SK'), monkeypatch,
                                    env={'HW_REGION_NAME': ''})
    assert failure['msg'] == 'Empty value for region (environment variable HW_REGION_NAME): set a value'


def test_a_mis_pasted_id_or_key_is_refused_by_name_without_showing_it(monkeypatch):
    dummy, failure, dummy = _module('gaussdb', dict(access_key='AK', region='cn-north-4'), monkeypatch, env={
        'HW_SECRET_KEY': 'S3cret-key\n', 'HW_PROJECT_ID': '0123456789abcdef0123456789abcdef\nfedcba'})
    assert failure['msg'] == ('Whitespace in project_id (environment variable HW_PROJECT_ID), secret_key '
                              '(environment variable HW_SECRET_KEY): ids, keys, regions and URLs have none; '
                              'check for a mis-pasted value')
    assert 'S3cret' not in json.dumps(failure)
    dummy, failure, dummy = _module('cds', dict(access_key_id='id ', access_key_secret='key'), monkeypatch)
    assert failure['msg'].startswith('Whitespace in access_key_id (environment variable CDS_SECRET_ID):')


def test_names_and_passwords_may_hold_spaces(monkeypatch):
    module, failure, dummy = _module('gaussdb', dict(region='cn-north-4', user_name='ops team',
                                                     user_password='pass with spaces', domain_name='my domain'),
                                     monkeypatch)
    assert failure is None and module.params['user_name'] == 'ops team'


def test_missing_huawei_keys_name_their_environment_variables():
    with pytest.raises(ApiError) as info:
        huawei.HuaweiSession(dict(region='cn-north-4', user_name='u'))
    msg = str(info.value)
    assert 'HW_ACCESS_KEY' in msg and 'HW_SECRET_KEY' in msg
    assert 'missing: HW_USER_PASSWORD, HW_DOMAIN_NAME' in msg
    with pytest.raises(ApiError) as info:
        huawei.HuaweiSession(dict(access_key='AK', secret_key='SK'))
    assert 'HW_REGION_NAME' in str(info.value)


def test_modules_warn_about_plain_http_and_validate_certs_false(monkeypatch):
    module, failure, warnings = _module('gaussdb', dict(
        region='cn-north-4', access_key='AK', secret_key='SK', endpoint_url='http://gaussdb.example.test',
        auth_url='http://127.0.0.1:8080/v3', validate_certs=False), monkeypatch)
    assert failure is None
    assert len(warnings) == 2, warnings
    assert warnings[0].startswith('endpoint_url (HW_GAUSSDB_ENDPOINT): http://gaussdb.example.test is plain HTTP')
    assert 'validate_certs is false (HW_VALIDATE_CERTS)' in warnings[1]
    module, failure, warnings = _module('cds', dict(
        access_key_id='ID', access_key_secret='S', validate_certs=False), monkeypatch)
    assert ['CDS_VALIDATE_CERTS' in w and 'CDS_CACERT_FILE' in w for w in warnings] == [True]


def test_secure_settings_give_no_warning(monkeypatch):
    dummy, failure, warnings = _module('roma', dict(
        region='cn-north-4', access_key='AK', secret_key='SK', endpoint_url='https://roma.example.test'), monkeypatch)
    assert (failure, warnings) == (None, [])


def test_results_stay_json(tls_server):
    # What a module returns on these errors is plain data.
    url, dummy = tls_server
    with pytest.raises(ApiError) as info:
        huawei_transport().request('GET', url + '/x')
    json.dumps(info.value.to_result())
