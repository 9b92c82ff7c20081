# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP transport shared by every API family: one session, timeouts, retries, one error type.

Families (Huawei, CDS) plug in three things: how to sign a request, how to read an error out
of a response, and which error codes mean "try again later". Everything else - backoff,
Retry-After, the total deadline, never re-sending a create whose response was lost - lives here
once.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import random
import time

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported by the module base
    requests = None
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

USER_AGENT = 'clouddb.mysql-ansible/0.1.0'
RETRYABLE_STATUS = frozenset((429, 500, 502, 503, 504))
# A status that proves the request was refused before it did anything: safe to re-send a POST.
NOT_PROCESSED_STATUS = frozenset((429,))


class ApiError(Exception):
    """Any failure talking to a cloud API, with what the API said about it."""

    def __init__(self, msg, status=None, error_code=None, error_msg=None, request_id=None, retryable=False):
        super(ApiError, self).__init__(msg)
        self.msg = msg
        self.status = status
        self.error_code = error_code
        self.error_msg = error_msg
        self.request_id = request_id
        self.retryable = retryable

    def to_result(self):
        """The keys a failed module returns (never the URL or headers: they may carry signatures)."""
        return dict(msg=self.msg, status=self.status, error_code=self.error_code,
                    error_msg=self.error_msg, request_id=self.request_id)

    def __str__(self):
        return self.msg


class ResponseLost(ApiError):
    """A request that changes state went out but no answer came back: it may or may not have run."""


class WaitTimeout(ApiError):
    """A wait for a job or a resource status ran past its deadline."""


class RetryPolicy(object):
    """Jittered exponential backoff bounded by a number of attempts and a total deadline."""

    def __init__(self, max_attempts=8, base_delay=0.5, max_delay=20.0, deadline=300.0,
                 rng=None, sleep=time.sleep, clock=time.monotonic):
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.deadline = deadline
        self.rng = rng or random.Random()
        self.sleep = sleep
        self.clock = clock

    def delay(self, attempt, retry_after=None):
        """Full jitter (AWS architecture blog): uniform in [0, min(cap, base * 2**attempt)]."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** attempt))
        wait = self.rng.uniform(ceiling / 2.0, ceiling)
        if retry_after is not None:
            wait = max(wait, retry_after)
        return wait


def parse_retry_after(value):
    """Seconds from a Retry-After header (delta-seconds form only; dates are rare on these APIs)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return None


class Transport(object):
    """Sends signed requests with retries. One instance (one requests.Session) per module run.

    ``sign(method, url, params, headers, body) -> (url, headers)`` is called before every
    attempt, so every retry carries a fresh signature and date.
    ``parse_error(response) -> ApiError`` turns a non-2xx answer into the family's error.
    ``is_retryable(error) -> bool`` adds family error codes (throttling, "busy") to the
    transient statuses.
    """

    def __init__(self, timeout=30, validate_certs=True, ca_bundle=None, retry=None,
                 user_agent=USER_AGENT, session=None):
        if not HAS_REQUESTS:
            raise ApiError('The Python library "requests" is required: %s' % REQUESTS_IMPORT_ERROR)
        self.timeout = timeout
        self.session = session or requests.Session()
        # Passed on every request as well: requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE from the
        # environment override Session.verify, which would silently ignore ca_bundle.
        self.verify = False if not validate_certs else (ca_bundle or True)
        self.session.verify = self.verify
        self.retry = retry or RetryPolicy()
        self.user_agent = user_agent
        self.requests_sent = 0

    def request(self, method, url, params=None, body=None, sign=None, parse_error=None,
                is_retryable=None, before_retry=None, idempotent=None, recover=None,
                content_type='application/json'):
        """Send one API call and return ``(status, headers, decoded_json_or_None)``.

        ``idempotent`` defaults to True for everything but POST. A non-idempotent call is
        re-sent only when the answer proves it was not processed (429, or a connect error);
        when the response is lost after sending, ``recover()`` is asked first whether the call
        took effect (e.g. the resource now exists by name); if it returns a body, that body is
        returned as ``(None, {}, body)`` in place of the lost answer.
        Without ``recover`` the loss is raised as ResponseLost and nothing is re-sent.
        ``before_retry(error)`` runs before re-sending after a retryable API error, e.g. to wait
        for a busy instance to become idle.
        """
        method = method.upper()
        if idempotent is None:
            idempotent = method != 'POST'
        payload = None
        if body is not None:
            payload = body if isinstance(body, bytes) else json.dumps(body).encode('utf-8')
        started = self.retry.clock()
        attempt = 0
        while True:
            headers = {'Content-Type': content_type, 'User-Agent': self.user_agent}
            send_url, headers = sign(method, url, params, headers, payload) if sign else (url, headers)
            error, retry_after = None, None
            try:
                self.requests_sent += 1
                response = self.session.request(method, send_url, data=payload, headers=headers,
                                                timeout=self.timeout, verify=self.verify,
                                                params=None if sign else params)
            except requests.exceptions.SSLError as exc:
                # A certificate problem does not go away by retrying.
                raise ApiError('TLS error: %s' % _short(exc))
            except requests.exceptions.ConnectTimeout as exc:
                # Nothing reached the server: safe to re-send anything.
                error = ApiError('Connection timed out: %s' % _short(exc), retryable=True)
            except requests.exceptions.ConnectionError as exc:
                if _never_connected(exc):
                    error = ApiError('Could not connect: %s' % _short(exc), retryable=True)
                elif idempotent:
                    error = ApiError('Connection lost: %s' % _short(exc), retryable=True)
                else:
                    error = ResponseLost('The connection was lost after a %s was sent; it may have been '
                                         'applied' % method, retryable=False)
            except requests.exceptions.Timeout as exc:
                if idempotent:
                    error = ApiError('Request timed out: %s' % _short(exc), retryable=True)
                else:
                    error = ResponseLost('No answer within %ss to a %s; it may have been applied'
                                         % (self.timeout, method), retryable=False)
            else:
                if response.status_code < 400:
                    return response.status_code, response.headers, _decode(response)
                error = parse_error(response) if parse_error else default_error(response)
                retry_after = parse_retry_after(response.headers.get('Retry-After'))
                transient = response.status_code in RETRYABLE_STATUS or bool(is_retryable and is_retryable(error))
                if not idempotent and response.status_code not in NOT_PROCESSED_STATUS and \
                        response.status_code >= 500 and transient:
                    # A 5xx to a POST leaves us not knowing whether it ran: same as a lost answer.
                    error = ResponseLost(error.msg, status=error.status, error_code=error.error_code,
                                         error_msg=error.error_msg, request_id=error.request_id)
                else:
                    error.retryable = transient

            if isinstance(error, ResponseLost):
                if recover is None:
                    raise error
                found = recover()
                if found is not None:
                    return None, {}, found
                error.retryable = True  # verified it did not take effect: sending again is safe

            attempt += 1
            elapsed = self.retry.clock() - started
            if not error.retryable or attempt >= self.retry.max_attempts:
                raise error
            wait = self.retry.delay(attempt - 1, retry_after)
            if elapsed + wait > self.retry.deadline:
                raise error
            self.retry.sleep(wait)
            if before_retry is not None and not isinstance(error, ResponseLost) and error.status:
                before_retry(error)


def _decode(response):
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return {'raw': response.text}


def _short(exc):
    text = str(exc)
    # requests puts the full URL (with a signed query for CDS) into connection errors.
    cut = text.find('url:')
    return text[:cut].strip() if cut >= 0 else text[:200]


def _never_connected(exc):
    text = repr(exc)
    return any(marker in text for marker in ('NewConnectionError', 'Connection refused', 'Name or service not known',
                                             'nodename nor servname', 'ConnectTimeout'))


def default_error(response):
    body = _decode(response) or {}
    code = body.get('error_code') if isinstance(body, dict) else None
    text = body.get('error_msg') if isinstance(body, dict) else None
    return ApiError('HTTP %s: %s' % (response.status_code, text or response.reason),
                    status=response.status_code, error_code=code, error_msg=text,
                    request_id=response.headers.get('X-Request-Id'))
