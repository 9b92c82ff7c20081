# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    DOCUMENTATION = r'''
options:
  wait:
    description:
      - Wait for asynchronous changes to finish before returning.
      - CDS task ids cannot be queried, so waiting polls the resource itself (instance status
        C(RUNNING), backup status C(finished), account status C(available)...), with a backoff that
        starts at one second.
      - With V(false) the module returns as soon as the API accepted the change, with its C(job_id)
        (the API's C(TaskId), often empty).
    type: bool
    default: true
  wait_timeout:
    description:
      - How long to wait, in seconds, for asynchronous changes to finish, and for a busy instance
        to become C(RUNNING) before a change is retried.
      - The module fails when the time runs out; the change itself goes on in the cloud.
    type: int
    default: 1800
'''
