/**
 * Validator bench: the x509-limbo run (total, per case, agreement with expected_result), and
 * one generated chain (root -> ica -> ee, EC P-256) validated by certlab and by the real
 * `openssl verify` in the same run. openssl's figure includes starting its process, which is
 * how the CLI comparison is felt; the ratio is certlab / openssl. Then the name-constraint
 * attack chains (test/pki/nc-dos.ts: limbo's pathological::nc-dos-*, and one just under
 * OpenSSL's bound): certlab's validate() (openssl profile), every client's verdict
 * (clientVerdicts, what the CLI and the probe compute) and `openssl verify`, same run.
 */
import { webcrypto } from 'node:crypto';
import { parseCertificate } from '../src/core/x509/certificate.ts';
import { validate } from '../src/core/validate/validate.ts';
import { clientProfile } from '../src/core/clients/profiles.ts';
import { loadLimboCases, runLimboCase } from '../test/conformance/limbo-runner.ts';
import { ChainFactory, CA_EXT, leafExt } from '../test/pki/factory.ts';
import { opensslVerify } from '../test/openssl-verify/openssl-verify.ts';
import { clientVerdicts } from '../src/core/clients/verdicts.ts';
import { issueNcDosChains, NC_DOS_HOST } from '../test/pki/nc-dos.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const ms = (n: number) => n.toFixed(2);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

// --- limbo -------------------------------------------------------------------------------
const cases = loadLimboCases();
const now = Date.now();
const t0 = performance.now();
const results = [];
for (const { case: c } of cases) results.push(await runLimboCase(c, now));
const total = performance.now() - t0;
const agree = results.filter((r) => r.actual === r.expected).length;
const perCase = results.map((r) => r.ms);
console.log(`limbo cases: ${results.length}`);
console.log(`limbo agreement: ${agree}/${results.length} (${((100 * agree) / results.length).toFixed(1)}%)`);
console.log(`limbo total ms: ${ms(total)}`);
console.log(`limbo per-case mean ms: ${ms(total / results.length)}`);
console.log(`limbo per-case median ms: ${ms(pct(perCase, 0.5))}`);
console.log(`limbo per-case p95 ms: ${ms(pct(perCase, 0.95))}`);
console.log(`limbo slowest case: ${results.reduce((a, b) => (b.ms > a.ms ? b : a)).id}`);

// --- one chain: certlab vs openssl verify ------------------------------------------------
const f = ChainFactory.create();
try {
  f.issue({ name: 'root', subject: '/CN=Bench Root', ext: CA_EXT });
  f.issue({ name: 'ica', subject: '/CN=Bench ICA', issuer: 'root', ext: CA_EXT });
  f.issue({ name: 'ee', subject: '/CN=bench.example', issuer: 'ica', ext: leafExt('bench.example') });
  const at = Date.UTC(2025, 0, 1);
  const policy = clientProfile('openssl').policy;
  const runs = 30;
  const ours: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    // Parse and validate from DER each time, as the CLI does.
    const [ee, ica, root] = await Promise.all(['ee', 'ica', 'root'].map((n) => parseCertificate(f.der(n), subtle)));
    const r = await validate({ peer: ee, untrusted: [ica], anchors: [root], peerName: 'bench.example', at, policy, subtle });
    if (!r.ok) throw new Error(`bench chain did not validate: ${r.code} ${r.text}`);
    ours.push(performance.now() - s);
  }
  const theirs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const r = opensslVerify(f.path('ee'), { cafile: f.path('root'), untrusted: f.path('ica'), host: 'bench.example', attime: at / 1000, purpose: 'sslserver' });
    if (!r.ok) throw new Error(`openssl verify failed on the bench chain: ${r.output}`);
    theirs.push(performance.now() - s);
  }
  const a = pct(ours, 0.5);
  const b = pct(theirs, 0.5);
  console.log(`chain validate median ms (certlab, parse + validate): ${ms(a)}`);
  console.log(`chain verify median ms (openssl verify process): ${ms(b)}`);
  console.log(`chain ratio certlab/openssl: ${(a / b).toFixed(3)}`);
} finally {
  f.dispose();
}

// --- name-constraint attack chains: certlab vs openssl verify --------------------------------
const nc = ChainFactory.create();
try {
  issueNcDosChains(nc);
  const at = Date.UTC(2025, 0, 1);
  const policy = clientProfile('openssl').policy;
  const runs = 10;
  for (const [leaf, root] of [
    ['nc-dos-1', 'root'],
    ['nc-dos-2', 'root'],
    ['nc-dos-3', 'root'],
    ['nc-under', 'root-under'],
  ]) {
    const [peer, anchor] = await Promise.all([leaf, root].map((n) => parseCertificate(nc.der(n), subtle)));
    const one: number[] = [];
    const all: number[] = [];
    const theirs: number[] = [];
    let code = -1;
    for (let i = 0; i < runs; i++) {
      let s = performance.now();
      code = (await validate({ peer, anchors: [anchor], peerName: NC_DOS_HOST, at, policy, subtle })).code;
      one.push(performance.now() - s);
      s = performance.now();
      await clientVerdicts({ peer, anchors: [anchor], peerName: NC_DOS_HOST, at, subtle });
      all.push(performance.now() - s);
      s = performance.now();
      const r = opensslVerify(nc.path(leaf), { cafile: nc.path(root), host: NC_DOS_HOST, attime: at / 1000, purpose: 'sslserver' });
      theirs.push(performance.now() - s);
      if ((r.first?.code ?? 0) !== code) throw new Error(`${leaf}: certlab says ${code}, openssl verify ${r.first?.code ?? 0}`);
    }
    console.log(
      `${leaf} (code ${code}) median ms: validate ${ms(pct(one, 0.5))}, all clients ${ms(pct(all, 0.5))}, openssl verify process ${ms(pct(theirs, 0.5))}`,
    );
  }
} finally {
  nc.dispose();
}
