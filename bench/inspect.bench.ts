/**
 * Inspection speed on the whole Debian CA bundle (/etc/ssl/certs/ca-certificates.crt):
 * parse every certificate and take its SHA-256 fingerprint, with certlab's core
 * (pemCertificates + parseCertificates: structures decoded, then SHA-256, SHA-1 and the
 * SPKI pin through WebCrypto, all digests concurrently) and, as the reference in the same
 * run, Node's native crypto.X509Certificate (+ fingerprint256). Ratio = certlab / native;
 * the goal is at most 3x. Also: the synchronous structure decode alone, and the whole
 * inspect() of the bundle file (which also checks every root's self-signature).
 */
import { readFileSync } from 'node:fs';
import { X509Certificate, webcrypto } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pemCertificates } from '../src/core/formats/pem.ts';
import { decodeCertificate, parseCertificates } from '../src/core/x509/certificate.ts';
import { inspect } from '../src/core/inspect/inspect.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const text = readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8');
const ROUNDS = 30;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const count = pemCertificates(text).length;
let sink = '';

const measures: Record<string, () => Promise<unknown> | unknown> = {
  core: async () => {
    for (const c of await parseCertificates(pemCertificates(text), subtle)) sink = c.sha256;
  },
  native: () => {
    // Node's own PEM reading: split the blocks, X509Certificate parses each, fingerprint256 hashes it
    for (const block of text.split(/(?=-----BEGIN CERTIFICATE-----)/)) {
      if (block.includes('BEGIN CERTIFICATE')) sink = new X509Certificate(block).fingerprint256;
    }
  },
  structure: () => {
    for (const der of pemCertificates(text)) sink = decodeCertificate(der).serialHex;
  },
  whole: () => inspect(text, { subtle, at: 1_800_000_000_000 }),
};

// Rounds interleave the measures so background load on the machine hits them alike.
const times: Record<string, number[]> = { core: [], native: [], structure: [], whole: [] };
for (let i = 0; i < ROUNDS + 3; i++) {
  for (const [name, fn] of Object.entries(measures)) {
    const t0 = performance.now();
    await fn();
    if (i >= 3) times[name].push(performance.now() - t0); // 3 warm-up rounds
  }
}
// the ratio of each round (measured back to back), then the median: steadier on a busy machine
const ratio = median(times.core.map((c, i) => c / times.native[i]));
const core = median(times.core);
const native = median(times.native);
const structure = median(times.structure);
const whole = median(times.whole);

console.log(`certificates: ${count}`);
console.log(`certlab parse + fingerprints (ms): ${core.toFixed(1)}`);
console.log(`node X509Certificate + fingerprint256 (ms): ${native.toFixed(1)}`);
console.log(`ratio certlab/native: ${ratio.toFixed(2)} (goal <= 3; median of per-round ratios)`);
console.log(`certlab structure decode only, no hashing (ms): ${structure.toFixed(1)}`);
console.log(`certlab inspect() of the whole bundle, with bundle analysis (ms): ${whole.toFixed(1)}`);
console.log(`per certificate, certlab (us): ${((core / count) * 1000).toFixed(0)}`);
if (!sink) process.exit(1);
