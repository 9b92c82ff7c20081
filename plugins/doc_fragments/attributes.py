# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Resource modules: every change is planned first, so check mode and diff are complete.
    DOCUMENTATION = r'''
attributes:
  check_mode:
    description: Can run in check mode and return the changed status the real run would report, without modifying anything.
    support: full
  diff_mode:
    description: Returns the before and after of the managed fields when run with C(--diff), secrets masked.
    support: full
  platform:
    description: The module calls the cloud API over HTTPS from the host it runs on, usually C(localhost).
    support: full
    platforms: posix
'''

    # Modules that only read.
    INFO_MODULE = r'''
attributes:
  check_mode:
    description: Can run in check mode; the module only reads, so it behaves the same.
    support: full
  diff_mode:
    description: The module changes nothing, so there is no diff.
    support: N/A
  platform:
    description: The module calls the cloud API over HTTPS from the host it runs on, usually C(localhost).
    support: full
    platforms: posix
'''

    # Modules whose action cannot be compared with a current state (a restore, a download, a reset):
    # check mode says that it would run, diff shows what it would do.
    ACTION = r'''
attributes:
  check_mode:
    description: Can run in check mode; it reports what the action would do without running it.
    support: full
  diff_mode:
    description: Returns what the action would change when run with C(--diff), secrets masked.
    support: full
  platform:
    description: The module calls the cloud API over HTTPS from the host it runs on, usually C(localhost).
    support: full
    platforms: posix
'''
