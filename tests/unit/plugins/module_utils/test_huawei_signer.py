"""The signer reproduces every vector of ../shared/api/huawei-sign-test-vectors.json byte for byte.

The vectors are copied into tests/unit/fixtures so the test needs nothing outside the repo.
"""
import json
import os

import pytest

from ansible_collections.clouddb.mysql.plugins.module_utils import huawei

FIXTURE = os.path.join(os.path.dirname(__file__), '..', '..', 'fixtures', 'huawei-sign-test-vectors.json')
VECTORS = json.load(open(FIXTURE))['vectors']


@pytest.mark.parametrize('vector', VECTORS, ids=[v['name'] for v in VECTORS])
def test_vector_authorization(vector):
    url = 'https://%s%s' % (vector['host'], vector['path'])
    body = vector['body'].encode('utf-8') if vector['body'] else None
    sent_url, headers = huawei.sign_request(
        vector['method'], url, vector['query_params_in_caller_order'], vector['headers_before_signing'],
        body, vector['ak'], vector['sk'])
    assert headers['Authorization'] == vector['authorization']
    assert sent_url == 'https://%s%s' % (vector['host'], vector['request_target_sent_on_wire'])


@pytest.mark.parametrize('vector', VECTORS, ids=[v['name'] for v in VECTORS])
def test_vector_canonical_parts(vector):
    lines = vector['canonical_request'].split('\n')
    assert huawei.canonical_uri(vector['path']) == lines[1]
    assert huawei.canonical_query(vector['query_params_in_caller_order']) == lines[2]


def test_wrong_secret_changes_signature():
    vector = VECTORS[0]
    url = 'https://%s%s' % (vector['host'], vector['path'])
    dummy, headers = huawei.sign_request('GET', url, [], vector['headers_before_signing'], None,
                                         vector['ak'], vector['sk'] + 'x')
    assert headers['Authorization'] != vector['authorization']


def test_headers_with_underscore_are_not_signed():
    headers = {'X-Sdk-Date': '20240911T080000Z', 'X_Custom': 'a'}
    dummy, headers = huawei.sign_request('GET', 'https://h/v3/p/jobs', [], headers, None, 'AK', 'SK')
    assert 'x_custom' not in headers['Authorization']
    assert 'SignedHeaders=host;x-sdk-date,' in headers['Authorization']


def test_list_and_boolean_query_values():
    assert huawei.canonical_query([('b', ['z', 'a']), ('a', True)]) == 'a=true&b=a&b=z'
    assert huawei.canonical_query({'name': '*db 1'}) == 'name=%2Adb%201'


def test_endpoint_table_follows_the_seed():
    assert huawei.service_endpoint('gaussdb', 'cn-north-4') == 'https://gaussdb.cn-north-4.myhuaweicloud.com'
    assert huawei.service_endpoint('gaussdb', 'ap-southeast-1') == 'https://gaussdbformysql.ap-southeast-1.myhuaweicloud.com'
    assert huawei.service_endpoint('gaussdb', 'me-east-1') == 'https://gaussdb-mysql.me-east-1.myhuaweicloud.com'
    assert huawei.service_endpoint('gaussdb', 'cn-north-4', 'https://127.0.0.1:8443/') == 'https://127.0.0.1:8443'
    assert huawei.iam_endpoint('cn-north-4') == 'https://iam.cn-north-4.myhuaweicloud.com/v3'
    assert huawei.iam_endpoint('x', 'https://127.0.0.1:1') == 'https://127.0.0.1:1/v3'
