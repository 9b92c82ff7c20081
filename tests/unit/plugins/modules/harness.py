"""What the unit tests share: a fake clock, and running a module in-process with its client replaced.

``run_module`` runs a module's entry point (``module.run`` or ``module.main``) with the given options,
``CloudModule.client`` replaced by a test client, and exit_json/fail_json turned into an ``Exit``
exception that carries the result. ``FakeGaussDBClient`` is the real GaussDBClient (resolve,
pagination, batch details, job waits) over an in-memory API object whose ``handle`` answers each
operation; the fakes per area (fake_gaussdb_*_api.py, cds_module_harness.py) build on these.

Import it as ``ansible_collections.clouddb.mysql.tests.unit.plugins.modules.harness`` so that every
test gets the same module (and so the same ``Exit`` class), whichever directory it runs from.
"""
import copy
import json
from unittest import mock

import pytest

from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args

from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import GaussDBClient
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule
from ansible_collections.clouddb.mysql.plugins.module_utils.waiter import Poller

GAUSSDB_AUTH = dict(region='cn-north-4', access_key='AK', secret_key='SK', project_id='p' * 32)


class Exit(SystemExit):
    """exit_json/fail_json, raised past CloudModule.run's ``except Exception``."""

    def __init__(self, failed, result):
        super(Exit, self).__init__(1 if failed else 0)
        self.failed, self.result = failed, result


class FakeClock(object):
    """Time that passes only when something sleeps; every sleep is recorded in ``sleeps``."""

    def __init__(self, now=0.0):
        self.now = now
        self.sleeps = []

    def clock(self):
        return self.now

    # The same reading under the name of time.time, for code that takes a ``time`` function.
    time = clock

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


class FakeGaussDBClient(GaussDBClient):
    """The real GaussDBClient over ``api`` (``api.calls`` records, ``api.handle`` answers); waits use a fake clock."""

    def __init__(self, api):
        # GaussDBClient.__init__ is skipped on purpose: no session, no transport, nothing signed.
        self.api = api
        self.clock = FakeClock()
        self.poller = Poller(sleep=self.clock.sleep, clock=self.clock.clock)

    def call(self, operation, params=None, body=None, instance_id=None, recover=None, idempotent=None, **path):
        if instance_id is not None:
            path['instance_id'] = instance_id
        self.api.calls.append(self.record(operation, path, params, body, recover))
        return self.api.handle(operation, params, body, path)

    @staticmethod
    def record(operation, path, params, body, recover):
        """The entry ``api.calls`` gets for one call: (operation, path, params, body)."""
        return (operation, dict(path), copy.deepcopy(params), copy.deepcopy(body))


def run_module(entry, auth, args, client, check_mode=False, diff=False):
    """Run ``entry()`` with the options ``auth`` + ``args`` and ``client`` as ``CloudModule.client``.

    Returns the ``Exit`` (``.failed``, ``.result``; ``result['warnings']`` lists the warnings).
    """
    full = dict(auth)
    full.update(args)
    if check_mode:
        full['_ansible_check_mode'] = True
    if diff:
        full['_ansible_diff'] = True
    warnings = []

    def exit_json(self, **kwargs):
        kwargs['warnings'] = list(warnings)
        raise Exit(False, kwargs)

    def fail_json(self, **kwargs):
        kwargs['warnings'] = list(warnings)
        raise Exit(True, kwargs)

    with patch_module_args(full), \
            mock.patch.object(basic.AnsibleModule, 'exit_json', exit_json), \
            mock.patch.object(basic.AnsibleModule, 'fail_json', fail_json), \
            mock.patch.object(basic.AnsibleModule, 'warn', lambda self, msg: warnings.append(msg)), \
            mock.patch.object(CloudModule, 'client', new_callable=mock.PropertyMock, return_value=client):
        try:
            entry()
        except Exit as exc:
            json.dumps(exc.result)   # results must be JSON-serialisable
            return exc
    raise AssertionError('the module neither exited nor failed')


def use_gaussdb_client(monkeypatch, fake):
    """Every GaussDB CloudModule gets ``fake`` as its client (for fakes that answer at the client level)."""
    from ansible_collections.clouddb.mysql.plugins.module_utils import module as module_base
    monkeypatch.setattr(module_base, '_client_factories', lambda: {'gaussdb': lambda config, retry: fake})
    return fake


def run_printed(entry, args, capsys, check=False, diff=False):
    """Run a module entry point as Ansible does (the result printed as JSON, then exit); return the result."""
    args = dict(args, region='cn-north-4', _ansible_check_mode=check, _ansible_diff=diff)
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            entry()
    return json.loads(capsys.readouterr().out)
