"""Generate the collection docsite's guides (docs/docsite/rst/guide_*.rst) from docs/guides/*.md.

    python scripts/gen_docsite.py            write them
    python scripts/gen_docsite.py --check    fail when one is missing or out of date (scripts/test.sh docs)

The Markdown guides are the source (GitHub, Automation Hub's docs tab); antsibull-docs and
docs.ansible.com only take reStructuredText extra docs, listed in docs/docsite/extra-docs.yml. The
converter covers the Markdown the guides use: headings, paragraphs, lists, pipe tables, fenced code,
inline code, emphasis and links. Links to another guide become references, links to files of the
repository absolute URLs (the repository of galaxy.yml).
"""
import os
import posixpath
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# modules.md is not among them: the docsite lists every module, plugin and role itself.
GUIDES = ('quickstart', 'awx', 'inventory', 'emulator')
LABEL = 'ansible_collections.clouddb.mysql.docsite.guide_%s'
SOURCE_DIR = 'docs/guides'
OUT_DIR = os.path.join(ROOT, 'docs', 'docsite', 'rst')
UNDERLINES = {1: '=', 2: '-', 3: '~', 4: '^'}
LANGUAGES = {'': 'text', 'sh': 'shell', 'bash': 'shell', 'console': 'shell', 'yml': 'yaml'}


def repository():
    with open(os.path.join(ROOT, 'galaxy.yml')) as handle:
        return yaml.safe_load(handle)['repository'].rstrip('/')


def link(text, target, repo):
    if re.match(r'^[a-z]+://', target):
        return '`%s <%s>`__' % (text, target)
    path, _, anchor = target.partition('#')
    name = posixpath.basename(path)
    if path.endswith('.md') and posixpath.dirname(path) in ('', '.') and name[:-3] in GUIDES:
        return ':ref:`%s <%s>`' % (text, LABEL % name[:-3])
    if not path:   # an anchor of the same page: the page itself
        return text
    full = posixpath.normpath(posixpath.join(SOURCE_DIR, path))
    kind = 'tree' if path.endswith('/') or os.path.isdir(os.path.join(ROOT, full)) else 'blob'
    url = '%s/%s/main/%s' % (repo, kind, full) + ('#' + anchor if anchor else '')
    return '`%s <%s>`__' % (text, url)


def inline(text, repo):
    """Markdown inline markup -> RST: links first (RST cannot nest markup in a link's text), then code
    spans, so nothing inside them is touched, then emphasis."""
    links = []

    def keep(match):
        label = re.sub(r'[`*]', '', match.group(1))
        links.append(link(label, match.group(2), repo))
        return '\x00%d\x00' % (len(links) - 1)
    text = re.sub(r'\[([^\]]+)\]\(([^)\s]+)\)', keep, text)
    out, pos = [], 0
    for match in re.finditer(r'`([^`]+)`', text):
        out.append(('text', text[pos:match.start()]))
        out.append(('code', match.group(1)))
        pos = match.end()
    out.append(('text', text[pos:]))
    parts = []
    for kind, chunk in out:
        if kind == 'code':
            parts.append('``%s``' % chunk)
            continue
        chunk = chunk.replace('\\', '\\\\')
        chunk = re.sub(r'\*\*([^*]+)\*\*', '\x01\\1\x01', chunk)
        chunk = re.sub(r'(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])', '\x02\\1\x02', chunk)
        chunk = chunk.replace('*', '\\*')
        chunk = chunk.replace('\x01', '**').replace('\x02', '*')
        parts.append(chunk)
    # Inline markup must be delimited by whitespace or punctuation: escape-space where it is not.
    result = ''
    for index, part in enumerate(parts):
        before_markup = result[-1:].isalnum() and part[:1] in ('`', ':', '*')
        after_markup = result[-1:] in ('`', '*') and part[:1].isalnum()
        if index and part and (before_markup or after_markup):
            result += '\\ '
        result += part
    return re.sub('\x00(\\d+)\x00', lambda m: links[int(m.group(1))], result)


def table(rows, repo):
    cells = [[c.strip() for c in row.strip().strip('|').split('|')] for row in rows]
    header, body = cells[0], [r for r in cells[2:]]
    lines = ['.. list-table::', '   :header-rows: 1', '']
    for row in [header] + body:
        for index, cell in enumerate(row):
            lines.append('   %s %s' % ('* -' if index == 0 else '  -', inline(cell, repo) or '\\ '))
    return lines + ['']


def convert(name, text, repo):
    lines = text.split('\n')
    out = ['..', '  Generated from docs/guides/%s.md by scripts/gen_docsite.py: edit the Markdown guide, then run it.' % name,
           '', '.. _%s:' % (LABEL % name), '']
    index = 0
    while index < len(lines):
        line = lines[index]
        fence = re.match(r'^(\s*)```\s*(\w*)\s*$', line)
        if fence:
            indent = len(fence.group(1))
            language = LANGUAGES.get(fence.group(2), fence.group(2))
            body = []
            index += 1
            while index < len(lines) and not re.match(r'^\s*```\s*$', lines[index]):
                body.append(lines[index][indent:] if lines[index][:indent].strip() == '' else lines[index])
                index += 1
            index += 1
            out += ['', '.. code-block:: %s' % language, ''] + [('   ' + b).rstrip() for b in body] + ['']
            continue
        heading = re.match(r'^(#{1,4})\s+(.*)$', line)
        if heading:
            title = inline(heading.group(2).strip(), repo)
            mark = UNDERLINES[len(heading.group(1))]
            out += (([mark * len(title)] if len(heading.group(1)) == 1 else []) + [title, mark * len(title), ''])
            index += 1
            continue
        if line.lstrip().startswith('|'):
            rows = []
            while index < len(lines) and lines[index].lstrip().startswith('|'):
                rows.append(lines[index])
                index += 1
            out += [''] + table(rows, repo)
            continue
        item = re.match(r'^(\s*)(\d+)\.\s+(.*)$', line)
        if item:
            out.append('%s#. %s' % (item.group(1), inline(item.group(3), repo)))
            index += 1
            continue
        out.append(inline(line, repo) if line.strip() else '')
        index += 1
    text = '\n'.join(out)
    return re.sub(r'\n{3,}', '\n\n', text).strip('\n') + '\n'


def main():
    check = '--check' in sys.argv[1:]
    repo = repository()
    stale = []
    for name in GUIDES:
        with open(os.path.join(ROOT, SOURCE_DIR, name + '.md')) as handle:
            rst = convert(name, handle.read(), repo)
        target = os.path.join(OUT_DIR, 'guide_%s.rst' % name)
        current = open(target).read() if os.path.exists(target) else None
        if current != rst:
            stale.append(os.path.relpath(target, ROOT))
            if not check:
                os.makedirs(OUT_DIR, exist_ok=True)
                with open(target, 'w') as handle:
                    handle.write(rst)
    if check and stale:
        print('Out of date (run python scripts/gen_docsite.py): %s' % ', '.join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
