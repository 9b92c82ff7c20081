# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""GaussDB(for MySQL) / TaurusDB client: the operation table, pagination, batch reads and waits."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb_api import OPERATIONS
from ansible_collections.clouddb.mysql.plugins.module_utils.huawei import HuaweiSession, is_busy
from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import unique
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.module_utils.waiter import DEFAULT_POLLER

PAGE_SIZE = 100          # 4.3.31: limit 1-100
BATCH_DETAILS_MAX = 20   # 4.3.33: at most 20 instance ids per call
NOT_FOUND_CODES = frozenset(('DBS.201028', 'DBS.200823', 'DBS.280343'))
# A job id can be invisible for a few seconds after the call that created it (4.13.1); DBS.200543 is
# the A.3 table's "The job does not exist".
JOB_NOT_FOUND_CODES = frozenset(('DBS.200543', 'DBS.200021', 'DBS.280110', 'DBS.01280003', 'DBS.05000010'))
JOB_VISIBILITY_GRACE = 30.0
DATASTORE = 'gaussdb-mysql'


def chunks(items, size):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def job_ids_of(response, field='job_id'):
    """Job ids from a response; some calls answer several, comma-separated (4.3.4)."""
    value = (response or {}).get(field)
    if not value:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return [part.strip() for part in str(value).split(',') if part.strip()]


class GaussDBClient(object):
    """Calls GaussDB operations by name (see gaussdb_api.OPERATIONS) with the family's retry and wait rules."""

    INSTANCE_ID_KEY = 'id'
    job_ids = staticmethod(job_ids_of)

    def __init__(self, config, session=None, poller=None):
        self.session = session or HuaweiSession(config, service='gaussdb')
        self.poller = poller or DEFAULT_POLLER

    @property
    def requests_sent(self):
        return self.session.transport.requests_sent

    def call(self, operation, params=None, body=None, instance_id=None, recover=None, idempotent=None, **path):
        """Run ``operation`` with ``path`` placeholders; a busy instance is waited for, then retried."""
        method, template = OPERATIONS[operation][1:3]
        if instance_id is not None:
            path['instance_id'] = instance_id
        url = template
        for key, value in path.items():
            url = url.replace('{%s}' % key, str(value))
        target = path.get('instance_id')

        def wait_if_busy(error):
            if is_busy(error):
                self.wait_instance_idle(target, timeout=self.session.transport.retry.deadline)
        return self.session.request(method, url, params=params, body=body,
                                    before_retry=wait_if_busy if target else None,
                                    recover=recover, idempotent=idempotent)

    # -- reading --------------------------------------------------------------------------
    def paginate(self, operation, key, params=None, page_size=PAGE_SIZE, **path):
        """All items of an offset/limit list, ``page_size`` per call, stopping at ``total_count``."""
        params = dict(params or {})
        offset, items = 0, []
        while True:
            params.update(offset=offset, limit=page_size)
            page = self.call(operation, params=params, **path)
            batch = page.get(key) or []
            items.extend(batch)
            total = page.get('total_count')
            offset += len(batch)
            if not batch or len(batch) < page_size or (total is not None and offset >= int(total)):
                return items

    def list_instances(self, filters=None):
        return self.paginate('list_instances', 'instances', params=filters)

    def instances_page(self, offset, filters=None):
        """One page of the instance list (4.3.31), PAGE_SIZE from ``offset``: ``(instances, total_count)``,
        the total None when the answer has none. For readers that fetch the pages at once (the inventory)."""
        page = self.call('list_instances', params=dict(filters or {}, offset=offset, limit=PAGE_SIZE))
        total = page.get('total_count')
        return page.get('instances') or [], None if total is None else int(total)

    def get_instance(self, instance_id):
        """Full details of one instance, or None when it does not exist."""
        try:
            return self.call('show_instance', instance_id=instance_id).get('instance')
        except ApiError as exc:
            if exc.status == 404 or exc.error_code in NOT_FOUND_CODES:
                return None
            raise

    def batch_details(self, instance_ids):
        """Details of many instances, 20 ids per call (4.3.33), in the order asked."""
        found = {}
        for group in chunks(instance_ids, BATCH_DETAILS_MAX):
            data = self.call('batch_show_instances', params={'instance_ids': ','.join(group)})
            for item in data.get('instances') or []:
                found[item['id']] = item
        return [found[i] for i in instance_ids if i in found]

    def find_instances(self, name):
        """Instances named exactly ``name`` (4.3.31 matches exactly unless the name starts with '*')."""
        return [i for i in self.list_instances({'name': name}) if i.get('name') == name]

    def resolve_instance(self, instance_id=None, name=None):
        """Details of the instance given by id or unique name; None if absent; fail on ambiguity."""
        if instance_id:
            return self.get_instance(instance_id)
        match = unique(self.find_instances(name), 'Instance', name)
        return self.get_instance(match['id']) if match else None

    # -- waiting --------------------------------------------------------------------------
    def job(self, job_id):
        """The job record, or None while it is not yet visible."""
        try:
            return self.call('show_job', params={'id': job_id}).get('job')
        except ApiError as exc:
            if exc.status == 404 or exc.error_code in JOB_NOT_FOUND_CODES:
                return None
            raise

    def wait_jobs(self, job_ids, timeout):
        """Wait until every job is Completed; a Failed job raises with its fail_reason."""
        pending = list(job_ids)
        clock = self.poller.clock
        first_seen_deadline = clock() + JOB_VISIBILITY_GRACE
        finished = {}

        def probe():
            for job_id in list(pending):
                record = self.job(job_id)
                if record is None:
                    if clock() > first_seen_deadline:
                        raise ApiError('Job %s does not exist' % job_id)
                    continue
                status = record.get('status')
                if status == 'Completed':
                    finished[job_id] = record
                    pending.remove(job_id)
                elif status == 'Failed':
                    reason = record.get('fail_reason') or 'no reason given'
                    raise ApiError('Job %s (%s) failed: %s' % (job_id, record.get('name'), reason), error_code='JobFailed')
            return not pending, [finished[j] for j in job_ids if j in finished]

        return self.poller.wait(probe, timeout, 'job(s) %s' % ', '.join(job_ids))

    def wait_instance(self, instance_id, timeout, predicate=None, what=None):
        """Poll the instance until ``predicate(details)`` (default: idle); return the details."""
        predicate = predicate or instance_is_idle

        def probe():
            details = self.get_instance(instance_id)
            if details is None:
                raise ApiError('Instance %s disappeared while waiting' % instance_id, status=404)
            return predicate(details), details

        return self.poller.wait(probe, timeout, what or 'instance %s to be idle' % instance_id)

    def wait_instance_idle(self, instance_id, timeout):
        """Wait for the workflow status ACTIVE (old v3 detail): v3.1 says 'normal' even while a job runs."""
        def probe():
            try:
                details = self.call('show_instance_v3', instance_id=instance_id).get('instance') or {}
            except ApiError as exc:
                if exc.status == 404 or exc.error_code in NOT_FOUND_CODES:
                    raise ApiError('Instance %s disappeared while waiting' % instance_id, status=404)
                raise
            return str(details.get('status', '')).upper() in ('ACTIVE', 'NORMAL'), details

        return self.poller.wait(probe, timeout, 'instance %s to be idle' % instance_id)

    def wait_instance_deleted(self, instance_id, timeout):
        def probe():
            return self.get_instance(instance_id) is None, None
        return self.poller.wait(probe, timeout, 'instance %s to be deleted' % instance_id)


def instance_is_idle(details):
    """Idle = the instance and every node are in a normal state (v3.1 reports lower-case 'normal')."""
    if str(details.get('status', '')).upper() not in ('ACTIVE', 'NORMAL'):
        return False
    return all(str(node.get('status', 'normal')).upper() in ('ACTIVE', 'NORMAL')
               for node in details.get('nodes') or [])
