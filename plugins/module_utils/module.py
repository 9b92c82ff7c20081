# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module base: a wrapper around AnsibleModule that adds a family's common options,
builds its client once, and turns API errors into a clean ``fail_json``.

Modeled on amazon.aws' AnsibleAWSModule: modules only declare their own options.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import traceback

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.clouddb.mysql.plugins.module_utils.transport import (
    HAS_REQUESTS, REQUESTS_IMPORT_ERROR, ApiError, RetryPolicy,
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


def _client_factories():
    # Imported lazily so a module of one family never loads another family's code.
    def gaussdb(config, retry):
        from ansible_collections.clouddb.mysql.plugins.module_utils.gaussdb import GaussDBClient
        from ansible_collections.clouddb.mysql.plugins.module_utils.huawei import HuaweiSession
        return GaussDBClient(config, session=HuaweiSession(config, service='gaussdb', retry=retry))

    def cds(config, retry):
        from ansible_collections.clouddb.mysql.plugins.module_utils.cds import CdsClient
        return CdsClient(config, retry=retry)

    def roma(config, retry):
        from ansible_collections.clouddb.mysql.plugins.module_utils.roma import RomaClient
        return RomaClient(config, retry=retry)

    return dict(gaussdb=gaussdb, cds=cds, roma=roma)


class CloudModule(object):
    """AnsibleModule plus the family's common options, its client and API-error handling.

    Use ``module.client`` for API calls and ``module.fail_api(exc)`` (or ``module.run(main)``)
    for errors. Every other attribute is AnsibleModule's.
    """

    def __init__(self, family, argument_spec, wait=False, tags=False, **kwargs):
        spec = FAMILY_ARGUMENT_SPECS[family]()
        if wait:
            spec.update(WAIT_ARGUMENT_SPEC)
        if tags:
            spec.update(TAGS_ARGUMENT_SPEC)
        spec.update(argument_spec)
        kwargs.setdefault('supports_check_mode', True)
        self.family = family
        self._module = AnsibleModule(argument_spec=spec, **kwargs)
        if not HAS_REQUESTS:
            self._module.fail_json(msg=missing_required_lib('requests'), exception=str(REQUESTS_IMPORT_ERROR))
        self._client = None

    def __getattr__(self, name):
        return getattr(self._module, name)

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

    def fail_api(self, exc, msg=None, **result):
        """Fail with the API's own error details; never with URLs or headers (they may be signed)."""
        details = exc.to_result()
        if msg:
            details['msg'] = '%s: %s' % (msg, details['msg'])
        details.update(result)
        self._module.fail_json(**details)

    def run(self, main):
        """Call ``main(self)``; an ApiError anywhere becomes a clean failure."""
        try:
            main(self)
        except ApiError as exc:
            self.fail_api(exc)
        except Exception as exc:  # pylint: disable=broad-except
            self._module.fail_json(msg='Unexpected error: %s' % exc, exception=traceback.format_exc())
