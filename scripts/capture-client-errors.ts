/**
 * Regenerates the decoder's captured corpus, test/decoder-corpus/captured.json: every broken
 * situation of test/clients/scenarios.ts is served by a real `openssl s_server` on 127.0.0.1
 * and every real client found here (openssl s_client, curl, Python ssl/urllib/requests,
 * Node 24 and 20, Java) is run against it (runner: test/clients/real-clients.ts). Each failing
 * run becomes a corpus entry with the cause the situation really has.
 *
 *   ./node_modules/.bin/node scripts/capture-client-errors.ts
 */
import { writeFileSync } from 'node:fs';
import type { CauseId } from '../src/core/causes/cause-id.ts';
import { SITUATIONS } from '../test/clients/scenarios.ts';
import { REAL_CLIENTS, clientVersion, missingReason, runClient, startServer, type RealClient } from '../test/clients/real-clients.ts';

/** The cause each situation really has. */
export const SITUATION_CAUSE: Readonly<Record<string, CauseId | null>> = {
  ok: null,
  'incomplete-chain': 'incomplete-chain',
  'unknown-ca': 'unknown-ca',
  'self-signed-in-chain': 'unknown-ca',
  'self-signed-leaf': 'self-signed',
  expired: 'expired',
  'not-yet-valid': 'not-yet-valid',
  'hostname-mismatch': 'hostname-mismatch',
  'cn-only': 'hostname-mismatch',
  'invalid-ca': 'invalid-ca',
  'path-length': 'path-length-exceeded',
  'wrong-purpose': 'wrong-purpose',
  'no-keycertsign': 'invalid-ca',
  // the client trusts the intermediate only: its store lacks the root (OpenSSL without PARTIAL_CHAIN: code 2)
  'trusted-intermediate': 'unknown-ca',
  'weak-key': 'weak-key',
  'weak-digest': 'weak-signature',
  'client-cert-required': 'client-cert-required',
  'protocol-mismatch': 'protocol-mismatch',
  'name-constraints': 'name-constraints',
};

const CLIENT_ID: Record<RealClient, string> = {
  openssl: 'openssl',
  curl: 'curl',
  'python-ssl': 'python',
  'python-urllib': 'python',
  'python-requests': 'python',
  node24: 'node',
  node20: 'node',
  java: 'java',
};

/** Did the client refuse the connection? (s_client carries on after a verify error and exits 0.) */
function failed(client: RealClient, exit: number | null, output: string): boolean {
  if (client === 'openssl') return /verify error:num=|Verification error|:error:|errno=/.test(output) || exit !== 0;
  return exit !== 0;
}

/** Drop PEM blocks (s_client prints the certificate); the rest of the transcript stays. */
function trim(output: string): string {
  return output.replace(/-----BEGIN [^-]+-----[\s\S]*?-----END [^-]+-----\n?/g, '').trim();
}

if (import.meta.main) {
  const now = Date.now();
  const clients = REAL_CLIENTS.filter((c) => {
    const why = missingReason(c);
    if (why) console.error(`skip ${c}: ${why}`);
    return !why;
  });
  const entries: unknown[] = [];
  for (const def of SITUATIONS) {
    const expected = SITUATION_CAUSE[def.id];
    if (expected === undefined) throw new Error(`capture-client-errors: no cause for situation "${def.id}"; add it to SITUATION_CAUSE`);
    if (expected === null) continue;
    const sit = { id: def.id, code: def.code, depth: def.depth, ...(await def.build(now)) };
    const srv = await startServer(sit);
    try {
      for (const c of clients) {
        const r = runClient(c, srv, sit.host);
        if (!failed(c, r.exit, r.output)) continue;
        entries.push({
          id: `${def.id}/${c}`,
          situation: def.id,
          drawing: def.drawing,
          client: CLIENT_ID[c],
          runner: c,
          exit: r.exit,
          text: trim(r.output),
          expected,
          source: `captured here: ${clientVersion(c)} against openssl s_server on 127.0.0.1 (scripts/capture-client-errors.ts)`,
        });
      }
      console.error(`captured ${def.id}`);
    } finally {
      srv.stop();
    }
  }
  const out = {
    capturedAt: new Date(now).toISOString(),
    versions: Object.fromEntries(clients.map((c) => [c, clientVersion(c)])),
    entries,
  };
  writeFileSync(new URL('../test/decoder-corpus/captured.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
  console.error(`${entries.length} entries`);
}
