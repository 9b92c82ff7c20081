# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Common options of the Huawei Cloud families (GaussDB, ROMA) for modules.
    DOCUMENTATION = r'''
options:
  region:
    description:
      - Huawei Cloud region id, for example C(cn-north-4).
      - If not set, the value of the E(HW_REGION_NAME) environment variable is used.
    type: str
    required: true
  access_key:
    description:
      - Access key id (AK) for C(SDK-HMAC-SHA256) request signing, the preferred way to authenticate.
      - If not set, the value of the E(HW_ACCESS_KEY) environment variable is used.
      - When neither O(access_key) nor E(HW_ACCESS_KEY) is set, IAM token authentication with
        O(user_name), O(user_password) and O(domain_name) is used instead.
    type: str
  secret_key:
    description:
      - Secret access key (SK) paired with O(access_key). Never logged or returned.
      - If not set, the value of the E(HW_SECRET_KEY) environment variable is used.
    type: str
  security_token:
    description:
      - Security token of temporary AK/SK credentials; sent as C(X-Security-Token).
      - If not set, the value of the E(HW_SECURITY_TOKEN) environment variable is used.
    type: str
  project_id:
    description:
      - Project id of the region.
      - When omitted it is looked up once per run through IAM (C(GET /v3/projects?name=<region>)).
      - If not set, the value of the E(HW_PROJECT_ID) environment variable is used.
    type: str
  user_name:
    description:
      - IAM user name for token authentication (used only without O(access_key)).
      - If not set, the value of the E(HW_USER_NAME) environment variable is used.
    type: str
  user_password:
    description:
      - IAM user password for token authentication. Never logged or returned.
      - Named C(user_password), not C(password), because C(password) is the database password in
        modules such as M(clouddb.mysql.gaussdb_instance).
      - If not set, the value of the E(HW_USER_PASSWORD) environment variable is used.
    type: str
  domain_name:
    description:
      - Account (domain) name the IAM user belongs to, for token authentication.
      - If not set, the value of the E(HW_DOMAIN_NAME) environment variable is used.
    type: str
  auth_url:
    description:
      - IAM endpoint, by default C(https://iam.<region>.myhuaweicloud.com/v3).
      - If not set, the value of the E(HW_AUTH_URL) environment variable is used.
    type: str
  endpoint_url:
    description:
      - Base URL of the service, overriding the region table of the API reference
        (GaussDB hosts differ by region, for example C(gaussdb.), C(gaussdbformysql.), C(gaussdb-mysql.)).
      - If not set, the value of the E(HW_GAUSSDB_ENDPOINT) environment variable is used
        (E(HW_ROMA_ENDPOINT) for ROMA Connect modules).
    type: str
  validate_certs:
    description:
      - Whether to verify the TLS certificate of the endpoints. Only turn this off for testing.
      - If not set, the value of the E(HW_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_bundle:
    description:
      - PEM file of CA certificates to trust instead of the system store.
      - If not set, the value of the E(HW_CACERT_FILE) environment variable is used.
    type: path
  timeout:
    description:
      - Timeout of each HTTP request, in seconds. Retries (throttling, server errors, busy
        instances) are bounded separately, by a total deadline.
      - If not set, the value of the E(HW_API_TIMEOUT) environment variable is used.
    type: int
    default: 30
notes:
  - Requests are retried with jittered exponential backoff on throttling (HTTP 429), server errors,
    dropped connections and the "instance busy" error codes; every retry is signed afresh.
  - A request that creates something is never re-sent blindly after its answer was lost; the
    module looks the resource up first.
requirements:
  - requests
'''

    # The same options for inventory plugins, read from the configuration file or the environment.
    PLUGINS = r'''
options:
  region:
    description: Default region for O(regions) entries that do not name one.
    type: str
    env:
      - name: HW_REGION_NAME
  access_key:
    description: Access key id (AK) for request signing.
    type: str
    env:
      - name: HW_ACCESS_KEY
  secret_key:
    description: Secret access key (SK).
    type: str
    env:
      - name: HW_SECRET_KEY
  security_token:
    description: Security token of temporary AK/SK credentials.
    type: str
    env:
      - name: HW_SECURITY_TOKEN
  project_id:
    description:
      - Project id; looked up through IAM per region when omitted.
      - Applies only to the region O(region); per-region ids go in O(regions).
    type: str
    env:
      - name: HW_PROJECT_ID
  user_name:
    description: IAM user name for token authentication (used only without O(access_key)).
    type: str
    env:
      - name: HW_USER_NAME
  user_password:
    description: IAM user password for token authentication.
    type: str
    env:
      - name: HW_USER_PASSWORD
  domain_name:
    description: Account (domain) name of the IAM user.
    type: str
    env:
      - name: HW_DOMAIN_NAME
  auth_url:
    description: IAM endpoint, by default C(https://iam.<region>.myhuaweicloud.com/v3).
    type: str
    env:
      - name: HW_AUTH_URL
  endpoint_url:
    description: Base URL of the service, overriding the region table.
    type: str
    env:
      - name: HW_GAUSSDB_ENDPOINT
  validate_certs:
    description: Whether to verify TLS certificates.
    type: bool
    default: true
    env:
      - name: HW_VALIDATE_CERTS
  ca_bundle:
    description:
      - PEM file of CA certificates to trust, for endpoints signed by a private CA (C(~) is expanded).
      - Empty means the system's trusted CAs, so an AWX credential without a CA certificate leaves it
        empty. A string rather than a path, because the inventory configuration would make an empty
        path the current directory.
    type: str
    env:
      - name: HW_CACERT_FILE
  timeout:
    description: Timeout of each HTTP request, in seconds.
    type: int
    default: 30
    env:
      - name: HW_API_TIMEOUT
'''
