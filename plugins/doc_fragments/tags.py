# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    DOCUMENTATION = r'''
options:
  tags:
    description:
      - Tags of the resource, as a dictionary of key and value.
      - When not set, tags are left alone.
      - An empty dictionary with O(purge_tags=true) removes every tag.
    type: dict
  purge_tags:
    description:
      - Whether to remove tags that are not in O(tags).
      - Has no effect when O(tags) is not set.
    type: bool
    default: true
'''
