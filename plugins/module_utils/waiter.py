# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One wait policy for every asynchronous change: poll with a backoff that starts short."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible_collections.clouddb.mysql.plugins.module_utils.transport import WaitTimeout


class Poller(object):
    """Delays 1, 1.5, 2.25 ... seconds up to ``max_delay``: quick jobs end quickly, long ones cost few calls."""

    def __init__(self, initial_delay=1.0, factor=1.5, max_delay=15.0, sleep=time.sleep, clock=time.monotonic):
        self.initial_delay = initial_delay
        self.factor = factor
        self.max_delay = max_delay
        self.sleep = sleep
        self.clock = clock

    def wait(self, probe, timeout, what):
        """Call ``probe()`` until it returns ``(True, value)``; return value.

        ``probe`` raises to abort (e.g. a job that Failed). Raises WaitTimeout, naming ``what``,
        once ``timeout`` seconds have passed.
        """
        deadline = self.clock() + timeout
        delay = self.initial_delay
        while True:
            done, value = probe()
            if done:
                return value
            remaining = deadline - self.clock()
            if remaining <= 0:
                raise WaitTimeout('Timed out after %s s waiting for %s' % (seconds(timeout), what))
            self.sleep(min(delay, remaining))
            delay = min(self.max_delay, delay * self.factor)


def seconds(value):
    """A duration for a message: 1800, 2.5 or 0.3, not 1799.9972310066223 (a run's remaining budget)."""
    return ('%.1f' % value).rstrip('0').rstrip('.') or '0'


DEFAULT_POLLER = Poller()
