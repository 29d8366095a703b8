import { describe, expect, it } from 'vitest';
import { decode } from './decode.ts';
import { readEvidence } from './evidence.ts';
import { findTarget } from './context.ts';

const pick = (text: string) => {
  const r = decode(text);
  return { cause: r.cause, case: r.case, confidence: r.confidence, client: r.client, candidates: r.candidates.map((c) => c.cause) };
};

describe('decode: stacks beyond the client table (issue #11)', () => {
  it.each([
    ['error trying to connect: invalid peer certificate: UnknownIssuer', 'unknown-ca', 'rustls', 'ambiguous'],
    [
      'invalid peer certificate: certificate not valid for name "a.example"; certificate is only valid for DnsName("b.example")',
      'hostname-mismatch',
      'rustls',
      'high',
    ],
    [
      "fatal: unable to access 'https://git.example.org/x.git/': server certificate verification failed. CAfile: /etc/ssl/certs/ca-certificates.crt CRLfile: none",
      'unknown-ca',
      'git',
      'ambiguous',
    ],
    [
      'curl: (35) schannel: next InitializeSecurityContext failed: Unknown error (0x80092012) - Die Sperrfunktion konnte keine Sperrprüfung durchführen.',
      'revoked',
      'schannel',
      'high',
    ],
    [
      'Task finished with error [-1202] Error Domain=NSURLErrorDomain Code=-1202 "The certificate for this server is invalid." _kCFStreamErrorCodeKey=-9843',
      'hostname-mismatch',
      'apple',
      'high',
    ],
    [
      'x509: certificate relies on legacy Common Name field, use SANs or temporarily enable Common Name matching with GODEBUG=x509ignoreCN=0',
      'hostname-mismatch',
      'go',
      'high',
    ],
    [
      '<html><head><title>400 No required SSL certificate was sent</title></head><body><center><h1>400 Bad Request</h1></center><center>No required SSL certificate was sent</center><hr><center>nginx</center>',
      'client-cert-required',
      'nginx',
      'high',
    ],
    ['Error: error:0A00018F:SSL routines::ee key too small', 'weak-key', 'openssl', 'high'],
    [
      'psql: error: connection to server at "db" (10.0.0.5), port 5432 failed: root certificate file "/root/.postgresql/root.crt" does not exist',
      'outdated-client-store',
      'libpq',
      'high',
    ],
    [
      'java.lang.RuntimeException: Unexpected error: java.security.InvalidAlgorithmParameterException: the trustAnchors parameter must be non-empty',
      'outdated-client-store',
      'java',
      'high',
    ],
    [
      "Hostname/IP does not match certificate's altnames: Host: api.example.com. is not in the cert's altnames: DNS:www.example.com",
      'hostname-mismatch',
      'node',
      'high',
    ],
    ["SSL: no alternative certificate subject name matches target host name 'foo.example'", 'hostname-mismatch', 'curl', 'high'],
    ['2024-01-01 10:00:00 SSL verify error: depth=0 error=certificate has expired cert=/CN=mail.example.com', 'expired', 'exim', 'medium'],
  ])('%s', (text, cause, client, confidence) => {
    const r = pick(text);
    expect({ cause: r.cause, client: r.client, confidence: r.confidence }).toEqual({ cause, client, confidence });
  });
});

describe('decode: honest under ambiguity', () => {
  it('splits code 20 at depth 0 between a missing intermediate, an inspection proxy and a two-tier private CA, liability per case', () => {
    const r = decode('depth=0 CN = shop.example.com\nverify error:num=20:unable to get local issuer certificate\nverify return:1');
    expect(r.confidence).toBe('ambiguous');
    expect(r.candidates.map((c) => [c.cause, c.case, c.liability])).toEqual([
      ['incomplete-chain', 'missing-intermediate', 'server'],
      ['unknown-ca', 'tls-inspection', 'client'],
      ['unknown-ca', 'private-ca', 'client'],
    ]);
    expect(r.evidence_needed).toEqual({
      what: 'The chain the server sends, as this machine sees it (who issued each certificate, whether the intermediate is sent, whether a proxy re-signed it). Paste the whole output.',
      command: 'openssl s_client -connect HOST:443 -servername HOST -showcerts </dev/null',
    });
  });

  it('reads a well-known expired root as an outdated client store, not a server to renew', () => {
    const r = decode('curl: (60) SSL certificate problem: certificate has expired\n* issuer: O=Digital Signature Trust Co.; CN=DST Root CA X3');
    expect([r.cause, r.case, r.liability, r.confidence]).toEqual(['outdated-client-store', 'outdated-client-store', 'client', 'medium']);
    expect(r.candidates.map((c) => c.cause)).toEqual(['outdated-client-store', 'expired']);
    const java = decode('java.security.cert.CertificateExpiredException: NotAfter: Thu Sep 30 14:01:15 UTC 2021');
    expect(java.cause).toBe('outdated-client-store');
  });

  it('names interception when the text names an inspection product', () => {
    const r = decode('curl: (60) SSL certificate problem: self-signed certificate in certificate chain\n*  issuer: C=US; O=Zscaler Inc.; CN=Zscaler Root CA');
    expect([r.cause, r.case, r.liability, r.confidence]).toEqual(['unknown-ca', 'tls-inspection', 'client', 'medium']);
    expect(r.candidates[0]!.why).toBe('the text names Zscaler, a TLS-inspecting product');
  });

  it('never claims high confidence for an expired certificate whose depth it cannot see', () => {
    expect(pick('Error: certificate has expired')).toEqual({
      cause: 'expired',
      case: null,
      confidence: 'medium',
      client: 'node',
      candidates: ['expired', 'outdated-client-store'],
    });
    expect(pick('depth=0 CN = a.example\nverify error:num=10:certificate has expired')).toMatchObject({ cause: 'expired', confidence: 'high' });
  });

  it("issue 15: code 21 (or 20 at depth 0) without evidence blames neither side and asks whether the leaf's issuer is a root", () => {
    const texts = [
      '21',
      // Node.js 24 against the course's two-tier vault: the same words as a forgotten intermediate
      'Error: unable to verify the first certificate; if the root CA is installed locally, try running Node.js with --use-system-ca\ncode: UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'depth=0 CN = shop.example.com\nverify error:num=20:unable to get local issuer certificate\nverify return:1',
    ];
    for (const text of texts) {
      const r = decode(text);
      expect({ headline: r.headline, liability: r.liability, actions: r.actions }).toEqual({
        headline: "The server does not send its intermediate, or this client lacks a private root that signs directly: the leaf's issuer decides",
        liability: 'both',
        actions: {
          server:
            "First ask whether your leaf's issuer is a root. If it is an intermediate, serve the full chain: your certificate first, then every intermediate (for example fullchain.pem, not cert.pem), and confirm with s_client -showcerts that the intermediate appears at depth 1. If it is a root (a two-tier private CA), you send all you need to: hand that root to the clients.",
          client:
            "First ask whether the leaf's issuer is a root (the command below shows it). If it is a root (mkcert, kubeadm, a company CA), add it to the trust store this client uses (update-ca-certificates, NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, keytool -importcert). If it is an intermediate, nothing is wrong on your side: tell the server's operator. Never turn verification off.",
        },
      });
      expect(r.actions.client).not.toContain('Nothing is wrong on your side.');
    }
  });

  it('keeps the cause title as the headline when the text names one cause', () => {
    expect([decode('certificate has expired').headline, decode('0').headline, decode('hello world').headline]).toEqual([
      'A certificate in the chain has expired',
      'No verification error',
      'Could not place this error',
    ]);
  });
});

describe('decode: probe targets', () => {
  it('never takes the target from help or documentation links the client prints', () => {
    expect(
      findTarget('curl: (60) SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html'),
    ).toBeNull();
    expect(
      findTarget(
        'cURL error 60: SSL certificate problem: unable to get local issuer certificate (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://api.shop.example/v1',
      ),
    ).toEqual({ host: 'api.shop.example', port: 443 });
    expect(
      findTarget('see [the docs](https://docs.example.org/tls) — Get "https://svc.internal.example:8443/": x509: certificate signed by unknown authority'),
    ).toEqual({ host: 'svc.internal.example', port: 8443 });
  });
});

describe('evidence', () => {
  const LEAF_ONLY = [
    'CONNECTED(00000003)',
    '---',
    'Certificate chain',
    ' 0 s:CN = shop.example.com',
    '   i:C = US, O = DigiCert Inc, CN = DigiCert Global G2 TLS RSA SHA256 2020 CA1',
    '---',
    'Verify return code: 21 (unable to verify the first certificate)',
  ].join('\n');

  it('reads s_client, curl -v and probe JSON into one shape', () => {
    expect(readEvidence(LEAF_ONLY)).toEqual({
      ok: true,
      evidence: {
        kind: 's_client',
        verifiedOk: false,
        chain: [{ depth: 0, subject: 'CN = shop.example.com', issuer: 'C = US, O = DigiCert Inc, CN = DigiCert Global G2 TLS RSA SHA256 2020 CA1' }],
        verifyErrors: [{ code: 21, text: 'unable to verify the first certificate', depth: null }],
      },
    });
    expect(
      readEvidence(
        '* Server certificate:\n*  subject: CN=a.example\n*  issuer: C=US; O=Netskope Inc; CN=caadmin.netskope.com\n*  SSL certificate verify result: unable to get local issuer certificate (20), continuing anyway.',
      ),
    ).toEqual({
      ok: true,
      evidence: {
        kind: 'curl -v',
        verifiedOk: false,
        chain: [{ depth: 0, subject: 'CN=a.example', issuer: 'C=US; O=Netskope Inc; CN=caadmin.netskope.com' }],
        verifyErrors: [{ code: 20, text: 'unable to get local issuer certificate', depth: null }],
      },
    });
    const probe = JSON.stringify({
      presented: [
        { index: 0, subject: 'CN=a.example', issuer: 'CN=R3', validity: 'expires in 40 days' },
        { index: 1, subject: 'CN=ISRG Root X1', issuer: 'CN=DST Root CA X3', validity: 'expires in 90 days' },
      ],
    });
    expect(readEvidence(probe)).toEqual({
      ok: true,
      evidence: {
        kind: 'probe',
        verifiedOk: false,
        verifyErrors: [],
        chain: [
          { depth: 0, subject: 'CN=a.example', issuer: 'CN=R3' },
          { depth: 1, subject: 'CN=ISRG Root X1', issuer: 'CN=DST Root CA X3' },
        ],
      },
    });
  });

  it('says what it received and what it expected for anything else', () => {
    expect(readEvidence('   ')).toEqual({
      ok: false,
      error:
        'The evidence is empty. Expected the output of `openssl s_client -connect HOST:443 -servername HOST -showcerts </dev/null`, of `curl -v https://HOST/`, or a certlab probe result (certlab probe --json HOST).',
    });
    expect(readEvidence('{"a":1}')).toMatchObject({ ok: false, error: expect.stringMatching(/^Received JSON without a "presented" list of certificates\./) });
  });

  it('decides the case from the evidence, with the liability of that case', () => {
    const text = 'curl: (60) SSL certificate problem: unable to get local issuer certificate';
    const leaf = readEvidence(LEAF_ONLY);
    if (!leaf.ok) throw new Error(leaf.error);
    expect(
      (({ cause, case: c, liability, confidence, evidence_needed }) => ({ cause, case: c, liability, confidence, evidence_needed }))(
        decode(text, { evidence: [leaf.evidence] }),
      ),
    ).toEqual({ cause: 'incomplete-chain', case: 'missing-intermediate', liability: 'server', confidence: 'high', evidence_needed: null });
    const privateRoot = readEvidence(
      LEAF_ONLY.replace('C = US, O = DigiCert Inc, CN = DigiCert Global G2 TLS RSA SHA256 2020 CA1', 'O = Example Corp, CN = Example Corp Root CA'),
    );
    if (!privateRoot.ok) throw new Error(privateRoot.error);
    expect(decode(text, { evidence: [privateRoot.evidence] })).toMatchObject({
      cause: 'unknown-ca',
      case: 'private-ca',
      liability: 'client',
      confidence: 'high',
    });
  });
});
