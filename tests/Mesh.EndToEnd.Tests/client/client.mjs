// An independent MCP client (the official TypeScript SDK) for Mesh's end-to-end tests.
//
// Reads one JSON scenario on stdin:
//   { "command": "dotnet", "args": ["mesh.dll", "serve", "--workspace", "/tmp/ws"], "cwd": "/tmp/ws",
//     "timeoutMs": 30000,
//     "steps": [ { "op": "tools/list" }, { "op": "tools/call", "name": "list_apis", "arguments": {}, "progress": true },
//                { "op": "resources/list" }, { "op": "resources/templates/list" }, { "op": "resources/read", "uri": "mesh://repos" } ] }
// starts the server with StdioClientTransport, runs the steps in order and prints ONE JSON object on stdout:
//   { "server": {...}, "instructions": "...", "capabilities": {...}, "steps": [ { "op", "ok", "result" | "error", "progress" } ],
//     "stderr": "<what the server wrote on stderr>" }
// A failing step is recorded and the scenario goes on, so a test sees every answer; exit code 1 only when the
// client could not connect at all (the JSON then has "fatal").
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport, getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

function describeError(e) {
  return { message: String(e?.message ?? e), code: e?.code ?? null, data: e?.data ?? null };
}

async function runStep(client, step, timeout) {
  const options = { timeout };
  const progress = [];
  if (step.progress) {
    options.onprogress = (p) => progress.push(p);
    options.resetTimeoutOnProgress = true;
  }
  switch (step.op) {
    case "tools/list":
      return { result: await client.listTools({}, options), progress };
    case "tools/call":
      return { result: await client.callTool({ name: step.name, arguments: step.arguments ?? {} }, undefined, options), progress };
    case "resources/list":
      return { result: await client.listResources({}, options), progress };
    case "resources/templates/list":
      return { result: await client.listResourceTemplates({}, options), progress };
    case "resources/read":
      return { result: await client.readResource({ uri: step.uri }, options), progress };
    case "ping":
      return { result: await client.ping(options), progress };
    default:
      throw new Error(`unknown step op '${step.op}'`);
  }
}

async function main() {
  const scenario = await readStdin();
  const timeout = scenario.timeoutMs ?? 30000;
  let stderr = "";
  const transport = new StdioClientTransport({
    command: scenario.command,
    args: scenario.args ?? [],
    cwd: scenario.cwd,
    // The SDK passes only a safe subset of the environment by default; dotnet also needs its DOTNET_* variables.
    env: { ...getDefaultEnvironment(), ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("DOTNET_"))), ...(scenario.env ?? {}) },
    stderr: "pipe",
  });
  transport.stderr?.on("data", (d) => { stderr += d.toString("utf8"); });

  const client = new Client({ name: "mesh-e2e-ts-client", version: "1.0.0" }, { capabilities: {} });
  const report = { steps: [] };
  try {
    await client.connect(transport, { timeout });
  } catch (e) {
    report.fatal = describeError(e);
    report.stderr = stderr;
    await write(report);
    process.exit(1);
  }
  report.server = client.getServerVersion() ?? null;
  report.instructions = client.getInstructions() ?? null;
  report.capabilities = client.getServerCapabilities() ?? null;

  for (const step of scenario.steps ?? []) {
    const entry = { op: step.op, name: step.name, uri: step.uri };
    try {
      const { result, progress } = await runStep(client, step, timeout);
      Object.assign(entry, { ok: true, result, progress });
    } catch (e) {
      Object.assign(entry, { ok: false, error: describeError(e) });
    }
    report.steps.push(entry);
  }

  await client.close();
  report.stderr = stderr;
  await write(report);
}

function write(report) {
  return new Promise((resolve) => process.stdout.write(JSON.stringify(report) + "\n", resolve));
}

main().catch(async (e) => {
  await write({ fatal: describeError(e), steps: [] });
  process.exit(1);
});
