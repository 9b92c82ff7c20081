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
      - Wait for asynchronous changes (jobs) to finish before returning.
      - With V(false) the module returns as soon as the API accepted the change, with its
        RV(job_id), which M(clouddb.mysql.gaussdb_job_info) can wait on later.
    type: bool
    default: true
  wait_timeout:
    description:
      - How long to wait, in seconds, for asynchronous changes to finish, and for a busy instance
        to become idle before a change is retried.
      - The module fails when the time runs out; the change itself goes on in the cloud.
    type: int
    default: 1800
'''
