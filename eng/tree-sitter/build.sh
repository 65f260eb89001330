#!/usr/bin/env bash
# Builds Mesh's native tree-sitter library (core + grammars) from the npm packages pinned in versions.json,
# plus Mesh's own helpers (*.c beside this script).
# Usage: eng/tree-sitter/build.sh OUTDIR   → OUTDIR/libmesh-tree-sitter.so (.dylib on macOS)
# Downloads go to artifacts/tree-sitter/cache (gitignored); every tarball is checked against its pinned integrity.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
manifest="$here/versions.json"

# MSBuild's Exec shows lines in this shape as build errors.
fail() { echo "eng/tree-sitter/build.sh : error MESHTS01: $*" >&2; exit 1; }

[ $# -eq 1 ] || fail "usage: eng/tree-sitter/build.sh OUTDIR"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
  || fail "npm was not found: install Node.js 20 or later (with npm) to build Mesh's native tree-sitter library."
cc=${CC:-}
if [ -z "$cc" ]; then
  for candidate in cc gcc clang; do
    if command -v "$candidate" >/dev/null 2>&1; then cc=$candidate; break; fi
  done
fi
[ -n "$cc" ] && command -v "$cc" >/dev/null 2>&1 \
  || fail "no C compiler was found: install gcc or clang (Debian/Ubuntu: apt-get install build-essential) to build Mesh's native tree-sitter library."

case "$(uname -s)" in
  Darwin) lib=libmesh-tree-sitter.dylib; shared_flag=-dynamiclib ;;
  *) lib=libmesh-tree-sitter.so; shared_flag=-shared ;;
esac

mkdir -p "$1"
out=$(cd "$1" && pwd)
cache="$root/artifacts/tree-sitter/cache"
mkdir -p "$cache"

# The build key: what the library is made of. Same key, same library: nothing to do.
key=$(cat "$manifest" "${BASH_SOURCE[0]}" "$here"/*.c | node -e '
  const h = require("crypto").createHash("sha256");
  process.stdin.on("data", d => h.update(d)).on("end", () => console.log(h.digest("hex") + "-" + process.arch));')

# Several projects or configurations may build at once: one builder at a time per OUTDIR, and the library
# appears by an atomic rename, so a reader never sees half a file.
exec 9>"$out/.build.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if [ -f "$out/$lib" ] && [ "$(cat "$out/.build-key" 2>/dev/null)" = "$key" ]; then
  touch "$out/$lib"
  exit 0
fi

started=$(date +%s)
work=$(mktemp -d "$root/artifacts/tree-sitter/build.XXXXXX")
trap 'rm -rf "$work"' EXIT

integrity_of() {
  node -e 'const fs = require("fs"), c = require("crypto");
    console.log("sha512-" + c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"));' "$1"
}

# kind package version integrity source-dirs (one line per package)
packages=$(node -e '
  const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(["core", m.core.package, m.core.version, m.core.integrity, m.core.lib].join(" "));
  for (const g of m.grammars) console.log(["grammar", g.package, g.version, g.integrity, ...g.sources].join(" "));' "$manifest")

sources=()   # "file<TAB>include flags" to compile
core_lib=
while read -r kind package version integrity dirs; do
  tarball="$cache/$package-$version.tgz"
  if [ ! -f "$tarball" ] || [ "$(integrity_of "$tarball")" != "$integrity" ]; then
    rm -f "$tarball"
    (cd "$cache" && npm pack "$package@$version" --pack-destination "$cache" >"$work/npm.log" 2>&1) \
      || { cat "$work/npm.log" >&2; fail "npm pack $package@$version failed (see the npm output above): check the npm registry is reachable."; }
    [ -f "$tarball" ] || fail "npm pack $package@$version did not write $tarball."
    actual=$(integrity_of "$tarball")
    if [ "$actual" != "$integrity" ]; then
      rm -f "$tarball"
      fail "$package@$version does not match its pinned integrity (expected $integrity, got $actual): the registry served different bytes."
    fi
  fi
  mkdir -p "$work/$package"
  tar -xzf "$tarball" -C "$work/$package"
  pkgdir="$work/$package/package"
  if [ "$kind" = core ]; then
    core_lib="$pkgdir/$dirs"
    [ -f "$core_lib/src/lib.c" ] || fail "$package@$version has no $dirs/src/lib.c: update 'lib' in versions.json."
    sources+=("$core_lib/src/lib.c")
  else
    for dir in $dirs; do
      [ -f "$pkgdir/$dir/parser.c" ] || fail "$package@$version has no $dir/parser.c: update 'sources' in versions.json."
      sources+=("$pkgdir/$dir/parser.c")
      if [ -f "$pkgdir/$dir/scanner.c" ]; then sources+=("$pkgdir/$dir/scanner.c"); fi
    done
  fi
done <<<"$packages"
# Mesh's own C (helpers that save a P/Invoke per node), compiled against the core's headers.
for own in "$here"/*.c; do sources+=("$own"); done

# Biggest files first, so the two largest grammars do not end up last on the same core.
sorted=()
while read -r file; do sorted+=("$file"); done < <(for f in "${sources[@]}"; do echo "$(wc -c <"$f") $f"; done | sort -rn | cut -d' ' -f2-)
sources=("${sorted[@]}")

jobs=$( (nproc || sysctl -n hw.ncpu || echo 2) 2>/dev/null | head -n 1)
objects=()
running=0
index=0
for src in "${sources[@]}"; do
  index=$((index + 1))
  obj="$work/obj-$index-$(basename "$src" .c).o"
  objects+=("$obj")
  # NDEBUG: a failed assertion inside tree-sitter would abort the whole process, not just one file.
  "$cc" -O2 -fPIC -std=c11 -D_DEFAULT_SOURCE -DNDEBUG -I"$core_lib/include" -I"$core_lib/src" -I"$(dirname "$src")" \
    -c "$src" -o "$obj" >"$obj.log" 2>&1 || { echo "${src#"$work/"}" >"$obj.failed"; } &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    if [ "${BASH_VERSINFO[0]}" -gt 4 ] || { [ "${BASH_VERSINFO[0]}" -eq 4 ] && [ "${BASH_VERSINFO[1]}" -ge 3 ]; }; then
      wait -n; running=$((running - 1))
    else
      wait; running=0
    fi
  fi
done
wait
for obj in "${objects[@]}"; do
  if [ -f "$obj.failed" ]; then
    cat "$obj.log" >&2
    fail "compiling $(cat "$obj.failed") with $cc failed (compiler output above)."
  fi
done

"$cc" "$shared_flag" -o "$work/$lib" "${objects[@]}" >"$work/link.log" 2>&1 \
  || { cat "$work/link.log" >&2; fail "linking $lib with $cc failed (linker output above)."; }
mv -f "$work/$lib" "$out/$lib.tmp.$$"
mv -f "$out/$lib.tmp.$$" "$out/$lib"
echo "$key" >"$out/.build-key"
echo "tree-sitter: built $out/$lib ($(( $(wc -c <"$out/$lib") / 1024 )) KiB) in $(( $(date +%s) - started )) s"
