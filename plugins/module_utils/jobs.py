# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The asynchronous work of one module run: which jobs it started and how long it may wait.

One ``JobTracker`` per run (``CloudModule.jobs``). It collects the job ids (and, for yearly/monthly
changes, the order ids) of every answer, waits for them through the family client, and gives every
wait of the run (jobs, resource statuses) the same deadline, taken once from ``wait_timeout``: a run
that waits for three jobs never waits three times ``wait_timeout``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

DEFAULT_WAIT_TIMEOUT = 1800


def one_or_list(values):
    """DESIGN §9's shape for ids: None for none, the id for one, a list for several."""
    values = list(values or [])
    if not values:
        return None
    return values[0] if len(values) == 1 else values


class JobTracker(object):
    """Job ids and one deadline for a module run.

    ``job_ids_of(response)`` reads the ids of an answer (each family client has one);
    ``wait_jobs(ids, timeout)`` waits for them (None for families without a job API, whose
    changes are waited for by polling the resource with ``remaining()`` as the timeout).
    With ``wait`` false, jobs are still waited for when a later call of the same run needs the
    instance idle (``settle()``); only the last one is left running.
    """

    def __init__(self, job_ids_of, wait_jobs=None, wait=True, timeout=None, clock=time.monotonic):
        self.job_ids_of = job_ids_of
        self.wait_jobs = wait_jobs
        self.wait = wait
        self.clock = clock
        self.timeout = timeout or DEFAULT_WAIT_TIMEOUT
        self.deadline = clock() + self.timeout
        self.job_ids = []
        self.order_ids = []
        self._pending = []

    def remaining(self):
        """Seconds left of the run's wait budget (at least 1, so a last poll still happens)."""
        return max(1.0, self.deadline - self.clock())

    def add(self, response):
        """Remember the job and order ids of an API answer; return the job ids. They are pending
        until ``settle()``."""
        response = response or {}
        ids = self.job_ids_of(response)
        self.job_ids.extend(ids)
        self._pending.extend(ids)
        order = response.get('order_id') if isinstance(response, dict) else None
        if order:
            self.order_ids.append(order)
        return ids

    def settle(self):
        """Wait for the pending jobs (a job keeps its instance busy: the next change would be refused)."""
        pending, self._pending = self._pending, []
        if pending and self.wait_jobs is not None:
            return self.wait_jobs(pending, self.remaining())
        return []

    def finish(self):
        """The end of the run's changes: wait for what is still running, if the user wants to wait."""
        if self.wait:
            self.settle()

    def result(self):
        """The ``job_id`` / ``order_id`` keys of the module's result (only those that exist)."""
        result = {}
        if self.job_ids:
            result['job_id'] = one_or_list(self.job_ids)
        if self.order_ids:
            result['order_id'] = one_or_list(self.order_ids)
        return result

    def scheduled(self, response):
        """Remember the job ids of an answer whose job runs later (a change scheduled for the maintenance
        window): returned as ``job_id`` like the others, never waited for. Returns the ids."""
        ids = self.job_ids_of(response or {})
        self.job_ids.extend(ids)
        return ids
