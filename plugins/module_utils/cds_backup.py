# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""CDS backups (cds_backup, cds_backup_info, cds_backup_policy, cds_backup_download, cds_restore): readers,
the create with lost-answer recovery, waits, input rules and plans, the automatic backup policy, the
atomic download of a backup file with its size checked (reference 5.14-5.18), and the overwrite restore
of an instance from one of its backups (5.26, withdrawn)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import os
import re
import tempfile

from ansible.module_utils.six.moves.urllib.parse import unquote, urlsplit

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import RUNNING, to_snake
from ansible_collections.clouddb.mysql.plugins.module_utils.cds_instance import require_ha, wait_running
from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import find
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan, replace_with, set_fields
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import InputError

TYPES = {'physical': 'physical-backup', 'logical': 'logical-backup'}
DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']
SLOT = re.compile(r'^(\d{1,2}):00(?:\s*-\s*(\d{1,2}):00)?$')
URL_KEYS = ('BackupDownloadUrl', 'BackupIntranetDownloadUrl')
CHUNK = 1024 * 1024


# -- reading and waiting ---------------------------------------------------------------------
def list_backups(client, uuid):
    return client.data('DescribeBackups', {'InstanceUuid': uuid}) or []


def get_backup(client, uuid, backup_id):
    return find(list_backups(client, uuid), 'Backup', backup_id, id_key='BackupId')


def wait_backup(client, uuid, backup_id, timeout, gone=False):
    """Poll until the backup is ``finished`` (``failed`` fails), or with ``gone`` until it is no longer listed."""
    def check(backup):
        if str(backup.get('Status')).lower() in ('failed', 'error'):
            raise ApiError('Backup %s failed' % backup_id, error_code='BackupFailed')
    return client.wait_entry(lambda: get_backup(client, uuid, backup_id), backup_id, timeout, 'backup', 'finished',
                             gone, check)


def create_backup(client, uuid, params, existing_ids):
    """CreateBackup answers no id: the new manual backup is found by listing. Returns (its id, the TaskId)."""
    params = dict(params, InstanceUuid=uuid)

    def lookup():
        return [b['BackupId'] for b in list_backups(client, uuid)
                if all((b.get('BackupId') not in existing_ids, b.get('BackupMode', 'manual') == 'manual',
                        (b.get('Desc') or '') == (params.get('Desc') or '')))]
    return client.create_listed('CreateBackup', params, uuid, lookup, 'backup')


def backup_result(raw):
    """A backup in snake_case with ``backup_size`` as an integer (typed string in the doc, int in examples)."""
    result = to_snake(raw)
    if raw.get('BackupSize') not in (None, ''):
        try:
            result['backup_size'] = int(raw['BackupSize'])
        except (TypeError, ValueError):
            pass
    return result


def newest_first(backups):
    return sorted(backups, key=lambda b: b.get('StartTime') or '', reverse=True)


def filter_backups(backups, params):
    """cds_backup_info's filters: id, mode, description."""
    if params['id']:
        backups = [b for b in backups if b.get('BackupId') == params['id']]
    if params['mode']:
        backups = [b for b in backups if b.get('BackupMode') == params['mode']]
    if params['description'] is not None:
        backups = [b for b in backups if (b.get('Desc') or '') == params['description']]
    return newest_first(backups)


# -- backups ---------------------------------------------------------------------------------
def backup_errors(params):
    """cds_backup's rules that need no request."""
    errors = []
    if params['state'] == 'absent' and not params['id'] and params['description'] is None:
        errors.append('state=absent needs id or description')
    if params['databases'] and params['type'] != 'logical':
        errors.append('databases is only for logical backups (type: logical)')
    return errors


def matching_backups(backups, params):
    """The backup with O(id); else the manual backups with O(description) (its identity), newest first."""
    if params['id']:
        return [b for b in backups if b.get('BackupId') == params['id']]
    if params['description'] is None:
        return []
    return newest_first(b for b in backups if all((b.get('BackupMode', 'manual') == 'manual',
                                                   b.get('Status') != 'deleting',
                                                   (b.get('Desc') or '') == params['description'])))


def backup_view(backup):
    """The managed fields of a backup (diff)."""
    if not backup:
        return {}
    return dict(id=backup.get('BackupId'), description=backup.get('Desc'), type=backup.get('BackupType'),
                status=backup.get('Status'))


def plan_backup_create(params, instance):
    require_ha(instance, 'Backups')
    uuid = instance['InstanceUuid']
    created = dict(BackupId=None, InstanceId=uuid, Status='doing', BackupType=TYPES[params['type']],
                   BackupMode='manual', BackupStrategy='db' if params['databases'] else 'instance',
                   Desc=params['description'] or '')
    body = dict(BackupType=TYPES[params['type']], Desc=params['description'], DBList=params['databases'] or None)

    def create(module):
        # The answer names no id: the new backup is the one the listing did not show before; the
        # predicted backup gets its id, so the run can wait for it.
        wait_running(module, instance)
        existing = set(b.get('BackupId') for b in list_backups(module.client, uuid))
        created['BackupId'], task = create_backup(module.client, uuid, body, existing)
        return {'TaskId': task}
    return Plan({}).add('create', replace_with(created), apply=create)


def plan_backup(client, params, instance, found):
    """The steps for the backups ``found`` (matching_backups) and what ``params`` ask for."""
    uuid = instance['InstanceUuid']
    if params['state'] == 'absent':
        plan = Plan(found[0] if found else {})
        for backup in found:
            if backup.get('Status') == 'deleting':
                continue
            bid = backup['BackupId']

            def deleting(bid=bid):
                return (get_backup(client, uuid, bid) or {}).get('Status', 'deleting') == 'deleting'
            plan.add('delete %s' % bid, replace_with({}), 'DeleteBackup', params={'InstanceUuid': uuid, 'BackupId': bid},
                     instance_id=uuid, recover=client.recover_when(deleting))
        return plan
    if found:
        return Plan(found[0])
    if params['id']:
        raise InputError('Backup %s does not exist on instance %s' % (params['id'], uuid))
    return plan_backup_create(params, instance)


def settle_backup(module, uuid, params, found, plan):
    """The backup once the plan has run: finished (wait=true) or as listed; {} once deleted."""
    client = module.client
    if params['state'] == 'absent':
        if module.jobs.wait and not module.check_mode:
            for backup in found:
                wait_backup(client, uuid, backup['BackupId'], module.jobs.remaining(), gone=True)
        return {}
    backup = plan.after
    if plan.changed and module.check_mode:
        return backup
    if module.jobs.wait and backup.get('Status') != 'finished':
        return wait_backup(client, uuid, backup['BackupId'], module.jobs.remaining())
    if plan.changed:
        return get_backup(client, uuid, backup['BackupId']) or backup
    return backup


# -- the automatic backup policy -------------------------------------------------------------
def parse_slot(text):
    """``03:00-04:00`` (or ``03:00``) as the API writes a one-hour window on the hour, or None."""
    match = SLOT.match(text.strip())
    if not match:
        return None
    start = int(match.group(1))
    end = int(match.group(2)) if match.group(2) else start + 1
    if not 0 <= start <= 23 or end != start + 1:
        return None
    return '%02d:00-%02d:00' % (start, end)


def parse_day(text):
    """A weekday as the API numbers it (``0`` Sunday ... ``6``), from a number or an English name; or None."""
    text = str(text).strip().lower()
    if text in [str(n) for n in range(7)]:
        return text
    for index, name in enumerate(DAYS):
        if text in (name, name[:3]):
            return str(index)
    return None


def policy_errors(params):
    errors = []
    if parse_slot(params['time_slot']) is None:
        errors.append('time_slot must be a one-hour window on the hour like 03:00-04:00, not %r' % params['time_slot'])
    days = [parse_day(d) for d in params['days']]
    if not days or None in days:
        errors.append('days must be weekdays 0-6 (0 = Sunday) or their names, not %s' % params['days'])
    return errors


def plan_policy(params, instance):
    """The policy is write-only (no call reads it), so it is sent on every run."""
    require_ha(instance, 'Automatic backup policies')
    uuid = instance['InstanceUuid']
    policy = dict(TimeSlot=parse_slot(params['time_slot']), DateList=sorted(set(parse_day(d) for d in params['days'])),
                  Sign=1 if params['enabled'] else 0)
    view = dict(time_slot=policy['TimeSlot'], date_list=policy['DateList'], sign=policy['Sign'])
    # Setting the same policy again is harmless, so a lost answer may be re-sent.
    return Plan({}).add('set the policy', replace_with(view), 'ModifyDbBackupPolicy',
                        params=dict(InstanceUuid=uuid, DataBackups=policy), instance_id=uuid, idempotent=True)


# -- the overwrite restore (StartBatchRollback) ---------------------------------------------
def restore_errors(params):
    """cds_restore's rules that need no request."""
    if params['backup_description'] == '':
        # Automatic backups have an empty description: it names no one backup.
        return ['backup_description must not be empty; give backup_id to restore an automatic backup']
    return []


def restore_source(client, uuid, params):
    """The finished backup of instance ``uuid`` given by O(backup_id) or its unique O(backup_description)."""
    what = params['backup_id'] or repr(params['backup_description'])
    backup = find(list_backups(client, uuid), 'Backup', params['backup_id'], params['backup_description'],
                  'BackupId', 'Desc', 'backup_id')
    if backup is None:
        raise InputError('Backup %s does not exist on instance %s' % (what, uuid))
    if backup.get('Status') != 'finished':
        raise InputError('Backup %s is %s; only a finished backup can be restored' % (what, backup.get('Status')))
    return backup


def restore_view(instance, backup):
    """What the restore does: the instance, the backup and the moment the instance goes back to (its EndTime)."""
    return dict(instance_id=instance['InstanceUuid'], instance_name=instance.get('InstanceName'),
                backup_id=backup['BackupId'], backup_type=backup.get('BackupType'), backup_mode=backup.get('BackupMode'),
                description=backup.get('Desc'), restored_to=backup.get('EndTime') or backup.get('BackupFinishTime'))


def plan_restore(instance, backup):
    """One StartBatchRollback. An action, never compared with a state: every run restores. Not idempotent
    and not recoverable (nothing shows that a restore took place): a lost answer is reported, never re-sent."""
    uuid = instance['InstanceUuid']
    return Plan().add('restore backup %s' % backup['BackupId'], replace_with(restore_view(instance, backup)),
                      'StartBatchRollback', params=dict(InstanceUuid=uuid, BackupId=backup['BackupId']),
                      instance_id=uuid)


def settle_restore(module, instance, plan):
    """The instance once RUNNING again after the restore (wait=true; the API has no task query), else as read."""
    if not plan.changed or module.check_mode or not module.jobs.wait:
        return instance
    uuid = instance['InstanceUuid']
    return module.client.wait_instance(uuid, module.jobs.remaining(), what='instance %s to be %s after the restore'
                                       % (uuid, RUNNING))


# -- backup files ----------------------------------------------------------------------------
def download_errors(params):
    """cds_backup_download's rules that need no request."""
    errors = []
    try:
        file_mode(params)
    except ValueError:
        errors.append('mode must be octal like 0600, not %r' % params['mode'])
    dest = params['dest']
    if dest:
        directory = dest if dest.endswith(os.sep) or os.path.isdir(dest) else os.path.dirname(os.path.abspath(dest))
        if not os.path.isdir(directory):
            errors.append('the directory of dest %s does not exist' % dest)
    return errors


def file_mode(params):
    return int(params['mode'], 8) if isinstance(params['mode'], str) else params['mode']


def target_path(dest, url, backup_id):
    """``dest``, or the URL's file name inside ``dest`` when it is a directory."""
    if os.path.isdir(dest) or dest.endswith(os.sep):
        name = os.path.basename(unquote(urlsplit(url).path)) or '%s.backup' % backup_id
        return os.path.join(dest, name)
    return dest


def download_result(data):
    """The result keys of a DownloadBackup answer (the backup without its URLs)."""
    return dict(download_url=data.get(URL_KEYS[0]), intranet_download_url=data.get(URL_KEYS[1]),
                size=backup_result(data).get('backup_size'),
                backup=backup_result(dict((k, v) for k, v in data.items() if k not in URL_KEYS)))


def plan_download(client, params, data, result):
    """Download to O(dest) unless a file of the backup's size is already there (and not O(force)); the
    step fills ``result`` (``sha256``, ``downloaded``)."""
    url = data.get(URL_KEYS[0] if params['url_type'] == 'public' else URL_KEYS[1])
    if not url:
        raise ApiError('The API gave no %s download URL for backup %s' % (params['url_type'], params['backup_id']))
    path = target_path(params['dest'], url, params['backup_id'])
    size = result['size']
    have_size, have_sum = file_state(path)
    result.update(dest=path, downloaded=False, sha256=have_sum)
    plan = Plan(dict(dest=path, size=have_size))
    if have_size == size and not params['force']:
        return plan
    result['sha256'] = None

    def fetch(module):
        result['sha256'] = download(client.session, url, path, size, client.transport.timeout, mode=file_mode(params),
                                    verify=client.transport.verify)
        result['downloaded'] = True
    return plan.add('download', set_fields(size=size), apply=fetch)


def without_none(result):
    """The result keys that have a value."""
    return dict((k, v) for k, v in result.items() if v is not None)


def file_state(path):
    """(size, sha256) of a file, or (None, None) when it does not exist."""
    if not os.path.isfile(path):
        return None, None
    digest = hashlib.sha256()
    with open(path, 'rb') as handle:
        for block in iter(lambda: handle.read(CHUNK), b''):
            digest.update(block)
    return os.path.getsize(path), digest.hexdigest()


def download(session, url, dest, expected_size, timeout, mode=None, verify=True):
    """Stream ``url`` into a temporary file next to ``dest``, check its size, then rename it into place.

    Returns the sha256 of the file. Raises ApiError (the partial file is removed) on an HTTP error or a
    size mismatch. The URL is never put in an error message: it carries a download token.
    """
    directory = os.path.dirname(os.path.abspath(dest))
    fd, tmp = tempfile.mkstemp(prefix='.%s.' % os.path.basename(dest), suffix='.part', dir=directory)
    digest = hashlib.sha256()
    written = 0
    try:
        with os.fdopen(fd, 'wb') as out:
            response = session.get(url, stream=True, timeout=timeout, verify=verify)
            try:
                if response.status_code != 200:
                    raise ApiError('Downloading the backup file failed: HTTP %s %s'
                                   % (response.status_code, (response.text or '')[:200]),
                                   status=response.status_code)
                for block in response.iter_content(CHUNK):
                    out.write(block)
                    digest.update(block)
                    written += len(block)
            finally:
                response.close()
        if expected_size is not None and written != int(expected_size):
            raise ApiError('Downloaded %d bytes but the backup size is %s; the file was not kept'
                           % (written, expected_size), error_code='SizeMismatch')
        if mode is not None:
            os.chmod(tmp, mode)
        os.rename(tmp, dest)
    except Exception:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return digest.hexdigest()
