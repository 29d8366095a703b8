import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inspect } from './inspect.ts';
import { summaryText } from './summary.ts';

// Moved out of the inspector widget (#17: logic out of widgets); same sentence.
const subtle = globalThis.crypto.subtle;
const at = Date.UTC(2026, 11, 1);
const PEM = readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/html-cn.pem'), 'utf8');

describe('summaryText', () => {
  it('counts what was found, by kind, then errors and warnings apart (issue 14)', async () => {
    expect(summaryText(await inspect(PEM, { subtle, at }))).toEqual('Found 1 certificate.');
    expect(summaryText(await inspect(PEM, { subtle, at: Date.UTC(2200, 0, 1) }))).toEqual('Found 1 certificate. 1 error.');
    expect(summaryText(await inspect(`${PEM}${PEM}-----BEGIN CERTIFICATE-----\nMIIB\n`, { subtle, at }))).toEqual('Found 2 certificates. 1 error, 1 warning.');
  });
  it('passes on the error when nothing was readable', async () => {
    expect(summaryText(await inspect('hello', { subtle, at }))).toEqual(
      'no certificate, key, CSR, CRL, PKCS#7, PKCS#12 or s_client output was found in the input',
    );
  });
});
