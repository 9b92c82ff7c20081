# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module base: a wrapper around AnsibleModule that adds a family's common options, builds its
client and job tracker once, refuses bad input in one wording, ends a run in one way (``finish``:
diff with secrets masked, job ids, ``exit_json``) and turns API errors into a clean ``fail_json``.

Modeled on amazon.aws' AnsibleAWSModule: modules only declare their own options. How a module uses
it is written in CONTRIBUTING.md.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import traceback

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import make_diff
from ansible_collections.clouddb.mysql.plugins.module_utils.jobs import JobTracker
from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import required, unique
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import (
    CDS_SETTINGS, HAS_REQUESTS, REQUESTS_IMPORT_ERROR, ApiError, RetryPolicy, WaitTimeout,
    plain_http_to_remote, plain_http_warning, validate_certs_warning,
)


def _env(*names):
    return (env_fallback, list(names))


def huawei_argument_spec(endpoint_env):
    """Common options of the Huawei families (DESIGN §3); ``endpoint_env`` differs per service."""
    return dict(
        region=dict(type='str', required=True, fallback=_env('HW_REGION_NAME')),
        access_key=dict(type='str', no_log=False, fallback=_env('HW_ACCESS_KEY')),
        secret_key=dict(type='str', no_log=True, fallback=_env('HW_SECRET_KEY')),
        security_token=dict(type='str', no_log=True, fallback=_env('HW_SECURITY_TOKEN')),
        project_id=dict(type='str', fallback=_env('HW_PROJECT_ID')),
        user_name=dict(type='str', fallback=_env('HW_USER_NAME')),
        user_password=dict(type='str', no_log=True, fallback=_env('HW_USER_PASSWORD')),
        domain_name=dict(type='str', fallback=_env('HW_DOMAIN_NAME')),
        auth_url=dict(type='str', fallback=_env('HW_AUTH_URL')),
        endpoint_url=dict(type='str', fallback=_env(endpoint_env)),
        validate_certs=dict(type='bool', default=True, fallback=_env('HW_VALIDATE_CERTS')),
        ca_bundle=dict(type='path', fallback=_env('HW_CACERT_FILE')),
        timeout=dict(type='int', default=30, fallback=_env('HW_API_TIMEOUT')),
    )


def cds_argument_spec():
    """Common options of Capital Online (DESIGN §3)."""
    return dict(
        access_key_id=dict(type='str', required=True, no_log=False, fallback=_env('CDS_SECRET_ID')),
        access_key_secret=dict(type='str', required=True, no_log=True, fallback=_env('CDS_SECRET_KEY')),
        region=dict(type='str', fallback=_env('CDS_REGION')),
        endpoint_url=dict(type='str', default='https://cdsapi.capitalonline.net', fallback=_env('CDS_ENDPOINT')),
        validate_certs=dict(type='bool', default=True, fallback=_env('CDS_VALIDATE_CERTS')),
        ca_bundle=dict(type='path', fallback=_env('CDS_CACERT_FILE')),
        timeout=dict(type='int', default=30, fallback=_env('CDS_API_TIMEOUT')),
    )


def option_env(spec):
    """Option -> its environment variable, from the ``env_fallback`` entries of an argument spec."""
    return dict((name, entry['fallback'][1][0]) for name, entry in spec.items()
                if entry.get('fallback') and entry['fallback'][0] is env_fallback)


# Connection settings that never hold whitespace (names and passwords may: user_name, domain_name and
# user_password are not among them).
NO_WHITESPACE = frozenset(('region', 'access_key', 'secret_key', 'security_token', 'project_id', 'auth_url',
                           'endpoint_url', 'access_key_id', 'access_key_secret'))
WHITESPACE = re.compile(r'\s')


class _FamilyModule(AnsibleModule):
    """AnsibleModule whose "missing required arguments" names the environment variables to set."""

    def __init__(self, env_names, **kwargs):
        self._env_names = env_names
        super(_FamilyModule, self).__init__(**kwargs)

    def fail_json(self, msg=None, **kwargs):
        prefix = 'missing required arguments: '
        if isinstance(msg, str) and msg.startswith(prefix) and ' found in ' not in msg:
            names = [name.strip() for name in msg[len(prefix):].split(',')]
            hints = ['%s (environment variable %s)' % (name, self._env_names[name])
                     for name in names if name in self._env_names]
            if hints:
                msg = '%s. Set %s' % (msg, ', '.join(hints))
        super(_FamilyModule, self).fail_json(msg=msg, **kwargs)


FAMILY_ARGUMENT_SPECS = {
    'gaussdb': lambda: huawei_argument_spec('HW_GAUSSDB_ENDPOINT'),
    'roma': lambda: huawei_argument_spec('HW_ROMA_ENDPOINT'),
    'cds': cds_argument_spec,
}

WAIT_ARGUMENT_SPEC = dict(
    wait=dict(type='bool', default=True),
    wait_timeout=dict(type='int', default=1800),
)

TAGS_ARGUMENT_SPEC = dict(
    tags=dict(type='dict'),
    purge_tags=dict(type='bool', default=True),
)

# The instance a module acts inside (doc fragments clouddb.mysql.gaussdb_instance_ref and
# clouddb.mysql.cds_instance): exactly one of instance_id and instance_name.
INSTANCE_REF_SPECS = {
    'gaussdb': dict(instance_id=dict(type='str'), instance_name=dict(type='str')),
    'cds': dict(instance_id=dict(type='str', aliases=['instance_uuid']), instance_name=dict(type='str')),
}
INSTANCE_REF = ('instance_id', 'instance_name')


def _client_factories():
    # Imported lazily so a module of one family never loads another family's code.
    def gaussdb(config, retry):
        from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import GaussDBClient
        from ansible_collections.clouddb.mysql.plugins.module_utils.huawei import HuaweiSession
        return GaussDBClient(config, session=HuaweiSession(config, service='gaussdb', retry=retry))

    def cds(config, retry):
        from ansible_collections.clouddb.mysql.plugins.module_utils.cds import CdsClient
        client = CdsClient(config, retry=retry)
        client.transport.settings.update(CDS_SETTINGS)  # first errors name CDS_* variables
        return client

    def roma(config, retry):
        from ansible_collections.clouddb.mysql.plugins.module_utils.roma import RomaClient
        return RomaClient(config, retry=retry)

    return dict(gaussdb=gaussdb, cds=cds, roma=roma)


def family_client(family, config, retry):
    """The API client of ``family`` for ``config`` (the options of FAMILY_ARGUMENT_SPECS[family]),
    retrying with ``retry``; for code that is not a module (the inventory plugins)."""
    return _client_factories()[family](config, retry)


class CloudModule(object):
    """AnsibleModule plus the family's common options, its client and API-error handling.

    Use ``module.client`` for API calls and ``module.fail_api(exc)`` (or ``module.run(main)``)
    for errors. Every other attribute is AnsibleModule's.
    """

    def __init__(self, family, argument_spec, wait=False, tags=False, instance_ref=False, **kwargs):
        spec = FAMILY_ARGUMENT_SPECS[family]()
        env_names = option_env(spec)
        if wait:
            spec.update(WAIT_ARGUMENT_SPEC)
        if tags:
            spec.update(TAGS_ARGUMENT_SPEC)
        if instance_ref:
            spec.update(INSTANCE_REF_SPECS[family])
            # New lists, the instance's constraint first: the caller's lists are never changed.
            for key in ('mutually_exclusive', 'required_one_of'):
                kwargs[key] = [INSTANCE_REF] + list(kwargs.get(key) or [])
        spec.update(argument_spec)
        kwargs.setdefault('supports_check_mode', True)
        self.family = family
        self._module = _FamilyModule(env_names, argument_spec=spec, **kwargs)
        if not HAS_REQUESTS:
            self._module.fail_json(msg=missing_required_lib('requests'), exception=str(REQUESTS_IMPORT_ERROR))
        self._check_connection_settings(spec, env_names)
        self._client = None
        self._jobs = None

    def __getattr__(self, name):
        return getattr(self._module, name)

    def _check_connection_settings(self, spec, env_names):
        """Refuse empty required settings (an empty AWX credential field) and warn about insecure ones."""
        params = self._module.params
        empty = ['%s (environment variable %s)' % (name, env_names[name]) for name in sorted(env_names)
                 if spec[name].get('required') and params.get(name) == '']
        if empty:
            self._module.fail_json(msg='Empty value for %s: set a value' % ', '.join(empty))
        # A mis-pasted value ("$(cat file)" with a newline, a copied trailing space) would otherwise surface as a
        # header error from requests or a signature mismatch. The value itself is never shown: it may be a key.
        garbled = ['%s (environment variable %s)' % (name, env_names[name]) for name in sorted(env_names)
                   if name in NO_WHITESPACE and WHITESPACE.search(params.get(name) or '')]
        if garbled:
            self._module.fail_json(msg='Whitespace in %s: ids, keys, regions and URLs have none; check for a '
                                       'mis-pasted value' % ', '.join(garbled))
        for name in ('endpoint_url', 'auth_url'):
            if params.get(name) and plain_http_to_remote(params[name]):
                self._module.warn('%s (%s): %s' % (name, env_names[name], plain_http_warning(params[name])))
        if params.get('validate_certs') is False:
            settings = dict(validate_certs=env_names['validate_certs'], ca_bundle=env_names['ca_bundle'])
            self._module.warn(validate_certs_warning(settings))

    @property
    def client(self):
        if self._client is None:
            # Retries of busy instances may take as long as the user lets the module wait.
            deadline = max(300, self.params.get('wait_timeout') or 0)
            try:
                self._client = _client_factories()[self.family](self.params, RetryPolicy(deadline=deadline))
            except ApiError as exc:
                self.fail_api(exc)
        return self._client

    @property
    def jobs(self):
        """The run's JobTracker: job ids of every change and one deadline from ``wait_timeout``."""
        if self._jobs is None:
            client = self.client
            self._jobs = JobTracker(client.job_ids, getattr(client, 'wait_jobs', None),
                                    wait=self.params.get('wait', True), timeout=self.params.get('wait_timeout'))
        return self._jobs

    # -- the instance a module acts inside (instance_ref=True) ------------------------------
    def target_instance_id(self):
        """The instance id: ``instance_id`` as given (no request), or the one instance named
        ``instance_name`` (one list request; none or several fail)."""
        if self.params.get('instance_id'):
            return self.params['instance_id']
        name = self.params['instance_name']
        client = self.client
        found = unique(client.find_instances(name), 'Instance', name, client.INSTANCE_ID_KEY, 'instance_id')
        return required(found, 'Instance named', repr(name))[client.INSTANCE_ID_KEY]

    def target_instance(self):
        """The details of the instance given by ``instance_id`` or ``instance_name``; fails when absent."""
        ref = self.params.get('instance_id') or self.params['instance_name']
        found = self.client.resolve_instance(self.params.get('instance_id'), self.params.get('instance_name'))
        return required(found, 'Instance', ref)

    # -- ending a run -------------------------------------------------------------------------
    def check_input(self, errors):
        """Refuse bad input before any API call, naming every problem at once."""
        if errors:
            self._module.fail_json(msg='Invalid input: ' + '; '.join(errors))

    def finish(self, changed, before=None, after=None, **result):
        """End the run: ``changed``, the module's result keys, the job and order ids of the run, and
        in diff mode ``before``/``after`` with every secret masked (diff.make_diff)."""
        if self._jobs is not None:
            result.update(self._jobs.result())
        if self._module._diff and (before is not None or after is not None):
            result['diff'] = make_diff(before, after)
        self._module.exit_json(changed=changed, **result)

    def fail_api(self, exc, msg=None, **result):
        """Fail with the API's own error details; never with URLs or headers (they may be signed)."""
        details = exc.to_result()
        if msg:
            details['msg'] = '%s: %s' % (msg, details['msg'])
        if isinstance(exc, WaitTimeout) and not details.get('error_code'):
            details['error_code'] = 'WaitTimeout'
        # A timeout or a failed job still names the jobs started, so gaussdb_job_info can follow them.
        if self._jobs is not None:
            details.update(self._jobs.result())
        details.update(result)
        self._module.fail_json(**details)

    def run(self, logic):
        """Call ``logic(self)``, which ends with ``finish()``; an ApiError anywhere becomes a clean failure."""
        try:
            logic(self)
        except ApiError as exc:
            self.fail_api(exc)
        except Exception as exc:  # pylint: disable=broad-except
            self._module.fail_json(msg='Unexpected error: %s' % exc, exception=traceback.format_exc())
