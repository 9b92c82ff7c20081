#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
module: cds_backup_download
short_description: Get the download URLs of a CDS cloud MySQL backup and optionally download it
version_added: 0.1.0
description:
  - Returns the public and intranet download URLs of a finished backup (C(DownloadBackup)).
  - With O(dest), downloads the file to the host that runs the module (the controller, as API
    modules run on localhost), into a temporary file next to the destination, checked against the
    backup's size (C(BackupSize)), then renamed into place, so an interrupted download never leaves
    a partial file under the final name.
  - A file already at the destination with the backup's size is taken as the backup and not
    downloaded again (the API gives no checksum to compare); O(force=true) downloads anyway.
author:
  - clouddb.mysql contributors (@clouddb)
options:
  backup_id:
    description: Id (C(BackupId)) of the backup.
    type: str
    required: true
    aliases: [id]
  dest:
    description:
      - Where to save the file. An existing directory keeps the file name of the URL.
      - Not set means only the URLs are returned.
    type: path
  url_type:
    description: Download from the V(public) URL (C(BackupDownloadUrl)) or the V(intranet) one.
    type: str
    choices: [public, intranet]
    default: public
  force:
    description: Download even when a file of the backup's size is already at O(dest).
    type: bool
    default: false
  mode:
    description: Permissions of the downloaded file, for example V('0600'). Default as the umask gives.
    type: raw
extends_documentation_fragment:
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
notes:
  - Supports C(check_mode) (nothing is downloaded; C(changed) tells whether it would be) and C(diff).
  - The download URLs carry a temporary access token; treat them like credentials.
seealso:
  - module: clouddb.mysql.cds_backup
  - module: clouddb.mysql.cds_backup_info
'''

EXAMPLES = r'''
- name: Download the newest backup to the controller
  clouddb.mysql.cds_backup_download:
    instance_name: shop-db
    backup_id: "{{ newest.backup_id }}"
    dest: /srv/backups/
    mode: "0600"
  register: download

- name: Only the URLs
  clouddb.mysql.cds_backup_download:
    instance_name: shop-db
    backup_id: "{{ newest.backup_id }}"
  register: urls
'''

RETURN = r'''
download_url:
  description: Public download URL (C(BackupDownloadUrl)).
  returned: always
  type: str
intranet_download_url:
  description: Intranet download URL (C(BackupIntranetDownloadUrl)).
  returned: always
  type: str
size:
  description: Size of the backup in bytes (C(BackupSize)).
  returned: always
  type: int
  sample: 822761
dest:
  description: Path of the file.
  returned: when O(dest) is set
  type: str
  sample: /srv/backups/5ac7c945_20240705163000.xb
sha256:
  description: SHA-256 of the file at RV(dest) (not set in check mode when the file would be downloaded).
  returned: when O(dest) is set
  type: str
downloaded:
  description: Whether the file was downloaded in this run.
  returned: when O(dest) is set
  type: bool
backup:
  description: The backup as C(DownloadBackup) describes it, in snake_case, without the URLs.
  returned: always
  type: dict
instance_id:
  description: Uuid of the instance.
  returned: always
  type: str
'''

import os

from ansible.module_utils.six.moves.urllib.parse import unquote, urlsplit

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import backup_result
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_resources import (
    download, file_state, finish, instance_ref_module, parent_instance,
)

URL_KEYS = ('BackupDownloadUrl', 'BackupIntranetDownloadUrl')


def target_path(dest, url, backup_id):
    if os.path.isdir(dest) or dest.endswith(os.sep):
        name = os.path.basename(unquote(urlsplit(url).path)) or '%s.backup' % backup_id
        return os.path.join(dest, name)
    return dest


def main(module):
    p = module.params
    try:
        mode = int(p['mode'], 8) if isinstance(p['mode'], str) else p['mode']
    except ValueError:
        module.fail_json(msg='mode must be octal like 0600, not %r' % p['mode'])
    client = module.client
    uuid = parent_instance(module)['InstanceUuid']
    data = client.data('DownloadBackup', {'InstanceUuid': uuid, 'BackupId': p['backup_id']}) or {}
    url = data.get(URL_KEYS[0] if p['url_type'] == 'public' else URL_KEYS[1])
    size = backup_result(data).get('backup_size')
    result = dict(download_url=data.get(URL_KEYS[0]), intranet_download_url=data.get(URL_KEYS[1]), size=size,
                  backup=backup_result(dict((k, v) for k, v in data.items() if k not in URL_KEYS)),
                  instance_id=uuid)
    if not p['dest']:
        finish(module, False, **result)
    if not url:
        module.fail_json(msg='The API gave no %s download URL for backup %s' % (p['url_type'], p['backup_id']))
    path = target_path(p['dest'], url, p['backup_id'])
    if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        module.fail_json(msg='The directory of dest %s does not exist' % path)
    have_size, have_sum = file_state(path)
    result.update(dest=path, downloaded=False, sha256=have_sum)
    if have_size == size and not p['force']:
        finish(module, False, dict(dest=path, size=have_size), dict(dest=path, size=have_size), **result)
    if not module.check_mode:
        result['sha256'] = download(client.session, url, path, size, client.transport.timeout, mode=mode,
                                    verify=client.transport.verify)
        result['downloaded'] = True
    else:
        result['sha256'] = None
    finish(module, True, dict(dest=path, size=have_size), dict(dest=path, size=size), **result)


def run():
    spec = dict(
        backup_id=dict(type='str', required=True, aliases=['id']),
        dest=dict(type='path'),
        url_type=dict(type='str', default='public', choices=['public', 'intranet']),
        force=dict(type='bool', default=False),
        mode=dict(type='raw'),
    )
    instance_ref_module(spec).run(main)


if __name__ == '__main__':
    run()
