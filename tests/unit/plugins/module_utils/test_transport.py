"""Retry, backoff and lost-response rules of the shared transport (HTTP mocked with responses)."""
import random

import pytest
import requests
import responses

from ansible_collections.clouddb.mysql.plugins.module_utils.transport import (
    ApiError, ResponseLost, RetryPolicy, Transport,
)
from ansible_collections.clouddb.mysql.tests.unit.plugins.modules.harness import FakeClock

URL = 'https://api.example.test/v3/p/instances'


def make(max_attempts=5, deadline=300.0):
    clock = FakeClock()
    policy = RetryPolicy(max_attempts=max_attempts, deadline=deadline, rng=random.Random(1),
                         sleep=clock.sleep, clock=clock.clock)
    return Transport(retry=policy), clock


@responses.activate
def test_retries_throttling_and_server_errors_then_succeeds():
    responses.add(responses.GET, URL, status=429, json={'error_code': 'APIGW.0308', 'error_msg': 'throttled'})
    responses.add(responses.GET, URL, status=503, json={'error_code': 'X', 'error_msg': 'down'})
    responses.add(responses.GET, URL, status=200, json={'ok': True})
    transport, clock = make()
    status, dummy, body = transport.request('GET', URL)
    assert (status, body) == (200, {'ok': True})
    assert len(clock.sleeps) == 2
    assert transport.requests_sent == 3


@responses.activate
def test_retry_after_is_honoured():
    responses.add(responses.GET, URL, status=429, headers={'Retry-After': '7'}, json={})
    responses.add(responses.GET, URL, status=200, json={})
    transport, clock = make()
    transport.request('GET', URL)
    assert clock.sleeps[0] >= 7


@responses.activate
def test_client_errors_are_not_retried_and_carry_details():
    responses.add(responses.GET, URL, status=404, headers={'X-Request-Id': 'req-1'},
                  json={'error_code': 'DBS.201028', 'error_msg': 'not found'})
    transport, clock = make()

    def parse(resp):
        body = resp.json()
        return ApiError('nope', status=resp.status_code, error_code=body['error_code'],
                        error_msg=body['error_msg'], request_id=resp.headers['X-Request-Id'])

    with pytest.raises(ApiError) as info:
        transport.request('GET', URL, parse_error=parse)
    assert info.value.to_result() == dict(msg='nope', status=404, error_code='DBS.201028',
                                          error_msg='not found', request_id='req-1')
    assert clock.sleeps == []


@responses.activate
def test_family_retryable_codes_and_before_retry_hook():
    responses.add(responses.PUT, URL, status=409, json={'error_code': 'DBS.200019', 'error_msg': 'busy'})
    responses.add(responses.PUT, URL, status=200, json={'job_id': 'j'})
    transport, dummy = make()
    seen = []

    def parse(resp):
        return ApiError('busy', status=resp.status_code, error_code=resp.json()['error_code'])

    dummy, dummy, body = transport.request('PUT', URL, parse_error=parse, is_retryable=lambda e: e.error_code == 'DBS.200019',
                                           before_retry=lambda e: seen.append(e.error_code))
    assert body == {'job_id': 'j'}
    assert seen == ['DBS.200019']


@responses.activate
def test_attempts_are_bounded():
    for dummy in range(10):
        responses.add(responses.GET, URL, status=500, json={})
    transport, dummy = make(max_attempts=3)
    with pytest.raises(ApiError):
        transport.request('GET', URL)
    assert transport.requests_sent == 3


@responses.activate
def test_deadline_is_bounded():
    for dummy in range(50):
        responses.add(responses.GET, URL, status=503, json={})
    transport, clock = make(max_attempts=50, deadline=10.0)
    with pytest.raises(ApiError):
        transport.request('GET', URL)
    assert clock.now <= 10.0


@responses.activate
def test_every_attempt_is_signed_again():
    responses.add(responses.GET, URL, status=502, json={})
    responses.add(responses.GET, URL, status=200, json={})
    transport, dummy = make()
    stamps = []

    def sign(method, url, params, headers, body):
        stamps.append(len(stamps))
        headers['Authorization'] = 'sig-%d' % len(stamps)
        return url, headers

    transport.request('GET', URL, sign=sign)
    assert [c.request.headers['Authorization'] for c in responses.calls] == ['sig-1', 'sig-2']


@responses.activate
def test_lost_create_without_recover_is_never_resent():
    responses.add(responses.POST, URL, body=requests.exceptions.ConnectionError('Connection aborted.'))
    transport, dummy = make()
    with pytest.raises(ResponseLost):
        transport.request('POST', URL, body={'name': 'a'})
    assert len(responses.calls) == 1


@responses.activate
def test_lost_create_is_recovered_by_lookup():
    responses.add(responses.POST, URL, body=requests.exceptions.ConnectionError('Connection aborted.'))
    transport, dummy = make()
    dummy, dummy, body = transport.request('POST', URL, body={'name': 'a'}, recover=lambda: {'instance': {'id': 'x'}})
    assert body == {'instance': {'id': 'x'}}
    assert len(responses.calls) == 1


@responses.activate
def test_lost_create_is_resent_when_lookup_finds_nothing():
    responses.add(responses.POST, URL, body=requests.exceptions.ConnectionError('Connection aborted.'))
    responses.add(responses.POST, URL, status=201, json={'job_id': 'j'})
    transport, dummy = make()
    lookups = []
    dummy, dummy, body = transport.request('POST', URL, body={'name': 'a'}, recover=lambda: lookups.append(1))
    assert body == {'job_id': 'j'}
    assert lookups == [1]


@responses.activate
def test_post_5xx_counts_as_lost_but_429_is_retried():
    responses.add(responses.POST, URL, status=429, json={})
    responses.add(responses.POST, URL, status=502, json={})
    transport, dummy = make()
    with pytest.raises(ResponseLost):
        transport.request('POST', URL, body={})
    assert len(responses.calls) == 2


@responses.activate
def test_connection_errors_never_leak_urls():
    responses.add(responses.GET, URL, body=requests.exceptions.ConnectionError(
        "HTTPSConnectionPool(host='h', port=443): Max retries exceeded with url: /mysql?Signature=SECRET"))
    transport, dummy = make(max_attempts=1)
    with pytest.raises(ApiError) as info:
        transport.request('GET', URL)
    assert 'SECRET' not in str(info.value)
