/**
 * Findings about the chain as the server sent it: the bundle analysis (order, extras, root
 * included, duplicates, missing intermediate, expiry; src/core/inspect/bundle.ts) plus the hostname
 * check for the name the probe asked for, and the client-certificate request.
 */
import { analyzeBundle, type Finding } from '../../core/inspect/bundle.ts';
import type { Certificate, Millis } from '../../core/model.ts';
import { checkPeerName, peerName } from '../../core/validate/hostname.ts';
import type { RevocationFindingKind } from './revocation.ts';

export interface ProbeFinding {
  kind:
    Finding['kind'] | 'hostname-match' | 'hostname-mismatch' | 'client-cert-requested' | 'too-many-certificates' | 'older-stores-fail' | RevocationFindingKind;
  severity: Finding['severity'];
  /** Positions in the list as sent (0 = first certificate). */
  items: number[];
  message: string;
  action: string;
  url?: string;
  rightOrder?: number[];
}

export async function probeFindings(
  presented: (Certificate | null)[],
  name: string,
  clientCertRequested: boolean,
  at: Millis,
  subtle: SubtleCrypto,
): Promise<ProbeFinding[]> {
  const members = presented.flatMap((cert, index) => (cert ? [{ index, cert }] : []));
  const out: ProbeFinding[] = members.length ? (await analyzeBundle(members, subtle, at)).findings : [];
  const leaf = presented[0];
  if (leaf) {
    const check = checkPeerName(leaf, peerName(name), true);
    const names = check.presented.join(', ') || '(none)';
    out.push(
      check.ok
        ? { kind: 'hostname-match', severity: 'info', items: [0], message: `${name} is covered by the certificate (names: ${names})`, action: 'Nothing to do.' }
        : {
            kind: 'hostname-mismatch',
            severity: 'error',
            items: [0],
            message: `${name} is not among the certificate's names (${names})`,
            action: `Issue a certificate that includes ${name} in its subjectAltName, or check that the server picks the right certificate for this name (SNI).`,
          },
    );
  }
  if (clientCertRequested) {
    out.push({
      kind: 'client-cert-requested',
      severity: 'info',
      items: [],
      message: 'the server asks for a client certificate (mutual TLS)',
      action: 'Clients must present a certificate from a CA the server accepts; browsers will prompt for one.',
    });
  }
  return out;
}
