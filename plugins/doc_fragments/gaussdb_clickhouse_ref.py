# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # The ClickHouse (HTAP lightweight edition) instance of a module of that engine only
    # (module_utils/gaussdb_htap.py target_clickhouse).
    DOCUMENTATION = r'''
options:
  htap_instance_id:
    description:
      - Id of the ClickHouse instance, for example C(b6280c323ce449f2ad02af74e21f3dc5in16).
      - Used as given, without a lookup.
    type: str
  htap_instance_name:
    description:
      - Exact name of the ClickHouse instance among those of the GaussDB instance given by O(instance_id) or
        O(instance_name) (one list request). The module fails when no instance or several have this name.
      - Mutually exclusive with O(htap_instance_id).
    type: str
  instance_id:
    description:
      - Id of the GaussDB(for MySQL) instance the ClickHouse instance belongs to.
      - Given without O(htap_instance_id) and O(htap_instance_name), the GaussDB instance must have exactly one
        ClickHouse instance, which is used.
      - At least one of O(htap_instance_id), O(htap_instance_name), O(instance_id) and O(instance_name) is required.
    type: str
  instance_name:
    description:
      - Exact name of the GaussDB(for MySQL) instance the ClickHouse instance belongs to (one list request).
      - Mutually exclusive with O(instance_id).
    type: str
'''
