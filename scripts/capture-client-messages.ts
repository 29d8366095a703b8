/**
 * Regenerates the captured client texts: builds each broken situation of
 * test/clients/scenarios.ts, serves it with a real `openssl s_server` on 127.0.0.1 and
 * runs every real client found here against it. Writes test/clients/captured.json.
 *
 *   ./node_modules/.bin/node scripts/capture-client-messages.ts [situation-id ... | extras]
 *
 * With ids, only those situations (or the client-side "extras") are rerun and replaced.
 *
 * The `source` of messages.ts entries marked "captured here" points at this script.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SITUATIONS } from '../test/clients/scenarios.ts';
import { ALL_CLIENTS, clientVersion, missingReason, runClient, startServer } from '../test/clients/real-clients.ts';

const only = process.argv.slice(2);
const now = Date.now();
const clients = ALL_CLIENTS.filter((c) => {
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
if (only.length === 0 || only.includes('extras')) {
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
      { label: 'openssl-verify-missing-issuer', command: 'openssl verify -CAfile ca.pem leaf.pem', exit: verify.status,
        output: `${verify.stdout}${verify.stderr}`.trim().replace(srv.dir, '<dir>') },
    ];
    console.error('captured extras');
  } finally {
    srv.stop();
  }
}
// With situation ids given, only those are replaced in the existing file.
const file = new URL('../test/clients/captured.json', import.meta.url);
if (only.length > 0 && existsSync(file)) {
  const old = JSON.parse(readFileSync(file, 'utf8')) as { situations: { id: string }[]; extras?: unknown; versions: object };
  const fresh = out.situations as { id: string }[];
  const order = SITUATIONS.map((s) => s.id);
  out.situations = [...old.situations.filter((s) => !fresh.some((f) => f.id === s.id)), ...fresh]
    .sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  if (!('extras' in out)) out.extras = old.extras;
  out.versions = { ...old.versions, ...(out.versions as object) };
}
writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
