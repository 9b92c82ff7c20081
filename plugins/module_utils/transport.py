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
import os
import random
import re
import sys
import time

from ansible.module_utils.six.moves.urllib.parse import urlsplit

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported by the module base
    requests = None
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

USER_AGENT = 'clouddb.mysql-ansible/1.0.0'
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


# The settings a first error tells the user to look at: option name -> environment variable.
# Families pass their own (huawei.py); the default names both families' variables.
GENERIC_SETTINGS = dict(
    ca_bundle='HW_CACERT_FILE or CDS_CACERT_FILE',
    validate_certs='HW_VALIDATE_CERTS or CDS_VALIDATE_CERTS',
    timeout='HW_API_TIMEOUT or CDS_API_TIMEOUT',
    endpoint_url='HW_GAUSSDB_ENDPOINT, HW_ROMA_ENDPOINT or CDS_ENDPOINT',
)
CDS_SETTINGS = dict(ca_bundle='CDS_CACERT_FILE', validate_certs='CDS_VALIDATE_CERTS', timeout='CDS_API_TIMEOUT',
                    endpoint_url='CDS_ENDPOINT')


class RetryPolicy(object):
    """Jittered exponential backoff bounded by a number of attempts and a total deadline.

    ``max_network_attempts`` bounds the attempts when no answer came at all (connection refused,
    unknown host, connect or read timeout): such an endpoint is usually wrong or down, and the user
    should hear so in seconds, not after the full retry budget meant for throttling and busy
    instances.
    """

    def __init__(self, max_attempts=8, base_delay=0.5, max_delay=20.0, deadline=300.0,
                 rng=None, sleep=time.sleep, clock=time.monotonic, max_network_attempts=3):
        self.max_attempts = max_attempts
        self.max_network_attempts = max_network_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.deadline = deadline
        self.rng = rng or random.Random()
        self.sleep = sleep
        self.clock = clock

    def delay(self, attempt, retry_after=None):
        """"Equal jitter" (AWS architecture blog): uniform in [ceiling/2, ceiling], ceiling =
        min(cap, base * 2**attempt); never less than Retry-After. Half the ceiling is kept so a
        throttled client always backs off, the other half spreads concurrent clients apart."""
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
    ``settings`` maps option names to their environment variables, so that a first error can
    say what to set (``ca_bundle`` -> ``HW_CACERT_FILE``...). ``warn(msg)`` reports insecure
    settings (plain HTTP to another host, ``validate_certs: false``); by default it is the
    controller's Display when the caller runs on the controller (inventory plugins), and nothing
    in a module process, where the module base warns through ``module.warn`` instead.
    """

    def __init__(self, timeout=30, validate_certs=True, ca_bundle=None, retry=None,
                 user_agent=USER_AGENT, session=None, settings=None, warn=None):
        if not HAS_REQUESTS:
            raise ApiError('The Python library "requests" is required: %s' % REQUESTS_IMPORT_ERROR)
        self.settings = dict(GENERIC_SETTINGS, **(settings or {}))
        self.warn = warn or controller_warning
        ca_bundle = os.path.expanduser(ca_bundle) if ca_bundle else None
        if validate_certs and ca_bundle and not os.path.isfile(ca_bundle):
            raise ApiError('ca_bundle (%s) is not a file: %s. Set it to a PEM file with the CA certificates '
                           'the API endpoint is signed by' % (self.settings['ca_bundle'], ca_bundle))
        if not validate_certs:
            self.warn(validate_certs_warning(self.settings))
        self._checked_urls = set()
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
        network_failures = 0
        where = endpoint_of(url)
        self._check_url(where)
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
                raise ApiError(self._tls_message(where, exc))
            except requests.exceptions.ConnectTimeout as exc:
                # Nothing reached the server: safe to re-send anything.
                network_failures += 1
                error = ApiError('Could not connect to %s within %s s: %s' % (where, self.timeout, _cause(exc)),
                                 retryable=True)
                error.hint = self._unreachable_hint()
            except requests.exceptions.ConnectionError as exc:
                if _never_connected(exc):
                    network_failures += 1
                    error = ApiError('Could not connect to %s: %s' % (where, _cause(exc)), retryable=True)
                    error.hint = self._unreachable_hint()
                elif idempotent:
                    error = ApiError('Connection to %s lost: %s' % (where, _cause(exc)), retryable=True)
                else:
                    error = ResponseLost('The connection to %s was lost after a %s was sent; it may have been '
                                         'applied' % (where, method), retryable=False)
            except requests.exceptions.Timeout:
                if idempotent:
                    network_failures += 1
                    error = ApiError('No answer from %s within %s s (the timeout of each request)' % (where, self.timeout),
                                     retryable=True)
                    error.hint = ('the service may be down or slow: raise timeout (%s), or check endpoint_url (%s)'
                                  % (self.settings['timeout'], self.settings['endpoint_url']))
                else:
                    error = ResponseLost('No answer from %s within %s s to a %s; it may have been applied'
                                         % (where, self.timeout, method), retryable=False)
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
            if not error.retryable or attempt >= self.retry.max_attempts or \
                    network_failures >= self.retry.max_network_attempts:
                raise _final(error, attempt, elapsed)
            wait = self.retry.delay(attempt - 1, retry_after)
            if elapsed + wait > self.retry.deadline:
                raise _final(error, attempt, elapsed)
            self.retry.sleep(wait)
            if before_retry is not None and not isinstance(error, ResponseLost) and error.status:
                before_retry(error)

    # -- first errors and warnings that say what to do --------------------------------------
    def _tls_message(self, where, exc):
        cause = _cause(exc)
        msg = 'TLS error from %s: %s' % (where, cause)
        lowered = cause.lower()
        if 'hostname mismatch' in lowered or "doesn't match" in lowered or 'not valid for' in lowered:
            return msg + ('. The certificate does not name this host: check endpoint_url (%s)'
                          % self.settings['endpoint_url'])
        if 'certificate verify failed' in lowered or 'certificate_verify_failed' in lowered:
            if isinstance(self.verify, str):
                return msg + ('. The CA file set in ca_bundle (%s) does not sign this certificate: set it to the '
                              'CA the endpoint uses' % self.settings['ca_bundle'])
            return msg + ('. If the endpoint uses a private CA, set ca_bundle (environment variable %s) to a PEM '
                          'file with its CA certificate' % self.settings['ca_bundle'])
        return msg + ('. Check endpoint_url (%s), and ca_bundle (%s) if the endpoint uses a private CA'
                      % (self.settings['endpoint_url'], self.settings['ca_bundle']))

    def _unreachable_hint(self):
        return ('check endpoint_url (%s), and that this host can reach it (proxy settings: HTTPS_PROXY, NO_PROXY)'
                % self.settings['endpoint_url'])

    def _check_url(self, where):
        if where in self._checked_urls:
            return
        self._checked_urls.add(where)
        if plain_http_to_remote(where):
            self.warn(plain_http_warning(where))


def endpoint_of(url):
    """``scheme://host:port`` of a URL: what an error may show (never the path or a signed query)."""
    parts = urlsplit(url)
    return '%s://%s' % (parts.scheme, parts.netloc.rpartition('@')[2]) if parts.netloc else '(no host)'


def plain_http_to_remote(url):
    """True for ``http://`` to anything but the loopback interface (credentials would cross a network)."""
    parts = urlsplit(url)
    if parts.scheme.lower() != 'http':
        return False
    host = (parts.hostname or '').lower()
    return not (host == 'localhost' or host.endswith('.localhost') or host.startswith('127.') or host == '::1')


def plain_http_warning(url):
    return ('%s is plain HTTP to another host: keys, signatures, tokens and IAM passwords cross the network '
            'unencrypted. Use https://' % endpoint_of(url))


def validate_certs_warning(settings):
    return ('validate_certs is false (%s): TLS certificates are not checked, so anyone on the network path can '
            'pose as the API and read the credentials. For a private CA, set ca_bundle (%s) instead'
            % (settings['validate_certs'], settings['ca_bundle']))


def controller_warning(msg):
    """Warn through the controller's Display when this runs on the controller (inventory plugins).

    Nothing is imported: a module process never has the controller's display loaded, and there the
    module base warns with ``module.warn`` instead.
    """
    display_module = sys.modules.get('ansible.utils.display')
    if display_module is not None:
        display_module.Display().warning(msg)


def _final(error, attempts, elapsed):
    """The error that ends a call, saying how hard it was tried and what to do about it."""
    tries = ' (%d attempts over %.1f s)' % (attempts, elapsed) if attempts > 1 else ''
    hint = getattr(error, 'hint', None)
    error.msg = '%s%s%s' % (error.msg, tries, '; %s' % hint if hint else '')
    error.args = (error.msg,)
    return error


def _decode(response):
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return {'raw': response.text}


def _cause(exc):
    """The innermost reason of a requests error, e.g. ``certificate verify failed: ...`` or
    ``[Errno 111] Connection refused``; never the URL (for CDS it carries a signed query)."""
    seen = set()
    inner = exc
    while id(inner) not in seen:
        seen.add(id(inner))
        nested = getattr(inner, 'reason', None)  # urllib3 MaxRetryError
        if not isinstance(nested, BaseException):
            nested = inner.args[0] if inner.args and isinstance(inner.args[0], BaseException) else None
        if nested is None:
            break
        inner = nested
    text = str(inner)
    # Strip what may leak or only confuses: URLs and their queries, connection objects and addresses.
    text = re.sub(r'with url: \S+', 'with url: (hidden)', text)
    text = re.sub(r'<[^<>]*object at 0x[0-9a-fA-F]+>: ', '', text)
    text = re.sub(r'\w*(?:HTTPS?Connection(?:Pool)?)\(host=[^)]*\): ', '', text)
    text = re.sub(r'(?:https?://)?[^\s/]*/\S*\?\S*', '(url hidden)', text)
    text = re.sub(r'\[SSL: [A-Z_]+\] ', '', text)
    text = re.sub(r' \(_ssl\.c:\d+\)', '', text)
    return text.strip()[:300]


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
