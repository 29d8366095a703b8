/**
 * When every client's path check accepts the chain but revocation says otherwise (an OCSP
 * response or CRL says revoked, or a Must-Staple certificate comes without a staple), the
 * story is "revoked" (the cause table's entry): the headline says what was found and which
 * clients refuse, and the email asks the server's administrators to act.
 */
import { causeById } from '../../core/causes/causes.ts';
import { blameHeadline } from '../../core/causes/who-acts.ts';
import type { ProbeFinding } from './findings.ts';
import type { Story } from './story.ts';

const WHO_REFUSES: Partial<Record<ProbeFinding['kind'], string>> = {
  'ocsp-revoked': 'clients that check revocation refuse it',
  'crl-revoked': 'clients that check CRLs refuse it',
  'must-staple-missing': 'Firefox refuses it (MOZILLA_PKIX_ERROR_REQUIRED_TLS_FEATURE_MISSING)',
};

/** The story for revocation findings, or undefined when there is none to tell. */
export function revocationStory(findings: ProbeFinding[], name: string, evidence: string): Story | undefined {
  const found = findings.filter((f) => f.severity === 'error' && WHO_REFUSES[f.kind]);
  if (found.length === 0) return undefined;
  const info = causeById('revoked');
  const what = found.map((f) => `${f.message}; ${WHO_REFUSES[f.kind]}`).join('. ');
  const headline = `${blameHeadline(info.liability)}: ${what}. The chain itself is accepted by every client's path check.`;
  const body = [
    'Hello,',
    '',
    `The certificate ${name} presents has a revocation problem: ${what}.`,
    '',
    `Analysis: ${info.summary}`,
    '',
    `What we ask: ${found.map((f) => f.action).join(' ')}`,
    '',
    'Diagnostic output (certlab probe):',
    '',
    evidence,
    '',
    'Thank you.',
  ].join('\n');
  return { cause: 'revoked', liability: info.liability, headline, email: { subject: `TLS certificate problem on ${name}: ${info.title}`, body } };
}
