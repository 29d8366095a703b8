import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { firstCertificate } from './first-certificate.ts';

// Moved out of the <certlab-cert-summary> widget (#17: logic out of widgets); same sentences.
const subtle = globalThis.crypto.subtle;
const AT = Date.UTC(2026, 11, 1);
const PEM = readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/html-cn.pem'), 'utf8');

describe('firstCertificate', () => {
  it('reads the first certificate and its validity at the given time', async () => {
    const r = await firstCertificate(`some log line\n${PEM}`, subtle, AT);
    expect(r.ok && { subject: r.cert.subject.oneline, validity: r.validity }).toEqual({
      subject: 'CN=<img src=x onerror=alert(1)>',
      validity: 'expires in 36495 days',
    });
  });
  it('says what is wrong with a broken block', async () => {
    expect(await firstCertificate('-----BEGIN CERTIFICATE-----\nMIIB\n', subtle, AT)).toEqual({
      ok: false,
      message: 'The CERTIFICATE block that starts on line 1 never ends: expected a line "-----END CERTIFICATE-----". Was the paste cut short?',
    });
  });
  it('names what it found instead of a certificate', async () => {
    expect(await firstCertificate('-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----\n', subtle, AT)).toEqual({
      ok: false,
      message:
        'This is a PUBLIC KEY, not a certificate. Expected a block starting with "-----BEGIN CERTIFICATE-----". The full inspector reads keys, requests and bundles.',
    });
    expect(await firstCertificate('hello', subtle, AT)).toEqual({
      ok: false,
      message: 'No PEM certificate found. Expected a block starting with "-----BEGIN CERTIFICATE-----" and ending with "-----END CERTIFICATE-----".',
    });
  });
});
