# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The HTAP instance an account or a data synchronization belongs to (module_utils/gaussdb_htap.py).
    DOCUMENTATION = r'''
options:
  engine:
    description:
      - Engine of the HTAP instance, StarRocks (standard edition) or ClickHouse (lightweight edition).
    type: str
    required: true
    choices: [starrocks, clickhouse]
  htap_instance_id:
    description:
      - Id of the HTAP instance, for example C(b6280c323ce449f2ad02af74e21f3dc5in17).
      - Used as given, without a lookup.
      - Exactly one of O(htap_instance_id) and O(htap_instance_name) is required.
    type: str
  htap_instance_name:
    description:
      - Exact name of the HTAP instance among the O(engine) instances of the GaussDB instance given by
        O(instance_id) or O(instance_name) (one list request).
      - The module fails when no instance or several instances have this name.
    type: str
  instance_id:
    description:
      - Id of the GaussDB(for MySQL) instance the HTAP instance belongs to.
    type: str
  instance_name:
    description:
      - Exact name of the GaussDB(for MySQL) instance the HTAP instance belongs to (one list request).
    type: str
'''
