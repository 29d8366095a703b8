/**
 * Evidence the user can produce on the failing machine, read into one shape: the chain the
 * server sent (subject, issuer, expiry state) and the verify errors seen. Accepts
 * `openssl s_client -showcerts` output (read by the inspector's transcript parser),
 * `curl -v` output, and a certlab probe result (JSON). Pure: text in, summary out.
 */
import { looksLikeSClient, parseSClient } from '../formats/s-client-transcript.ts';

export interface EvidenceCert {
  depth: number;
  subject: string;
  issuer: string;
  /** True when the evidence itself says this certificate has expired. */
  expired?: boolean;
}

export interface Evidence {
  /** 'in the text': a chain listing inside the pasted error itself (s_client, Apple's NSErrorPeerCertificateChainKey). */
  kind: 's_client' | 'curl -v' | 'probe' | 'in the text';
  chain: EvidenceCert[];
  /** OpenSSL verify errors (code, text, depth when known); an empty list with `verifiedOk` means the chain verified there. */
  verifyErrors: { code: number; text: string; depth: number | null }[];
  verifiedOk: boolean;
}

export type EvidenceRead = { ok: true; evidence: Evidence } | { ok: false; error: string };

const EXPECTED =
  'Expected the output of `openssl s_client -connect HOST:443 -servername HOST -showcerts </dev/null`, of `curl -v https://HOST/`, or a certlab probe result (certlab probe --json HOST).';

function fromSClient(text: string): Evidence {
  const t = parseSClient(text);
  const verifyErrors: Evidence['verifyErrors'] = t.verifyErrors.map((e) => ({ code: e.code, text: e.text, depth: e.depth }));
  if (t.verifyReturnCode && t.verifyReturnCode.code !== 0 && !verifyErrors.some((e) => e.code === t.verifyReturnCode!.code))
    verifyErrors.push({ code: t.verifyReturnCode.code, text: t.verifyReturnCode.text, depth: null });
  const chain = t.chain.map((c) => ({
    depth: c.depth,
    subject: c.subject,
    issuer: c.issuer,
    ...(verifyErrors.some((e) => e.code === 10 && e.depth === c.depth) ? { expired: true } : {}),
  }));
  return { kind: 's_client', chain, verifyErrors, verifiedOk: t.verifyReturnCode?.code === 0 || t.verification === 'OK' };
}

function fromCurl(text: string): Evidence {
  const subject = /^\*\s+subject: (.*)$/m.exec(text)?.[1]?.trim() ?? '';
  const issuer = /^\*\s+issuer: (.*)$/m.exec(text)?.[1]?.trim() ?? '';
  const verifyErrors: Evidence['verifyErrors'] = [];
  const result = /SSL certificate verify result: ([^\n]*?) \((\d+)\)/.exec(text);
  if (result && result[2] !== '0') verifyErrors.push({ code: Number(result[2]), text: result[1]!, depth: null });
  const problem = /SSL certificate problem: ([^\n]*)/.exec(text);
  if (problem && !result) verifyErrors.push({ code: -1, text: problem[1]!.trim(), depth: null });
  const chain = subject || issuer ? [{ depth: 0, subject, issuer }] : [];
  return { kind: 'curl -v', chain, verifyErrors, verifiedOk: /SSL certificate verify ok/.test(text) };
}

interface ProbeLike {
  presented?: { index?: number; subject?: string; issuer?: string; validity?: string }[];
  handshake?: { completed?: boolean; error?: { message?: string } };
}

function fromProbe(j: ProbeLike): Evidence {
  const chain = (j.presented ?? []).map((c, i) => ({
    depth: c.index ?? i,
    subject: c.subject ?? '',
    issuer: c.issuer ?? '',
    ...(typeof c.validity === 'string' && c.validity.startsWith('expired') ? { expired: true } : {}),
  }));
  const message = j.handshake?.error?.message;
  return { kind: 'probe', chain, verifyErrors: message ? [{ code: -1, text: message, depth: null }] : [], verifiedOk: false };
}

/** A chain printed inside the error text itself: an s_client transcript, or Apple's peer certificate chain. */
export function evidenceInText(text: string): Evidence | null {
  const apple = [...text.matchAll(/<cert\(0x[0-9a-f]+\) s: ([^>\n]*?) i: ([^>\n]*?)>/g)];
  if (apple.length) {
    const seen = new Set<string>();
    const chain: EvidenceCert[] = [];
    for (const m of apple) {
      const key = `${m[1]}|${m[2]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      chain.push({ depth: chain.length, subject: m[1]!.trim(), issuer: m[2]!.trim() });
    }
    return { kind: 'in the text', chain, verifyErrors: [], verifiedOk: false };
  }
  if (/^\s*0 s:/m.test(text) && /^Certificate chain\s*$/m.test(text)) return { ...fromSClient(text), kind: 'in the text' };
  return null;
}

export function readEvidence(text: string): EvidenceRead {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: `The evidence is empty. ${EXPECTED}` };
  if (trimmed.startsWith('{')) {
    try {
      const j = JSON.parse(trimmed) as ProbeLike;
      if (j && Array.isArray(j.presented)) return { ok: true, evidence: fromProbe(j) };
      return { ok: false, error: `Received JSON without a "presented" list of certificates. ${EXPECTED}` };
    } catch (e) {
      return { ok: false, error: `Received text that starts like JSON but does not parse (${(e as Error).message}). ${EXPECTED}` };
    }
  }
  if (looksLikeSClient(text)) return { ok: true, evidence: fromSClient(text) };
  if (/^\*\s+(?:subject|issuer): /m.test(text) || /^\* (?:SSL|TLS)|^\*\s+SSL certificate/m.test(text)) return { ok: true, evidence: fromCurl(text) };
  return { ok: false, error: `Received ${text.length} characters that are none of the evidence formats. ${EXPECTED}` };
}
