# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Project-level reads and settings of GaussDB(for MySQL): tags (seed 002 §4.9.1, §4.9.2), dedicated
resource pools (§4.3.10, §4.3.11) and the recycle bin (§4.3.34-§4.3.36).

Shared by gaussdb_tag_info, gaussdb_dedicated_resource_info, gaussdb_recycle_policy and
gaussdb_recycle_info. Tag changes belong to gaussdb_instance (``tags``, §4.9.3).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.clouddb.mysql.plugins.module_utils.diff import as_int
from ansible_collections.clouddb.mysql.plugins.module_utils.lookup import find
from ansible_collections.clouddb.mysql.plugins.module_utils.plan import Plan, set_fields
from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError
from ansible_collections.clouddb.mysql.plugins.module_utils.validation import range_errors

# 4.3.34: "保留天数，1-7天".
RETENTION_DAYS = (1, 7)
# 4.3.11 answers an unknown pool with the A.3 table's "Invalid dedicated resource id".
POOL_NOT_FOUND_CODES = frozenset(('DBS.05000087',))


# -- tags (4.9.1, 4.9.2) ------------------------------------------------------------------
def project_tags(client):
    """Every tag key of the project's instances with its values (4.9.2, offset/limit pages of 100), by key."""
    items = client.paginate('list_project_tags', 'tags')
    return sorted((dict(key=t.get('key'), values=sorted(t.get('values') or [])) for t in items),
                  key=lambda t: t['key'] or '')


def instance_tags(client, instance_id):
    """The tags of one instance (4.9.1, offset/limit pages of 100), by key."""
    items = client.paginate('list_instance_tags', 'tags', instance_id=instance_id)
    return sorted((dict(key=t.get('key'), value=t.get('value')) for t in items), key=lambda t: t['key'] or '')


# -- dedicated resource pools (4.3.10, 4.3.11) --------------------------------------------
def list_dedicated_resources(client):
    """Every dedicated resource pool of the project (4.3.10, offset/limit pages of 100)."""
    return client.paginate('list_dedicated_resources', 'resources')


def dedicated_resource(client, resource_id):
    """The details of one pool (4.3.11), or None when there is no pool with this id."""
    try:
        return client.call('show_dedicated_resource', dedicated_resource_id=resource_id)
    except ApiError as exc:
        if exc.status == 404 or exc.error_code in POOL_NOT_FOUND_CODES:
            return None
        raise


def find_dedicated_resources(client, resource_id=None, name=None):
    """The pools gaussdb_dedicated_resource_info returns: every pool listed (4.3.10); or the one with this id
    (its 4.3.11 details, one request) or with this unique name (the list's fields and the details), or none.
    A name several pools carry fails listing their ids."""
    if resource_id:
        detail = dedicated_resource(client, resource_id)
        return [detail] if detail else []
    pools = list_dedicated_resources(client)
    if name is None:
        return pools
    pool = find(pools, 'Dedicated resource pool', name=name, name_key='resource_name')
    if pool is None:
        return []
    detail = dedicated_resource(client, pool['id'])
    return [dict(pool, **detail)] if detail else []


# -- recycle bin (4.3.34-4.3.36) ----------------------------------------------------------
def recycle_policy_errors(params):
    return range_errors('retention_period_in_days', params['retention_period_in_days'], *RETENTION_DAYS)


def recycle_policy(client):
    """The project's recycle bin policy (4.3.35) as a view: ``retention_period_in_days`` as a number (the
    API's String, or the number of the seed's example)."""
    policy = client.call('show_recycle_policy').get('recycle_policy') or {}
    return dict(retention_period_in_days=as_int(policy.get('retention_period_in_days')))


def plan_recycle_policy(params, current):
    """The step that sets the retention (4.3.34, sent as the table's String) when it differs; none when the
    option is not set (the module then only reads the policy)."""
    plan = Plan(current)
    want = params['retention_period_in_days']
    if want is not None and want != current.get('retention_period_in_days'):
        plan.add('retention', set_fields(retention_period_in_days=want), 'set_recycle_policy',
                 body={'recycle_policy': {'retention_period_in_days': str(want)}})
    return plan


def recycled_instances(client, instance_id=None, name=None):
    """The deleted instances in the recycle bin (4.3.36, offset/limit pages of 100), newest first, with the
    ``recycle_backup_id`` a new instance can be restored from; only the one with this id or exact name
    when given (filtered as they are read: the API has no filter)."""
    items = client.paginate('list_recycle_instances', 'instances')
    return [i for i in items if (not instance_id or i.get('id') == instance_id) and (name is None or i.get('name') == name)]
