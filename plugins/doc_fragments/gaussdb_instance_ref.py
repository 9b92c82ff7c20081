# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The instance a database, account or grant belongs to (module_utils/gaussdb_data.py).
    DOCUMENTATION = r'''
options:
  instance_id:
    description:
      - Id of the GaussDB(for MySQL) instance, for example C(a23fb62bd61e4e9e9636fd2225f395bein07).
      - Used as given, without a lookup.
      - Exactly one of O(instance_id) and O(instance_name) is required.
    type: str
  instance_name:
    description:
      - Exact name of the instance, looked up with one list request.
      - The module fails when no instance or several instances have this name; the ids of
        the candidates are listed so that O(instance_id) can be given instead.
    type: str
'''
