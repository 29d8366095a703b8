/**
 * Certificates from a file or standard input for the CLI commands (verify, fix): PEM (any number
 * of blocks) or one DER certificate; bad input is an InputError that says what was received and
 * what was expected (the commands exit 2 on it).
 */
import { readFile } from 'node:fs/promises';
import { webcrypto } from 'node:crypto';
import type { CliIo } from './io.ts';
import type { Certificate } from '../core/model.ts';
import { parseCertificate } from '../core/x509/certificate.ts';
import { pemCertificates } from '../core/formats/pem.ts';

export class InputError extends Error {}

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

/** Every certificate in `bytes`; `what` names the input in the error ("chain.pem"). */
export async function parseCertificatesIn(bytes: Uint8Array, what: string): Promise<Certificate[]> {
  const ders = bytes[0] === 0x30 ? [bytes] : pemCertificates(new TextDecoder().decode(bytes));
  if (ders.length === 0) throw new InputError(`${what} holds no certificate. Expected PEM (-----BEGIN CERTIFICATE-----) or DER.`);
  const out: Certificate[] = [];
  for (const [i, der] of ders.entries()) {
    try {
      out.push(await parseCertificate(der, subtle));
    } catch (e) {
      throw new InputError(`certificate ${i + 1} in ${what} does not parse: ${(e as Error).message}`);
    }
  }
  return out;
}

/** The certificates in `file` ('-' reads standard input). */
export async function readCertificateFile(file: string, io: CliIo): Promise<Certificate[]> {
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await io.readStdin() : new Uint8Array(await readFile(file));
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as Error).message}`);
  }
  return parseCertificatesIn(bytes, file);
}
