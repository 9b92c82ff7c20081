#!/usr/bin/env bash
# Regenerate the release in changelogs/changelog.yaml and CHANGELOG.rst from changelogs/fragments/:
#   bash scripts/changelog.sh            the version in galaxy.yml (an existing release is updated in place)
# Fragments are consumed (removed) and recorded in changelog.yaml; modules, plugins and roles are listed
# from the collection itself, so run it again after adding a module or a fragment.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_venv "$ROOT/tests/requirements.txt"
version=$(python -c "import yaml; print(yaml.safe_load(open('galaxy.yml'))['version'])")
# antsibull-changelog lists the plugins through ansible-doc: the checkout under ansible_collections/.
links="$WORK/changelog-collections"
rm -rf "$links" && mkdir -p "$links/ansible_collections/clouddb"
ln -s "$ROOT" "$links/ansible_collections/clouddb/mysql"
export ANSIBLE_COLLECTIONS_PATH="$links" ANSIBLE_LOCAL_TEMP="$WORK/ansible-tmp"
antsibull-changelog release --version "$version" --update-existing --reload-plugins
# 0.1.0 was never released: what the plugins' docs say was added in 0.1.0 (or do not say) is new in
# the first release. antsibull-changelog takes version_added from its plugin cache: correct it there
# and add the plugins to the release.
if [ "$version" = 1.0.0 ]; then
  sed -i 's/^\(      version_added: \)\(0\.1\.0\|null\)$/\1'"$version"'/' changelogs/.plugin-cache.yaml
  # (no fragments are left for this pass, hence its release_summary warning: the summary is in the release)
  antsibull-changelog release --version "$version" --update-existing 2>&1 | grep -v 'Found no release_summary' || true
  grep -q '^Release Summary' CHANGELOG.rst
fi
antsibull-changelog lint
log "changelogs/changelog.yaml and CHANGELOG.rst are at $version"
