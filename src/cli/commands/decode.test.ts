import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { run } from './decode.ts';

function io(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), readStdin: async () => new TextEncoder().encode(stdin) },
  };
}

describe('certlab decode', () => {
  it('prints the JSON shape for a code given as an argument', async () => {
    const t = io();
    expect(await run(['--json', '10'], t.io)).toBe(0);
    const j = JSON.parse(t.out.join(''));
    expect({ cause: j.cause, liability: j.liability, code: j.code, name: j.name, client: j.client, lesson: j.lesson, next: j.next }).toEqual({
      cause: 'expired',
      liability: 'server',
      code: 10,
      name: 'X509_V_ERR_CERT_HAS_EXPIRED',
      client: null,
      lesson: '/lessons/reading-a-certificate/#validity',
      next: "openssl s_client -connect HOST:443 -servername HOST -showcerts </dev/null 2>/dev/null | grep -E '^ *(depth|v:|Verify)'; date -u",
    });
    expect(Object.keys(j.actions)).toEqual(['server', 'client']);
  });

  it('reads standard input when no text is given, and exits 1 when nothing is placed', async () => {
    const t = io(
      "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: shop.example.com. is not in the cert's altnames: DNS:www.example.org",
    );
    expect(await run([], t.io)).toBe(0);
    // the human output names the cause and the client in words (the JSON keeps the ids)
    expect(t.out.join('').split('\n').slice(0, 4)).toEqual([
      'cause:      The certificate is not for the name the client asked for (confidence: high)',
      'code:       X509_V_ERR_HOSTNAME_MISMATCH (62: hostname mismatch) [OpenSSL 3.0 numbering]',
      'printed by: Node.js (tls / https / fetch)',
      'who acts:   either side, depending on whose CA it is',
    ]);
    expect(t.out.join('')).toContain(
      'confirm with: openssl s_client -connect shop.example.com:443 -servername shop.example.com </dev/null 2>/dev/null | openssl x509 -noout -subject -ext subjectAltName',
    );
    const u = io('all is well');
    expect(await run([], u.io)).toBe(1);
  });

  it('rejects unknown options and empty input with a usage message', async () => {
    const t = io();
    expect(await run(['--yaml'], t.io)).toBe(2);
    expect(t.err.join('')).toContain('unknown option "--yaml". Expected --json, --evidence FILE or --help.');
    const e = io('   ');
    expect(await run([], e.io)).toBe(2);
  });

  it('runs as the real command line', () => {
    const r = spawnSync('npm', ['run', '-s', 'certlab', '--', 'decode', '--json', 'X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ cause: 'unknown-ca', code: 19, liability: 'both' });
  });

  // s_client from the failing machine: the server sends its leaf only (root -> ica -> ee; ee sent)
  const LEAF_ONLY = [
    'CONNECTED(00000003)',
    'depth=0 CN = shop.example.com',
    'verify error:num=20:unable to get local issuer certificate',
    'verify return:1',
    'depth=0 CN = shop.example.com',
    'verify error:num=21:unable to verify the first certificate',
    'verify return:1',
    '---',
    'Certificate chain',
    ' 0 s:CN = shop.example.com',
    "   i:C = US, O = Let's Encrypt, CN = R11",
    '---',
    'Verify return code: 21 (unable to verify the first certificate)',
  ].join('\n');
  const CURL_20 = 'curl: (60) SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html';

  it("decides code 20 from an s_client transcript given as evidence: a leaf whose issuer is an intermediate is the server's", async () => {
    const before = io();
    expect(await run(['--json', CURL_20], before.io)).toBe(0);
    const b = JSON.parse(before.out.join(''));
    expect({
      cause: b.cause,
      confidence: b.confidence,
      host: b.host,
      candidates: b.candidates.map((c: { cause: string }) => c.cause),
      command: b.evidence_needed.command,
    }).toEqual({
      cause: 'unknown-ca',
      confidence: 'ambiguous',
      host: null,
      candidates: ['unknown-ca', 'incomplete-chain', 'outdated-client-store'],
      command: 'openssl s_client -connect HOST:443 -servername HOST -showcerts </dev/null',
    });
    const t = io(LEAF_ONLY);
    expect(await run(['--json', '--evidence', '-', CURL_20], t.io)).toBe(0);
    const j = JSON.parse(t.out.join(''));
    expect({
      cause: j.cause,
      case: j.case,
      liability: j.liability,
      confidence: j.confidence,
      evidence: j.evidence,
      evidence_needed: j.evidence_needed,
    }).toEqual({
      cause: 'incomplete-chain',
      case: 'missing-intermediate',
      liability: 'server',
      confidence: 'high',
      evidence: {
        kind: 's_client',
        finding: 'The server sends only its own certificate; its issuer "C = US, O = Let\'s Encrypt, CN = R11" is an intermediate CA the server must send too.',
      },
      evidence_needed: null,
    });
  });

  it("reads an inspection product in the evidence as interception, the client's to fix", async () => {
    const zscaler = LEAF_ONLY.replace("C = US, O = Let's Encrypt, CN = R11", 'C = US, O = Zscaler Inc., CN = Zscaler Intermediate Root CA (zscaler.net)');
    const t = io(zscaler);
    expect(await run(['--json', '--evidence', '-', CURL_20], t.io)).toBe(0);
    const j = JSON.parse(t.out.join(''));
    expect([j.cause, j.case, j.liability, j.confidence]).toEqual(['unknown-ca', 'tls-inspection', 'client', 'high']);
    const human = io(zscaler);
    expect(await run(['--evidence', '-', CURL_20], human.io)).toBe(0);
    expect(human.out.join('').split('\n').slice(0, 4)).toEqual([
      "cause:      The chain ends at a CA this client does not trust: a TLS-inspecting proxy on the client's network replaces the certificate (confidence: high)",
      'code:       X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY (20: unable to get local issuer certificate) [OpenSSL 3.0 numbering]',
      'printed by: curl',
      "who acts:   the client's operator",
    ]);
  });

  it('reads an expired root at the top of the evidence chain as an outdated client store', async () => {
    const chain = [
      'depth=3 O = Digital Signature Trust Co., CN = DST Root CA X3',
      'verify error:num=10:certificate has expired',
      'notAfter=Sep 30 14:01:15 2021 GMT',
      '---',
      'Certificate chain',
      ' 0 s:CN = example.org',
      "   i:C = US, O = Let's Encrypt, CN = R3",
      " 1 s:C = US, O = Let's Encrypt, CN = R3",
      '   i:C = US, O = Internet Security Research Group, CN = ISRG Root X1',
      ' 2 s:C = US, O = Internet Security Research Group, CN = ISRG Root X1',
      '   i:O = Digital Signature Trust Co., CN = DST Root CA X3',
      '---',
      'Verify return code: 10 (certificate has expired)',
    ].join('\n');
    const t = io(chain);
    expect(await run(['--json', '--evidence', '-', 'curl: (60) SSL certificate problem: certificate has expired'], t.io)).toBe(0);
    const j = JSON.parse(t.out.join(''));
    expect([j.cause, j.case, j.liability, j.confidence]).toEqual(['outdated-client-store', 'outdated-client-store', 'client', 'high']);
  });

  it('refuses binary garbage, unreadable evidence and evidence of an unknown kind with exit 2 and a clear message', async () => {
    const bin = io(String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7) % 32)));
    expect(await run([], bin.io)).toBe(2);
    expect(bin.err.join('')).toContain('the input looks binary (2000 bytes, mostly control characters)');
    const missing = io();
    expect(await run(['--evidence', 'no-such-file.txt', '21'], missing.io)).toBe(2);
    expect(missing.err.join('')).toContain('cannot read evidence file "no-such-file.txt"');
    const odd = io('hello there');
    expect(await run(['--evidence', '-', '21'], odd.io)).toBe(2);
    expect(odd.err.join('')).toContain('evidence file "-": Received 11 characters that are none of the evidence formats.');
  });

  it('reads a 10 MB paste, says it was cut, and still answers', async () => {
    const big = `curl: (60) SSL certificate problem: certificate has expired\n${'x'.repeat(10 * 1024 * 1024)}`;
    const t = io(big);
    expect(await run(['--json'], t.io)).toBe(0);
    expect(JSON.parse(t.out.join('')).cause).toBe('expired');
    expect(t.err.join('')).toBe(`certlab decode: the text is ${10 * 1024 * 1024} characters; only the first 200000 were read.`);
  });
});
