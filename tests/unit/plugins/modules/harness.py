"""What the unit tests share: a fake clock, and running a module in-process with its client replaced.

``run_module`` runs a module's entry point (``main``) with the given options, ``CloudModule.client``
replaced by a test client (the real client of the family, talking to the in-process emulator:
gaussdb_cloud.py, cds_module_harness.py), and exit_json/fail_json turned into an ``Exit`` exception
that carries the result.

Import it as ``ansible_collections.clouddb.mysql.tests.unit.plugins.modules.harness`` so that every
test gets the same module (and so the same ``Exit`` class), whichever directory it runs from.
"""
import json
from unittest import mock


from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args

from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


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
