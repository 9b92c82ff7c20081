"""Every GaussDB operation of the client's table (the 189 current operations of seed 002 chapter 4 and
the deprecated ones the client uses) is called from module code, not only listed in the table
(issue 10: every operation reachable from a module option)."""
import ast
import glob
import os

from ansible_collections.clouddb.mysql.plugins.module_utils import gaussdb_api

PLUGINS = os.path.dirname(os.path.dirname(os.path.abspath(gaussdb_api.__file__)))


def string_constants(path):
    """The string literals of a file's code; module docstrings and DOCUMENTATION/EXAMPLES/RETURN left out."""
    with open(path) as handle:
        tree = ast.parse(handle.read())
    skipped = set()
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))
        if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) in ('DOCUMENTATION', 'EXAMPLES', 'RETURN')
                                                for t in node.targets):
            skipped.add(id(node.value))
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped}


def test_every_operation_is_used_outside_the_table():
    paths = [p for p in glob.glob(os.path.join(PLUGINS, 'module_utils', '*.py')) +
             glob.glob(os.path.join(PLUGINS, 'modules', 'gaussdb_*.py')) +
             glob.glob(os.path.join(PLUGINS, 'inventory', 'gaussdb.py'))
             if os.path.basename(p) != 'gaussdb_api.py']
    used = set().union(*(string_constants(p) for p in paths))
    unused = sorted(set(gaussdb_api.OPERATIONS) - used)
    assert not unused, 'operations no module reaches: %s' % unused


def test_the_table_has_every_current_operation_of_chapter_4():
    current = [name for name, row in gaussdb_api.OPERATIONS.items() if row[0].startswith('4.')]
    assert len(current) == 189
    sections = [row[0] for row in gaussdb_api.OPERATIONS.values()]
    assert len(sections) == len(set(sections)), 'one row per section'
