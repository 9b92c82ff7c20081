# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # How modules that act on something inside an instance name that instance.
    DOCUMENTATION = r'''
options:
  instance_id:
    description:
      - Uuid (C(InstanceUuid)) of the MySQL instance.
      - One of O(instance_id) and O(instance_name) is required.
    type: str
    aliases: [instance_uuid]
  instance_name:
    description:
      - Exact name of the MySQL instance. Names are not unique; the module fails, listing the
        uuids, when several instances have this name.
      - One of O(instance_id) and O(instance_name) is required.
    type: str
'''
