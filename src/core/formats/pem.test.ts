import { describe, expect, it } from 'vitest';
import { scanPem, toPem } from './pem.ts';
import { decodeBase64, encodeBase64 } from '../der/base64.ts';

const bytes = new Uint8Array(Array.from({ length: 100 }, (_, i) => (i * 37) & 0xff));

describe('scanPem', () => {
  it('finds every block with its label, headers and line numbers, ignoring text around them', () => {
    const key = [
      '-----BEGIN RSA PRIVATE KEY-----',
      'Proc-Type: 4,ENCRYPTED',
      'DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF',
      '',
      encodeBase64(new Uint8Array([1, 2, 3])),
      '-----END RSA PRIVATE KEY-----',
    ].join('\n');
    const text = `subject=CN=x\n${toPem('CERTIFICATE', bytes)}junk between\n${key}\n`;
    const { blocks, problems } = scanPem(text);
    expect(problems).toEqual([]);
    expect(blocks.map((b) => ({ label: b.label, headers: b.headers, beginLine: b.beginLine, endLine: b.endLine, bytes: Array.from(b.bytes) }))).toEqual([
      { label: 'CERTIFICATE', headers: {}, beginLine: 2, endLine: 6, bytes: Array.from(bytes) },
      {
        label: 'RSA PRIVATE KEY',
        headers: { 'Proc-Type': '4,ENCRYPTED', 'DEK-Info': 'AES-128-CBC,0123456789ABCDEF0123456789ABCDEF' },
        beginLine: 8,
        endLine: 13,
        bytes: [1, 2, 3],
      },
    ]);
  });

  it('reports the line and column of a character that is not base64', () => {
    const pem = toPem('CERTIFICATE', bytes).replace('\n', '\n').split('\n');
    pem[2] = pem[2].slice(0, 9) + '!' + pem[2].slice(10);
    expect(scanPem(`\n${pem.join('\n')}`).problems).toEqual([{ kind: 'PemNotBase64', label: 'CERTIFICATE', line: 4, column: 10, char: '!' }]);
  });

  it('reports unterminated blocks and mismatched END labels', () => {
    expect(scanPem('-----BEGIN CERTIFICATE-----\nAAAA\n').problems).toEqual([{ kind: 'PemUnterminated', label: 'CERTIFICATE', beginLine: 1 }]);
    expect(scanPem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END X509 CRL-----\n').problems).toEqual([
      { kind: 'PemLabelMismatch', label: 'CERTIFICATE', endLabel: 'X509 CRL', line: 3 },
    ]);
  });

  it('round-trips with 64-column lines and CRLF input', () => {
    const pem = toPem('PUBLIC KEY', bytes);
    expect(pem.split('\n').map((l) => l.length)).toEqual([26, 64, 64, 8, 24, 0]);
    expect(Array.from(scanPem(pem.replace(/\n/g, '\r\n')).blocks[0].bytes)).toEqual(Array.from(bytes));
  });
});

describe('base64', () => {
  it('decodes every padding length and rejects a lone trailing character', () => {
    for (const n of [0, 1, 2, 3, 4, 5]) {
      const b = bytes.subarray(0, n);
      const r = decodeBase64(encodeBase64(b));
      expect(r.ok && Array.from(r.bytes)).toEqual(Array.from(b));
    }
    expect(decodeBase64('QUJDR')).toEqual({ ok: false, line: 1, column: 5, char: '', reason: 'bad-length' });
    expect(decodeBase64('QQ==QQ==')).toEqual({ ok: false, line: 1, column: 5, char: 'Q', reason: 'bad-padding' });
    expect(encodeBase64(new TextEncoder().encode('certlab'))).toBe(Buffer.from('certlab').toString('base64'));
  });
});
