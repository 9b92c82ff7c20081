# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Capital Online (CDS) cloud MySQL client.

Only what differs from the shared core lives here: the HMAC-SHA1 query signature
(../shared/api/capitalonline-mysql.md section 2), the ``Code``/``Message``/``Data``/``TaskId``
envelope, the action table, instance lookups, and waits that poll resources (MySQL task ids
cannot be queried). Retries, backoff, deadlines and the "never re-send a lost create" rule come
from transport.py. What is about one resource (accounts, backups, parameters, read-only and
temporary instances) lives in the area files ``cds_<area>.py``.

Lost creates: the API has no idempotency token and names are not unique. Before a create the
client notes what already exists under the name; when the answer is lost, it lists again and
takes as its own the one resource with that name that was not there before (and, where the API
gives a creation time, was created after the request started). Only when nothing new shows up
within a short grace period is the request sent again.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import datetime
import hashlib
import hmac
import re
import time
import uuid

from ansible.module_utils.six.moves.urllib.parse import quote

from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import recover_if_found, unique
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import (
    CDS_SETTINGS, ApiError, RetryPolicy, Transport,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.waiter import DEFAULT_POLLER

DEFAULT_ENDPOINT = 'https://cdsapi.capitalonline.net'
API_VERSION = '2019-08-08'
MYSQL_PATH = '/mysql'
MONITOR_PATH = '/paas/monitor'

# Every MySQL action and its HTTP method (reference section 5).
ACTIONS = {
    'DescribeRegions': 'GET',
    'DescribeAvailableDBConfig': 'GET',
    'CreateDBInstance': 'POST',
    'DescribeDBInstances': 'GET',
    'DescribeModifiableDBSpec': 'GET',
    'ModifyDBInstanceSpec': 'POST',
    'DeleteDBInstance': 'POST',
    'CreatePrivilegedAccount': 'POST',
    'DescribeDBAccount': 'GET',
    'DeleteDBAccount': 'POST',
    'ModifyDbPrivilege': 'POST',
    'DeleteDbPrivilege': 'POST',
    'DescribeDbPrivileges': 'GET',
    'CreateBackup': 'POST',
    'DescribeBackups': 'GET',
    'DeleteBackup': 'POST',
    'DownloadBackup': 'GET',
    'ModifyDbBackupPolicy': 'POST',
    'DescribeAvailableReadOnlyConfig': 'GET',
    'CreateReadOnlyDBInstance': 'POST',
    'DescribeDBInstancePerformance': 'POST',
    'DescribeDBParameter': 'GET',
    'DescribeDBParameterModifyHistory': 'GET',
    'ModifyDBParameter': 'POST',
    'DescribeRollbackRangeTime': 'GET',
    'StartBatchRollback': 'POST',
    'StartBatchRollbackToTemporaryDBInstance': 'POST',
    'DescribeTemporaryDBInstances': 'GET',
    'RegularizeTemporaryDBInstances': 'POST',
    'DeleteTemporaryDBInstances': 'POST',
}
ACTION_PATHS = {'DescribeDBInstancePerformance': MONITOR_PATH}

RUNNING = 'RUNNING'
BUSY_CODES = frozenset(('ResourceInUse',))
# Throttling is undocumented for CDS; HTTP 429 is retried whatever the code, these codes too.
THROTTLE_CODES = frozenset(('Throttling', 'Throttling.User', 'RequestLimitExceeded', 'TooManyRequests'))
AUTH_CODES = frozenset(('InvalidAccessKeyId', 'SignatureDoesNotMatch', 'RequestExpired', 'SignatureNonceUsed',
                        'AccessDenied', 'IncompleteSignature', 'InvalidAccessKeyId.NotFound'))
NOT_FOUND_CODES = frozenset(('ResourceNotFound',))

# Times in answers are "YYYY-MM-DD HH:MM:SS" without a zone; the service runs on China Standard
# Time. Inferred (the docs never say); only used with a generous tolerance.
CST = datetime.timedelta(hours=8)
CREATE_CLOCK_TOLERANCE = 300.0
LOST_CREATE_GRACE = (1.0, 2.0, 4.0)
# What a recovered change stands in for: a successful answer without data or task.
ACCEPTED = {'Code': 'Success', 'Message': 'recovered', 'Data': {}, 'TaskId': ''}


# -- signing (reference 2.2) ---------------------------------------------------------------
def percent_encode(value):
    """encode-1: UTF-8 bytes, ``A-Z a-z 0-9 - _ . ~`` kept, everything else ``%XX`` (upper case)."""
    if isinstance(value, bool):
        value = 'true' if value else 'false'
    if not isinstance(value, bytes):
        value = str(value).encode('utf-8')
    return quote(value, safe='-_.~')


def canonical_query(params):
    return '&'.join('%s=%s' % (percent_encode(k), percent_encode(v))
                    for k, v in sorted(params.items()) if k != 'Signature')


def string_to_sign(method, params):
    return '%s&%s&%s' % (method.upper(), percent_encode('/'), percent_encode(canonical_query(params)))


def compute_signature(secret, method, params):
    digest = hmac.new(secret.encode('utf-8'), string_to_sign(method, params).encode('utf-8'), hashlib.sha1).digest()
    return base64.b64encode(digest).decode('ascii')


def signed_query(method, action, key_id, secret, params=None, nonce=None, timestamp=None):
    """The full query (common parameters, ``params`` and ``Signature``) of one request."""
    query = dict((k, v) for k, v in (params or {}).items() if v is not None)
    query.update({
        'Action': action,
        'AccessKeyId': key_id,
        'SignatureMethod': 'HMAC-SHA1',
        'SignatureVersion': '1.0',
        'SignatureNonce': nonce or str(uuid.uuid4()),
        'Timestamp': timestamp or time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
        'Version': API_VERSION,
    })
    query = dict((k, percent_value(v)) for k, v in query.items())
    query['Signature'] = compute_signature(secret, method, query)
    return query


def percent_value(value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return str(value)


def encode_query(query):
    return '&'.join('%s=%s' % (percent_encode(k), percent_encode(v)) for k, v in sorted(query.items()))


# -- envelope ------------------------------------------------------------------------------
def envelope_error(body, status=None, request_id=None):
    """An ApiError from a CDS envelope whose ``Code`` is not ``Success`` (Message is free text)."""
    if not isinstance(body, dict):
        return ApiError('Unexpected answer (HTTP %s): %s' % (status, str(body)[:200]), status=status,
                        request_id=request_id)
    code = body.get('Code')
    text = body.get('Message')
    request_id = request_id or body.get('RequestId')
    if code in AUTH_CODES or status in (401, 403):
        msg = ('Authentication failed (%s): %s. Check access_key_id and access_key_secret '
               '(CDS_SECRET_ID, CDS_SECRET_KEY) and the clock of this host' % (code, text))
    else:
        msg = '%s: %s' % (code, text) if code else 'HTTP %s: %s' % (status, text)
    return ApiError(msg, status=status, error_code=code and str(code), error_msg=text, request_id=request_id)


def parse_error(response):
    try:
        body = response.json()
    except ValueError:
        body = {'Message': (response.text or response.reason or '')[:200]}
    return envelope_error(body, status=response.status_code, request_id=response.headers.get('X-Request-Id'))


def check_envelope(body, status=200):
    """Return ``body`` when its Code is Success, else raise (the Go SDK's rule: Code != Success fails)."""
    if not isinstance(body, dict) or body.get('Code') != 'Success':
        raise envelope_error(body, status=status)
    return body


def is_retryable(error):
    return error.error_code in THROTTLE_CODES or error.error_code in BUSY_CODES


# -- shapes --------------------------------------------------------------------------------
def snake(name):
    """``InstanceUuid`` -> ``instance_uuid``, ``IP`` -> ``ip``, ``DBName`` -> ``db_name``."""
    name = re.sub(r'([A-Z]+)([A-Z][a-z])', r'\1_\2', name)
    name = re.sub(r'([a-z0-9])([A-Z])', r'\1_\2', name)
    return name.lower()


def to_snake(value):
    if isinstance(value, dict):
        return dict((snake(k), to_snake(v)) for k, v in value.items())
    if isinstance(value, list):
        return [to_snake(v) for v in value]
    return value


def instance_result(raw):
    """An instance in the collection's shape: snake_case, read-only instances under ``readonly_instances``."""
    if raw is None:
        return None
    result = to_snake(dict((k, v) for k, v in raw.items() if k != 'RoGroups'))
    result['readonly_instances'] = [with_progress(r) for r in raw.get('RoGroups') or []]
    return result


def with_progress(raw):
    """A read-only or temporary instance in snake_case with ``progress`` as an integer (the seed types it string)."""
    if not raw:
        return {}
    result = to_snake(raw)
    result['progress'] = as_progress(raw.get('Progress'))
    return result


def as_progress(value):
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def parse_time(text):
    """Epoch seconds of an API time (China Standard Time), or None."""
    try:
        local = datetime.datetime.strptime(text, '%Y-%m-%d %H:%M:%S')
    except (TypeError, ValueError):
        return None
    return (local - CST - datetime.datetime(1970, 1, 1)).total_seconds()


def format_time(epoch):
    """An API time string (China Standard Time) for epoch seconds."""
    return (datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=epoch) + CST).strftime('%Y-%m-%d %H:%M:%S')


def endpoint_base(url):
    base = (url or DEFAULT_ENDPOINT).rstrip('/')
    for suffix in (MYSQL_PATH, MONITOR_PATH):
        if base.endswith(suffix):
            base = base[:-len(suffix)]
    return base


class CdsClient(object):
    """Signed calls to the CDS MySQL API plus the lookups and waits the modules share.

    ``config`` holds the common options of DESIGN section 3: ``access_key_id``,
    ``access_key_secret``, ``region``, ``endpoint_url``, ``validate_certs``, ``ca_bundle``,
    ``timeout``.
    """

    INSTANCE_ID_KEY = 'InstanceUuid'

    def __init__(self, config, retry=None, transport=None, poller=None, clock=time.time):
        if not config.get('access_key_id') or not config.get('access_key_secret'):
            raise ApiError('Credentials missing: set access_key_id and access_key_secret '
                           '(CDS_SECRET_ID, CDS_SECRET_KEY)')
        self.config = config
        self.region = config.get('region')
        self.base_url = endpoint_base(config.get('endpoint_url'))
        self.transport = transport or Transport(
            timeout=config.get('timeout') or 30, validate_certs=config.get('validate_certs', True),
            ca_bundle=config.get('ca_bundle'), retry=retry or RetryPolicy(), settings=CDS_SETTINGS)
        self.poller = poller or DEFAULT_POLLER
        self.clock = clock

    @property
    def requests_sent(self):
        return self.transport.requests_sent

    @property
    def session(self):
        """The requests session (TLS settings included), e.g. to download backup files."""
        return self.transport.session

    # -- raw calls --------------------------------------------------------------------------
    def _signer(self, action):
        key_id, secret = self.config['access_key_id'], self.config['access_key_secret']

        def sign(method, url, params, headers, body):
            # A fresh nonce, timestamp and signature on every attempt.
            query = signed_query(method, action, key_id, secret, params)
            return url + '/?' + encode_query(query), headers
        return sign

    def call(self, action, params=None, instance_id=None, recover=None, idempotent=None):
        """Run ``action`` and return the whole envelope (``Code``, ``Message``, ``Data``, ``TaskId``).

        GET parameters are signed in the query; POST parameters go in a JSON body and only the
        common parameters are signed. With ``instance_id``, an "instance busy" answer
        (ResourceInUse) is retried after the instance is RUNNING again.
        """
        method = ACTIONS[action]
        params = dict((k, v) for k, v in (params or {}).items() if v is not None)
        url = self.base_url + ACTION_PATHS.get(action, MYSQL_PATH)
        status, headers, body = self.transport.request(
            method, url, params=params if method == 'GET' else None,
            body=params if method == 'POST' else None, sign=self._signer(action), parse_error=parse_error,
            is_retryable=is_retryable, before_retry=self._idle_waiter(instance_id) if instance_id else None,
            idempotent=idempotent, recover=recover)
        if isinstance(body, dict) and body.get('Code') != 'Success':
            raise envelope_error(body, status=status, request_id=(headers or {}).get('X-Request-Id'))
        return check_envelope(body, status)

    def _idle_waiter(self, instance_id):
        """The transport's ``before_retry``: after an "instance busy" answer, wait until it is RUNNING."""
        def before_retry(error):
            if error.error_code in BUSY_CODES:
                self.wait_instance(instance_id, self.transport.retry.deadline)
        return before_retry

    def data(self, action, params=None, **kwargs):
        return self.call(action, params, **kwargs).get('Data')

    # -- catalog ----------------------------------------------------------------------------
    def require_region(self, region=None):
        region = region or self.region
        if not region:
            raise ApiError('region is required (option region or CDS_REGION), e.g. CN_Beijing_A')
        return region

    def regions(self):
        return self.data('DescribeRegions') or []

    def available_config(self, region=None):
        return self.data('DescribeAvailableDBConfig', {'RegionId': self.require_region(region)}) or {}

    def specs(self, region=None):
        """Flat list of purchasable specs: version, architecture_type, cpu, ram (GB), spec_id, disks."""
        config = self.available_config(region)
        rows = []
        for product in config.get('Products') or []:
            for arch in product.get('Architectures') or []:
                for role in arch.get('ComputeRoles') or []:
                    standards = role.get('Standards') or {}
                    disks = [d.get('DiskValue') for d in standards.get('AttachDisk') or []]
                    for spec in standards.get('CpuRam') or []:
                        rows.append(dict(
                            version=str(product.get('Version')), architecture_type=arch.get('ArchitectureType'),
                            architecture_name=arch.get('ArchitectureName'), compute_type=role.get('ComputeType'),
                            cpu=spec.get('CPU'), ram=spec.get('RAM'), name=spec.get('Name') or spec.get('N'),
                            spec_id=spec.get('PaasGoodsId'), disk_types=disks))
        return rows, config

    def resolve_spec(self, region, version, architecture_type, cpu, ram, compute_type=0, rows=None):
        """The catalog row (with ``spec_id``, the PaasGoodsId) for (version, architecture, compute type,
        CPU, RAM GB), as terraform selects it. ``rows`` from specs() saves a catalog call."""
        if rows is None:
            rows = self.specs(region)[0]
        for row in rows:
            if all((row['version'] == str(version), row['architecture_type'] == architecture_type,
                    row['compute_type'] in (compute_type, None), row['cpu'] == cpu, row['ram'] == ram)):
                return row
        offered = sorted(set('%sC%sG' % (r['cpu'], r['ram']) for r in rows
                             if r['version'] == str(version) and r['architecture_type'] == architecture_type))
        raise ApiError('No MySQL %s spec with %s CPU and %s GB RAM in %s; offered: %s'
                       % (version, cpu, ram, region, ', '.join(offered) or 'none'))

    @staticmethod
    def disk_offer(config, disk_type):
        for product in config.get('Products') or [config]:
            for arch in product.get('Architectures') or [product]:
                for role in arch.get('ComputeRoles') or []:
                    for disk in (role.get('Standards') or {}).get('AttachDisk') or []:
                        if disk.get('DiskValue') == disk_type:
                            return disk
        for disk in config.get('AttachDisk') or []:
            if disk.get('DiskValue') == disk_type:
                return disk
        return None

    def modifiable_specs(self, instance_id):
        return self.data('DescribeModifiableDBSpec', {'InstanceUuid': instance_id}) or {}

    def readonly_config(self, instance_id):
        return self.data('DescribeAvailableReadOnlyConfig', {'InstanceUuid': instance_id}) or {}

    # -- instances --------------------------------------------------------------------------
    def list_instances(self, instance_id=None, name=None, ip=None, tag=None):
        """Raw instances; the filters of DescribeDBInstances, then exact matching here."""
        params = {'InstanceUuid': instance_id, 'InstanceName': name, 'IP': ip, 'TagName': tag}
        try:
            items = self.data('DescribeDBInstances', params) or []
        except ApiError as exc:
            if instance_id and exc.error_code in NOT_FOUND_CODES:
                return []
            raise
        if instance_id:
            items = [i for i in items if i.get('InstanceUuid') == instance_id]
        if name is not None:
            items = [i for i in items if i.get('InstanceName') == name]
        if ip:
            items = [i for i in items if i.get('IP') == ip]
        if tag:
            items = [i for i in items if tag in [t.get('TagName') for t in i.get('Tags') or []]]
        return items

    def get_instance(self, instance_id):
        found = self.list_instances(instance_id=instance_id)
        return found[0] if found else None

    def find_instances(self, name):
        """The instances named exactly ``name`` (names are not unique)."""
        return self.list_instances(name=name)

    def resolve_instance(self, instance_id=None, name=None, hint='the instance uuid'):
        """The raw instance given by uuid or by exact unique name; None when absent (one list request).
        An ambiguous name fails, listing the uuids and saying to give ``hint`` instead."""
        if instance_id:
            return self.get_instance(instance_id)
        return unique(self.find_instances(name), 'Instance', name, 'InstanceUuid', hint)

    @staticmethod
    def job_ids(response):
        """The TaskId of an answer as a list (the API has no task query: waits poll the resource)."""
        task = (response or {}).get('TaskId')
        return [task] if task else []

    # -- lost answers -----------------------------------------------------------------------
    def recover_when(self, check):
        """A transport ``recover`` for a change whose answer was lost: an accepted answer when ``check()``
        shows the change took effect, None (not applied: safe to send again) otherwise."""
        return recover_if_found(check, lambda found: dict(ACCEPTED))

    def recover_created(self, lookup, answer, what):
        """A transport ``recover`` for a lost create: ``lookup()`` lists the ids of what the create made
        (ids that were not there before); tried for a short grace period. One id: ``answer(ids)`` stands
        in for the lost answer; none: the create did not happen (sent again); several: fail, never guess."""
        def recover():
            for delay in (0,) + LOST_CREATE_GRACE:
                if delay:
                    self.poller.sleep(delay)
                found = lookup()
                if len(found) > 1:
                    raise ApiError('The answer to a %s creation was lost and %d new ones with that name '
                                   'appeared (%s); not creating another' % (what, len(found), ', '.join(found)))
                if found:
                    return answer(found)
            return None
        return recover

    def created_after(self, text, started):
        """Whether an API creation time (``text``) can be after ``started`` (epoch seconds of this host)."""
        created = parse_time(text)
        return created is None or created >= started - CREATE_CLOCK_TOLERANCE

    def create_listed(self, action, params, instance_id, lookup, what):
        """Send a create whose answer names no id; ``lookup()`` lists the ids of the new entries.

        A lost answer is recovered by listing (never re-sent blindly); the one new entry is then
        waited for (up to 60 s) until it is listed. Returns (its id, the TaskId).
        """
        response = self.call(action, params, instance_id=instance_id,
                             recover=self.recover_created(lookup, lambda ids: dict(ACCEPTED), what))
        found = self.poller.wait(lambda: _one(lookup()), 60, 'the new %s to be listed' % what)
        return found, response.get('TaskId') or ''

    # -- waits --------------------------------------------------------------------------------
    def wait_instance(self, instance_id, timeout, predicate=None, what=None):
        """Poll until ``predicate(instance)`` holds (default: Status RUNNING); returns the raw instance."""
        predicate = predicate or (lambda inst: inst.get('Status') == RUNNING)

        def probe():
            inst = self.get_instance(instance_id)
            if inst is None:
                raise ApiError('Instance %s disappeared while waiting' % instance_id, status=404,
                               error_code='ResourceNotFound')
            return predicate(inst), inst
        return self.poller.wait(probe, timeout, what or 'instance %s to be RUNNING' % instance_id)

    def wait_instance_deleted(self, instance_id, timeout):
        return self.poller.wait(lambda: (self.get_instance(instance_id) is None, None), timeout,
                                'instance %s to be deleted' % instance_id)

    def wait_entry(self, get, entry_id, timeout, what, ready, gone=False, check=None):
        """Poll ``get()`` (an entry listed under an instance) until its Status is ``ready``, or until
        it is gone with ``gone``; ``check(entry)`` may raise for a state that will never get there."""
        def probe():
            entry = get()
            if gone:
                return entry is None, None
            if entry is None:
                raise ApiError('%s%s %s disappeared while waiting' % (what[0].upper(), what[1:], entry_id), status=404)
            if check:
                check(entry)
            return entry.get('Status') == ready, entry
        return self.poller.wait(probe, timeout, '%s %s to be %s' % (what, entry_id, 'deleted' if gone else ready))


def _one(found):
    if len(found) > 1:
        raise ApiError('More than one new resource appeared with that name: %s' % ', '.join(found))
    return bool(found), (found[0] if found else None)
