/**
 * Java keystores in an inspection: a JKS/JCEKS file becomes a 'keystore' item with one child
 * item per certificate (and per private key the password opened), each named by its alias;
 * pasted `keytool -list` text becomes a 'keystore' item too, and the PEM blocks of `-rfc`
 * output become its children. Then, when the input also holds certificates outside the
 * stores, each store answers "is this certificate, or one on its path, in here?".
 */
import type { Certificate, Subtle } from '../model.ts';
import type { InspectItem, ItemSource, KeystoreQuestion, KeystoreSummary } from './result.ts';
import type { BundleAnalysis } from './bundle.ts';
import { JksError, readKeystore, type JksEntry } from '../formats/jks.ts';
import { parseKeytoolList } from '../formats/keytool-list.ts';
import { parsePrivateKey } from '../formats/keys.ts';
import { toHex } from '../der/hex.ts';
import { DerError } from '../der/errors.ts';
import { inspectErrors } from './errors.ts';
import { isoTime } from './describe.ts';
import { certificateItem, type ObjectContext } from './objects.ts';
import { keystoreAnswer, keystoreAnswerText, type StoreCertificate } from './keystore-answer.ts';

const sha256 = async (subtle: Subtle, der: Uint8Array) => toHex(new Uint8Array(await subtle.digest('SHA-256', der as Uint8Array<ArrayBuffer>)));

const ENTRY_TYPES: Record<string, KeystoreSummary['entries'][number]['entryType']> = {
  PrivateKeyEntry: 'private-key',
  trustedCertEntry: 'trusted-certificate',
  SecretKeyEntry: 'secret-key',
};

function keyText(e: Extract<JksEntry, { type: 'private-key' }>): string {
  switch (e.keyNotOpened) {
    case undefined:
      return `opened with the store password (${e.protection}); it is read here and sent nowhere`;
    case 'no-password':
      return `encrypted (${e.protection}); give the store password to open it`;
    case 'wrong-password':
      return `encrypted (${e.protection}); the password given does not open it (a separate -keypass?)`;
    case 'unsupported-protection':
      return `encrypted (${e.protection}); this tool lists it but does not decrypt it (keytool -importkeystore -deststoretype PKCS12 converts the store)`;
  }
}

/** Reads a JKS/JCEKS file into items. */
export async function keystoreFileItems(ctx: ObjectContext, bytes: Uint8Array, file: string | undefined): Promise<void> {
  const { sink, opts } = ctx;
  const source: ItemSource = { format: 'keystore', file };
  let store;
  try {
    store = await readKeystore(bytes, opts.password, opts.subtle);
  } catch (e) {
    if (!(e instanceof JksError)) throw e;
    sink.add(source, { kind: 'error', error: inspectErrors.malformedKeystore(bytes[0] === 0xce ? 'JCEKS' : 'JKS', e.message) });
    return;
  }
  const entries: KeystoreSummary['entries'] = [];
  for (const e of store.entries) {
    const certs = e.type === 'private-key' ? e.chain : e.type === 'trusted-certificate' ? [e.certificate] : [];
    entries.push({
      alias: e.alias,
      entryType: e.type,
      created: isoTime(e.created).slice(0, 10),
      sha256: await Promise.all(certs.map((c) => sha256(opts.subtle, c))),
      ...(e.type === 'private-key' ? { key: keyText(e) } : {}),
    });
  }
  if (store.entries.some((e) => e.type === 'private-key' && (e.keyNotOpened === 'no-password' || e.keyNotOpened === 'wrong-password')))
    sink.needsPassword = true;
  if (store.integrity === 'wrong-password') sink.needsPassword = true;
  const parent = sink.add(source, {
    kind: 'keystore',
    keystore: { type: store.type, integrity: store.integrity, entries, ...(store.unread ? { unread: store.unread } : {}) },
    ...(store.integrity === 'wrong-password' ? { error: inspectErrors.wrongKeystorePassword(store.type) } : {}),
  });
  for (const e of store.entries) {
    const child: ItemSource = { format: 'keystore', file, parent, friendlyName: e.alias };
    if (e.type === 'trusted-certificate') await certificateItem(ctx, e.certificate, child);
    if (e.type !== 'private-key') continue;
    if (e.pkcs8) {
      try {
        sink.add({ ...child, encryption: e.protection }, { kind: 'private-key', privateKey: await parsePrivateKey(e.pkcs8, 'pkcs8', opts.subtle) });
      } catch (err) {
        if (!(err instanceof DerError)) throw err;
        sink.add(child, { kind: 'error', error: inspectErrors.malformed('private key', err) });
      }
    }
    for (const c of e.chain) await certificateItem(ctx, c, child);
  }
}

/**
 * Adds the item for pasted keytool -list text; returns its index and the alias of each -rfc
 * PEM block by its BEGIN line.
 */
export function keytoolListingItem(ctx: ObjectContext, text: string, file: string | undefined): { parent: number; aliasAt: Map<number, string> } {
  const l = parseKeytoolList(text);
  const aliasAt = new Map<number, string>();
  for (const e of l.entries) for (const c of e.certificates) if (c.pemLine !== undefined) aliasAt.set(c.pemLine, e.alias);
  const parent = ctx.sink.add(
    { format: 'keystore', file },
    {
      kind: 'keystore',
      keystore: {
        type: 'keytool -list',
        ...(l.storeType ? { storeType: l.storeType } : {}),
        integrity: l.integrityNotVerified ? 'not-checked' : 'listing',
        entries: l.entries.map((e) => {
          const certs = e.certificates.filter((c) => c.sha256 !== undefined);
          return {
            alias: e.alias,
            entryType: ENTRY_TYPES[e.entryType] ?? 'trusted-certificate',
            ...(e.created ? { created: e.created } : {}),
            sha256: certs.map((c) => c.sha256 ?? ''),
            ...(certs.some((c) => c.owner) ? { owners: certs.map((c) => c.owner ?? '') } : {}),
          };
        }),
      },
    },
  );
  return { parent, aliasAt };
}

/** PKCS#12 files without a private key are trust stores (keytool -importcert into a PKCS12 store, a cacerts in PKCS12). */
function isStore(items: InspectItem[], it: InspectItem): boolean {
  if (it.kind === 'keystore') return true;
  return (
    it.kind === 'pkcs12' &&
    it.pkcs12 !== undefined &&
    !items.some((k) => k.source.parent === it.index && (k.kind === 'private-key' || k.kind === 'encrypted-private-key'))
  );
}

/** Whether an item sits inside a store. */
export function inStore(items: InspectItem[], it: InspectItem): boolean {
  const p = it.source.parent;
  return p !== undefined && isStore(items, items[p]);
}

/** The stores in the input and their certificates. */
function storesOf(items: InspectItem[]): { item: InspectItem; certs: StoreCertificate[] }[] {
  const out: { item: InspectItem; certs: StoreCertificate[] }[] = [];
  for (const it of items) {
    if (!isStore(items, it)) continue;
    const children = items.filter((c): c is Extract<InspectItem, { kind: 'certificate' }> => c.kind === 'certificate' && c.source.parent === it.index);
    const certs: StoreCertificate[] = [];
    const entries = it.kind === 'keystore' ? it.keystore.entries : [];
    for (const e of entries) {
      if (e.entryType === 'secret-key') continue;
      e.sha256.forEach((fp, k) =>
        certs.push({
          alias: e.alias,
          entryType: e.entryType,
          sha256: fp,
          certificate: children.find((c) => c.certificate.sha256 === fp)?.certificate,
          ...(e.owners?.[k] ? { subject: e.owners[k] } : {}),
        }),
      );
    }
    // -rfc listings and PKCS#12 stores: the certificates are the children, named by alias (friendlyName)
    for (const c of children)
      if (!certs.some((s) => s.sha256 === c.certificate.sha256))
        certs.push({
          alias: c.source.friendlyName ?? `[${c.index}]`,
          entryType: entries.find((e) => e.alias === c.source.friendlyName)?.entryType ?? 'trusted-certificate',
          sha256: c.certificate.sha256,
          certificate: c.certificate,
        });
    out.push({ item: it, certs });
  }
  return out;
}

/**
 * For each store, the answer for the path of the certificates outside all stores (the
 * bundle's chain, lowest first). None when there is no store or nothing outside them.
 */
export async function keystoreQuestions(items: InspectItem[], outside: BundleAnalysis | undefined, subtle: Subtle): Promise<KeystoreQuestion[]> {
  if (!outside?.chain.length) return [];
  const path = outside.chain.flatMap((i) => {
    const it = items[i];
    return it.kind === 'certificate' ? [it.certificate] : [];
  }) as Certificate[];
  const out: KeystoreQuestion[] = [];
  for (const { item, certs } of storesOf(items)) {
    const storeName = item.source.file ?? (item.kind === 'keystore' ? `the ${item.keystore.storeType ?? item.keystore.type} listing` : 'the PKCS#12 file');
    const answer = await keystoreAnswer(path, certs, item.source.file ?? 'KEYSTORE', subtle);
    out.push({ store: item.index, storeName, certificate: outside.chain[0], answer, text: keystoreAnswerText(answer, storeName) });
  }
  return out;
}
