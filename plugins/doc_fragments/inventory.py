# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Options every inventory plugin built on plugins/plugin_utils/inventory.py has, whatever the
    # cloud. Family-specific options (hostnames keywords, include_nodes ...) stay in the plugin.
    DOCUMENTATION = r'''
options:
  include_filters:
    description:
      - JMESPath expressions evaluated over each instance as the API returns it (list and detail
        fields merged, nodes included).
      - When set, an instance is kept only if at least one expression is truthy for it.
      - Filters the API cannot apply on the server (for example the instance status) go here.
    type: list
    elements: str
    default: []
  exclude_filters:
    description:
      - JMESPath expressions evaluated over each instance, after O(include_filters).
      - An instance for which any expression is truthy is left out.
    type: list
    elements: str
    default: []
  hostvars_prefix:
    description:
      - Prefix added to the name of every host variable the plugin sets (not to C(ansible_host),
        nor to variables made by O(compose)).
    type: str
    default: ''
  max_concurrency:
    description:
      - How many API requests may run at the same time (pages, batch reads and regions together).
      - V(1) reads everything one request after the other.
    type: int
    default: 16
  fail_on_errors:
    description:
      - What to do when part of the inventory cannot be read after the client's retries (a
        region that keeps failing, one page of the list, one batch of details).
      - V(true) fails the whole inventory, naming every part that is missing.
      - V(false) builds the inventory from what could be read and warns, naming every part that
        is missing. An incomplete result is never written to the cache.
      - The inventory is never incomplete silently.
    type: bool
    default: true
notes:
  - >-
    Values read from the cloud are never rendered as templates. A string that could hold
    template syntax (anything but letters, digits and C(. _ : / -)) stays untrusted, so Ansible
    treats it as text; the rest (ids, addresses, zones, status codes and most names) cannot, and
    is marked trusted, so that C(ansible-inventory --list) prints it as a plain string rather than
    as an C(__ansible_unsafe) object.
'''
