# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Common options of the Capital Online (CDS) family for modules.
    DOCUMENTATION = r'''
options:
  access_key_id:
    description:
      - Capital Online AccessKey ID (console, user centre, key management).
      - If not set, the value of the E(CDS_SECRET_ID) environment variable is used.
    type: str
    required: true
  access_key_secret:
    description:
      - AccessKey secret used to sign requests (HMAC-SHA1). Never logged or returned.
      - If not set, the value of the E(CDS_SECRET_KEY) environment variable is used.
    type: str
    required: true
  region:
    description:
      - Capital Online site id, for example C(CN_Beijing_A); see M(clouddb.mysql.cds_catalog_info).
      - Needed where the API needs a site (creating instances, the sales catalog). Instance lists
        are account-wide and are not filtered by it.
      - If not set, the value of the E(CDS_REGION) environment variable is used.
    type: str
  endpoint_url:
    description:
      - Base URL of the API; C(/mysql) is appended for the MySQL actions.
      - Use C(https://cdsapi-asia.capitalonline.net) for Asia-Pacific and
        C(https://cdsapi-us.capitalonline.net) for Europe and the Americas.
      - If not set, the value of the E(CDS_ENDPOINT) environment variable is used.
    type: str
    default: https://cdsapi.capitalonline.net
  validate_certs:
    description:
      - Whether to verify the TLS certificate of the endpoint. Only turn this off for testing.
      - If not set, the value of the E(CDS_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_bundle:
    description:
      - PEM file of CA certificates to trust instead of the system store.
      - If not set, the value of the E(CDS_CACERT_FILE) environment variable is used.
    type: path
  timeout:
    description:
      - Timeout of each HTTP request, in seconds. Retries are bounded separately, by a total deadline.
      - If not set, the value of the E(CDS_API_TIMEOUT) environment variable is used.
    type: int
    default: 30
notes:
  - Requests are retried with jittered exponential backoff on throttling (HTTP 429), server errors,
    dropped connections and C(ResourceInUse) (the instance is busy; the retry waits until it is
    C(RUNNING) again). Every retry is signed afresh, with a new nonce.
  - The API has no idempotency token and names are not unique. A create whose answer was lost is
    never sent again blindly; the module lists the resources and takes as its own the one with the
    requested name that did not exist before the request.
requirements:
  - requests
'''

    # The same options for inventory plugins, read from the configuration file or the environment.
    PLUGINS = r'''
options:
  access_key_id:
    description: Capital Online AccessKey ID.
    type: str
    required: true
    env:
      - name: CDS_SECRET_ID
  access_key_secret:
    description: AccessKey secret used to sign requests.
    type: str
    required: true
    env:
      - name: CDS_SECRET_KEY
  region:
    description:
      - Site id. Instance lists cover every site, so the inventory does not use it to filter (see its
        C(regions) option); it is accepted so that one set of E(CDS_*) variables serves modules and inventory.
    type: str
    env:
      - name: CDS_REGION
  endpoint_url:
    description: Base URL of the API; C(/mysql) is appended.
    type: str
    default: https://cdsapi.capitalonline.net
    env:
      - name: CDS_ENDPOINT
  validate_certs:
    description: Whether to verify TLS certificates.
    type: bool
    default: true
    env:
      - name: CDS_VALIDATE_CERTS
  ca_bundle:
    description:
      - PEM file of CA certificates to trust, for endpoints signed by a private CA (C(~) is expanded).
      - Empty means the system's trusted CAs, so an AWX credential without a CA certificate leaves it
        empty. A string rather than a path, because the inventory configuration would make an empty
        path the current directory.
    type: str
    env:
      - name: CDS_CACERT_FILE
  timeout:
    description: Timeout of each HTTP request, in seconds.
    type: int
    default: 30
    env:
      - name: CDS_API_TIMEOUT
'''
