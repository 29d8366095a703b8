/**
 * The one entry point of inspection: `inspect(input, opts)` takes text or bytes (or
 * several named files with `inspectFiles`) and finds every object in them: PEM blocks of
 * any label, raw DER of each kind, bare base64 or hex of DER, `openssl s_client
 * -showcerts` transcripts, PKCS#7 bundles and PKCS#12 files (with a password). It then
 * analyses the certificates as a bundle, matches keys to certificates and CSRs, and
 * prepares conversions. Any input returns a result or a typed error; nothing throws.
 */
import type { BundleAnalysis, Finding } from './bundle.ts';
import type { InspectFile, InspectItem, InspectOptions, InspectResult, KeyMatch } from './result.ts';
import type { PublicKeyShape } from '../x509/public-key.ts';
import { analyzeBundle } from './bundle.ts';
import { scanPem } from '../formats/pem.ts';
import { decodeBase64, looksLikeBase64 } from '../der/base64.ts';
import { fromHex } from '../der/hex.ts';
import { classifyDer, IGNORED_LABELS, PEM_LABELS } from '../formats/der-kind.ts';
import { looksLikeSClient, parseSClient } from '../formats/s-client-transcript.ts';
import { inspectErrors, MAX_INPUT_BYTES, type InspectError } from './errors.ts';
import { ItemSink, objectItems, prefetchCertificates, type ObjectContext } from './objects.ts';
import { keyIdentity } from '../formats/keys.ts';
import { crlFindings } from './crl-check.ts';
import { certDerToPem, certPemToDer, crlToPem, csrToDer, fullchain, keyToPkcs8Pem } from '../formats/convert.ts';
import { DerError } from '../der/errors.ts';
import { DerReader } from '../der/reader.ts';
import { keystoreTypeOf } from '../formats/jks.ts';
import { looksLikeKeytoolList } from '../formats/keytool-list.ts';
import { inStore, keystoreFileItems, keystoreQuestions, keytoolListingItem } from './keystore-items.ts';

export type { InspectResult, InspectItem, InspectOptions, InspectFile } from './result.ts';

function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

/** How to name unreadable input in an error: a short, escaped excerpt. */
function describeText(text: string): string {
  const t = text.trim();
  const lines = t.split('\n').length;
  const head = JSON.stringify(t.slice(0, 40)) + (t.length > 40 ? '…' : '');
  return `text of ${lines} line${lines === 1 ? '' : 's'} starting ${head}`;
}
function describeBytes(b: Uint8Array): string {
  return `${b.length} bytes of binary data starting ${Array.from(b.subarray(0, 8), (x) => x.toString(16).padStart(2, '0')).join(' ')}`;
}

/** Bytes that are DER but of no known kind: name the structural problem if there is one. */
function derProblem(bytes: Uint8Array): DerError | undefined {
  try {
    const r = new DerReader(bytes, 0, bytes.length, 0, true);
    r.next();
    r.finish('the DER object');
    return undefined;
  } catch (e) {
    return e instanceof DerError ? e : undefined;
  }
}

async function readDer(ctx: ObjectContext, bytes: Uint8Array, file: string | undefined, format: 'der' | 'base64' | 'hex'): Promise<boolean> {
  const kind = classifyDer(bytes);
  if (kind) {
    await objectItems(ctx, kind, bytes, { format, file });
    return true;
  }
  if (bytes[0] === 0x30) {
    const p = derProblem(bytes);
    if (p) {
      ctx.sink.add({ format, file }, { kind: 'error', error: inspectErrors.malformed('DER data', p) });
      return true;
    }
  }
  return false;
}

/** Base64 that decodes to PEM text (kubeconfig's *-data fields hold base64 of PEM). */
function pemInside(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 11));
  return head === '-----BEGIN ' ? new TextDecoder().decode(bytes) : undefined;
}

/**
 * Base64 tokens inside other text: YAML (kubeconfig's certificate-authority-data,
 * client-certificate-data, client-key-data), .env files, JSON. Each token that is DER of a
 * known kind, or base64 of PEM, is read. Returns whether any was.
 */
async function readEmbedded(ctx: ObjectContext, text: string, file: string | undefined): Promise<boolean> {
  let found = false;
  for (const m of text.matchAll(/[A-Za-z0-9+/]{80,}={0,2}/g)) {
    const d = decodeBase64(m[0]);
    if (!d.ok) continue;
    const pem = pemInside(d.bytes);
    if (pem !== undefined) {
      await readText(ctx, pem, file, 1);
      found = true;
    } else if (classifyDer(d.bytes)) found = (await readDer(ctx, d.bytes, file, 'base64')) || found;
  }
  return found;
}

async function readText(ctx: ObjectContext, input: string, file: string | undefined, nesting = 0): Promise<void> {
  const { sink } = ctx;
  // PEM inside JSON strings ("-----BEGIN CERTIFICATE-----\nMIIB..."): unescape the newlines
  const text = input.includes('-----BEGIN ') && input.includes('\\n') ? input.replace(/\\r\\n|\\n/g, '\n') : input;
  const scan = scanPem(text);
  let parent: number | undefined;
  if (looksLikeSClient(text)) parent = sink.add({ format: 's_client', file }, { kind: 's-client', sClient: parseSClient(text) });
  const listing = parent === undefined && looksLikeKeytoolList(text) ? keytoolListingItem(ctx, text, file) : undefined;
  for (const p of scan.problems) {
    const error: InspectError =
      p.kind === 'PemNotBase64'
        ? inspectErrors.notBase64(p.label, p.line, p.column, p.char)
        : p.kind === 'PemBadLength'
          ? inspectErrors.badLength(p.label, p.line)
          : p.kind === 'PemUnterminated'
            ? inspectErrors.unterminated(p.label, p.beginLine)
            : inspectErrors.labelMismatch(p.label, p.endLabel, p.line);
    sink.add({ format: 'pem', file, label: p.label, line: 'line' in p ? p.line : p.beginLine }, { kind: 'error', error });
  }
  if (scan.omittedProblems)
    sink.add({ format: 'pem', file }, { kind: 'error', error: inspectErrors.tooManyProblems(scan.problems.length, scan.omittedProblems) });
  prefetchCertificates(
    ctx,
    scan.blocks.filter((b) => PEM_LABELS[b.label] === 'certificate').map((b) => b.bytes),
  );
  for (const b of scan.blocks) {
    if (IGNORED_LABELS.has(b.label)) continue;
    const alias = listing?.aliasAt.get(b.beginLine);
    const source = {
      format: 'pem' as const,
      file,
      label: b.label,
      line: b.beginLine,
      parent: parent ?? listing?.parent,
      ...(alias !== undefined ? { friendlyName: alias } : {}),
    };
    const kind = PEM_LABELS[b.label] ?? classifyDer(b.bytes);
    if (!kind) {
      sink.add(source, { kind: 'error', error: inspectErrors.unsupportedLabel(b.label, b.beginLine) });
      continue;
    }
    await objectItems(ctx, kind, b.bytes, source, b.headers);
  }
  if (scan.blocks.length || scan.problems.length || parent !== undefined || listing) return;
  const trimmed = text.trim();
  if (!trimmed) return;
  if (looksLikeBase64(trimmed)) {
    const d = decodeBase64(trimmed);
    const pem = d.ok && nesting === 0 ? pemInside(d.bytes) : undefined;
    if (pem !== undefined) return readText(ctx, pem, file, nesting + 1);
    if (d.ok && (await readDer(ctx, d.bytes, file, 'base64'))) return;
  }
  if (/^[0-9a-fA-F:\s]+$/.test(trimmed)) {
    const h = fromHex(trimmed);
    if (h && (await readDer(ctx, h, file, 'hex'))) return;
  }
  if (nesting === 0 && (await readEmbedded(ctx, trimmed, file))) return;
  sink.add({ format: 'pem', file }, { kind: 'error', error: inspectErrors.unknownFormat(describeText(text)) });
}

async function readFile(ctx: ObjectContext, f: InspectFile): Promise<void> {
  if (typeof f.data === 'string') return readText(ctx, f.data, f.name);
  const bytes = f.data;
  if (bytes.length === 0) return;
  if (keystoreTypeOf(bytes)) return keystoreFileItems(ctx, bytes, f.name);
  if (bytes[0] === 0x30 && (await readDer(ctx, bytes, f.name, 'der'))) return;
  const text = decodeText(bytes);
  // eslint-disable-next-line no-control-regex -- control characters are what tells binary from text
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 2048)) && !text.includes('-----BEGIN ')) {
    ctx.sink.add({ format: 'der', file: f.name }, { kind: 'error', error: inspectErrors.unknownFormat(describeBytes(bytes)) });
    return;
  }
  return readText(ctx, text, f.name);
}

function keyMatches(items: InspectItem[]): { matches: KeyMatch[]; findings: Finding[] } {
  const ids = new Map<number, string>();
  const idOf = (i: number, pk: PublicKeyShape | undefined) => {
    if (!pk) return;
    try {
      ids.set(i, keyIdentity(pk));
    } catch {
      /* a key whose bits do not parse matches nothing */
    }
  };
  for (const it of items) {
    if (it.kind === 'certificate') idOf(it.index, it.certificate.publicKey);
    else if (it.kind === 'csr') idOf(it.index, it.csr.publicKey);
    else if (it.kind === 'private-key') idOf(it.index, it.privateKey.publicKey);
    else if (it.kind === 'public-key') idOf(it.index, it.publicKey);
  }
  const matches: KeyMatch[] = [];
  const findings: Finding[] = [];
  const byId = new Map<string, InspectItem[]>();
  for (const it of items) {
    const id = ids.get(it.index);
    if (!id) continue;
    const list = byId.get(id);
    if (list) list.push(it);
    else byId.set(id, [it]);
  }
  const of = (kind: string, id: string) => (byId.get(id) ?? []).filter((x) => x.kind === kind).map((x) => x.index);
  const certCount = items.filter((x) => x.kind === 'certificate').length;
  for (const it of items) {
    if (it.kind !== 'private-key' && it.kind !== 'public-key' && it.kind !== 'csr') continue;
    const id = ids.get(it.index);
    if (!id) continue;
    const m: KeyMatch = {
      item: it.index,
      certificates: of('certificate', id),
      csrs: of('csr', id).filter((i) => i !== it.index),
      privateKeys: of('private-key', id).filter((i) => i !== it.index),
    };
    matches.push(m);
    if (it.kind !== 'private-key' || certCount === 0) continue;
    if (m.certificates.length) {
      const c = items[m.certificates[0]];
      const name = c.kind === 'certificate' ? c.certificate.subject.oneline : '';
      findings.push({
        kind: 'key-matches',
        severity: 'info',
        items: [it.index, ...m.certificates],
        message: `the private key belongs to ${name}`,
        action: 'Install this key together with that certificate.',
      });
    } else {
      findings.push({
        kind: 'key-mismatch',
        severity: 'error',
        items: [it.index],
        message: 'the private key does not belong to any certificate here',
        action:
          'Find the key generated with the CSR of this certificate. Compare `openssl x509 -noout -pubkey -in cert.pem | openssl sha256` with `openssl pkey -pubout -in key.pem | openssl sha256`: they must be equal.',
      });
    }
  }
  return { matches, findings };
}

/** s_client without -showcerts prints only the server's certificate: do not call the rest missing. */
function partialTranscripts(items: InspectItem[], bundle: BundleAnalysis | undefined): Finding[] {
  const out: Finding[] = [];
  for (const it of items) {
    if (it.kind !== 's-client' || it.sClient.showcerts) continue;
    const printed = items.filter((x) => x.source.parent === it.index && x.kind === 'certificate').length;
    if (it.sClient.chain.length <= printed) continue;
    out.push({
      kind: 'partial-transcript',
      severity: 'info',
      items: [it.index],
      message: `the server sent ${it.sClient.chain.length} certificates, but s_client printed only ${printed} (it was run without -showcerts)`,
      action: 'Run `openssl s_client -connect HOST:443 -servername HOST -showcerts </dev/null` and paste that output to check the whole chain.',
    });
  }
  return bundle ? out : [];
}

/**
 * Drops bundle findings that do not apply to where the certificates came from: order means
 * nothing inside a PKCS#7 (a SET) or a PKCS#12, and a partial s_client transcript does not
 * show what is missing.
 */
function keepFinding(f: Finding, items: InspectItem[], partialTranscript: boolean): boolean {
  if (f.kind === 'intermediate-missing' && partialTranscript) return false;
  if (f.kind === 'wrong-order') return !f.items.every((i) => items[i].source.format === 'pkcs7' || items[i].source.format === 'pkcs12');
  return true;
}

function conversionsFor(sink: ItemSink, chain: number[]): void {
  for (const it of sink.items) {
    if (it.source.parent !== undefined && it.source.format !== 's_client' && it.source.format !== 'pem') continue;
    const name = it.source.file;
    if (it.kind === 'certificate') {
      const alone = sink.items.filter((x) => x.source.file === name && x.source.parent === it.source.parent).length === 1;
      const der = it.certificate.der;
      sink.conversions.push(it.source.format === 'pem' ? certPemToDer(der, name, it.index, alone) : certDerToPem(der, name, it.index, alone));
    } else if (it.kind === 'csr' && it.source.format === 'pem') sink.conversions.push(csrToDer(it.csr.der, name, it.index));
    else if (it.kind === 'crl' && it.source.format !== 'pem') sink.conversions.push(crlToPem(it.crl.der, name, it.index));
    else if (it.kind === 'private-key' && (it.privateKey.format !== 'PKCS#8' || it.source.encryption)) {
      sink.conversions.push(keyToPkcs8Pem(it.privateKey.pkcs8, name, it.index));
    }
  }
  const members = chain.map((i) => sink.items[i]).flatMap((it) => (it.kind === 'certificate' ? [it.certificate] : []));
  if (members.length > 0 && members[0].role === 'leaf') sink.conversions.push(fullchain(members));
}

function failed(error: InspectError): InspectResult {
  return { ok: false, error, items: [], matches: [], findings: [], conversions: [], needsPassword: false };
}

/** Inspects several files together (e.g. cert.pem + chain.pem + key.pem dropped at once). */
export async function inspectFiles(files: InspectFile[], opts: InspectOptions): Promise<InspectResult> {
  try {
    const max = opts.maxBytes ?? MAX_INPUT_BYTES;
    const size = files.reduce((n, f) => n + (typeof f.data === 'string' ? f.data.length : f.data.length), 0);
    if (size > max) return failed(inspectErrors.tooLarge(size, max));
    if (files.every((f) => (typeof f.data === 'string' ? f.data.trim() === '' : f.data.length === 0))) return failed(inspectErrors.empty());
    const sink = new ItemSink();
    const ctx: ObjectContext = { sink, opts };
    for (const f of files) await readFile(ctx, f);
    const items = sink.items;
    const all = items.flatMap((it) => (it.kind === 'certificate' ? [{ index: it.index, cert: it.certificate }] : []));
    // beside a keystore, the chain is the certificates outside it (the store is asked about them)
    const outside = all.filter((c) => !inStore(items, items[c.index]));
    const certs = outside.length ? outside : all;
    const bundle = certs.length ? await analyzeBundle(certs, opts.subtle, opts.at) : undefined;
    const keystoreAnswers = outside.length ? await keystoreQuestions(items, bundle, opts.subtle) : [];
    const { matches, findings: keyFindings } = keyMatches(items);
    const transcriptFindings = partialTranscripts(items, bundle);
    const revocation = await crlFindings(items, opts.subtle, opts.at);
    conversionsFor(sink, bundle?.chain ?? []);
    const readable = items.some((it) => it.kind !== 'error');
    const firstError = items.find((it) => it.kind === 'error');
    return {
      ok: readable,
      error: readable ? undefined : firstError?.kind === 'error' ? firstError.error : inspectErrors.unknownFormat('nothing readable'),
      items,
      bundle,
      matches,
      findings: [
        ...(bundle?.findings ?? []).filter((f) => keepFinding(f, items, transcriptFindings.length > 0)),
        ...transcriptFindings,
        ...revocation,
        ...keyFindings,
      ],
      conversions: sink.conversions,
      ...(keystoreAnswers.length ? { keystoreAnswers } : {}),
      needsPassword: sink.needsPassword,
    };
  } catch (e) {
    return failed(inspectErrors.internal(e));
  }
}

/** Inspects one input: text (PEM, base64, s_client output) or bytes (DER, PKCS#12, or text). */
export function inspect(input: string | Uint8Array, opts: InspectOptions): Promise<InspectResult> {
  return inspectFiles([{ data: input }], opts);
}
