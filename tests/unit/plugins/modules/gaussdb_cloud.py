"""Runs GaussDB modules in-process against the emulator's Huawei families, with HTTP mocked by ``responses``.

The real GaussDBClient signs and sends every request; a ``responses`` callback hands it to the
emulator's Flask app (``tests/emulator``, an independent implementation of the API reference),
which checks the signature and answers as the integration tests' server would. Emulator time is a
fake clock that the client's poller and retry sleeps advance, so a 10-minute creation costs nothing.

``cloud.calls`` records every client call as ``(operation, path, params, body, recover)``, so tests
can assert what was sent and in which order; ``cloud.stats()`` is the emulator's request count.
"""
import copy
import json
import os
import random
import re
import sys
import tempfile
import time

import requests
import responses

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tests.emulator.core import create_app  # noqa: E402

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import GaussDBClient  # noqa: E402
from ansible_collections.clouddb.mysql.plugins.module_utils.huawei import HuaweiSession  # noqa: E402
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import RetryPolicy  # noqa: E402
from ansible_collections.clouddb.mysql.plugins.module_utils.waiter import Poller  # noqa: E402
from ansible_collections.clouddb.mysql.tests.unit.plugins.modules import harness  # noqa: E402

ENDPOINT = 'https://gaussdb.test'
PROJECT_ID = '0123456789abcdef0123456789abcdef'
AUTH = dict(region='cn-north-4', access_key='EMULATORAK0000000001', secret_key='emulator-secret-key',
            project_id=PROJECT_ID, endpoint_url=ENDPOINT, auth_url=ENDPOINT + '/v3')
Exit = harness.Exit
READ_METHODS = ('GET',)


class RecordingClient(GaussDBClient):
    """The real client; every call is also recorded in ``cloud.calls``."""

    def __init__(self, cloud, config):
        clock = cloud.clock
        retry = RetryPolicy(rng=random.Random(0), sleep=clock.sleep, clock=clock.clock)
        super(RecordingClient, self).__init__(config, session=HuaweiSession(config, service='gaussdb', retry=retry),
                                              poller=Poller(sleep=clock.sleep, clock=clock.clock))
        self.cloud = cloud

    def call(self, operation, params=None, body=None, instance_id=None, recover=None, idempotent=None, **path):
        recorded = dict(path)
        if instance_id is not None:
            recorded['instance_id'] = instance_id
        self.cloud.calls.append((operation, recorded, copy.deepcopy(params), copy.deepcopy(body), recover))
        return super(RecordingClient, self).call(operation, params=params, body=body, instance_id=instance_id,
                                                 recover=recover, idempotent=idempotent, **path)


class GaussDBCloud(object):
    """The emulator in-process, fresh per test, with a fake clock."""

    def __init__(self, **config):
        self.clock = harness.FakeClock(now=time.time())
        self.state_dir = tempfile.mkdtemp(prefix='gaussdb-cloud-')
        self.app = create_app(dict(config), state_dir=self.state_dir)
        self.ctx = self.app.extensions['emulator']
        self.ctx.now = self.clock.clock
        self.http = self.app.test_client()
        self.calls = []

    # -- the admin API and test data -------------------------------------------------------
    def admin(self, method, path, body=None):
        response = self.http.open('/_emulator/' + path, method=method, json=body)
        assert response.status_code < 300, response.get_data(as_text=True)
        return response.get_json()

    def seed(self, count=1, nodes=2, **extra):
        """Ids of ``count`` ready instances with ``nodes`` nodes each (primary first)."""
        spec = dict(gaussdb_instances=count, nodes_per_instance=nodes, **extra)
        return self.admin('POST', 'seed', spec)['gaussdb_instances']

    def configure(self, **config):
        return self.admin('PUT', 'config', config)

    def stats(self):
        return self.admin('GET', 'stats')

    def advance(self, seconds=3600):
        """Let emulator time pass (jobs and operations progress on the next request)."""
        self.clock.now += seconds

    def ops(self):
        return [call[0] for call in self.calls]

    def writes(self):
        """The (method, route) of every write request the emulator answered."""
        return dict((route, n) for route, n in self.stats()['by_route'].items()
                    if route.split(' ', 1)[0] not in READ_METHODS)

    # -- HTTP -------------------------------------------------------------------------------
    def _forward(self, request):
        path = request.url[len(ENDPOINT):]
        try:
            answer = self.http.open(path, method=request.method, headers=dict(request.headers),
                                    data=request.body or b'', base_url=ENDPOINT)
        except ConnectionAbortedError:
            raise requests.exceptions.ConnectionError('Connection aborted (emulator dropped the answer)')
        headers = dict((k, v) for k, v in answer.headers.items() if k.lower() not in ('content-length',))
        return answer.status_code, headers, answer.get_data()

    def install(self, rsps):
        for method in ('GET', 'POST', 'PUT', 'DELETE'):
            rsps.add_callback(method, re.compile(re.escape(ENDPOINT) + r'/.*'), callback=self._forward)

    def client(self, **config):
        return RecordingClient(self, dict(AUTH, **config))

    def run(self, module, args, check_mode=False, diff=False, entry='main'):
        """Run the module's ``main()`` with ``args``; return the Exit (``failed``, ``result``)."""
        with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
            self.install(rsps)
            return harness.run_module(getattr(module, entry), AUTH, args, self.client(),
                                      check_mode=check_mode, diff=diff)

    def rhythm(self, module, args):
        """check mode, apply, check mode again, apply again: the four results (each asserted not failed)."""
        out = []
        for check in (True, False, True, False):
            res = self.run(module, args, check_mode=check, diff=True)
            assert not res.failed, res.result
            out.append(res)
        return out


def dumps(value):
    return json.dumps(value, sort_keys=True)


# -- test data (added for the instance and backup tests) ---------------------------------------
def api_call(cloud, operation, **kwargs):
    """One call of the real client outside any module run (test data); not left in ``cloud.calls``."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        cloud.install(rsps)
        answer = cloud.client().call(operation, **kwargs)
    del cloud.calls[-1]
    return answer


def seed_named(cloud, name, replicas=1, **fields):
    """The id of a ready instance named ``name`` with ``replicas`` read-only nodes; ``fields`` are set on the
    emulator's record of it (tags, public_ip, status...)."""
    instance_id = cloud.seed(1, nodes=replicas + 1)[0]
    record = cloud.ctx.state['gaussdb'].instances[instance_id]
    record.name = name
    for key, value in fields.items():
        setattr(record, key, value)
    return instance_id


def whole_seconds(cloud):
    """``cloud`` with its clock on a whole second, so that moments round-trip through ISO 8601 text."""
    cloud.clock.now = float(int(cloud.clock.now))
    return cloud
