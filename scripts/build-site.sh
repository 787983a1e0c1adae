#!/usr/bin/env bash
# The release site and server, as `cargo leptos build --release --precompress` makes them from
# [package.metadata.leptos] in Cargo.toml, without cargo-leptos (`make build` runs this).
#
# Why not cargo-leptos itself: compiling it took 11 of the 19 minutes of a fresh `make run`, and
# on a fresh CI machine it pushed `make test` past its time limit. Each step here is one call of
# the tool cargo-leptos calls or embeds: cargo, wasm-bindgen-cli, wasm-opt (npm binaryen), a JS
# minifier (npm esbuild, where cargo-leptos embeds swc) and lightningcss (npm lightningcss-cli,
# the library cargo-leptos embeds). `cargo leptos watch` and `cargo leptos end-to-end` still work
# from the same metadata; `make watch` installs cargo-leptos for them.
#
# Output, as cargo-leptos's:
#   target/site/                 public/ (with the newsroom bundle), then
#   target/site/pkg/             timelines.<hash>.js, .wasm and .css (hash: MD5, base64url)
#   target/release/hash.txt      "js: <hash>" lines, read by the server at start
#   every file in target/site    beside its .br and .gz (the server sends them when accepted)
#   target/release/timelines     the server
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# As [package.metadata.leptos] in Cargo.toml says: output-name, site-root, site-pkg-dir,
# style-file, browserquery (read from it, so the two cannot drift apart).
metadata() { awk -v key="$1" '/^\[package\.metadata\.leptos\]/ { f = 1; next } /^\[/ { f = 0 }
  f && $1 == key { sub(/^[^=]*= *"/, ""); sub(/".*/, ""); print; exit }' Cargo.toml; }
NAME="$(metadata output-name)"
SITE="$(metadata site-root)"
PKG="$SITE/$(metadata site-pkg-dir)"
STYLE="$(metadata style-file)"
BROWSERS="$(metadata browserquery)"
[[ -n "$NAME" && -n "$SITE" && "$PKG" != "$SITE/" && -f "$STYLE" && -n "$BROWSERS" ]] ||
  { echo "build-site: could not read [package.metadata.leptos] from Cargo.toml" >&2; exit 1; }
WASM_TARGET=wasm32-unknown-unknown
for tool in wasm-bindgen wasm-opt esbuild lightningcss node openssl basenc; do
  command -v "$tool" >/dev/null || { echo "build-site: $tool not found: run make tools" >&2; exit 1; }
done

# The environment cargo-leptos gives both builds (RUSTFLAGS: always-erase-components), so that
# its builds and these share one cache and neither invalidates the other's.
export LEPTOS_OUTPUT_NAME="$NAME" LEPTOS_SITE_ROOT="$SITE" LEPTOS_SITE_PKG_DIR="${PKG#"$SITE/"}" \
  LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=. LEPTOS_BIN_DIR=. \
  LEPTOS_JS_MINIFY=true LEPTOS_HASH_FILES=true LEPTOS_HASH_FILE_NAME=hash.txt \
  RUSTFLAGS="--cfg erase_components"

echo "==> build-site: the readers' wasm (cargo build --lib --features hydrate, wasm-release)"
cargo build --package="$NAME" --lib --target-dir=target/front --target=$WASM_TARGET \
  --no-default-features --features=hydrate --profile=wasm-release

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "==> build-site: wasm-bindgen, wasm-opt, esbuild --minify, lightningcss --minify"
wasm-bindgen --target=web --no-typescript --out-name="$NAME" --out-dir="$work" \
  "target/front/$WASM_TARGET/wasm-release/$NAME.wasm"
# JS snippets of dependencies (#[wasm_bindgen(module = ...)]) would need copying beside the JS,
# unhashed, as cargo-leptos does; there are none, and a new one must not go missing unnoticed.
[[ ! -e "$work/snippets" ]] ||
  { echo "build-site: wasm-bindgen wrote snippets/, which this script does not copy yet" >&2; exit 1; }
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  "$work/${NAME}_bg.wasm" -o "$work/$NAME.wasm"
esbuild "$work/$NAME.js" --minify --format=esm --log-level=warning --outfile="$work/$NAME.min.js"
lightningcss --minify --bundle --targets "$BROWSERS" "$STYLE" -o "$work/$NAME.css"

# The site root starts empty (as cargo-leptos's does), then gets public/ and the package.
rm -rf "$SITE" && mkdir -p "$PKG"
cp -R public/. "$SITE/"
hash_of() { openssl md5 -binary "$1" | basenc --base64url | tr -d '='; }
wasm_hash="$(hash_of "$work/$NAME.wasm")"
css_hash="$(hash_of "$work/$NAME.css")"
# The JS's default wasm URL names the hashed file, as cargo-leptos's does (the island loader
# passes the URL itself), before the JS's own hash is taken: a new wasm gives the JS a new name,
# so the page's bundle changes whenever either does.
sed -i "s/${NAME}_bg\.wasm/$NAME.$wasm_hash.wasm/g" "$work/$NAME.min.js"
js_hash="$(hash_of "$work/$NAME.min.js")"
cp "$work/$NAME.min.js" "$PKG/$NAME.$js_hash.js"
cp "$work/$NAME.wasm" "$PKG/$NAME.$wasm_hash.wasm"
cp "$work/$NAME.css" "$PKG/$NAME.$css_hash.css"

echo "==> build-site: .br and .gz beside every file of the site"
find "$SITE" -type f ! -name '*.br' ! -name '*.gz' -print0 | xargs -0 node scripts/precompress.js

# The hashes beside the server before it is built (as cargo-leptos writes them): a server build
# that fails leaves the old binary naming the files now in the site.
mkdir -p target/release
printf 'js: %s\nwasm: %s\ncss: %s\n' "$js_hash" "$wasm_hash" "$css_hash" > target/release/hash.txt

echo "==> build-site: the server (cargo build --bin --features ssr --release)"
cargo build --package="$NAME" --bin="$NAME" --no-default-features --features=ssr --release
echo "    $PKG: $(stat -c %s "$PKG/$NAME.$wasm_hash.wasm.br") bytes of wasm, $(stat -c %s "$PKG/$NAME.$js_hash.js.br") of JS, $(stat -c %s "$PKG/$NAME.$css_hash.css.br") of CSS (brotli)"
