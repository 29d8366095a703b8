/**
 * Which clients still connect to a Let's Encrypt server after DST Root CA X3 expired (issue 15,
 * lesson "Cross-signing and root expiry"). The server sends the long chain of 2021–2024: leaf,
 * R3, and ISRG Root X1 as cross-signed by DST Root CA X3. A client's answer depends on three
 * things only: which of the two roots it trusts, whether it looks in its trust store first
 * (OpenSSL 1.1.0 and later) or follows the chain as sent (OpenSSL 1.0.x), and whether it checks
 * a trust anchor's own dates (OpenSSL does; Android and rustls-webpki do not: RFC 5280 6.1.1(d)
 * makes the anchor's validity an input, not a check). Times are passed in (ms since the epoch).
 */
import type { ExerciseGrade } from './exercises.ts';

export type LetsEncryptRoot = 'ISRG Root X1' | 'DST Root CA X3';

/** notAfter of DST Root CA X3 (2021-09-30 14:01:15 UTC) and of ISRG Root X1's cross-sign by it (2024-09-30 18:14:03 UTC). */
export const DST_ROOT_CA_X3_NOT_AFTER = Date.UTC(2021, 8, 30, 14, 1, 15);
export const ISRG_X1_CROSS_NOT_AFTER = Date.UTC(2024, 8, 30, 18, 14, 3);

export interface ChainClient {
  /** The roots of the two that it trusts. */
  anchors: readonly LetsEncryptRoot[];
  /** Looks in the trust store before following the chain the server sent. */
  trustedFirst: boolean;
  /** Rejects an expired trust anchor. */
  checksAnchorExpiry: boolean;
}

export type ChainOutcome =
  | { result: 'works'; anchor: LetsEncryptRoot }
  | { result: 'fails'; reason: 'anchor-expired'; anchor: LetsEncryptRoot }
  | { result: 'fails'; reason: 'cross-sign-expired' }
  | { result: 'fails'; reason: 'no-trusted-root' };

/** The path the client builds from the long chain, and whether it holds at `at`. */
export function longChainOutcome(client: ChainClient, at: number): ChainOutcome {
  const hasX1 = client.anchors.includes('ISRG Root X1');
  const hasDst = client.anchors.includes('DST Root CA X3');
  // Trusted-first: R3's issuer, ISRG Root X1, is found in the store; the cross-sign is never used.
  if (hasX1 && (client.trustedFirst || !hasDst)) return { result: 'works', anchor: 'ISRG Root X1' };
  if (!hasDst) return { result: 'fails', reason: 'no-trusted-root' };
  // Following the chain as sent: leaf, R3, the cross-signed X1, then DST Root CA X3 from the store.
  if (at > ISRG_X1_CROSS_NOT_AFTER) return { result: 'fails', reason: 'cross-sign-expired' };
  if (client.checksAnchorExpiry && at > DST_ROOT_CA_X3_NOT_AFTER) return { result: 'fails', reason: 'anchor-expired', anchor: 'DST Root CA X3' };
  return { result: 'works', anchor: 'DST Root CA X3' };
}

export type CrossSignClientId = 'openssl-102-debian11' | 'openssl-3-old-certifi' | 'openssl-3-debian11' | 'android-7';

export interface CrossSignClient extends ChainClient {
  id: CrossSignClientId;
  /** As the exercise shows it. */
  label: string;
}

/** The exercise's clients; the roots are those of the stores in certlab's data (and Android 7.0's system store). */
export const CROSS_SIGN_CLIENTS: Record<CrossSignClientId, CrossSignClient> = {
  'openssl-102-debian11': {
    id: 'openssl-102-debian11',
    label: 'curl built with OpenSSL 1.0.2, reading a trust store with both DST Root CA X3 and ISRG Root X1',
    anchors: ['DST Root CA X3', 'ISRG Root X1'],
    trustedFirst: false,
    checksAnchorExpiry: true,
  },
  'openssl-3-old-certifi': {
    id: 'openssl-3-old-certifi',
    label: 'Python requests on OpenSSL 3 with certifi 2016.8.2 (DST Root CA X3, no ISRG Root X1)',
    anchors: ['DST Root CA X3'],
    trustedFirst: true,
    checksAnchorExpiry: true,
  },
  'openssl-3-debian11': {
    id: 'openssl-3-debian11',
    label: "curl on OpenSSL 3 with Debian 11's ca-certificates (DST Root CA X3 and ISRG Root X1)",
    anchors: ['DST Root CA X3', 'ISRG Root X1'],
    trustedFirst: true,
    checksAnchorExpiry: true,
  },
  'android-7': {
    id: 'android-7',
    label: 'An Android 7.0 phone (DST Root CA X3, no ISRG Root X1)',
    anchors: ['DST Root CA X3'],
    trustedFirst: true,
    checksAnchorExpiry: false,
  },
};

export type CrossSignProblemKind = 'answer-missing' | 'answer-wrong';

const WHY: Record<Exclude<ChainOutcome, { result: 'works' }>['reason'] | 'works', string> = {
  works: "Which root does its path end at, and does this client check that root's own dates?",
  'anchor-expired': 'Follow the chain it builds to the end: which root is at the top, and is that root still valid on that day?',
  'cross-sign-expired': 'The cross-signed certificate itself has an end date too.',
  'no-trusted-root': 'Does it have either root at all?',
};

/** Grades "works" / "fails" for each client (in the same order as `clients`) at time `at`. */
export function gradeCrossSign(
  clients: readonly CrossSignClientId[],
  answers: readonly ('works' | 'fails' | null)[],
  at: number,
): ExerciseGrade<CrossSignProblemKind> {
  const problems = clients.flatMap((id, i): { kind: CrossSignProblemKind; message: string }[] => {
    const client = CROSS_SIGN_CLIENTS[id];
    if (!client) throw new Error(`gradeCrossSign: unknown client "${id}". Expected one of: ${Object.keys(CROSS_SIGN_CLIENTS).join(', ')}.`);
    const answer = answers[i] ?? null;
    if (answer === null) return [{ kind: 'answer-missing', message: `Say whether it works or fails: ${client.label}.` }];
    const truth = longChainOutcome(client, at);
    if (answer === truth.result) return [];
    return [{ kind: 'answer-wrong', message: `Not right for: ${client.label}. ${WHY[truth.result === 'works' ? 'works' : truth.reason]}` }];
  });
  return { ok: problems.length === 0, problems };
}
