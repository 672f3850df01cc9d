#!/usr/bin/env bash
# Packs the project as npm would publish it, checks what the tarball holds, installs
# it into an empty prefix (as a user would: dependencies from the registry) and
# runs the installed command on a fixture.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm run build >/dev/null
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
tar -tzf "$work/$tarball" | sed 's#^package/##' | sort > "$work/files.txt"
unexpected=$(grep -vE '^(dist/.+\.(js|d\.ts)|bin/dedupe\.js|README\.md|LICENSE|package\.json|binding\.gyp|native/(mapfile|scan)\.c|scripts/build-native\.mjs)$' "$work/files.txt" || true)
if [ -n "$unexpected" ]; then
  echo "pack-check: unexpected files in the package:"; echo "$unexpected"; exit 1
fi
for f in bin/dedupe.js dist/index.js dist/cli/main.js README.md LICENSE binding.gyp native/mapfile.c native/scan.c scripts/build-native.mjs; do
  grep -qx "$f" "$work/files.txt" || { echo "pack-check: $f missing from the package"; exit 1; }
done
echo "pack-check: $(wc -l < "$work/files.txt") files in $tarball, all expected"
npm install --global --prefix "$work/prefix" --no-audit --no-fund "$work/$tarball" >/dev/null 2>&1
set +e
"$work/prefix/bin/dedupe" --format json fixtures/article.txt > "$work/out.json"
status=$?
set -e
[ "$status" -eq 1 ] || { echo "pack-check: installed dedupe exited $status, expected 1"; exit 1; }
node -e "const r=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8')); if (r.summary.clusters!==2) { console.error('pack-check: expected 2 clusters, got', r.summary.clusters); process.exit(1) }" "$work/out.json"
# The install built the native file mapping, and a mapped input gives the same report.
[ -f "$work/prefix/lib/node_modules/dedupe-text/build/Release/mapfile.node" ] || { echo "pack-check: the install did not build the native file mapping"; exit 1; }
[ -f "$work/prefix/lib/node_modules/dedupe-text/build/Release/scan.node" ] || { echo "pack-check: the install did not build the native scan"; exit 1; }
# The native scan and the TypeScript path give the same report.
set +e
DEDUPE_NATIVE=0 "$work/prefix/bin/dedupe" --format json fixtures/article.txt > "$work/typescript.json"
set -e
cmp -s "$work/out.json" "$work/typescript.json" || { echo "pack-check: DEDUPE_NATIVE=0 gave another report"; exit 1; }
set +e
DEDUPE_MAP_BYTES=0 "$work/prefix/bin/dedupe" --format json fixtures/article.txt > "$work/mapped.json"
set -e
cmp -s "$work/out.json" "$work/mapped.json" || { echo "pack-check: a mapped input gave another report"; exit 1; }
node --input-type=module -e "import('$work/prefix/lib/node_modules/dedupe-text/dist/index.js').then(async (m) => { const r = await m.scanTexts([{ path: 'a', content: 'Same paragraph repeated here twice.\n\nSame paragraph repeated here twice.\n' }]); if (r.summary.duplicateBlocks !== 1) process.exit(1); })"
echo "pack-check: the installed command and library work"
