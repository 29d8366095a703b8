/**
 * The simulator's scenario: a small JSON document that describes a PKI (root ->
 * intermediate(s) -> leaf), what the server sends, what the client trusts and which
 * host it asks for. The sandbox edits it in Monaco; the simulator builds it from presets.
 *
 * The JSON Schema in scenario-schema.ts describes the same shape (with hover help);
 * scenario-schema.test.ts proves the two agree, at type level and at run time.
 */
import type { KeyUsageFlag } from '../model.ts';
import { checkAgainstSchema, type SchemaProblem } from './schema-check.ts';
import { scenarioSchema } from './scenario-schema.ts';

/** Days relative to the moment of the run (e.g. -30, 365), or an absolute ISO 8601 date-time. */
export type ScenarioTime = number | string;

export type KeyType = 'P-256' | 'P-384' | 'RSA-2048' | 'RSA-1024';
export type SignatureHash = 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SHA-1';
export type ExtendedKeyUsageName = 'serverAuth' | 'clientAuth' | 'codeSigning' | 'emailProtection' | 'timeStamping' | 'OCSPSigning';

export interface SubjectSpec {
  commonName?: string;
  organization?: string;
  organizationalUnit?: string;
  country?: string;
}

export interface CertificateSpec {
  /** Short id the rest of the scenario refers to ('root', 'ica', 'leaf'). */
  id: string;
  /** Id of the certificate whose key signs this one; its own id means self-signed. */
  issuer: string;
  subject: SubjectSpec;
  /** DNS names (and IP addresses) for the subjectAltName extension; absent = no SAN extension. */
  subjectAltNames?: string[];
  validity: { notBefore: ScenarioTime; notAfter: ScenarioTime };
  /** Key of this certificate (default P-256). */
  key?: KeyType;
  /** Hash the issuer signs this certificate with (default SHA-256). */
  signatureHash?: SignatureHash;
  /** Absent = no basicConstraints extension. */
  basicConstraints?: { ca: boolean; pathLen?: number };
  keyUsage?: KeyUsageFlag[];
  extendedKeyUsage?: ExtendedKeyUsageName[];
  /** DNS name constraints (only meaningful on CA certificates). */
  nameConstraints?: { permitted?: string[]; excluded?: string[] };
  /** Put an AIA caIssuers URL pointing at the issuer (default true for non-self-signed). */
  aia?: boolean;
}

export interface Scenario {
  version: 1;
  title?: string;
  /** The host name the client asks for (SNI and name check). */
  host: string;
  certificates: CertificateSpec[];
  /** Ids of the certificates the server sends, in the order it sends them (first = its own). */
  serverSends: string[];
  /** Ids of the certificates in the client's trust store. */
  trustStore: string[];
  /** The server asks for a client certificate and the client has none. */
  clientCertRequired?: boolean;
}

export type ScenarioError =
  | { kind: 'too-large'; bytes: number; limit: number; message: string }
  | { kind: 'not-json'; message: string }
  | { kind: 'schema'; problems: SchemaProblem[]; message: string }
  | { kind: 'duplicate-id'; id: string; message: string }
  | { kind: 'unknown-reference'; where: string; id: string; known: string[]; message: string }
  | { kind: 'issuer-cycle'; ids: string[]; message: string }
  | { kind: 'bad-time'; where: string; received: string; message: string };

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; error: ScenarioError };

export const SCENARIO_TEXT_LIMIT = 64 * 1024;

/** Parse JSON text into a checked scenario. */
export function parseScenarioText(text: string): ScenarioResult {
  if (text.length > SCENARIO_TEXT_LIMIT) {
    return {
      ok: false,
      error: {
        kind: 'too-large',
        bytes: text.length,
        limit: SCENARIO_TEXT_LIMIT,
        message: `Received ${text.length} characters; a scenario may have at most ${SCENARIO_TEXT_LIMIT}. Remove certificates or long names.`,
      },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      error: { kind: 'not-json', message: `The scenario is not valid JSON: ${(e as Error).message}. Expected a JSON object like the presets.` },
    };
  }
  return checkScenario(value);
}

/** Check any value against the schema, then the cross-references the schema cannot express. */
export function checkScenario(value: unknown): ScenarioResult {
  const problems = checkAgainstSchema(scenarioSchema, value);
  if (problems.length > 0) {
    const first = problems[0]!;
    return {
      ok: false,
      error: { kind: 'schema', problems, message: `${first.path || '/'}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}` },
    };
  }
  const s = value as Scenario;
  const ids = s.certificates.map((c) => c.id);
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return { ok: false, error: { kind: 'duplicate-id', id, message: `Two certificates have the id '${id}'. Each id must be unique.` } };
    seen.add(id);
  }
  const refs: Array<[string, string]> = [
    ...s.certificates.map((c, i): [string, string] => [`/certificates/${i}/issuer`, c.issuer]),
    ...s.serverSends.map((id, i): [string, string] => [`/serverSends/${i}`, id]),
    ...s.trustStore.map((id, i): [string, string] => [`/trustStore/${i}`, id]),
  ];
  for (const [where, id] of refs) {
    if (!seen.has(id)) {
      return {
        ok: false,
        error: {
          kind: 'unknown-reference',
          where,
          id,
          known: ids,
          message: `${where}: received '${id}'. Expected one of the certificate ids: ${ids.join(', ')}.`,
        },
      };
    }
  }
  for (const [i, c] of s.certificates.entries()) {
    for (const key of ['notBefore', 'notAfter'] as const) {
      const t = c.validity[key];
      if (typeof t === 'string' && Number.isNaN(Date.parse(t))) {
        const where = `/certificates/${i}/validity/${key}`;
        return {
          ok: false,
          error: {
            kind: 'bad-time',
            where,
            received: t,
            message: `${where}: received '${t}'. Expected days relative to now (e.g. -30) or an ISO date such as 2026-01-31T00:00:00Z.`,
          },
        };
      }
    }
  }
  const cycle = findIssuerCycle(s.certificates);
  if (cycle) {
    return {
      ok: false,
      error: {
        kind: 'issuer-cycle',
        ids: cycle,
        message: `The issuers form a loop: ${cycle.join(' -> ')}. Every chain must end at a self-signed certificate (issuer = its own id).`,
      },
    };
  }
  return { ok: true, scenario: s };
}

function findIssuerCycle(certs: CertificateSpec[]): string[] | undefined {
  const byId = new Map(certs.map((c) => [c.id, c]));
  for (const start of certs) {
    const path = [start.id];
    let cur = start;
    while (cur.issuer !== cur.id) {
      const next = byId.get(cur.issuer)!;
      if (path.includes(next.id)) return [...path, next.id];
      path.push(next.id);
      cur = next;
    }
  }
  return undefined;
}

/** Certificates ordered so that every issuer comes before what it signs. */
export function issuerFirstOrder(certs: CertificateSpec[]): CertificateSpec[] {
  const byId = new Map(certs.map((c) => [c.id, c]));
  const out: CertificateSpec[] = [];
  const done = new Set<string>();
  const visit = (c: CertificateSpec): void => {
    if (done.has(c.id)) return;
    if (c.issuer !== c.id) visit(byId.get(c.issuer)!);
    done.add(c.id);
    out.push(c);
  };
  certs.forEach(visit);
  return out;
}

/** The ids from a certificate up to its self-signed root: [leaf, ica, root]. */
export function issuerPath(s: Scenario, id: string): string[] {
  const byId = new Map(s.certificates.map((c) => [c.id, c]));
  const out = [id];
  let cur = byId.get(id);
  while (cur && cur.issuer !== cur.id && !out.includes(cur.issuer)) {
    out.push(cur.issuer);
    cur = byId.get(cur.issuer);
  }
  return out;
}
