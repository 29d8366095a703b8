/**
 * Every client's and stack's wording for one OpenSSL verify code, for the reference page
 * /reference/verify/N/: read from the one client table (../clients/messages.ts) and the
 * decoder's stack table (../decoder/stacks/), never copied. A wording belongs to code N when
 *
 *   - it names N (`code === N`): match 'code';
 *   - it is generic over the verify result ('from-code') and its template has {text} or {code}:
 *     filled with N's OpenSSL text and number (and Node's err.code, .NET's chain status, Go's
 *     x509 text for N where the template asks for them): match 'from-code';
 *   - it names no code, only a cause, and N is the code OpenSSL gives in that cause's usual
 *     case (CAUSE_CODE below): the stack says the same thing for the whole cause: match 'cause'.
 *
 * Handshake alerts (the peer rejected us) and wrappers that only say "verification failed"
 * ('from-code' without a placeholder) belong to no single code and are left out.
 */
import type { CauseId } from '../causes/cause-id.ts';
import type { ClientMessage } from '../clients/client-types.ts';
import { NODE_HINT_CODES, nodeErrorCode } from '../clients/node.ts';
import { CLIENT_IDS, CLIENTS } from '../clients/registry.ts';
import { STACK_ENTRIES, type StackEntry } from './stacks/index.ts';
import { V } from '../codes/verify-code-constants.ts';
import type { VerifyCode } from '../codes/verify-codes.ts';

/** The code OpenSSL reports in the usual case of each cause (causes with no such code are absent). */
export const CAUSE_CODE: Readonly<Partial<Record<CauseId, number>>> = {
  'unknown-ca': V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
  'incomplete-chain': V.UNABLE_TO_VERIFY_LEAF_SIGNATURE,
  'self-signed': V.DEPTH_ZERO_SELF_SIGNED_CERT,
  expired: V.CERT_HAS_EXPIRED,
  'not-yet-valid': V.CERT_NOT_YET_VALID,
  'hostname-mismatch': V.HOSTNAME_MISMATCH,
  'invalid-ca': V.INVALID_CA,
  'path-length-exceeded': V.PATH_LENGTH_EXCEEDED,
  'wrong-purpose': V.INVALID_PURPOSE,
  'weak-key': V.EE_KEY_TOO_SMALL,
  'weak-signature': V.CA_MD_TOO_WEAK,
  'bad-signature': V.CERT_SIGNATURE_FAILURE,
  'name-constraints': V.PERMITTED_VIOLATION,
  revoked: V.CERT_REVOKED,
};

export type WordingMatch = 'code' | 'from-code' | 'cause';

export interface CodeWording {
  /** The client (../clients/registry.ts) or stack (../decoder/stacks/types.ts) id. */
  by: string;
  /** The entry's id within its client or stack. */
  id: string;
  /** The wording: a template with N's values filled in ({host} and the like stay), or a regular expression's source. */
  text: string;
  form: 'template' | 'pattern';
  match: WordingMatch;
  /** The symbolic error code the program attaches, filled for N ('{nodeCode}' becomes Node's err.code). */
  errorCode?: string;
  versions?: string;
  source: string;
}

export interface WordingGroup {
  by: string;
  /** The client's label, for a client of the client table. */
  label?: string;
  wordings: CodeWording[];
}

/** curl's exit codes other than 60 (CURLE_PEER_FAILED_VERIFICATION) are about files and options given to curl, not the chain's verify result. */
const CURL_VERIFY_EXIT = '60';
/** Entries whose cause names a code's situation though no verify code is involved, with why. */
const NOT_A_VERIFY_RESULT: readonly string[] = [
  'okhttp/pinning', // a pin mismatch is the app's own check after the chain verified
];
const HAS_CODE_PLACEHOLDER = /\{(?:text|code)\}/;
const RANK: Record<WordingMatch, number> = { code: 0, 'from-code': 1, cause: 2 };

function belongsByCause(cause: CauseId | 'from-code', code: number | undefined, n: number): boolean {
  return code === undefined && cause !== 'from-code' && CAUSE_CODE[cause] === n;
}

/** What a client's generic template reads for code c, or null when the template is not about c. */
function fillClientTemplate(m: ClientMessage, c: VerifyCode, own: readonly ClientMessage[]): { text: string; errorCode?: string } | null {
  if (m.cause !== 'from-code') return null;
  let text = m.template;
  let errorCode = m.errorCode;
  if (HAS_CODE_PLACEHOLDER.test(text)) {
    // a client with its own wording for c does not print the generic one (CPython and curl word the name check themselves)
    if (c.text === null || own.some((o) => o.code === c.code)) return null;
    text = text.replaceAll('{text}', c.text).replaceAll('{code}', String(c.code));
  } else if (text.includes('{status}')) {
    // .NET: "… errors in the certificate chain: {status}", the chain status this client gives for c
    const status = own.find((o) => o.code === c.code && o.errorCode?.startsWith('X509ChainStatusFlags.'));
    if (!status) return null;
    text = text.replaceAll('{status}', status.template);
  } else if (text.includes('{error}') && m.client === 'go') {
    // Go: "tls: failed to verify certificate: {error}", wrapping the x509 text Go gives for c
    const inner = own.find((o) => o.id !== m.id && (o.code === c.code || belongsByCause(o.cause, o.code, c.code)) && o.template.startsWith('x509: '));
    if (!inner) return null;
    // net/http wraps the crypto/tls error, which wraps the x509 one (Go >= 1.20)
    const tls = own.find((o) => o.template.startsWith('tls: failed to verify certificate: {error}'));
    const error = text.startsWith('tls: ') || !tls ? inner.template : tls.template.replaceAll('{error}', inner.template);
    text = text.replaceAll('{error}', error);
  } else return null;
  if (m.client === 'node') {
    const nodeCode = nodeErrorCode(c.code);
    // Node names 28 codes and calls every other one UNSPECIFIED: 'verify' is for the named ones, 'unspecified' for the rest
    if ((m.id === 'unspecified') !== (nodeCode === 'UNSPECIFIED')) return null;
    if (m.id === 'verify-hint' && !NODE_HINT_CODES.includes(c.code)) return null;
    errorCode = errorCode?.replaceAll('{nodeCode}', nodeCode);
  }
  return { text, errorCode };
}

function clientWording(m: ClientMessage, c: VerifyCode, own: readonly ClientMessage[]): CodeWording | null {
  const base = { by: m.client, id: m.id, form: 'template' as const, ...(m.versions ? { versions: m.versions } : {}), source: m.source };
  if (m.client === 'curl' && m.errorCode !== CURL_VERIFY_EXIT) return null;
  if (m.code === c.code) return { ...base, text: m.template, match: 'code', ...(m.errorCode ? { errorCode: m.errorCode } : {}) };
  if (belongsByCause(m.cause, m.code, c.code)) return { ...base, text: m.template, match: 'cause', ...(m.errorCode ? { errorCode: m.errorCode } : {}) };
  const filled = m.code === undefined ? fillClientTemplate(m, c, own) : null;
  return filled ? { ...base, text: filled.text, match: 'from-code', ...(filled.errorCode ? { errorCode: filled.errorCode } : {}) } : null;
}

function stackWording(e: StackEntry, c: VerifyCode): CodeWording | null {
  if (NOT_A_VERIFY_RESULT.includes(`${e.stack}/${e.id}`)) return null;
  const match: WordingMatch | null = e.code === c.code ? 'code' : belongsByCause(e.cause, e.code, c.code) ? 'cause' : null;
  if (!match) return null;
  const form = e.template !== undefined ? 'template' : 'pattern';
  return { by: e.stack, id: e.id, text: e.template ?? e.pattern!.source, form, match, source: e.source };
}

/** Every client's and stack's wording for code c, grouped by client (table order) then stack (first appearance); exact repeats within a group dropped. */
export function wordingsForCode(c: VerifyCode): WordingGroup[] {
  const groups = new Map<string, WordingGroup>();
  const add = (w: CodeWording | null, label?: string) => {
    if (!w) return;
    const g = groups.get(w.by) ?? { by: w.by, ...(label ? { label } : {}), wordings: [] };
    groups.set(w.by, g);
    g.wordings.push(w);
  };
  for (const id of CLIENT_IDS) {
    const own = CLIENTS[id].messages;
    for (const m of own) add(clientWording(m, c, own), CLIENTS[id].label);
  }
  for (const e of STACK_ENTRIES) add(stackWording(e, c));
  return [...groups.values()].map((g) => ({
    ...g,
    wordings: g.wordings
      .map((w, i) => ({ w, i }))
      .sort((a, b) => RANK[a.w.match] - RANK[b.w.match] || a.i - b.i)
      .map(({ w }) => w)
      .filter((w, i, all) => all.findIndex((o) => o.text === w.text) === i),
  }));
}
