/**
 * Graders of the lessons' hands-on exercises (issue 15). Each takes what the learner produced
 * and answers with named problems, judged by the same core the tools use — the inspector's
 * bundle analysis for a fullchain.pem, the decoder for an error message — never by comparing
 * with a stored answer. The page shows the problems; the answer itself only after an attempt.
 */
import { inspect } from '../inspect/inspect.ts';
import type { FindingKind } from '../inspect/bundle.ts';
import { decode } from '../decoder/decode.ts';
import type { Liability } from '../causes/causes.ts';

export interface ExerciseProblem {
  kind: string;
  /** What is wrong, in words the learner can act on (no solution in it). */
  message: string;
}

export interface ExerciseGrade<K extends string = string> {
  ok: boolean;
  problems: (ExerciseProblem & { kind: K })[];
}

// --- Assemble fullchain.pem -------------------------------------------------------------

export type FullchainProblemKind =
  | 'nothing-readable'
  | 'private-key'
  | 'not-only-certificates'
  | Extract<
      FindingKind,
      | 'leaf-missing'
      | 'intermediate-missing'
      | 'wrong-order'
      | 'unrelated-certificate'
      | 'root-included'
      | 'duplicate'
      | 'multiple-leaves'
      | 'bad-signature'
      | 'expired'
    >;

const FULLCHAIN_FINDINGS: Record<string, string> = {
  'leaf-missing': "There is no server (leaf) certificate in it: the file must start with the certificate for the server's name.",
  'multiple-leaves': 'It holds more than one server certificate: a fullchain.pem is for one server certificate.',
  'wrong-order': "The order is wrong: the first certificate must be the server's own, and each next one must be the issuer of the one before it.",
  'intermediate-missing': 'A link is missing: the issuer of the last certificate is neither in the file nor a root. Add the intermediate that issued it.',
  'root-included': 'The root is in the file. It does no harm to verification but it is never needed: the client must already have it. Leave it out.',
  'unrelated-certificate': 'A certificate in the file is not part of this chain: every certificate must issue the one before it.',
  duplicate: 'A certificate appears twice.',
  'bad-signature': "A certificate's signature does not verify with the next one's key: that is not its real issuer.",
  expired: 'A certificate in the file has expired.',
};

/**
 * Grades a pasted fullchain.pem: only certificates, the leaf first, each next one its issuer,
 * no root, no missing link. `at` is the time validity is judged against.
 */
export async function gradeFullchain(pem: string, opts: { subtle: SubtleCrypto; at: number }): Promise<ExerciseGrade<FullchainProblemKind>> {
  const problems: (ExerciseProblem & { kind: FullchainProblemKind })[] = [];
  const result = pem.trim() === '' ? null : await inspect(pem, { subtle: opts.subtle, at: opts.at });
  const certs = result?.items.filter((it) => it.kind === 'certificate') ?? [];
  if (!result || certs.length === 0) {
    return {
      ok: false,
      problems: [
        {
          kind: 'nothing-readable',
          message: 'No certificate could be read. Paste the PEM blocks, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.',
        },
      ],
    };
  }
  if (result.items.some((it) => it.kind === 'private-key' || it.kind === 'encrypted-private-key')) {
    problems.push({
      kind: 'private-key',
      message:
        'It contains a private key. fullchain.pem holds certificates only; the key goes in its own file (nginx: ssl_certificate_key) and never leaves the server.',
    });
  }
  if (result.items.some((it) => it.kind !== 'certificate' && it.kind !== 'private-key' && it.kind !== 'encrypted-private-key')) {
    problems.push({ kind: 'not-only-certificates', message: 'Something in it is not a certificate. Keep only the CERTIFICATE blocks.' });
  }
  for (const f of result.bundle?.findings ?? []) {
    const message = FULLCHAIN_FINDINGS[f.kind];
    if (message && !problems.some((p) => p.kind === f.kind)) problems.push({ kind: f.kind as FullchainProblemKind, message });
  }
  // The inspector reports the order a server should send; the file must already be in it.
  const order = certs.map((c) => c.index);
  const chain = result.bundle?.chain ?? [];
  if (!problems.some((p) => p.kind === 'wrong-order') && chain.length === order.length && chain.some((c, i) => c !== order[i])) {
    problems.push({ kind: 'wrong-order', message: FULLCHAIN_FINDINGS['wrong-order'] });
  }
  return { ok: problems.length === 0, problems };
}

// --- Decode a real error ----------------------------------------------------------------

export interface DecodeAnswer {
  /** The OpenSSL verify code the learner read from the message. */
  code: number | null;
  /** Who they say must act. */
  liability: Liability | null;
}

export type DecodeProblemKind = 'code-missing' | 'code-wrong' | 'liability-missing' | 'liability-wrong';

/** Grades a decoded error: the learner's code and culprit against what the decoder finds in the message. */
export function gradeDecode(message: string, answer: DecodeAnswer): ExerciseGrade<DecodeProblemKind> {
  const truth = decode(message);
  if (truth.code === null)
    throw new Error(
      `gradeDecode: the decoder finds no verify code in the exercise's message. Received: ${message.slice(0, 80)}. Expected a message that names one.`,
    );
  const problems: (ExerciseProblem & { kind: DecodeProblemKind })[] = [];
  if (answer.code === null) problems.push({ kind: 'code-missing', message: 'Give the OpenSSL verify code (a number).' });
  else if (answer.code !== truth.code) {
    problems.push({
      kind: 'code-wrong',
      message: `${answer.code} is not the code behind this message. Find OpenSSL's own words in it (after "certificate verify failed:" or "SSL certificate problem:") and look them up in the table.`,
    });
  }
  if (answer.liability === null) problems.push({ kind: 'liability-missing', message: 'Say who must act.' });
  else if (answer.liability !== truth.liability) {
    problems.push({
      kind: 'liability-wrong',
      message: `Not ${answer.liability === 'both' ? 'both sides' : `the ${answer.liability}`}: think about which side can change what the message complains about.`,
    });
  }
  return { ok: problems.length === 0, problems };
}
