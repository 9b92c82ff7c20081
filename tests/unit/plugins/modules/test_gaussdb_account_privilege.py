"""gaussdb_account_privilege: the fallback when a server keeps the old read-only flag."""
from ansible_collections.clouddb.mysql.plugins.modules.gaussdb_account_privilege import fix_kept_flags


class FakeChanges(object):
    def __init__(self, log):
        self.log = log

    def wait(self):
        self.log.append(('wait',))


class FakeGrants(object):
    def __init__(self):
        self.log = []
        self.changes = FakeChanges(self.log)

    def revoke(self, databases):
        self.log.append(('revoke', databases))

    def grant(self, grants, current_of):
        self.log.append(('grant', grants))


def test_nothing_more_when_the_grant_updated_the_flag():
    grants = FakeGrants()
    fix_kept_flags(grants, {'reports': False}, lambda: {'reports': False, 'orders': True})
    assert grants.log == []


def test_only_the_stuck_database_is_revoked_and_granted_again():
    grants = FakeGrants()
    fix_kept_flags(grants, {'reports': False, 'orders': True}, lambda: {'reports': True, 'orders': True})
    assert grants.log == [('revoke', ['reports']), ('wait',), ('grant', {'reports': False}), ('wait',)]
