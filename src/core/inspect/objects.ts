/**
 * Turns one object (its DER and what it claims to be) into inspect items: parses it,
 * opens containers (PKCS#7, PKCS#12) into child items, and turns every failure into a
 * typed error item. Used by sniff.ts.
 */
import type { Certificate } from '../model.ts';
import type { InspectItem, InspectOptions, ItemBody, ItemSource } from './result.ts';
import type { DerKind } from '../formats/der-kind.ts';
import type { Conversion } from '../formats/convert.ts';
import { DerError } from '../der/errors.ts';
import { readTlv } from '../der/reader.ts';
import { parseCertificate, validityStatus } from '../x509/certificate.ts';
import { parseCsr } from '../x509/csr.ts';
import { parseCrl } from '../x509/crl.ts';
import {
  decryptLegacyPem,
  decryptPkcs8,
  describeEncryptedPkcs8,
  describeLegacyPem,
  parsePrivateKey,
  parseRsaPublicKey,
  publicKeyInfo,
} from '../formats/keys.ts';
import { parsePkcs7 } from '../formats/pkcs7.ts';
import { openPkcs12, Pkcs12Error } from '../formats/pkcs12.ts';
import { PbeError } from '../formats/pbe.ts';
import { inspectErrors } from './errors.ts';
import { keyToPkcs8Pem, pkcs12Outputs, pkcs7Outputs } from '../formats/convert.ts';

const WHAT: Record<DerKind, string> = {
  certificate: 'certificate',
  'trusted-certificate': 'trusted certificate',
  crl: 'CRL',
  csr: 'certificate signing request',
  pkcs8: 'private key',
  'encrypted-pkcs8': 'encrypted private key',
  pkcs1: 'RSA private key',
  sec1: 'EC private key',
  spki: 'public key',
  'rsa-public': 'RSA public key',
  pkcs7: 'PKCS#7 bundle',
  pkcs12: 'PKCS#12 file',
};

export class ItemSink {
  readonly items: InspectItem[] = [];
  readonly conversions: Conversion[] = [];
  needsPassword = false;
  add(source: ItemSource, body: ItemBody): number {
    const index = this.items.length;
    this.items.push({ index, source, ...body } as InspectItem);
    return index;
  }
}

export interface ObjectContext {
  sink: ItemSink;
  opts: InspectOptions;
  /** Certificates already being parsed (started together so their digests run concurrently). */
  prefetched?: Map<Uint8Array, Promise<Certificate | { failed: unknown }>>;
}

/** Starts parsing many certificates at once; certificateItem then picks up the results in order. */
export function prefetchCertificates(ctx: ObjectContext, ders: Uint8Array[]): void {
  ctx.prefetched ??= new Map();
  for (const der of ders) {
    // failures are kept as values so no promise is ever left rejected without a handler
    ctx.prefetched.set(
      der,
      parseCertificate(der, ctx.opts.subtle).catch((e: unknown) => ({ failed: e })),
    );
  }
}

function leafFirst(certs: { der: Uint8Array; cert?: Certificate }[]): number {
  const i = certs.findIndex((c) => c.cert?.role === 'leaf');
  return i < 0 ? 0 : i;
}

export async function certificateItem(ctx: ObjectContext, der: Uint8Array, source: ItemSource): Promise<Certificate | undefined> {
  try {
    const pre = ctx.prefetched?.get(der);
    ctx.prefetched?.delete(der);
    const got = pre ? await pre : await parseCertificate(der, ctx.opts.subtle);
    if ('failed' in got) throw got.failed;
    const certificate = got;
    ctx.sink.add(source, { kind: 'certificate', certificate, validity: validityStatus(certificate.notBefore, certificate.notAfter, ctx.opts.at) });
    return certificate;
  } catch (e) {
    if (!(e instanceof DerError)) throw e;
    ctx.sink.add(source, { kind: 'error', error: inspectErrors.malformed('certificate', e, source.line, source.label) });
    return undefined;
  }
}

async function pkcs12Items(ctx: ObjectContext, der: Uint8Array, source: ItemSource): Promise<void> {
  const { subtle, password } = ctx.opts;
  let contents;
  try {
    contents = await openPkcs12(der, password, subtle);
  } catch (e) {
    if (e instanceof Pkcs12Error) {
      const f = e.failure;
      ctx.sink.needsPassword ||= f.kind !== 'UnsupportedEncryption';
      const error =
        f.kind === 'PasswordRequired'
          ? inspectErrors.passwordRequired('PKCS#12 file')
          : f.kind === 'WrongPassword'
            ? inspectErrors.wrongPassword('.p12/.pfx', f.detail)
            : inspectErrors.unsupportedEncryption('PKCS#12 file', f.scheme);
      ctx.sink.add(source, { kind: 'pkcs12', error });
      return;
    }
    throw e;
  }
  const parent = ctx.sink.add(source, {
    kind: 'pkcs12',
    pkcs12: { mac: contents.mac, encryption: contents.encryption, legacy: contents.legacy, bags: contents.bags.length },
  });
  const file = source.file ?? 'bundle.p12';
  const certs: { der: Uint8Array; cert?: Certificate }[] = [];
  for (const bag of contents.bags) {
    const child: ItemSource = { format: 'pkcs12', parent, file: source.file, friendlyName: bag.friendlyName };
    if (bag.type === 'certificate') certs.push({ der: bag.der, cert: await certificateItem(ctx, bag.der, child) });
    else if (bag.type === 'key' || bag.type === 'encrypted-key') {
      await objectItems(ctx, bag.type === 'key' ? 'pkcs8' : 'encrypted-pkcs8', bag.der, { ...child, label: bag.bagType }, undefined, password ?? '');
      const last = ctx.sink.items[ctx.sink.items.length - 1];
      if (last.kind === 'private-key') ctx.sink.conversions.push(keyToPkcs8Pem(last.privateKey.pkcs8, file, last.index, { file, legacy: contents.legacy }));
    }
  }
  const leaf = leafFirst(certs);
  ctx.sink.conversions.push(
    ...pkcs12Outputs(
      file,
      contents.legacy,
      certs[leaf]?.der,
      certs.filter((_, i) => i !== leaf).map((c) => c.der),
    ),
  );
}

/**
 * Adds the items for one object. `headers` are the PEM headers (legacy key encryption);
 * `password` overrides the option (PKCS#12 keys use the container's password).
 */
export async function objectItems(
  ctx: ObjectContext,
  kind: DerKind,
  der: Uint8Array,
  source: ItemSource,
  headers?: Record<string, string>,
  password = ctx.opts.password,
): Promise<void> {
  const { sink, opts } = ctx;
  const { subtle } = opts;
  try {
    switch (kind) {
      case 'certificate':
        await certificateItem(ctx, der, source);
        return;
      case 'trusted-certificate': {
        const first = readTlv(der, 0, der.length, 0, false);
        await certificateItem(ctx, der.subarray(0, first.end), source);
        return;
      }
      case 'csr':
        sink.add(source, { kind: 'csr', csr: await parseCsr(der, subtle) });
        return;
      case 'crl':
        sink.add(source, { kind: 'crl', crl: await parseCrl(der, subtle) });
        return;
      case 'spki':
        sink.add(source, { kind: 'public-key', publicKey: await publicKeyInfo(der, subtle) });
        return;
      case 'rsa-public':
        sink.add(source, { kind: 'public-key', publicKey: await parseRsaPublicKey(der, subtle) });
        return;
      case 'pkcs8':
        sink.add(source, { kind: 'private-key', privateKey: await parsePrivateKey(der, 'pkcs8', subtle) });
        return;
      case 'pkcs1':
      case 'sec1': {
        const dek = headers?.['Proc-Type']?.includes('ENCRYPTED') ? (headers['DEK-Info'] ?? '') : undefined;
        if (dek === undefined) {
          sink.add(source, { kind: 'private-key', privateKey: await parsePrivateKey(der, kind, subtle) });
          return;
        }
        const encryption = describeLegacyPem(dek);
        if (password === undefined) {
          sink.needsPassword = true;
          sink.add(source, { kind: 'encrypted-private-key', encryption });
          return;
        }
        const privateKey = await decryptLegacyPem(der, dek, password, kind, subtle);
        sink.add({ ...source, encryption: encryption.scheme }, { kind: 'private-key', privateKey });
        return;
      }
      case 'encrypted-pkcs8': {
        const { info } = describeEncryptedPkcs8(der);
        if (password === undefined) {
          sink.needsPassword = true;
          sink.add(source, { kind: 'encrypted-private-key', encryption: info });
          return;
        }
        try {
          const privateKey = await decryptPkcs8(der, password, subtle);
          sink.add({ ...source, encryption: info.scheme }, { kind: 'private-key', privateKey });
        } catch (e) {
          if (!(e instanceof PbeError)) throw e;
          sink.needsPassword ||= e.failure.kind === 'WrongPassword';
          const error =
            e.failure.kind === 'WrongPassword'
              ? inspectErrors.wrongPassword('private key', `${info.scheme} decryption failed`)
              : inspectErrors.unsupportedEncryption('private key', e.failure.scheme);
          sink.add(source, { kind: 'encrypted-private-key', encryption: info, error });
        }
        return;
      }
      case 'pkcs7': {
        const p7 = parsePkcs7(der);
        const parent = sink.add(source, { kind: 'pkcs7', pkcs7: { certificates: p7.certificates.length, crls: p7.crls.length, signers: p7.signerCount } });
        prefetchCertificates(ctx, p7.certificates);
        for (const c of p7.certificates) await certificateItem(ctx, c, { format: 'pkcs7', parent, file: source.file });
        for (const c of p7.crls) await objectItems(ctx, 'crl', c, { format: 'pkcs7', parent, file: source.file });
        if (p7.certificates.length) sink.conversions.push(pkcs7Outputs(source.file ?? 'bundle.p7b', p7.certificates));
        return;
      }
      case 'pkcs12':
        await pkcs12Items(ctx, der, source);
        return;
    }
  } catch (e) {
    if (e instanceof DerError) {
      sink.add(source, { kind: 'error', error: inspectErrors.malformed(WHAT[kind], e, source.line, source.label) });
      return;
    }
    if (e instanceof PbeError) {
      sink.needsPassword ||= e.failure.kind === 'WrongPassword';
      const error =
        e.failure.kind === 'WrongPassword'
          ? inspectErrors.wrongPassword(WHAT[kind], e.failure.scheme)
          : inspectErrors.unsupportedEncryption(WHAT[kind], e.failure.scheme);
      sink.add(source, { kind: 'error', error });
      return;
    }
    throw e;
  }
}
