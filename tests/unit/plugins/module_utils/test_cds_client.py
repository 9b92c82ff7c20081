"""CDS client: the reference's signing example, the envelope, GET/POST placement, retries, lost creates."""
import json
import random
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
import responses

from ansible_collections.clouddb.mysql.plugins.module_utils import cds
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_backup import backup_result, list_backups
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_instance import create_instance
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError, RetryPolicy
from ansible_collections.clouddb.mysql.plugins.module_utils.waiter import Poller
from ansible_collections.clouddb.mysql.tests.unit.plugins.modules.harness import FakeClock

# Worked example of ../shared/api/capitalonline-mysql.md section 2.3 (invented credentials).
KEY_ID = 'AKEXAMPLE0123456789abcdef'
SECRET = 'SKEXAMPLEsecret/+=0123456789'
NONCE = '0f8b2e4c-3a1d-11ef-9c2b-0242ac120002'
STAMP = '2024-07-05T08:30:00Z'
ENDPOINT = 'https://cds.test'
MYSQL = ENDPOINT + '/mysql'


def common(action):
    return dict(Action=action, AccessKeyId=KEY_ID, SignatureMethod='HMAC-SHA1', SignatureVersion='1.0',
                SignatureNonce=NONCE, Timestamp=STAMP, Version='2019-08-08')


# -- signing ----------------------------------------------------------------------------------
def test_example_a_get_describe_backups():
    params = dict(common('DescribeBackups'), InstanceUuid='5ac7c945-ae47-4bbf-82e6-2823d64b57c5')
    assert cds.canonical_query(params) == (
        'AccessKeyId=AKEXAMPLE0123456789abcdef&Action=DescribeBackups&InstanceUuid=5ac7c945-ae47-4bbf-82e6-'
        '2823d64b57c5&SignatureMethod=HMAC-SHA1&SignatureNonce=0f8b2e4c-3a1d-11ef-9c2b-0242ac120002&'
        'SignatureVersion=1.0&Timestamp=2024-07-05T08%3A30%3A00Z&Version=2019-08-08')
    assert cds.string_to_sign('GET', params) == (
        'GET&%2F&AccessKeyId%3DAKEXAMPLE0123456789abcdef%26Action%3DDescribeBackups%26InstanceUuid%3D5ac7c945-'
        'ae47-4bbf-82e6-2823d64b57c5%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D0f8b2e4c-3a1d-11ef-9c2b-'
        '0242ac120002%26SignatureVersion%3D1.0%26Timestamp%3D2024-07-05T08%253A30%253A00Z%26Version%3D2019-08-08')
    assert cds.compute_signature(SECRET, 'GET', params) == 'pboNUsfbdWXMdOv2g1QGHeGeeTo='


def test_example_a_through_signed_query():
    query = cds.signed_query('GET', 'DescribeBackups', KEY_ID, SECRET,
                             {'InstanceUuid': '5ac7c945-ae47-4bbf-82e6-2823d64b57c5'}, nonce=NONCE, timestamp=STAMP)
    assert query['Signature'] == 'pboNUsfbdWXMdOv2g1QGHeGeeTo='
    # The URL query decodes back to the same parameters (the server re-signs the decoded set).
    assert dict(parse_qsl(cds.encode_query(query))) == query


def test_example_a_negative_controls():
    params = dict(common('DescribeBackups'), InstanceUuid='5ac7c945-ae47-4bbf-82e6-2823d64b57c5')
    assert cds.compute_signature(SECRET + '&', 'GET', params) == '2oZck6sOsgM4+HoyYMbZx/FVL2s='
    assert cds.compute_signature(SECRET, 'GET', params) != '2oZck6sOsgM4+HoyYMbZx/FVL2s='


def test_example_b_post_signs_only_the_query():
    assert cds.compute_signature(SECRET, 'POST', common('CreateDBInstance')) == 'l6+E2gxznUpJ/JWI4xxzMVobe2k='
    query = cds.signed_query('POST', 'CreateDBInstance', KEY_ID, SECRET, nonce=NONCE, timestamp=STAMP)
    assert 'l6%2BE2gxznUpJ%2FJWI4xxzMVobe2k%3D' in cds.encode_query(query)


def test_example_c_encoding_edge_cases():
    params = dict(common('DescribeDBInstances'), InstanceName=u'my db*~/测试+1')
    assert cds.percent_encode(u'my db*~/测试+1') == 'my%20db%2A~%2F%E6%B5%8B%E8%AF%95%2B1'
    assert 'InstanceName%3Dmy%2520db%252A~%252F%25E6%25B5%258B%25E8%25AF%2595%252B1' in cds.string_to_sign('GET', params)
    assert cds.compute_signature(SECRET, 'GET', params) == '5IDLOSDXkTtSPkADhXnVuXLcaA4='


def test_booleans_and_numbers_are_stringified():
    query = cds.signed_query('GET', 'X', KEY_ID, SECRET, {'Flag': True, 'Size': 100, 'Skip': None})
    assert query['Flag'] == 'true' and query['Size'] == '100' and 'Skip' not in query


# -- client over HTTP ----------------------------------------------------------------------------
def client(max_attempts=5):
    clock = FakeClock(now=1000.0)
    retry = RetryPolicy(max_attempts=max_attempts, rng=random.Random(1), sleep=clock.sleep, clock=clock.clock)
    config = dict(access_key_id=KEY_ID, access_key_secret=SECRET, endpoint_url=ENDPOINT, region='CN_Beijing_A')
    return cds.CdsClient(config, retry=retry, poller=Poller(sleep=clock.sleep, clock=clock.clock),
                         clock=lambda: 0.0), clock


def query_of(call):
    return dict(parse_qsl(urlsplit(call.request.url).query, keep_blank_values=True))


def ok(data=None, task=''):
    return {'Code': 'Success', 'Message': 'Success.', 'Data': data, 'TaskId': task}


@responses.activate
def test_get_parameters_are_signed_in_the_query():
    responses.add(responses.GET, MYSQL + '/', json=ok([]))
    api = client()[0]
    assert api.list_instances(name='shop') == []
    sent = query_of(responses.calls[0])
    assert sent['Action'] == 'DescribeDBInstances' and sent['InstanceName'] == 'shop'
    assert urlsplit(responses.calls[0].request.url).path == '/mysql/'
    assert cds.compute_signature(SECRET, 'GET', sent) == sent['Signature']
    assert not responses.calls[0].request.body


@responses.activate
def test_post_parameters_go_in_a_json_body_and_only_common_ones_are_signed():
    responses.add(responses.POST, MYSQL + '/', json=ok({}, 'task-1'))
    api = client()[0]
    body = api.call('ModifyDbPrivilege', {'InstanceUuid': 'i-1', 'AccountName': 'app',
                                          'Operations': [{'DBName': 'shop', 'Privilege': 'ReadOnly'}]})
    assert body['TaskId'] == 'task-1'
    sent = query_of(responses.calls[0])
    assert set(sent) == set(common('x')) | {'Signature'}
    assert cds.compute_signature(SECRET, 'POST', sent) == sent['Signature']
    assert json.loads(responses.calls[0].request.body)['Operations'][0]['DBName'] == 'shop'
    assert responses.calls[0].request.headers['Content-Type'] == 'application/json'


@responses.activate
def test_monitoring_goes_to_paas_monitor():
    responses.add(responses.POST, ENDPOINT + '/paas/monitor/', json=ok({}))
    api = client()[0]
    api.call('DescribeDBInstancePerformance', {'InstanceUuid': 'i'})
    assert len(responses.calls) == 1


def test_endpoint_with_product_path_is_accepted():
    assert cds.endpoint_base('https://h.example/mysql/') == 'https://h.example'
    assert cds.endpoint_base(None) == 'https://cdsapi.capitalonline.net'


# -- envelope --------------------------------------------------------------------------------------
@responses.activate
def test_http_200_with_an_error_code_is_an_error():
    responses.add(responses.GET, MYSQL + '/', json={'Code': 'InvalidParameter', 'Message': 'bad', 'Data': None})
    api = client()[0]
    with pytest.raises(ApiError) as err:
        api.regions()
    assert err.value.error_code == 'InvalidParameter' and err.value.error_msg == 'bad'
    assert err.value.status == 200


@responses.activate
def test_http_error_envelope_and_request_id():
    responses.add(responses.GET, MYSQL + '/', status=404, headers={'X-Request-Id': 'rid-1'},
                  json={'Code': 'ResourceNotFound', 'Message': 'no such instance', 'Data': None, 'TaskId': ''})
    api = client()[0]
    with pytest.raises(ApiError) as err:
        list_backups(api, 'i-1')
    assert (err.value.status, err.value.error_code, err.value.request_id) == (404, 'ResourceNotFound', 'rid-1')
    assert 'Signature' not in err.value.msg and 'cds.test' not in err.value.msg


@responses.activate
def test_wrong_secret_is_a_clear_authentication_error_and_not_retried():
    responses.add(responses.GET, MYSQL + '/', status=401,
                  json={'Code': 'SignatureDoesNotMatch', 'Message': 'signature mismatch', 'Data': None, 'TaskId': ''})
    api = client()[0]
    with pytest.raises(ApiError) as err:
        api.regions()
    assert err.value.msg.startswith('Authentication failed (SignatureDoesNotMatch)')
    assert 'access_key_secret' in err.value.msg
    assert len(responses.calls) == 1


@responses.activate
def test_non_json_answer():
    responses.add(responses.GET, MYSQL + '/', status=502, body='<html>bad gateway</html>')
    responses.add(responses.GET, MYSQL + '/', json=ok([]))
    api = client()[0]
    assert api.regions() == []


def test_null_data_is_tolerated():
    assert cds.check_envelope({'Code': 'Success', 'Message': 'x', 'Data': None})['Data'] is None
    with pytest.raises(ApiError):
        cds.check_envelope(['not', 'an', 'envelope'])


def test_missing_credentials_fail_early():
    with pytest.raises(ApiError) as err:
        cds.CdsClient({'access_key_id': 'x'})
    assert 'CDS_SECRET_KEY' in err.value.msg


# -- retries ------------------------------------------------------------------------------------
@responses.activate
def test_every_retry_is_signed_afresh():
    responses.add(responses.GET, MYSQL + '/', status=429, json={'Code': 'Throttling', 'Message': 'slow down'})
    responses.add(responses.GET, MYSQL + '/', status=500, json={'Code': 'InternalError', 'Message': 'oops'})
    responses.add(responses.GET, MYSQL + '/', json=ok([{'RegionId': 'CN_Beijing_A'}]))
    api, clock = client()
    assert api.regions() == [{'RegionId': 'CN_Beijing_A'}]
    nonces = set(query_of(c)['SignatureNonce'] for c in responses.calls)
    signatures = set(query_of(c)['Signature'] for c in responses.calls)
    assert len(nonces) == 3 and len(signatures) == 3
    assert len(clock.sleeps) == 2


@responses.activate
def test_busy_instance_is_waited_for_then_the_change_is_retried():
    busy = {'Code': 'ResourceInUse', 'Message': 'busy', 'Data': None, 'TaskId': ''}
    instance = {'InstanceUuid': 'i-1', 'InstanceName': 'db', 'Status': 'CHANGING'}
    responses.add(responses.POST, MYSQL + '/', status=409, json=busy)
    responses.add(responses.GET, MYSQL + '/', json=ok([instance]))
    responses.add(responses.GET, MYSQL + '/', json=ok([dict(instance, Status='RUNNING')]))
    responses.add(responses.POST, MYSQL + '/', json=ok({}, 't-2'))
    api = client()[0]
    assert api.call('ModifyDBParameter', {'InstanceUuid': 'i-1', 'Parameters': []}, instance_id='i-1')['TaskId'] == 't-2'
    assert [query_of(c)['Action'] for c in responses.calls] == [
        'ModifyDBParameter', 'DescribeDBInstances', 'DescribeDBInstances', 'ModifyDBParameter']


# -- lost creates --------------------------------------------------------------------------------
def _lost(request):
    raise requests.exceptions.ConnectionError('Connection aborted.')


@responses.activate
def test_lost_create_is_recovered_by_listing_and_never_resent():
    created = {'InstanceUuid': 'new-1', 'InstanceName': 'db', 'Status': 'CREATING', 'CreatedTime': '1970-01-01 08:00:00'}
    other = {'InstanceUuid': 'old-1', 'InstanceName': 'db', 'Status': 'RUNNING', 'CreatedTime': '1970-01-01 08:00:00'}
    responses.add_callback(responses.POST, MYSQL + '/', callback=_lost)
    responses.add(responses.GET, MYSQL + '/', json=ok([other, created]))
    api = client()[0]
    uuid, task = create_instance(api, {'InstanceName': 'db', 'RegionId': 'CN_Beijing_A'}, existing_ids={'old-1'})
    assert uuid == 'new-1' and task == ''
    assert [c.request.method for c in responses.calls] == ['POST', 'GET']


@responses.activate
def test_lost_create_that_did_not_happen_is_sent_again():
    responses.add_callback(responses.POST, MYSQL + '/', callback=_lost)
    responses.add(responses.GET, MYSQL + '/', json=ok([]))
    responses.add(responses.POST, MYSQL + '/', json=ok({'InstancesUuid': ['n-2']}, 't'))
    api = client()[0]
    uuid = create_instance(api, {'InstanceName': 'db'}, existing_ids=set())[0]
    assert uuid == 'n-2'
    posts = [c for c in responses.calls if c.request.method == 'POST']
    assert len(posts) == 2
    assert json.loads(posts[1].request.body)['Amount'] == 1


@responses.activate
def test_lost_create_ignores_instances_created_before_the_request():
    old = {'InstanceUuid': 'x', 'InstanceName': 'db', 'CreatedTime': '1970-01-01 07:00:00'}  # long before "now" 0
    assert not client()[0].created_after(old['CreatedTime'], 3600.0 * 2)
    assert client()[0].created_after('1970-01-01 08:00:00', 0.0)


@responses.activate
def test_lost_create_with_two_new_instances_refuses_to_guess():
    a = {'InstanceUuid': 'a', 'InstanceName': 'db'}
    b = {'InstanceUuid': 'b', 'InstanceName': 'db'}
    responses.add_callback(responses.POST, MYSQL + '/', callback=_lost)
    responses.add(responses.GET, MYSQL + '/', json=ok([a, b]))
    api = client()[0]
    with pytest.raises(ApiError) as err:
        create_instance(api, {'InstanceName': 'db'}, existing_ids=set())
    assert 'not creating another' in err.value.msg


# -- shapes and lookups ------------------------------------------------------------------------
def test_snake_case_of_api_names():
    assert [cds.snake(n) for n in ('InstanceUuid', 'IP', 'DBName', 'RoGroups', 'TagID', 'PaasGoodsId',
                                   'BackupIntranetDownloadUrl', 'CPU')] == [
        'instance_uuid', 'ip', 'db_name', 'ro_groups', 'tag_id', 'paas_goods_id', 'backup_intranet_download_url', 'cpu']


def test_instance_result_moves_ro_groups():
    result = cds.instance_result({'InstanceUuid': 'i', 'RoGroups': [{'ServiceId': 'r', 'Progress': '40'}]})
    assert result == {'instance_uuid': 'i', 'readonly_instances': [{'service_id': 'r', 'progress': 40}]}


def test_times_are_china_standard_time():
    assert cds.parse_time('1970-01-01 08:00:00') == 0
    assert cds.format_time(86400) == '1970-01-02 08:00:00'
    assert cds.parse_time('yesterday') is None


def test_backup_size_is_an_integer():
    assert backup_result({'BackupSize': '677496'})['backup_size'] == 677496


@responses.activate
def test_name_filter_is_exact_client_side_and_ambiguity_fails():
    rows = [{'InstanceUuid': 'a', 'InstanceName': 'db'}, {'InstanceUuid': 'b', 'InstanceName': 'db-2'},
            {'InstanceUuid': 'c', 'InstanceName': 'db'}]
    responses.add(responses.GET, MYSQL + '/', json=ok(rows))
    api = client()[0]
    with pytest.raises(ApiError) as err:
        api.resolve_instance(name='db')
    assert 'a, c' in err.value.msg


@responses.activate
def test_unknown_uuid_is_absent_whatever_the_api_answers():
    responses.add(responses.GET, MYSQL + '/', json=ok(None))
    responses.add(responses.GET, MYSQL + '/', status=404, json={'Code': 'ResourceNotFound', 'Message': 'gone'})
    api = client()[0]
    assert api.get_instance('x') is None
    assert api.get_instance('x') is None


@responses.activate
def test_resolve_spec_from_the_catalog():
    config = {'Products': [{'Version': '8.0', 'Architectures': [{'ArchitectureType': 1, 'ComputeRoles': [
        {'ComputeType': 0, 'Standards': {'CpuRam': [{'CPU': 2, 'RAM': 4, 'Name': '2C4G', 'PaasGoodsId': 11},
                                                    {'CPU': 4, 'RAM': 8, 'N': '4C8G', 'PaasGoodsId': 12}],
                                         'AttachDisk': [{'DiskValue': 'ssd_disk', 'DiskMin': 100}]}}]}]}]}
    responses.add(responses.GET, MYSQL + '/', json=ok(config))
    api = client()[0]
    rows, got = api.specs()
    assert api.resolve_spec('CN_Beijing_A', '8.0', 1, 4, 8, rows=rows)['spec_id'] == 12
    assert rows[1]['name'] == '4C8G'
    assert api.disk_offer(got, 'ssd_disk')['DiskMin'] == 100
    with pytest.raises(ApiError) as err:
        api.resolve_spec('CN_Beijing_A', '8.0', 1, 64, 512, rows=rows)
    assert '2C4G, 4C8G' in err.value.msg
