/**
 * OCSP (RFC 6960): the response parser, the check of one response against the certificate it
 * is about, and the request a client sends. Pure: bytes, an injected SubtleCrypto and an
 * explicit time in, plain data out.
 *
 *   OCSPResponse { responseStatus ENUMERATED, responseBytes [0] { id-pkix-ocsp-basic, OCTET STRING } }
 *   BasicOCSPResponse { tbsResponseData, signatureAlgorithm, signature, certs [0] OPTIONAL }
 *   ResponseData { version [0], responderID ([1] Name | [2] KeyHash), producedAt, responses, extensions [1] }
 *   SingleResponse { certID, certStatus (good [0] | revoked [1] | unknown [2]), thisUpdate, nextUpdate [0], singleExtensions [1] }
 */
import type { Certificate, DistinguishedName, Subtle } from '../model.ts';
import { DerReader, TAG, type Tlv } from '../der/reader.ts';
import { DerError } from '../der/errors.ts';
import { decodeBitString, decodeInteger, decodeOid, decodeSmallInt, decodeTime } from '../der/primitives.ts';
import { bytesEqual, fromHex, toHex } from '../der/hex.ts';
import { nullValue, octets, oid, seq, tlv } from '../der/encode.ts';
import { type AlgorithmId, decodeCertificate, readAlgorithm, withDigests } from './certificate.ts';
import { type DecodedExtension, readExtensions } from './extensions.ts';
import { readName } from './name.ts';
import type { Sct } from './sct.ts';
import { verifySignature, verifySignedData } from './signature.ts';

export const OCSP_RESPONSE_STATUSES = ['successful', 'malformedRequest', 'internalError', 'tryLater', 'unused(4)', 'sigRequired', 'unauthorized'] as const;
export type OcspResponseStatus = (typeof OCSP_RESPONSE_STATUSES)[number] | `unknown(${number})`;

const CRL_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'unused(7)',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
];

export type OcspCertStatus = { kind: 'good' } | { kind: 'revoked'; revokedAt: number; reason?: string } | { kind: 'unknown' };

export interface OcspCertId {
  hashAlgorithm: AlgorithmId;
  issuerNameHash: string;
  issuerKeyHash: string;
  serialHex: string;
}

export interface OcspSingleResponse {
  certId: OcspCertId;
  status: OcspCertStatus;
  thisUpdate: number;
  nextUpdate?: number;
  /** SCTs the CA put in the response (RFC 6962 3.3, OID 1.3.6.1.4.1.11129.2.4.5). */
  scts: Sct[];
}

export interface BasicOcspResponse {
  tbs: Uint8Array;
  responderId: { byName: DistinguishedName } | { byKeyHash: string };
  producedAt: number;
  responses: OcspSingleResponse[];
  signatureAlgorithm: AlgorithmId;
  signature: Uint8Array;
  /** Certificates the responder included (a delegated responder's certificate). */
  certs: Uint8Array[];
}

export interface OcspResponse {
  status: OcspResponseStatus;
  basic?: BasicOcspResponse;
}

const ID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const ID_KP_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';
const SHA1 = '1.3.14.3.2.26';
const HASHES: Record<string, 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'> = {
  [SHA1]: 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

function readTime(r: DerReader, what: string): number {
  const t = r.expect(TAG.GENERALIZED_TIME, what);
  return decodeTime(t.tag, r.value(t), t.valueStart);
}

function readCertId(r: DerReader, t: Tlv): OcspCertId {
  const s = r.into(t);
  const hashAlgorithm = readAlgorithm(s, s.expect(TAG.SEQUENCE, 'the CertID hashAlgorithm'));
  const n = s.expect(TAG.OCTET_STRING, 'issuerNameHash');
  const k = s.expect(TAG.OCTET_STRING, 'issuerKeyHash');
  const sn = s.expect(TAG.INTEGER, 'serialNumber');
  s.finish('CertID');
  return { hashAlgorithm, issuerNameHash: toHex(s.value(n)), issuerKeyHash: toHex(s.value(k)), serialHex: decodeInteger(s.value(sn), sn.valueStart).hex };
}

function readStatus(r: DerReader): OcspCertStatus {
  const t = r.next();
  if (t.tag === 0x80) return { kind: 'good' };
  if (t.tag === 0x82) return { kind: 'unknown' };
  if (t.tag !== 0xa1) throw new DerError('UnexpectedTag', t.start, `tag 0x${t.tag.toString(16)}`, 'good [0], revoked [1] or unknown [2] (certStatus)');
  const s = r.into(t);
  const revokedAt = readTime(s, 'revocationTime');
  const out: OcspCertStatus = { kind: 'revoked', revokedAt };
  const reason = s.optional(0xa0);
  if (reason) {
    const e = s.into(reason).expect(TAG.ENUMERATED, 'revocationReason');
    const n = decodeSmallInt(r.buf.subarray(e.valueStart, e.valueEnd), e.valueStart);
    out.reason = CRL_REASONS[n] ?? `unknown(${n})`;
  }
  return out;
}

function sctsOf(r: DerReader, t: Tlv | undefined): Sct[] {
  if (!t) return [];
  const inner = r.into(t);
  return readExtensions(inner, inner.expect(TAG.SEQUENCE, 'Extensions')).flatMap((x) => {
    const d = x.decoded as DecodedExtension | undefined;
    return d?.kind === 'sctList' ? d.scts : [];
  });
}

function readSingle(r: DerReader, t: Tlv): OcspSingleResponse {
  const s = r.into(t);
  const certId = readCertId(s, s.expect(TAG.SEQUENCE, 'certID'));
  const status = readStatus(s);
  const thisUpdate = readTime(s, 'thisUpdate');
  const out: OcspSingleResponse = { certId, status, thisUpdate, scts: [] };
  const nu = s.optional(0xa0);
  if (nu) out.nextUpdate = readTime(s.into(nu), 'nextUpdate');
  out.scts = sctsOf(s, s.optional(0xa1));
  s.finish('SingleResponse');
  return out;
}

function readBasic(der: Uint8Array): BasicOcspResponse {
  const r = new DerReader(der);
  const top = r.into(r.expect(TAG.SEQUENCE, 'BasicOCSPResponse'));
  r.finish('BasicOCSPResponse');
  const tbsTlv = top.expect(TAG.SEQUENCE, 'tbsResponseData');
  const signatureAlgorithm = readAlgorithm(top, top.expect(TAG.SEQUENCE, 'signatureAlgorithm'));
  const sig = top.expect(TAG.BIT_STRING, 'signature');
  const certs: Uint8Array[] = [];
  const certsTlv = top.optional(0xa0);
  if (certsTlv) {
    const list = top.into(certsTlv);
    const s = list.into(list.expect(TAG.SEQUENCE, 'certs'));
    while (!s.atEnd()) certs.push(s.raw(s.expect(TAG.SEQUENCE, 'a responder Certificate')));
  }
  top.finish('BasicOCSPResponse');

  const d = top.into(tbsTlv);
  d.optional(0xa0); // version, v1
  const rid = d.next();
  let responderId: BasicOcspResponse['responderId'];
  if (rid.tag === 0xa1) {
    const n = d.into(rid);
    responderId = { byName: readName(n, n.expect(TAG.SEQUENCE, 'responderID byName')) };
  } else if (rid.tag === 0xa2) {
    const k = d.into(rid);
    responderId = { byKeyHash: toHex(k.value(k.expect(TAG.OCTET_STRING, 'responderID byKey'))) };
  } else throw new DerError('UnexpectedTag', rid.start, `tag 0x${rid.tag.toString(16)}`, 'byName [1] or byKey [2] (responderID)');
  const producedAt = readTime(d, 'producedAt');
  const list = d.into(d.expect(TAG.SEQUENCE, 'responses'));
  const responses: OcspSingleResponse[] = [];
  while (!list.atEnd()) responses.push(readSingle(list, list.expect(TAG.SEQUENCE, 'a SingleResponse')));
  d.optional(0xa1); // responseExtensions (nonce): not needed
  d.finish('ResponseData');
  return {
    tbs: top.raw(tbsTlv),
    responderId,
    producedAt,
    responses,
    signatureAlgorithm,
    signature: decodeBitString(top.value(sig), sig.valueStart).bytes,
    certs,
  };
}

/** DER OCSPResponse → structure. Throws a DerError on malformed input. */
export function parseOcspResponse(der: Uint8Array): OcspResponse {
  const r = new DerReader(der);
  const s = r.into(r.expect(TAG.SEQUENCE, 'OCSPResponse'));
  r.finish('OCSPResponse');
  const st = s.expect(TAG.ENUMERATED, 'responseStatus');
  const n = decodeSmallInt(s.value(st), st.valueStart);
  const status: OcspResponseStatus = OCSP_RESPONSE_STATUSES[n] ?? `unknown(${n})`;
  const bytes = s.optional(0xa0);
  s.finish('OCSPResponse');
  if (!bytes) return { status };
  const rb = s.into(bytes);
  const inner = rb.into(rb.expect(TAG.SEQUENCE, 'ResponseBytes'));
  const o = inner.expect(TAG.OID, 'responseType');
  const type = decodeOid(inner.value(o), o.valueStart);
  const body = inner.expect(TAG.OCTET_STRING, 'the response OCTET STRING');
  if (type !== ID_PKIX_OCSP_BASIC) throw new DerError('UnexpectedTag', o.start, `responseType ${type}`, `${ID_PKIX_OCSP_BASIC} (id-pkix-ocsp-basic)`);
  return { status, basic: readBasic(inner.value(body).slice()) };
}

/** The subjectPublicKey BIT STRING contents (what issuerKeyHash and byKey hash). */
function keyBits(spki: Uint8Array): Uint8Array {
  const r = new DerReader(spki);
  const s = r.into(r.expect(TAG.SEQUENCE, 'SubjectPublicKeyInfo'));
  s.expect(TAG.SEQUENCE, 'algorithm');
  const k = s.expect(TAG.BIT_STRING, 'subjectPublicKey');
  return decodeBitString(s.value(k), k.valueStart).bytes;
}

async function digest(subtle: Subtle, alg: string, data: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await subtle.digest(alg, data as Uint8Array<ArrayBuffer>)));
}

/** The serialNumber INTEGER as the certificate holds it (sign byte included). */
function serialBytes(cert: Certificate): Uint8Array {
  const r = new DerReader(cert.tbs);
  const t = r.into(r.expect(TAG.SEQUENCE, 'tbsCertificate'));
  t.optional(0xa0);
  return t.value(t.expect(TAG.INTEGER, 'serialNumber')).slice();
}

/** DER OCSPRequest for one certificate (CertID with SHA-1, what responders expect). */
export async function buildOcspRequest(cert: Certificate, issuer: Certificate, subtle: Subtle): Promise<Uint8Array> {
  const nameHash = fromHex(await digest(subtle, 'SHA-1', fromHex(issuer.subject.derHex)!))!;
  const keyHash = fromHex(await digest(subtle, 'SHA-1', keyBits(issuer.publicKey.spki)))!;
  const certId = seq(seq(oid(SHA1), nullValue()), octets(nameHash), octets(keyHash), tlv(TAG.INTEGER, serialBytes(cert)));
  return seq(seq(seq(seq(certId))));
}

export type OcspSignature =
  | { ok: true; signer: 'issuer' | 'delegated'; signerSubject: string }
  | {
      ok: false;
      problem:
        | 'no-issuer' // the issuer's certificate was not available to check with
        | 'responder-not-found' // neither the issuer nor an included certificate matches the responderID
        | 'responder-not-authorised' // the included responder certificate is not issued by the issuer or lacks OCSPSigning
        | 'bad-signature'
        | 'unsupported-algorithm';
      detail: string;
    };

export type OcspFreshness = 'current' | 'expired' | 'not-yet-valid';

export type OcspCheck =
  | {
      ok: false;
      error:
        | { kind: 'Unparsable'; message: string }
        | { kind: 'ResponseStatus'; status: OcspResponseStatus }
        | { kind: 'NoResponseForCertificate'; serials: string[] };
    }
  | {
      ok: true;
      status: OcspCertStatus;
      producedAt: number;
      thisUpdate: number;
      nextUpdate?: number;
      freshness: OcspFreshness;
      signature: OcspSignature;
      scts: Sct[];
    };

/** Responder certificates, and responses for the same serial, looked at per response (a bound against hostile input). */
export const MAX_RESPONDER_CERTS = 8;

/** Five minutes of clock skew accepted on thisUpdate, as OpenSSL's default (`-validity_period` 300). */
export const OCSP_SKEW_MS = 5 * 60_000;

async function responderMatches(id: BasicOcspResponse['responderId'], cert: Certificate, subtle: Subtle): Promise<boolean> {
  if ('byName' in id) return id.byName.canonical === cert.subject.canonical;
  return id.byKeyHash === (await digest(subtle, 'SHA-1', keyBits(cert.publicKey.spki)));
}

async function checkSignature(basic: BasicOcspResponse, issuer: Certificate | undefined, at: number, subtle: Subtle): Promise<OcspSignature> {
  if (!issuer) return { ok: false, problem: 'no-issuer', detail: "the issuer's certificate was not sent, so the responder's signature cannot be checked" };
  const verdict = (signer: Certificate, by: 'issuer' | 'delegated', r: Awaited<ReturnType<typeof verifySignedData>>): OcspSignature =>
    r.ok
      ? { ok: true, signer: by, signerSubject: signer.subject.oneline }
      : r.reason === 'unsupported-algorithm'
        ? { ok: false, problem: 'unsupported-algorithm', detail: `signature algorithm ${r.algorithm} cannot be checked` }
        : { ok: false, problem: 'bad-signature', detail: `the response's signature does not verify with ${signer.subject.oneline}'s key (${r.reason})` };
  if (await responderMatches(basic.responderId, issuer, subtle)) {
    return verdict(issuer, 'issuer', await verifySignedData(subtle, basic.tbs, basic.signatureAlgorithm, basic.signature, issuer.publicKey));
  }
  // A hostile response can carry hundreds of certificates: look at the first few, as responders send one.
  for (const der of basic.certs.slice(0, MAX_RESPONDER_CERTS)) {
    let responder: Certificate;
    try {
      responder = await withDigests(decodeCertificate(der), subtle);
    } catch {
      continue;
    }
    if (!(await responderMatches(basic.responderId, responder, subtle))) continue;
    const issued = await verifySignature(responder, issuer, subtle);
    if (!issued.ok) {
      return {
        ok: false,
        problem: 'responder-not-authorised',
        detail: `the responder ${responder.subject.oneline} is not issued by ${issuer.subject.oneline}`,
      };
    }
    if (at < responder.notBefore || at > responder.notAfter) {
      return {
        ok: false,
        problem: 'responder-not-authorised',
        detail: `the responder certificate ${responder.subject.oneline} is not valid at the probe time`,
      };
    }
    if (!responder.extKeyUsage?.includes(ID_KP_OCSP_SIGNING)) {
      return { ok: false, problem: 'responder-not-authorised', detail: `the responder ${responder.subject.oneline} lacks the OCSPSigning extended key usage` };
    }
    return verdict(responder, 'delegated', await verifySignedData(subtle, basic.tbs, basic.signatureAlgorithm, basic.signature, responder.publicKey));
  }
  return { ok: false, problem: 'responder-not-found', detail: 'neither the issuer nor a certificate in the response matches the responderID' };
}

/** Checks an OCSP response about `cert` (issued by `issuer`, when known) at time `at`. */
export async function checkOcspResponse(der: Uint8Array, cert: Certificate, issuer: Certificate | undefined, at: number, subtle: Subtle): Promise<OcspCheck> {
  let parsed: OcspResponse;
  try {
    parsed = parseOcspResponse(der);
  } catch (e) {
    return { ok: false, error: { kind: 'Unparsable', message: (e as Error).message } };
  }
  if (parsed.status !== 'successful') return { ok: false, error: { kind: 'ResponseStatus', status: parsed.status } };
  if (!parsed.basic) return { ok: false, error: { kind: 'Unparsable', message: 'a successful response without responseBytes' } };
  const basic = parsed.basic;
  const serial = cert.serialHex.replace(/^-/, '');
  const candidates = basic.responses.filter((s) => s.certId.serialHex === serial).slice(0, MAX_RESPONDER_CERTS);
  let single: OcspSingleResponse | undefined;
  for (const s of candidates) {
    if (!issuer) {
      single = s;
      break;
    }
    const hash = HASHES[s.certId.hashAlgorithm.oid];
    if (!hash) continue;
    const nameHash = await digest(subtle, hash, fromHex(issuer.subject.derHex)!);
    const keyHash = await digest(subtle, hash, keyBits(issuer.publicKey.spki));
    if (bytesEqual(fromHex(nameHash)!, fromHex(s.certId.issuerNameHash)!) && keyHash === s.certId.issuerKeyHash) {
      single = s;
      break;
    }
  }
  if (!single) return { ok: false, error: { kind: 'NoResponseForCertificate', serials: basic.responses.map((s) => s.certId.serialHex) } };
  const freshness: OcspFreshness =
    single.thisUpdate > at + OCSP_SKEW_MS ? 'not-yet-valid' : single.nextUpdate !== undefined && single.nextUpdate < at ? 'expired' : 'current';
  return {
    ok: true,
    status: single.status,
    producedAt: basic.producedAt,
    thisUpdate: single.thisUpdate,
    ...(single.nextUpdate !== undefined ? { nextUpdate: single.nextUpdate } : {}),
    freshness,
    signature: await checkSignature(basic, issuer, at, subtle),
    scts: single.scts,
  };
}
