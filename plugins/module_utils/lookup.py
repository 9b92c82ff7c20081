# -*- coding: utf-8 -*-
# Copyright (c) clouddb.mysql contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Finding one resource by id or by unique name, the same way for every family and resource.

Cloud names are rarely unique (GaussDB instances, CDS instances, backups, proxies...), so a name
that matches several resources never picks one: it fails and lists the candidates' ids, so the
user can give an id instead.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.clouddb.mysql.plugins.module_utils.transport import ApiError


class AmbiguousName(ApiError):
    """Several resources carry the name that was asked for."""

    def __init__(self, what, name, ids, hint='id'):
        super(AmbiguousName, self).__init__(
            '%s name %r is ambiguous: %s; give %s instead' % (what, name, ', '.join(sorted(ids)), hint),
            error_code='AmbiguousName')
        self.ids = sorted(ids)


def unique(matches, what, name, id_key='id', hint='id'):
    """The one item of ``matches`` (every item already named ``name``), None when there is none.

    Several matches raise AmbiguousName listing their ``id_key`` values. ``what`` names the kind of
    resource in the message ("Instance", "Backup"), ``hint`` the option to give instead.
    """
    matches = list(matches)
    if len(matches) > 1:
        raise AmbiguousName(what, name, [str(m.get(id_key)) for m in matches], hint)
    return matches[0] if matches else None


def find(items, what, id_value=None, name=None, id_key='id', name_key='name', hint='id'):
    """The item whose ``id_key`` is ``id_value``; without an id, the only one whose ``name_key`` is ``name``.

    None when nothing matches (or neither id nor name is given).
    """
    if id_value:
        return next((i for i in items if i.get(id_key) == id_value), None)
    if name is None:
        return None
    return unique([i for i in items if i.get(name_key) == name], what, name, id_key, hint)


def required(found, what, ref, status=404, error_code='ResourceNotFound'):
    """``found``, or an ApiError saying that ``what`` ``ref`` does not exist."""
    if found is None:
        raise ApiError('%s %s does not exist' % (what, ref), status=status, error_code=error_code)
    return found


def recover_if_found(find, answer=None):
    """A transport ``recover`` for a change whose answer was lost (see transport.py), for every family:
    when ``find()`` returns something (the resource, or True: the change took effect), ``answer(found)``
    stands in for the lost answer (``{}`` without ``answer``); when it returns nothing, None, and the
    request is sent again. A look-up that fails raises: not knowing whether the change ran, the
    request is never re-sent blindly (a re-run of the task finds the state and goes on)."""
    def recover():
        found = find()
        if not found:
            return None
        return answer(found) if answer is not None else {}
    return recover
