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
  - clouddb.mysql.attributes.ACTION
  - clouddb.mysql.cds_auth
  - clouddb.mysql.cds_instance
notes:
  - In check mode nothing is downloaded; C(changed) tells whether it would be.
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

from ansible_collections.clouddb.mysql.plugins.module_utils.cds_backup import (
    download_errors, download_result, plan_download, without_none,
)
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule


def run(module):
    params = module.params
    module.check_input(download_errors(params))
    uuid = module.target_instance()['InstanceUuid']
    data = module.client.data('DownloadBackup', {'InstanceUuid': uuid, 'BackupId': params['backup_id']}) or {}
    result = dict(download_result(data), instance_id=uuid)
    if not params['dest']:
        module.finish(False, **without_none(result))
        return
    plan = plan_download(module.client, params, data, result)
    plan.apply(module)
    module.finish(plan.changed, plan.before, plan.after, **without_none(result))


def main():
    spec = dict(
        backup_id=dict(type='str', required=True, aliases=['id']),
        dest=dict(type='path'),
        url_type=dict(type='str', default='public', choices=['public', 'intranet']),
        force=dict(type='bool', default=False),
        mode=dict(type='raw'),
    )
    CloudModule('cds', spec, instance_ref=True).run(run)


if __name__ == '__main__':
    main()
