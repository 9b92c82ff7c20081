# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the CDS modules share beyond the client: the instance reference options, results with a
masked diff, verifying a lost change, parameter value rules and backup file download."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import os
import re
import tempfile

from ansible_collections.clouddb.mysql.plugins.module_utils.cds import RUNNING, instance_result
from ansible_collections.clouddb.mysql.plugins.module_utils.diff import make_diff
from ansible_collections.clouddb.mysql.plugins.module_utils.module import CloudModule
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError

INSTANCE_REF_SPEC = dict(
    instance_id=dict(type='str', aliases=['instance_uuid']),
    instance_name=dict(type='str'),
)
ACCEPTED = {'Code': 'Success', 'Message': 'recovered', 'Data': {}, 'TaskId': ''}


def instance_ref_kwargs(**kwargs):
    """AnsibleModule kwargs for modules that act inside an instance (instance_id or instance_name)."""
    # New lists: the caller's (often module-level constants) are never changed.
    kwargs['required_one_of'] = list(kwargs.get('required_one_of', [])) + [('instance_id', 'instance_name')]
    kwargs['mutually_exclusive'] = list(kwargs.get('mutually_exclusive', [])) + [('instance_id', 'instance_name')]
    return kwargs


def instance_ref_module(argument_spec, wait=False, **constraints):
    """The CloudModule of a module that acts inside an instance: ``argument_spec`` plus
    instance_id / instance_name (one of them), then the module's own ``constraints`` lists
    (required_one_of=..., mutually_exclusive=...) after the instance's."""
    spec = dict(argument_spec)
    spec.update(INSTANCE_REF_SPEC)
    kwargs = instance_ref_kwargs()
    for key, value in constraints.items():
        kwargs[key] = kwargs.get(key, []) + list(value)
    return CloudModule('cds', spec, wait=wait, **kwargs)


def parent_instance(module):
    """The raw instance named by instance_id / instance_name; fails when absent or ambiguous."""
    return module.target_instance()


def find_by_id_or_name(module, entries, id_key, name_key, what):
    """The entry whose ``id_key`` is O(id), else whose ``name_key`` is O(name) (None when absent).

    Names are not unique within an instance: several entries with the name fail, listing their ids.
    """
    p = module.params
    key, value = (id_key, p['id']) if p['id'] else (name_key, p['name'])
    found = [e for e in entries if e.get(key) == value]
    if len(found) > 1:
        module.fail_json(msg='%s name %r is ambiguous: %s; give id instead'
                         % (what, p['name'], ', '.join(e[id_key] for e in found)))
    return found[0] if found else None


def wait_parent_running(module, instance):
    """Wait (with wait=true) until the instance is RUNNING, so a change is not refused as busy."""
    if instance.get('Status') == RUNNING or not module.params.get('wait', True):
        return instance
    return module.client.wait_instance(instance['InstanceUuid'], module.params['wait_timeout'])


def recover_if(check):
    """A transport ``recover`` for a change whose answer was lost: accepted when ``check()`` shows it ran."""
    def recover():
        return ACCEPTED if check() else None
    return recover


def finish(module, changed, before=None, after=None, secret_keys=('password',), **result):
    """exit_json with ``changed``, the result keys, and (in diff mode) before/after with secrets masked."""
    result = dict((k, v) for k, v in result.items() if v is not None)
    if module._diff and (before is not None or after is not None):
        result['diff'] = make_diff(before or {}, after or {}, secret_keys)
    module.exit_json(changed=changed, **result)


def job_ids(*responses):
    """The non-empty TaskIds of the responses: a string for one, a list for several, None for none."""
    ids = [r.get('TaskId') for r in responses if r and r.get('TaskId')]
    if not ids:
        return None
    return ids[0] if len(ids) == 1 else ids


def instance_view(raw):
    return instance_result(raw) if raw else {}


# -- parameters ----------------------------------------------------------------------------
_RANGE = re.compile(r'^\[?\s*(-?\d+)\s*-\s*(-?\d+)\s*\]?$')


def param_key(value):
    """Comparable form of a parameter value: the server answers strings, enum values in its own case."""
    if isinstance(value, bool):
        return 'on' if value else 'off'
    text = str(value).strip()
    if re.match(r'^-?\d+$', text):
        return str(int(text))
    return text.lower()


def param_value(value):
    """The string sent to the API for a user value (booleans as ON/OFF, numbers as digits)."""
    if isinstance(value, bool):
        return 'ON' if value else 'OFF'
    return str(value).strip()


def check_param(definition, value):
    """An error message when ``value`` is not allowed by the parameter's CheckingCode, else None."""
    code = str(definition.get('CheckingCode') or '').strip()
    name = definition.get('Name')
    if not code:
        return None
    text = param_value(value)
    match = _RANGE.match(code)
    if match:
        low, high = int(match.group(1)), int(match.group(2))
        if not re.match(r'^-?\d+$', text) or not low <= int(text) <= high:
            return '%s must be an integer in %s, not %r' % (name, code, text)
        return None
    inner = code.strip('[]')
    if '|' in inner or ',' in inner:
        choices = [c.strip() for c in re.split(r'[|,]', inner) if c.strip()]
        if param_key(text) not in [param_key(c) for c in choices]:
            return '%s must be one of %s, not %r' % (name, ', '.join(choices), text)
    return None


# -- backup files --------------------------------------------------------------------------
CHUNK = 1024 * 1024


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
