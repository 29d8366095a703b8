/**
 * Regenerates the captured client texts: builds each broken situation of
 * test/clients/scenarios.ts, serves it with a real `openssl s_server` on 127.0.0.1 and
 * runs every real client found here against it. Writes test/clients/captured.json.
 *
 *   ./node_modules/.bin/node scripts/capture-client-messages.ts [--client ID]... [situation-id ... | extras]
 *
 * With ids, only those situations (or the client-side "extras") are rerun and replaced.
 * With --client (e.g. `--client go` after a toolchain upgrade), only that client's runs and
 * version are replaced in every situation; the other clients' captures stay as they are.
 *
 * The `source` of messages.ts entries marked "captured here" points at this script.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SITUATIONS } from '../test/clients/scenarios.ts';
import { ALL_CLIENTS, clientVersion, missingReason, runClient, startServer } from '../test/clients/real-clients.ts';

const argv = process.argv.slice(2);
const onlyClients = argv.flatMap((a, i) => (argv[i - 1] === '--client' ? [a] : []));
const only = argv.filter((a, i) => a !== '--client' && argv[i - 1] !== '--client');
const unknown = onlyClients.filter((c) => !(ALL_CLIENTS as string[]).includes(c));
if (unknown.length) throw new Error(`unknown --client ${unknown.join(', ')}. Expected one of: ${ALL_CLIENTS.join(', ')}`);
const now = Date.now();
const clients = ALL_CLIENTS.filter((c) => onlyClients.length === 0 || onlyClients.includes(c)).filter((c) => {
  const why = missingReason(c);
  if (why) console.error(`skip ${c}: ${why}`);
  return !why;
});
const out: Record<string, unknown> = {
  capturedAt: new Date(now).toISOString(),
  versions: Object.fromEntries(clients.map((c) => [c, clientVersion(c)])),
  situations: [] as unknown[],
};
for (const def of SITUATIONS.filter((s) => only.length === 0 || only.includes(s.id))) {
  const sit = { id: def.id, code: def.code, depth: def.depth, ...(await def.build(now)) };
  const srv = await startServer(sit);
  try {
    const runs = clients.map((c) => {
      const r = runClient(c, srv, sit.host);
      // keep only the lines that carry the verdict (s_client prints certificates and session data too)
      const lines = r.output.split('\n').filter((l) => c !== 'openssl' || /verify|error|Verification/i.test(l));
      return { client: c, exit: r.exit, output: lines.join('\n').trim() };
    });
    (out.situations as unknown[]).push({ id: def.id, drawing: def.drawing, code: def.code, depth: def.depth, runs });
    console.error(`captured ${def.id}`);
  } finally {
    srv.stop();
  }
}
// Client-side failures that need no broken server: curl's local-file, pinning and OCSP errors,
// and `openssl verify` on a leaf whose issuer is missing. Run against the 'ok' situation.
if ((only.length === 0 || only.includes('extras')) && onlyClients.length === 0) {
  const def = SITUATIONS.find((s) => s.id === 'ok')!;
  const sit = { id: def.id, code: def.code, depth: def.depth, ...(await def.build(now)) };
  const srv = await startServer(sit);
  try {
    const url = `https://${sit.host}:${srv.port}/`;
    const base = ['-sS', '-o', '/dev/null', '--resolve', `${sit.host}:${srv.port}:127.0.0.1`];
    const curl = (label: string, args: string[]) => {
      const r = spawnSync('curl', [...base, ...args, url], { encoding: 'utf8' });
      return { label, command: `curl ${args.join(' ')}`, exit: r.status, output: `${r.stdout}${r.stderr}`.trim() };
    };
    const leafOnly = join(srv.dir, 'leaf.pem');
    const verify = spawnSync('openssl', ['verify', '-CAfile', srv.caFile, leafOnly], { encoding: 'utf8' });
    (out as Record<string, unknown>).extras = [
      curl('77-cafile', ['--cacert', '/nonexistent/ca.pem']),
      curl('58-client-cert', ['--cacert', srv.caFile, '--cert', '/nonexistent/client.pem']),
      curl('90-pin', ['--cacert', srv.caFile, '--pinnedpubkey', 'sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=']),
      curl('91-no-ocsp', ['--cacert', srv.caFile, '--cert-status']),
      {
        label: 'openssl-verify-missing-issuer',
        command: 'openssl verify -CAfile ca.pem leaf.pem',
        exit: verify.status,
        output: `${verify.stdout}${verify.stderr}`.trim().replace(srv.dir, '<dir>'),
      },
    ];
    console.error('captured extras');
  } finally {
    srv.stop();
  }
}
// With situation ids given, only those are replaced in the existing file.
const file = new URL('../test/clients/captured.json', import.meta.url);
type Run = { client: string };
type CapturedSituation = { id: string; runs: Run[] };
if (onlyClients.length > 0 && existsSync(file)) {
  // Only these clients' runs are replaced, in place, keeping each situation's client order.
  const old = JSON.parse(readFileSync(file, 'utf8')) as { situations: CapturedSituation[]; versions: object; capturedAt: string; capturedAtByClient?: object };
  for (const f of out.situations as CapturedSituation[]) {
    const s = old.situations.find((o) => o.id === f.id);
    if (!s) {
      old.situations.push(f);
      continue;
    }
    for (const run of f.runs) {
      const i = s.runs.findIndex((r) => r.client === run.client);
      if (i >= 0) s.runs[i] = run;
      else s.runs.push(run);
    }
  }
  // capturedAt stays the time of the full capture; capturedAtByClient says when a client was recaptured alone
  const byClient = { ...old.capturedAtByClient, ...Object.fromEntries(onlyClients.map((c) => [c, out.capturedAt])) };
  Object.assign(out, old, { versions: { ...old.versions, ...(out.versions as object) }, capturedAt: old.capturedAt, capturedAtByClient: byClient });
} else if (only.length > 0 && existsSync(file)) {
  const old = JSON.parse(readFileSync(file, 'utf8')) as { situations: { id: string }[]; extras?: unknown; versions: object };
  const fresh = out.situations as { id: string }[];
  const order = SITUATIONS.map((s) => s.id);
  out.situations = [...old.situations.filter((s) => !fresh.some((f) => f.id === s.id)), ...fresh].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  if (!('extras' in out)) out.extras = old.extras;
  out.versions = { ...old.versions, ...(out.versions as object) };
}
writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
