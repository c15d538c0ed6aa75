#!/usr/bin/env bash
# Builds the inspector into inspector/dist/: a static site (index.html, its
# modules and style, and the JavaScript package's browser entry with
# eventstream.wasm under pkg/) that works from any static server, offline.
# Needs js/eventstream.wasm: `bash js/build.sh` first (this runs it if missing).
#   bash inspector/build.sh
set -euo pipefail
cd "$(dirname "$0")"
[ -f ../js/eventstream.wasm ] || bash ../js/build.sh
rm -rf dist
mkdir -p dist/pkg
cp index.html style.css dist/
cp -r src dist/src
cp ../js/browser.mjs ../js/eventstream.wasm dist/pkg/
cp -r ../js/src dist/pkg/src
# The page's Content-Security-Policy allows its one inline script, the
# import map, by its hash.
import_map=$(sed -n 's|.*<script type="importmap">\(.*\)</script>.*|\1|p' index.html)
hash=$(printf '%s' "$import_map" | openssl dgst -sha256 -binary | base64)
sed -i "s|sha256-IMPORT_MAP_HASH|sha256-$hash|" dist/index.html
echo "inspector/dist: $(find dist -type f | wc -l) files, $(du -sk dist | cut -f1) KiB; open dist/index.html from any static server"
