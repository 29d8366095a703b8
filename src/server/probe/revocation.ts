/**
 * Revocation and transparency for the probe: the stapled OCSP response (status, age, who
 * signed it), Must-Staple, the SCTs from the certificate, the TLS extension and the staple,
 * and, only when asked (`--revocation`, `"revocation": true`), a live OCSP and CRL check.
 *
 * Every live request goes through fetchAia (aia-fetch.ts): the same address policy, resolver,
 * no redirects, a size cap and a share of the probe's time budget, at most MAX_LIVE_FETCHES.
 */
import type { Certificate, Millis } from '../../core/model.ts';
import { describeRefusal } from '../../core/net/policy.ts';
import type { CrlStatusJson, OcspStatusJson, RevocationJson, SctJson } from '../../core/net/probe-json.ts';
import { encodeBase64 } from '../../core/der/base64.ts';
import { fromHex } from '../../core/der/hex.ts';
import { type DecodedExtension } from '../../core/x509/extensions.ts';
import { parseCrl } from '../../core/x509/crl.ts';
import { type OcspCheck, buildOcspRequest, checkOcspResponse } from '../../core/x509/ocsp.ts';
import { type Sct, parseSctList } from '../../core/x509/sct.ts';
import { verifySignature, verifySignedData } from '../../core/x509/signature.ts';
import { type AiaFetchOptions, type AiaFetchResult, fetchAia } from './aia-fetch.ts';
import type { WireReport } from './engine.ts';
import type { ProbeFinding } from './findings.ts';

/** OCSP URLs and CRL URLs tried per probe, each (a certificate can list many; a hostile one hundreds). */
export const MAX_LIVE_FETCHES = 2;
/** A CRL is read up to this size; real ones for a public CA shard are well below it. */
export const MAX_CRL_BYTES = 1024 * 1024;
const MAX_OCSP_BYTES = 64 * 1024;
const TLS_FEATURE_STATUS_REQUEST = 5;

export type RevocationFindingKind =
  'must-staple-missing' | 'ocsp-revoked' | 'ocsp-stale' | 'ocsp-unverified' | 'ocsp-unusable' | 'ocsp-good' | 'crl-revoked' | 'crl-unusable';

const iso = (ms: number) => new Date(ms).toISOString();

function ago(ms: number, at: Millis, past: string, future: string): string {
  const d = at - ms;
  const abs = Math.abs(d);
  const n =
    abs >= 86_400_000
      ? `${Math.round(abs / 86_400_000)} days`
      : abs >= 3_600_000
        ? `${Math.round(abs / 3_600_000)} hours`
        : `${Math.round(abs / 60_000)} minutes`;
  return d >= 0 ? `${past} ${n} ago` : `${future} in ${n}`;
}

/** The issuer of the leaf among the given certificates: same name, and its key verifies the leaf. */
export async function findIssuer(leaf: Certificate, candidates: Certificate[], subtle: SubtleCrypto): Promise<Certificate | undefined> {
  for (const c of candidates) {
    if (c === leaf || c.subject.canonical !== leaf.issuer.canonical) continue;
    if ((await verifySignature(leaf, c, subtle)).ok) return c;
  }
  return undefined;
}

function ocspJson(check: OcspCheck, source: OcspStatusJson['source'], at: Millis, url?: string): OcspStatusJson {
  const base: OcspStatusJson = { source, ...(url ? { url } : {}), status: 'unusable' };
  if (!check.ok) {
    const e = check.error;
    const problem =
      e.kind === 'Unparsable'
        ? `the response does not parse (${e.message})`
        : e.kind === 'ResponseStatus'
          ? `the responder answered ${e.status}, not successful`
          : `the response is about other certificates (serials ${e.serials.join(', ') || 'none'}), not this one`;
    return { ...base, problem };
  }
  const out: OcspStatusJson = {
    ...base,
    status: check.status.kind,
    producedAt: iso(check.producedAt),
    thisUpdate: iso(check.thisUpdate),
    ...(check.nextUpdate !== undefined ? { nextUpdate: iso(check.nextUpdate) } : {}),
    age: [
      ago(check.producedAt, at, 'produced', 'produced'),
      check.nextUpdate !== undefined ? ago(check.nextUpdate, at, 'expired', 'next update') : 'no next update given',
    ].join(', '),
    freshness: check.freshness,
    signature: check.signature.ok
      ? { ok: true, text: `signed by ${check.signature.signer === 'issuer' ? 'the issuer' : 'a delegated responder'}, ${check.signature.signerSubject}` }
      : { ok: false, text: check.signature.detail },
  };
  if (check.status.kind === 'revoked') {
    out.revokedAt = iso(check.status.revokedAt);
    if (check.status.reason) out.reason = check.status.reason;
  }
  return out;
}

const sctJson = (s: Sct, source: SctJson['source']): SctJson => ({
  source,
  logId: encodeBase64(fromHex(s.logId)!),
  logName: null,
  timestamp: iso(s.timestamp),
});

export type LiveRevocationOptions = AiaFetchOptions & { deadline: number };

export interface RevocationInput {
  report: WireReport;
  /** The certificates as sent, parsed (null where parsing failed). */
  certificates: (Certificate | null)[];
  /** More issuer candidates (the CLI's --ca roots). */
  extraIssuers?: Certificate[];
  at: Millis;
  subtle: SubtleCrypto;
  /** Set to run the live OCSP and CRL check through these fetch options, ending by `deadline` (performance.now() time). */
  live?: LiveRevocationOptions;
}

export async function checkRevocation(input: RevocationInput): Promise<{ json: RevocationJson; findings: ProbeFinding[] } | undefined> {
  const { report, at, subtle } = input;
  const leaf = input.certificates[0];
  if (!leaf) return undefined;
  const candidates = [...input.certificates.slice(1).filter((c): c is Certificate => c !== null), ...(input.extraIssuers ?? [])];
  const issuer = await findIssuer(leaf, candidates, subtle);
  const findings: ProbeFinding[] = [];

  const stapledCheck = report.ocspResponse ? await checkOcspResponse(report.ocspResponse, leaf, issuer, at, subtle) : undefined;
  const stapled = stapledCheck ? ocspJson(stapledCheck, 'stapled', at) : null;
  const mustStaple = leaf.extensions.some((e) => {
    const d = e.decoded as DecodedExtension | undefined;
    return d?.kind === 'tlsFeature' && d.features.includes(TLS_FEATURE_STATUS_REQUEST);
  });

  const scts: SctJson[] = [];
  for (const e of leaf.extensions) {
    const d = e.decoded as DecodedExtension | undefined;
    if (d?.kind === 'sctList' && e.oid === '1.3.6.1.4.1.11129.2.4.2') scts.push(...d.scts.map((s) => sctJson(s, 'certificate')));
  }
  if (report.sctList) {
    try {
      scts.push(...parseSctList(report.sctList).map((s) => sctJson(s, 'tls-extension')));
    } catch {
      // An unreadable TLS SCT list is reported as no SCTs from that source.
    }
  }
  if (stapledCheck?.ok) scts.push(...stapledCheck.scts.map((s) => sctJson(s, 'ocsp')));

  // Only a whole handshake proves that no staple was sent (TLS 1.2 sends it after the certificates).
  if (mustStaple && !stapled && report.handshakeCompleted) {
    findings.push({
      kind: 'must-staple-missing',
      severity: 'error',
      items: [0],
      message: 'the certificate requires a stapled OCSP response (Must-Staple, TLS feature status_request) but the server stapled none',
      action:
        'Turn on OCSP stapling on the server (nginx: ssl_stapling on; Apache: SSLUseStapling On) and check it can reach the OCSP responder, or issue a certificate without Must-Staple. Firefox refuses the connection until then.',
    });
  }
  if (stapled) findings.push(...ocspFindings(stapled));
  const json: RevocationJson = { stapled, mustStaple, scts };
  if (input.live) {
    const live = await liveCheck(leaf, issuer, input.live, at, subtle);
    json.live = live;
    for (const o of live.ocsp) findings.push(...ocspFindings(o));
    for (const c of live.crl) {
      if (c.status === 'revoked') {
        findings.push({
          kind: 'crl-revoked',
          severity: 'error',
          items: [0],
          message: `the CRL at ${c.url} lists the certificate as revoked since ${c.revokedAt}${c.reason ? ` (${c.reason})` : ''}`,
          action: 'Replace the certificate: a revoked certificate must not be served.',
        });
      } else if (c.status === 'unusable') {
        findings.push({
          kind: 'crl-unusable',
          severity: 'warning',
          items: [0],
          message: `the CRL at ${c.url} could not be used: ${c.problem}`,
          action: 'Clients that check CRLs may fail; check the CRL distribution point.',
        });
      }
    }
  }
  return { json, findings };
}

function ocspFindings(o: OcspStatusJson): ProbeFinding[] {
  const where = o.source === 'stapled' ? 'the stapled OCSP response' : `the OCSP responder ${o.url}`;
  if (o.status === 'unusable') {
    return [
      {
        kind: 'ocsp-unusable',
        severity: 'warning',
        items: [0],
        message: `${where} could not be used: ${o.problem}`,
        action: "Check the OCSP responder and the server's stapling configuration.",
      },
    ];
  }
  const out: ProbeFinding[] = [];
  if (o.status === 'revoked') {
    // Revoked is proven only by a response whose signature verifies; otherwise it is reported, not concluded.
    const proven = o.signature?.ok === true;
    out.push({
      kind: 'ocsp-revoked',
      severity: proven ? 'error' : 'warning',
      items: [0],
      message: `${where} says the certificate is revoked since ${o.revokedAt}${o.reason ? ` (${o.reason})` : ''}${proven ? '' : ', but its signature could not be verified'}`,
      action: proven
        ? 'Replace the certificate: clients that check revocation refuse it.'
        : 'Check the certificate with its CA; the response alone does not prove the revocation.',
    });
  }
  if (o.freshness && o.freshness !== 'current') {
    out.push({
      kind: 'ocsp-stale',
      severity: 'warning',
      items: [0],
      message: `${where} is ${o.freshness === 'expired' ? `out of date (next update was ${o.nextUpdate})` : `not valid yet (this update ${o.thisUpdate})`}`,
      action:
        o.source === 'stapled'
          ? 'The server keeps serving an old staple: check that it can reach the OCSP responder and refreshes the staple.'
          : 'The responder serves old answers; tell the CA.',
    });
  }
  if (o.signature && !o.signature.ok) {
    out.push({
      kind: 'ocsp-unverified',
      severity: 'warning',
      items: [0],
      message: `${where}: ${o.signature.text}`,
      action: 'Clients ignore or reject an OCSP response whose signature they cannot verify.',
    });
  }
  if (out.length === 0 && o.status === 'good') {
    out.push({ kind: 'ocsp-good', severity: 'info', items: [0], message: `${where} says good (${o.age})`, action: 'Nothing to do.' });
  }
  return out;
}

async function liveCheck(
  leaf: Certificate,
  issuer: Certificate | undefined,
  options: LiveRevocationOptions,
  at: Millis,
  subtle: SubtleCrypto,
): Promise<NonNullable<RevocationJson['live']>> {
  const fetchWithin = (url: string, extra: Partial<AiaFetchOptions>): Promise<AiaFetchResult> => {
    const left = Math.floor(options.deadline - performance.now());
    if (left <= 0) return Promise.resolve({ ok: false, error: { kind: 'Timeout', url, afterMs: 0 } });
    return fetchAia(url, { ...options, ...extra, timeoutMs: Math.min(options.timeoutMs ?? 10_000, left) });
  };
  const ocspUrls = (leaf.aia?.ocsp ?? []).slice(0, MAX_LIVE_FETCHES);
  const crlUrls = (leaf.crlDistributionPoints ?? []).slice(0, MAX_LIVE_FETCHES);
  const ocsp: OcspStatusJson[] = [];
  const crl: CrlStatusJson[] = [];
  if (!issuer) return { ocsp, crl, skipped: "the issuer's certificate was not sent, so no OCSP request can be made and no CRL signature checked" };

  const request = ocspUrls.length ? await buildOcspRequest(leaf, issuer, subtle) : undefined;
  const ocspRuns = ocspUrls.map(async (url): Promise<OcspStatusJson> => {
    const got = await fetchWithin(url, { post: { body: request!, contentType: 'application/ocsp-request' }, maxBytes: MAX_OCSP_BYTES });
    if (!got.ok) return { source: 'responder', url, status: 'unusable', problem: fetchProblem(got.error) };
    return ocspJson(await checkOcspResponse(got.bytes, leaf, issuer, at, subtle), 'responder', at, url);
  });
  const crlRuns = crlUrls.map(async (url): Promise<CrlStatusJson> => {
    const got = await fetchWithin(url, { maxBytes: MAX_CRL_BYTES });
    if (!got.ok) return { url, status: 'unusable', problem: fetchProblem(got.error) };
    try {
      const list = await parseCrl(got.bytes, subtle);
      const sig = await verifySignedData(subtle, list.tbs, list.signatureAlgorithm, list.signature, issuer.publicKey);
      const signature = sig.ok
        ? { ok: true, text: `signed by the issuer, ${issuer.subject.oneline}` }
        : { ok: false, text: `the CRL's signature does not verify with the issuer's key (${sig.reason})` };
      const dates = { thisUpdate: iso(list.thisUpdate), ...(list.nextUpdate !== undefined ? { nextUpdate: iso(list.nextUpdate) } : {}) };
      if (!sig.ok) return { url, status: 'unusable', ...dates, signature, problem: signature.text };
      if (list.issuer.canonical !== issuer.subject.canonical)
        return { url, status: 'unusable', ...dates, signature, problem: `the CRL is issued by ${list.issuer.oneline}, not by the certificate's issuer` };
      if (list.nextUpdate !== undefined && list.nextUpdate < at)
        return { url, status: 'unusable', ...dates, signature, problem: `the CRL is out of date (next update was ${iso(list.nextUpdate)})` };
      const serial = leaf.serialHex.replace(/^-/, '');
      const entry = list.revoked.find((r) => r.serialHex === serial);
      if (!entry) return { url, status: 'good', ...dates, signature };
      return { url, status: 'revoked', revokedAt: iso(entry.revokedAt), ...(entry.reason ? { reason: entry.reason } : {}), ...dates, signature };
    } catch (e) {
      return { url, status: 'unusable', problem: `the CRL does not parse (${(e as Error).message})` };
    }
  });
  ocsp.push(...(await Promise.all(ocspRuns)));
  crl.push(...(await Promise.all(crlRuns)));
  return { ocsp, crl, ...(ocspUrls.length + crlUrls.length === 0 ? { skipped: 'the certificate names no OCSP responder and no CRL distribution point' } : {}) };
}

function fetchProblem(e: Extract<AiaFetchResult, { ok: false }>['error']): string {
  switch (e.kind) {
    case 'BadUrl':
      return 'the URL does not parse';
    case 'UnsupportedScheme':
      return `only http:// is fetched (the URL uses ${e.scheme})`;
    case 'Refused':
      return describeRefusal(e.refusal).replace(/\.$/, '');
    case 'DnsFailed':
      return `its name does not resolve (${e.code})`;
    case 'ConnectFailed':
      return `the connection failed (${e.code})`;
    case 'Timeout':
      return `no complete answer within ${e.afterMs} ms`;
    case 'Redirect':
      return `it redirects (HTTP ${e.status}); redirects are not followed`;
    case 'HttpStatus':
      return `it answered HTTP ${e.status}`;
    case 'TooLarge':
      return `the answer is larger than ${e.limit} bytes`;
  }
}
