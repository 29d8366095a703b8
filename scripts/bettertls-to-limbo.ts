/**
 * Turns scripts/bettertls-export's JSON into x509-limbo-shaped cases (the shape
 * test/conformance/limbo-runner.ts reads), gzip-compressed:
 *
 *   (cd scripts/bettertls-export && go run . -out /tmp/bettertls.json)
 *   ./node_modules/.bin/node scripts/bettertls-to-limbo.ts /tmp/bettertls.json test/conformance/bettertls/bettertls.limbo.json.gz
 *
 * Ids are `bettertls::<suite>::tc<N>`, as x509-limbo names them. The mapping is x509-limbo's
 * (limbo/testcases/bettertls.py): the root is the only trust anchor and is dropped from the
 * intermediates; the hostname becomes an IP or DNS peer name; ACCEPT/REJECT become
 * SUCCESS/FAILURE (soft results, `failureIsWarning`, keep their hard expectation; the flag is
 * kept as the feature `bettertls-soft`); the validation time is one second after the leaf's
 * notBefore, or one second after its notAfter when the case tests expiry and expects REJECT.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { webcrypto } from 'node:crypto';
import { parseCertificate } from '../src/core/x509/certificate.ts';

interface ExportedCase {
  suite: string;
  id: number;
  certificates: string[];
  hostname: string;
  requiredFeatures: string[];
  expected: 'ACCEPT' | 'REJECT';
  failureIsWarning: boolean;
}

interface Exported {
  module: string;
  trustRoot: string;
  cases: ExportedCase[];
}

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

function pem(b64: string): string {
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

async function convert(e: Exported) {
  const testcases = [];
  for (const c of e.cases) {
    const [leafB64, ...rest] = c.certificates;
    const intermediates = rest.filter((b) => b !== e.trustRoot);
    const leaf = await parseCertificate(Buffer.from(leafB64, 'base64'), subtle);
    const expiry = c.requiredFeatures.includes('INVALID_REASON_EXPIRED') && c.expected === 'REJECT';
    const at = expiry ? leaf.notAfter + 1000 : leaf.notBefore + 1000;
    testcases.push({
      id: `bettertls::${c.suite}::tc${c.id}`,
      description: `Testcase \`${c.id}\` from the BetterTLS \`${c.suite}\` suite.`,
      validation_kind: 'SERVER',
      trusted_certs: [pem(e.trustRoot)],
      untrusted_intermediates: intermediates.map(pem),
      peer_certificate: pem(leafB64),
      validation_time: new Date(at).toISOString().replace('.000Z', 'Z'),
      extended_key_usage: null,
      expected_result: c.expected === 'ACCEPT' ? 'SUCCESS' : 'FAILURE',
      expected_peer_name: { kind: isIp(c.hostname) ? 'IP' : 'DNS', value: c.hostname },
      max_chain_depth: null,
      features: c.failureIsWarning ? ['bettertls-soft', ...c.requiredFeatures] : c.requiredFeatures,
    });
  }
  return { version: 1, source: e.module, testcases };
}

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write('usage: bettertls-to-limbo.ts <export.json> <out.limbo.json.gz>\n');
  process.exitCode = 2;
} else {
  const limbo = await convert(JSON.parse(readFileSync(input, 'utf8')) as Exported);
  writeFileSync(output, gzipSync(JSON.stringify(limbo), { level: 9 }));
  process.stdout.write(`${limbo.testcases.length} cases -> ${output}\n`);
}
