# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Huawei Cloud calling conventions shared by GaussDB and ROMA: signing, IAM, endpoints, errors.

The signer follows ../shared/api/huawei-auth.md §1 (SDK-HMAC-SHA256, as huaweicloudsdkcore's
Signer does it) and reproduces its test vectors byte for byte.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import hashlib
import hmac
import threading

from ansible.module_utils.six.moves.urllib.parse import quote, unquote, urlsplit

from ansible_collections.clouddb.mysql.plugins.module_utils.transport import (
    ApiError, RetryPolicy, Transport, default_error,
)

ALGORITHM = 'SDK-HMAC-SHA256'
EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

# Seed 002 §1.3 (table 1-1). Where the SDK disagrees (me-east-1), the seed wins.
GAUSSDB_HOST_PREFIX = {
    'tr-west-1': 'gaussdbformysql', 'ap-southeast-2': 'gaussdbformysql', 'ap-southeast-1': 'gaussdbformysql',
    'cn-north-11': 'gaussdbformysql', 'cn-north-5': 'gaussdbformysql',
    'af-south-1': 'gaussdb-mysql', 'me-east-1': 'gaussdb-mysql',
}
SERVICE_HOST_PREFIX = {'gaussdb': GAUSSDB_HOST_PREFIX, 'roma': {}}
SERVICE_DEFAULT_PREFIX = {'gaussdb': 'gaussdb', 'roma': 'roma'}
# Environment variables of the options a first error names (DESIGN §3), per service.
SERVICE_ENDPOINT_ENV = {'gaussdb': 'HW_GAUSSDB_ENDPOINT', 'roma': 'HW_ROMA_ENDPOINT'}


def settings(service):
    """Option -> environment variable, for the errors and warnings of the transport."""
    return dict(ca_bundle='HW_CACERT_FILE', validate_certs='HW_VALIDATE_CERTS', timeout='HW_API_TIMEOUT',
                endpoint_url='%s; auth_url: HW_AUTH_URL' % SERVICE_ENDPOINT_ENV.get(service, 'HW_GAUSSDB_ENDPOINT'))


# API gateway throttling and the "instance busy" answers of GaussDB (huawei-auth.md §3.3,
# seed appendix A.3): retried after the instance is idle again.
THROTTLE_CODES = frozenset(('APIGW.0308', 'APIG.0308', 'DBS.200026'))
BUSY_CODES = frozenset(('DBS.200019', 'DBS.201014', 'DBS.201015', 'DBS.200047', 'DBS.05000084', 'DBS.212033',
                        'DBS.200011', 'DBS.201202', 'DBS.212006', 'DBS.201205', 'DBS.212010'))


def _encode(text):
    return quote(text, safe='~')


def canonical_uri(path):
    """Percent-decode once, encode every segment, and always end with '/' (huawei-auth.md §1.3)."""
    segments = [_encode(unquote(part)) for part in path.split('/')]
    uri = '/'.join(segments)
    return uri if uri.endswith('/') else uri + '/'


def canonical_query(params):
    """Sorted ``k=v`` pairs over the raw values, encoded afterwards; lists expand to repeated keys."""
    pairs = []
    items = params.items() if isinstance(params, dict) else (params or [])
    for key, value in items:
        if value is None:
            continue
        values = sorted(value) if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if isinstance(item, bool):
                item = 'true' if item else 'false'
            pairs.append((str(key), str(item)))
    pairs.sort()
    return '&'.join('%s=%s' % (_encode(k), _encode(v)) for k, v in pairs)


def sign_request(method, url, params, headers, body, access_key, secret_key, now=None):
    """Add ``X-Sdk-Date``, ``Host`` and ``Authorization`` to ``headers``; return ``(url_to_send, headers)``.

    The query sent is exactly the canonical one, so client and server cannot disagree on it.
    ``X-Sdk-Date`` is kept if the caller set it (that is how the test vectors are reproduced).
    """
    parts = urlsplit(url)
    headers = dict(headers)
    if not any(k.lower() == 'x-sdk-date' for k in headers):
        headers['X-Sdk-Date'] = (now or datetime.datetime.utcnow()).strftime('%Y%m%dT%H%M%SZ')
    if not any(k.lower() == 'host' for k in headers):
        headers['Host'] = parts.netloc
    signed = sorted((k.lower(), str(v).strip()) for k, v in headers.items() if '_' not in k)
    signed_names = ';'.join(pair[0] for pair in signed)
    date = [v for k, v in signed if k == 'x-sdk-date'][0]
    unsigned_payload = [v for k, v in signed if k == 'x-sdk-content-sha256']
    if unsigned_payload:
        payload_hash = unsigned_payload[0]
    else:
        payload_hash = hashlib.sha256(body or b'').hexdigest()
    query = canonical_query(params)
    canonical = '\n'.join([
        method.upper(),
        canonical_uri(parts.path),
        query,
        ''.join('%s:%s\n' % item for item in signed),
        signed_names,
        payload_hash,
    ])
    string_to_sign = '\n'.join([ALGORITHM, date, hashlib.sha256(canonical.encode('utf-8')).hexdigest()])
    signature = hmac.new(secret_key.encode('utf-8'), string_to_sign.encode('utf-8'), hashlib.sha256).hexdigest()
    headers['Authorization'] = '%s Access=%s, SignedHeaders=%s, Signature=%s' % (
        ALGORITHM, access_key, signed_names, signature)
    send_url = '%s://%s%s' % (parts.scheme, parts.netloc, parts.path)
    return (send_url + '?' + query if query else send_url), headers


def parse_error(response):
    """Huawei error bodies: ``{error_code, error_msg}``, IAM's ``{error: {code, message}}``."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    nested = body.get('error') if isinstance(body.get('error'), dict) else {}
    code = body.get('error_code') or body.get('code') or nested.get('code')
    text = body.get('error_msg') or body.get('message') or nested.get('message')
    if not code and not text:
        return default_error(response)
    request_id = response.headers.get('X-Request-Id') or body.get('request_id')
    return ApiError('%s: %s' % (code, text) if code else str(text), status=response.status_code,
                    error_code=code and str(code), error_msg=text, request_id=request_id)


def is_retryable(error):
    return error.error_code in THROTTLE_CODES or error.error_code in BUSY_CODES


def is_busy(error):
    return error.error_code in BUSY_CODES


def service_endpoint(service, region, override=None):
    if override:
        return override.rstrip('/')
    prefix = SERVICE_HOST_PREFIX[service].get(region, SERVICE_DEFAULT_PREFIX[service])
    return 'https://%s.%s.myhuaweicloud.com' % (prefix, region)


def iam_endpoint(region, override=None):
    """IAM base URL ending in /v3, as ``auth_url`` (Terraform convention)."""
    url = (override or 'https://iam.%s.myhuaweicloud.com/v3' % region).rstrip('/')
    return url if url.endswith('/v3') else url + '/v3'


# One token and one project id per credential for the whole Python process (= one module run,
# or one inventory run): IAM asks clients to cache tokens rather than request them per call.
_CACHE = {}
_CACHE_LOCK = threading.Lock()


class HuaweiSession(object):
    """Authenticated access to one Huawei Cloud service in one region.

    ``config`` keys are the common module options of DESIGN §3 (``region``, ``access_key``,
    ``secret_key``, ``security_token``, ``project_id``, ``user_name``, ``user_password``,
    ``domain_name``, ``auth_url``, ``endpoint_url``, ``validate_certs``, ``ca_bundle``, ``timeout``).
    """

    def __init__(self, config, service='gaussdb', transport=None, retry=None):
        self.config = config
        self.region = config.get('region')
        if not self.region:
            raise ApiError('No region: set region (environment variable HW_REGION_NAME), e.g. cn-north-4')
        self.service = service
        self.endpoint = service_endpoint(service, self.region, config.get('endpoint_url'))
        self.auth_url = iam_endpoint(self.region, config.get('auth_url'))
        self.use_token = not config.get('access_key')
        if self.use_token and not (config.get('user_name') and config.get('user_password') and config.get('domain_name')):
            missing = [env for key, env in (('user_name', 'HW_USER_NAME'), ('user_password', 'HW_USER_PASSWORD'),
                                            ('domain_name', 'HW_DOMAIN_NAME')) if not config.get(key)]
            raise ApiError('Credentials missing: set access_key and secret_key (environment variables HW_ACCESS_KEY '
                           'and HW_SECRET_KEY), or user_name, user_password and domain_name for IAM token auth '
                           '(missing: %s)' % ', '.join(missing))
        if not self.use_token and not config.get('secret_key'):
            raise ApiError('secret_key (environment variable HW_SECRET_KEY) is required with access_key')
        self.transport = transport or Transport(
            timeout=config.get('timeout') or 30, validate_certs=config.get('validate_certs', True),
            ca_bundle=config.get('ca_bundle'), retry=retry or RetryPolicy(), settings=settings(service))
        self._project_id = config.get('project_id')

    # -- authentication -------------------------------------------------------------------
    def _sign(self, with_project):
        def sign(method, url, params, headers, body):
            if with_project and self._project_id:
                headers['X-Project-Id'] = self._project_id
            if self.use_token:
                headers['X-Auth-Token'] = self._token()
                query = canonical_query(params)
                return (url + '?' + query if query else url), headers
            if self.config.get('security_token'):
                headers['X-Security-Token'] = self.config['security_token']
            return sign_request(method, url, params, headers, body,
                                self.config['access_key'], self.config['secret_key'])
        return sign

    def _token(self):
        # Keyed by the scope asked for, which does not change once the token told us the project id.
        key = ('token', self.auth_url, self.config['user_name'], self.config['domain_name'],
               self.config.get('project_id') or self.region)
        with _CACHE_LOCK:
            if key in _CACHE:
                return _CACHE[key]
        scope = {'id': self._project_id} if self._project_id else {'name': self.region}
        body = {'auth': {'identity': {'methods': ['password'], 'password': {'user': {
            'name': self.config['user_name'], 'password': self.config['user_password'],
            'domain': {'name': self.config['domain_name']}}}},
            'scope': {'project': scope}}}
        # The token request carries the password: it is never logged and never retried blindly.
        status, headers, data = self.transport.request(
            'POST', self.auth_url + '/auth/tokens', params={'nocatalog': 'true'}, body=body,
            parse_error=parse_error, idempotent=True)
        token = headers.get('X-Subject-Token')
        if not token:
            raise ApiError('IAM answered without X-Subject-Token', status=status)
        project = (data or {}).get('token', {}).get('project') or {}
        with _CACHE_LOCK:
            _CACHE[key] = token
            if project.get('id') and not self._project_id:
                self._project_id = project['id']
                _CACHE[('project', self.auth_url, self.region, self.config['user_name'])] = project['id']
        return token

    @property
    def project_id(self):
        """The configured project id, or the one IAM knows for the region (looked up once per run)."""
        if self._project_id:
            return self._project_id
        identity = self.config.get('access_key') or self.config.get('user_name')
        key = ('project', self.auth_url, self.region, identity)
        with _CACHE_LOCK:
            cached = _CACHE.get(key)
        if cached:
            self._project_id = cached
            return cached
        if self.use_token:
            self._token()
            if self._project_id:
                return self._project_id
        data = self.transport.request(
            'GET', self.auth_url + '/projects', params={'name': self.region}, sign=self._sign(False),
            parse_error=parse_error)[2]
        projects = (data or {}).get('projects') or []
        if len(projects) != 1:
            raise ApiError('Expected exactly one IAM project named %s, found %d; set project_id'
                           % (self.region, len(projects)))
        self._project_id = projects[0]['id']
        with _CACHE_LOCK:
            _CACHE[key] = self._project_id
        return self._project_id

    # -- calls ----------------------------------------------------------------------------
    def request(self, method, path, params=None, body=None, **kwargs):
        """Call ``path`` (``{project_id}`` filled in) and return the decoded JSON body (or {})."""
        if '{project_id}' in path:
            path = path.replace('{project_id}', self.project_id)
        data = self.transport.request(
            method, self.endpoint + path, params=params, body=body, sign=self._sign(True),
            parse_error=parse_error, is_retryable=kwargs.pop('is_retryable', is_retryable), **kwargs)[2]
        return data if data is not None else {}
