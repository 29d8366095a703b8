import { describe, expect, it } from 'vitest';
import { decode } from './decode.ts';
import { findTarget, safeHost } from './context.ts';
import { CLIENT_PATTERNS, READINGS, templateToRegex } from './patterns.ts';
import { CLIENT_MESSAGES } from '../clients/messages.ts';

const pick = (text: string) => {
  const r = decode(text);
  return { cause: r.cause, code: r.code, client: r.client, confidence: r.confidence, host: r.host };
};

describe('decode: bare codes and names', () => {
  it("reads a bare number in this machine's numbering", () => {
    // issue 15: 21 alone cannot tell a forgotten intermediate from a two-tier private CA: no side is blamed
    expect(decode('21')).toMatchObject({
      cause: 'incomplete-chain',
      liability: 'both',
      code: 21,
      name: 'X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      text: 'unable to verify the first certificate',
      numbering: '3.0',
      client: null,
      confidence: 'medium',
      case: 'missing-intermediate',
      placed: true,
      lesson: '/lessons/reading-the-handshake/#a-server-that-forgot-its-intermediate',
      next: 'openssl s_client -connect HOST:443 -servername HOST -showcerts </dev/null',
      note: null,
    });
  });

  it('says when a bare number meant something else in OpenSSL 1.1.1', () => {
    const r = decode('24');
    expect(r).toMatchObject({ cause: 'bad-signature', code: 24, name: 'X509_V_ERR_NO_ISSUER_PUBLIC_KEY', confidence: 'ambiguous' });
    expect(r.note).toBe('24 is X509_V_ERR_NO_ISSUER_PUBLIC_KEY in OpenSSL 3.0 (the numbering used here), but X509_V_ERR_INVALID_CA in OpenSSL 1.1.1.');
    expect(r.candidates.map((c) => c.cause)).toEqual(['bad-signature', 'invalid-ca']);
  });

  it('reads code names with and without the X509_V_ERR_ prefix', () => {
    // an expired certificate may be an old root in the client's store: medium until the depth shows
    expect(pick('X509_V_ERR_CERT_HAS_EXPIRED')).toEqual({ cause: 'expired', code: 10, client: null, confidence: 'medium', host: null });
    expect(pick("code: 'DEPTH_ZERO_SELF_SIGNED_CERT'")).toEqual({ cause: 'self-signed', code: 18, client: 'node', confidence: 'high', host: null });
  });
});

describe('decode: client texts', () => {
  it('places a requests traceback and takes the host from it', () => {
    const r = decode(
      "requests.exceptions.SSLError: HTTPSConnectionPool(host='api.example.com', port=8443): Max retries exceeded with url: / (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)')))",
    );
    expect(r).toMatchObject({ cause: 'expired', code: 10, client: 'python', host: 'api.example.com', confidence: 'medium' });
    expect(r.candidates.map((c) => [c.cause, c.case])).toEqual([
      ['expired', null],
      ['outdated-client-store', 'outdated-client-store'],
    ]);
    expect(r.next).toBe(
      "openssl s_client -connect api.example.com:8443 -servername api.example.com -showcerts </dev/null 2>/dev/null | grep -E '^ *(depth|v:|Verify)'; date -u",
    );
  });

  it("places Go's name mismatch and its host", () => {
    expect(
      pick('Get "https://foo.example.net/": tls: failed to verify certificate: x509: certificate is valid for a.example.net, not foo.example.net'),
    ).toEqual({ cause: 'hostname-mismatch', code: 62, client: 'go', confidence: 'high', host: 'foo.example.net' });
  });

  it('marks texts that several causes print as ambiguous, with the alternatives', () => {
    const r = decode('curl: (60) SSL certificate problem: unable to get local issuer certificate');
    expect(r).toMatchObject({ cause: 'unknown-ca', code: 20, client: 'curl', confidence: 'ambiguous' });
    expect(r.candidates.map((c) => c.cause)).toEqual(['unknown-ca', 'incomplete-chain', 'outdated-client-store']);
    expect(
      pick(
        'javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
      ),
    ).toEqual({ cause: 'unknown-ca', code: null, client: 'java', confidence: 'ambiguous', host: null });
  });

  it('picks 21 over 20 in an s_client transcript (incomplete chain)', () => {
    const transcript = [
      'CONNECTED(00000003)',
      'depth=0 CN = localhost',
      'verify error:num=20:unable to get local issuer certificate',
      'verify return:1',
      'depth=0 CN = localhost',
      'verify error:num=21:unable to verify the first certificate',
      'verify return:1',
      '---',
      'Verify return code: 21 (unable to verify the first certificate)',
    ].join('\n');
    const r = decode(transcript);
    expect(r).toMatchObject({
      cause: 'incomplete-chain',
      case: 'missing-intermediate',
      liability: 'both',
      code: 21,
      client: 'openssl',
      confidence: 'medium',
    });
    expect(r.candidates.map((c) => [c.cause, c.case, c.liability])).toEqual([
      ['incomplete-chain', 'missing-intermediate', 'server'],
      ['unknown-ca', 'private-ca', 'client'],
      ['unknown-ca', 'tls-inspection', 'client'],
    ]);
    expect(r.findings.filter((f) => f.depth !== null).map((f) => [f.code, f.depth])).toEqual([
      [20, 0],
      [21, 0],
    ]);
  });

  it('reads depth from s_client: 20 above depth 0 is an unknown root', () => {
    const r = decode('depth=1 CN = Some ICA\nverify error:num=20:unable to get local issuer certificate\nverify return:1');
    expect(r).toMatchObject({ cause: 'unknown-ca', code: 20, confidence: 'ambiguous' });
    expect(r.candidates.map((c) => c.cause)).toEqual(['unknown-ca', 'outdated-client-store']);
  });

  it('reads an OpenSSL 1.1.1 number by its printed text (24 was INVALID_CA)', () => {
    expect(decode('depth=1 CN = ICA\nverify error:num=24:invalid CA certificate')).toMatchObject({
      cause: 'invalid-ca',
      code: 79,
      name: 'X509_V_ERR_INVALID_CA',
      note: null,
    });
    expect(decode('Verify return code: 0 (ok)')).toMatchObject({ code: 0, confidence: 'high', explanation: 'No error: the chain verified.' });
  });

  it('reads the OpenSSL 1.1.1 spelling too', () => {
    expect(pick('SSL routines:tls_process_server_certificate:certificate verify failed: self signed certificate')).toMatchObject({
      cause: 'self-signed',
      code: 18,
    });
  });
});

describe('decode: what it cannot place', () => {
  it('gives unknown with candidates, never a confident guess', () => {
    const r = decode('the certificate chain for this weird thing broke because key usage was strange');
    expect(r).toMatchObject({ cause: 'unknown', code: null, confidence: 'ambiguous', placed: false });
    expect(r.candidates.length).toBeGreaterThan(0);
    expect(decode('')).toMatchObject({ cause: 'unknown', confidence: 'ambiguous', placed: false, candidates: [], findings: [] });
    // a wrapper without its reason: the causes that usually print it, and what to paste next
    const w = decode('[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed (_ssl.c:590)');
    expect(w).toMatchObject({ cause: 'unknown', confidence: 'ambiguous', placed: false });
    expect(w.candidates.map((c) => c.cause)).toEqual(['unknown-ca', 'incomplete-chain', 'outdated-client-store']);
    expect(w.evidence_needed?.command).toBe('openssl s_client -connect HOST:443 -servername HOST -showcerts </dev/null');
  });

  it('says which product a close message comes from by its name, not its id', () => {
    const r = decode('the peer certificate chain not trusted altnames mismatch weird');
    expect(r).toMatchObject({ cause: 'unknown', placed: false });
    expect(r.candidates[0]).toEqual({
      cause: 'unknown-ca',
      case: null,
      liability: 'both',
      code: 19,
      name: null,
      why: 'resembles what Firefox prints: "Peer’s certificate issuer has been marked as not trusted by the user."',
      tell: r.candidates[0]!.tell,
    });
  });

  it('does not read Go\'s "has expired or is not yet valid" as OpenSSL\'s "has expired"', () => {
    const r = decode('Get https://dns.example.net/: x509: certificate has expired or is not yet valid');
    expect(r).toMatchObject({ cause: 'expired', confidence: 'ambiguous', code: null, host: 'dns.example.net' });
    expect(r.candidates.map((c) => c.cause)).toEqual(['expired', 'not-yet-valid', 'outdated-client-store']);
  });

  it('survives huge and hostile input', () => {
    const huge = 'x'.repeat(300_000) + ' certificate has expired';
    expect(decode(huge)).toMatchObject({ cause: 'unknown', truncated: true });
    expect(decode('https://evil.com;rm -rf ~/ certificate has expired').next).toContain('-connect evil.com:443');
    expect(decode('https://$(reboot)/ certificate has expired').next).toContain('HOST:443');
  });
});

describe('decoder helpers', () => {
  it('accepts only host-shaped hosts', () => {
    expect([safeHost('Example.COM.'), safeHost('10.0.0.1'), safeHost('::1'), safeHost('a b'), safeHost('$(x)'), safeHost('999.1.1.1')]).toEqual([
      'example.com',
      '10.0.0.1',
      '[::1]',
      null,
      null,
      null,
    ]);
    expect(findTarget('openssl s_client -connect [::1]:4433')).toEqual({ host: '[::1]', port: 4433 });
  });

  it('derives a pattern from every distinctive client template', () => {
    expect(templateToRegex('Error: {text}')).toBeUndefined();
    expect(templateToRegex('x509: certificate is valid for {names}, not {host}')?.source).toBe(
      'x509:\\s+certificate\\s+is\\s+valid\\s+for\\s+[^\\n]*?,\\s+not\\s+[^\\s\'"]+?',
    );
    expect(CLIENT_PATTERNS.length).toBeGreaterThan(100);
  });

  it('names only client messages that exist when it marks texts as ambiguous', () => {
    const keys = new Set(CLIENT_MESSAGES.map((m) => `${m.client}/${m.id}`));
    expect(Object.keys(READINGS).filter((k) => !keys.has(k))).toEqual([]);
  });
});

describe('pattern gate', () => {
  it('derives from each regex the literals one of which every match contains', async () => {
    const { needlesOf } = await import('./patterns.ts');
    expect(needlesOf('x509:\\s+certificate\\s+is\\s+valid\\s+for')).toEqual(['certificate']);
    expect(needlesOf('(?:tls: )?first record does not look like a TLS handshake')).toEqual(['first record does not look like a tls handshake']);
    expect(needlesOf("Hostname\\/IP (?:doesn't|does not) match|is not in the cert's (?:altnames|list)")).toEqual(['hostname/ip ', "is not in the cert's "]);
    expect(needlesOf('\\berrSSLNoRootCert\\b|(?<![\\w-])-9813(?!\\d)')).toEqual(['errsslnorootcert', '-9813']);
    expect(needlesOf('Code=-120[56]\\b|x')).toBeUndefined();
  });

  it('never hides a text a pattern matches', () => {
    for (const p of CLIENT_PATTERNS) {
      if (!p.needles) continue;
      const sample = p.template.includes('{') ? undefined : p.template;
      if (sample && p.re.test(sample)) expect(p.needles.some((n) => sample.toLowerCase().includes(n))).toBe(true);
    }
  });
});
