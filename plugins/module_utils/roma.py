# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Huawei ROMA Connect client (seed 004): instance creation progress, same Huawei auth as GaussDB."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.clouddb.mysql.plugins.module_utils.huawei import HuaweiSession
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.module_utils.waiter import DEFAULT_POLLER

PROCESS_PATH = '/v2/{project_id}/instances/%s/process'
CREATING = 'CREATING'
FAILED = 'CREATE_FAILED'


def no_job_ids(response):
    """ROMA answers carry no job ids: its waits poll the instances (with the run's JobTracker deadline)."""
    return []


def instance_ids_errors(ids):
    """roma_instance_info's rule: at least one instance id."""
    return [] if ids else ['instance_ids must name at least one instance']


class RomaClient(object):
    job_ids = staticmethod(no_job_ids)

    def __init__(self, config, session=None, poller=None, retry=None):
        self.session = session or HuaweiSession(config, service='roma', retry=retry)
        self.poller = poller or DEFAULT_POLLER

    def progress(self, instance_id):
        """The creation progress record of one instance, snake_cased (``item`` renamed ``items``)."""
        record = camel_dict_to_snake_dict(self.session.request('GET', PROCESS_PATH % instance_id))
        record['items'] = record.pop('item', [])
        return record

    def wait_created(self, instance_ids, timeout):
        """Poll until no instance is CREATING; a CREATE_FAILED instance raises with its error."""
        latest = {}

        def probe():
            for instance_id in instance_ids:
                if instance_id in latest and instance_status(latest[instance_id]) != CREATING:
                    continue
                record = self.progress(instance_id)
                latest[instance_id] = record
                if instance_status(record) == FAILED:
                    instance = record.get('instance') or {}
                    raise ApiError('ROMA Connect instance %s failed to create: %s' % (
                        instance_id, instance.get('error_message') or 'no reason given'),
                        error_code=instance.get('error_code'))
            done = all(instance_status(r) != CREATING for r in latest.values()) and len(latest) == len(instance_ids)
            return done, [latest[i] for i in instance_ids]

        return self.poller.wait(probe, timeout, 'ROMA Connect instance(s) %s to be created' % ', '.join(instance_ids))


def instance_status(record):
    return str((record.get('instance') or {}).get('status') or record.get('status') or '').upper()
