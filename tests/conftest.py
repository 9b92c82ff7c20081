"""Make the repository importable as ``ansible_collections.clouddb.mysql`` for pytest.

The repository root is the collection root; a symlink in a temporary directory gives it the
path Ansible expects, so tests run straight from a checkout.
"""
import hashlib
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _stage():
    parts = ROOT.replace(os.sep, '/').split('/')
    if parts[-3:-1] == ['ansible_collections', 'clouddb'] and parts[-1] == 'mysql':
        return os.path.dirname(os.path.dirname(os.path.dirname(ROOT)))
    # One directory per checkout: two checkouts (git worktrees) testing at once never share the link.
    tag = hashlib.sha1(ROOT.encode('utf-8')).hexdigest()[:12]
    base = os.path.join(tempfile.gettempdir(), 'clouddb-mysql-pytest-%d-%s' % (os.getuid(), tag))
    link = os.path.join(base, 'ansible_collections', 'clouddb', 'mysql')
    os.makedirs(os.path.dirname(link), exist_ok=True)
    if os.path.islink(link) and os.readlink(link) != ROOT:
        os.unlink(link)
    if not os.path.lexists(link):
        try:
            os.symlink(ROOT, link)
        except FileExistsError:
            pass
    return base


COLLECTIONS_ROOT = _stage()
if COLLECTIONS_ROOT not in sys.path:
    sys.path.insert(0, COLLECTIONS_ROOT)
os.environ.setdefault('ANSIBLE_COLLECTIONS_PATH', COLLECTIONS_ROOT)
