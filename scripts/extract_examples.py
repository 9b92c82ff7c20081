"""Write every plugin's EXAMPLES as the files a user would copy, so that ansible-lint checks them.

    python scripts/extract_examples.py COLLECTION_ROOT OUTPUT_DIR

Modules' EXAMPLES (task lists) become one playbook per module (``hosts: localhost``); an inventory
plugin's EXAMPLES (one or more inventory files separated by ``---``) become ``<plugin>_<n>.<plugin>.yml``.
Fails when an EXAMPLES string is not valid YAML or has duplicate keys.
"""
import ast
import os
import sys

import yaml


class UniqueKeyLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        keys = set()
        for key_node, dummy in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in keys:
                raise yaml.constructor.ConstructorError(None, None, 'duplicate key %r' % key, key_node.start_mark)
            keys.add(key)
        return super(UniqueKeyLoader, self).construct_mapping(node, deep)


def examples_of(path):
    tree = ast.parse(open(path).read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == 'EXAMPLES' for t in node.targets):
            return ast.literal_eval(node.value)
    return None


def main():
    root, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    errors = []
    for kind in ('modules', 'inventory'):
        directory = os.path.join(root, 'plugins', kind)
        for name in sorted(os.listdir(directory)):
            if not name.endswith('.py') or name.startswith('_'):
                continue
            plugin = name[:-3]
            text = examples_of(os.path.join(directory, name))
            if not text or not text.strip():
                errors.append('%s/%s: no EXAMPLES' % (kind, name))
                continue
            try:
                documents = [d for d in yaml.load_all(text, Loader=UniqueKeyLoader) if d is not None]
            except yaml.YAMLError as exc:
                errors.append('%s/%s EXAMPLES: %s' % (kind, name, exc))
                continue
            if kind == 'modules':
                header = '---\n# EXAMPLES of clouddb.mysql.%s, as a play.\n- name: Examples of %s\n  hosts: localhost\n' \
                         '  gather_facts: false\n  tasks:\n' % (plugin, plugin)
                body = ''.join('    ' + line if line.strip() else '\n' for line in text.strip('\n').splitlines(True))
                with open(os.path.join(out, 'module_%s.yml' % plugin), 'w') as handle:
                    handle.write(header + body + '\n')
            else:
                for index, document in enumerate(text.split('\n---\n')):
                    target = os.path.join(out, '%s_%d.%s.yml' % (plugin, index + 1, plugin))
                    with open(target, 'w') as handle:
                        handle.write('---\n' + document.strip('\n') + '\n')
                if len(documents) != len(text.split('\n---\n')):
                    errors.append('%s/%s: separate inventory files with a line "---" only' % (kind, name))
    for error in errors:
        print(error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
