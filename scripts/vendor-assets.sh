#!/usr/bin/env bash
# Vendor the front-end packages into static/vendor/ from the npm registry.
#
#   scripts/vendor-assets.sh
#
# The site never loads anything from a CDN: a bureau's network may have no
# internet. Only the dist files the pages use are kept, with each package's
# licence. Source-map comments are stripped because the maps are not kept
# and the manifest static storage refuses references to missing files.
# To upgrade, change a version and its integrity (`npm view <pkg>@<v>
# dist.integrity`), run this script, and look at the pages.
set -euo pipefail

BOOTSTRAP=5.3.9
BOOTSTRAP_SHA512=20cU0rcfw8WdxtVbmfU+xT2EjvVTw9Ror/h1Qvd7DXCujRg8OO9mdBCsmTHdJFf3BuadmBNJtgIuUXsBqSkk/w==
BOOTSTRAP_ICONS=1.13.2
BOOTSTRAP_ICONS_SHA512=fAU1Ly3dH7hwRg+CB8EZ0Vl0fF80zgXHeUVJyfUOKzoURr+TbwISbCW5tKUoQLERaWYG2emTCybcPbD96hdD1A==
CHARTJS=4.6.1
CHARTJS_SHA512=hJyniucsFmq//EvXYvJ6c6mahPoI3kaxdjVH8awTaJ/fDNWeSqqqArixMJWkWNN6fcYvPU3HneSANFNYtRi61g==

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENDOR="$ROOT/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# fetch <package> <version> <sha512>: unpacks the tarball into $WORK/<package>/
fetch() {
    local name="$1" version="$2" sha512="$3" tarball actual
    tarball="$(cd "$WORK" && npm pack --silent "$name@$version")"
    actual="$(openssl dgst -sha512 -binary "$WORK/$tarball" | base64 -w0)"
    if [[ "$actual" != "$sha512" ]]; then
        echo "Integrity mismatch for $name@$version: got sha512-$actual" >&2
        exit 1
    fi
    mkdir -p "$WORK/$name"
    tar -xzf "$WORK/$tarball" -C "$WORK/$name" --strip-components=1
}

# place <source> <destination>: copies one file, dropping its source-map comment.
place() {
    mkdir -p "$(dirname "$2")"
    sed -E '/^(\/\/|\/\*)# sourceMappingURL=.*$/d' "$1" >"$2"
}

fetch bootstrap "$BOOTSTRAP" "$BOOTSTRAP_SHA512"
fetch bootstrap-icons "$BOOTSTRAP_ICONS" "$BOOTSTRAP_ICONS_SHA512"
fetch chart.js "$CHARTJS" "$CHARTJS_SHA512"

rm -rf "$VENDOR"
mkdir -p "$VENDOR"

src="$WORK/bootstrap"
place "$src/dist/css/bootstrap.min.css" "$VENDOR/bootstrap/css/bootstrap.min.css"
place "$src/dist/js/bootstrap.bundle.min.js" "$VENDOR/bootstrap/js/bootstrap.bundle.min.js"
cp "$src/LICENSE" "$VENDOR/bootstrap/LICENSE"

src="$WORK/bootstrap-icons"
place "$src/font/bootstrap-icons.min.css" "$VENDOR/bootstrap-icons/bootstrap-icons.min.css"
# The font URLs carry a cache-busting query; the static storage hashes file
# names instead, and without the query base.html can preload the same URL.
sed -i -E 's/(bootstrap-icons\.woff2?)\?[0-9a-f]+/\1/g' "$VENDOR/bootstrap-icons/bootstrap-icons.min.css"
mkdir -p "$VENDOR/bootstrap-icons/fonts"
cp "$src/font/fonts/bootstrap-icons.woff2" "$src/font/fonts/bootstrap-icons.woff" "$VENDOR/bootstrap-icons/fonts/"
cp "$src/LICENSE" "$VENDOR/bootstrap-icons/LICENSE"

src="$WORK/chart.js"
place "$src/dist/chart.umd.min.js" "$VENDOR/chart.js/chart.umd.min.js"
cp "$src/LICENSE.md" "$VENDOR/chart.js/LICENSE.md"

cat >"$VENDOR/VERSIONS" <<EOF
# Written by scripts/vendor-assets.sh; do not edit by hand.
bootstrap $BOOTSTRAP sha512-$BOOTSTRAP_SHA512
bootstrap-icons $BOOTSTRAP_ICONS sha512-$BOOTSTRAP_ICONS_SHA512
chart.js $CHARTJS sha512-$CHARTJS_SHA512
EOF

echo "Vendored into $VENDOR:"
(cd "$VENDOR" && find . -type f | sort)
