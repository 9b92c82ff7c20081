"""Runs CDS modules in-process against the emulator's CDS family, with HTTP mocked by ``responses``.

The real CdsClient signs and sends every request; a ``responses`` callback hands it to
``tests/emulator/cds`` (an independent implementation of the API reference, no Flask needed),
which checks the signature and answers. Emulator time is a fake clock that the client's poller
and retry sleeps advance, so a 10-minute creation costs nothing; the run's wait budget
(``module.jobs``, one deadline from ``wait_timeout``) is measured on the same clock.
"""
import functools
import json
import os
import random
import re
import sys
from unittest import mock
from urllib.parse import parse_qsl, urlsplit

import responses

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tests.emulator.cds import actions_backup, api as emulator_api, seeding  # noqa: E402
from tests.emulator.cds.store import Store  # noqa: E402

from ansible_collections.clouddb.mysql.plugins.module_utils import module as module_base  # noqa: E402
from ansible_collections.clouddb.mysql.plugins.module_utils.cds import CdsClient  # noqa: E402
from ansible_collections.clouddb.mysql.plugins.module_utils.jobs import JobTracker  # noqa: E402
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import RetryPolicy  # noqa: E402
from ansible_collections.clouddb.mysql.plugins.module_utils.waiter import Poller  # noqa: E402
from ansible_collections.clouddb.mysql.tests.unit.plugins.modules import harness  # noqa: E402

ENDPOINT = 'https://cds.test'
AUTH = dict(access_key_id='EMULATORCDSID', access_key_secret='emulator-cds-secret', region='CN_Beijing_A',
            endpoint_url=ENDPOINT)
READS = re.compile(r'^(Describe|Download)')
Exit = harness.Exit   # still importable from here, as before


class Clock(harness.FakeClock):
    """Emulator time starts at a plausible UNIX time (the store stamps records with it)."""

    def __init__(self):
        super(Clock, self).__init__(now=1.7e9)


class Cloud(object):
    """The emulated API plus a record of every action called."""

    def __init__(self):
        self.clock = Clock()
        self.store = Store(time_scale=lambda: 1.0, clock=self.clock.clock)
        self.calls = []          # (action, params) in order
        self.drop_next = set()   # actions whose next answer is lost after the server ran them
        self.secret = AUTH['access_key_secret']

    # -- test data --------------------------------------------------------------------------
    def seed(self, count=1, readonly=0):
        return seeding.seed(self.store, count, readonly)

    def instance(self, uuid):
        return self.store.instances[uuid]

    def advance(self, seconds=3600):
        self.clock.now += seconds
        with self.store.lock:
            self.store.advance()

    def actions(self):
        return [call[0] for call in self.calls]

    def writes(self):
        return [a for a in self.actions() if not READS.match(a)]

    # -- HTTP -------------------------------------------------------------------------------
    def _callback(self, request):
        parts = urlsplit(request.url)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        body = request.body or b''
        if isinstance(body, str):
            body = body.encode('utf-8')
        params = dict((k, v) for k, v in query.items() if k[0].isupper())
        if body:
            params.update(json.loads(body))
        self.calls.append((query.get('Action'), params))
        status, answer = emulator_api.handle(self.store, request.method, parts.path, query, body, ENDPOINT + '/')
        if query.get('Action') in self.drop_next:
            self.drop_next.discard(query.get('Action'))
            import requests
            raise requests.exceptions.ConnectionError('Connection aborted (test: answer dropped)')
        return status, {'Content-Type': 'application/json'}, json.dumps(answer)

    def _file(self, request):
        parts = urlsplit(request.url)
        query = dict(parse_qsl(parts.query))
        backup_id = parts.path.split('/')[3]
        with self.store.lock:
            status, result = actions_backup.check_file_request(self.store, backup_id, query.get('Expires'),
                                                               query.get('Token'))
        if status != 200:
            return status, {}, result
        return 200, {'Content-Length': str(len(result[1]))}, result[1]

    def install(self, rsps):
        for method in ('GET', 'POST'):
            rsps.add_callback(method, re.compile(re.escape(ENDPOINT) + r'/(mysql|paas/monitor)/?\?.*'),
                              callback=self._callback)
        rsps.add_callback('GET', re.compile(re.escape(ENDPOINT) + actions_backup.FILE_PREFIX + '/.*'),
                          callback=self._file)

    def client(self, config=None):
        config = dict(AUTH, **(config or {}))
        retry = RetryPolicy(rng=random.Random(0), sleep=self.clock.sleep, clock=self.clock.clock)
        return CdsClient(config, retry=retry, poller=Poller(sleep=self.clock.sleep, clock=self.clock.clock),
                         clock=self.clock.clock)


def run_module(module, args, cloud, check_mode=False, diff=False):
    """Run ``module.main()`` with ``args``; return the Exit (``failed``, ``result``)."""
    client = cloud.client()
    tracker = functools.partial(JobTracker, clock=cloud.clock.clock)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps, \
            mock.patch.object(module_base, 'JobTracker', tracker):
        cloud.install(rsps)
        return harness.run_module(module.main, AUTH, args, client, check_mode=check_mode, diff=diff)


def rhythm(module, args, cloud):
    """check mode, apply, check mode again, apply again: return the four results."""
    out = []
    for check in (True, False, True, False):
        res = run_module(module, args, cloud, check_mode=check, diff=True)
        assert not res.failed, res.result
        out.append(res)
    return out
