/**
 * Reads a log from a failed mutual-TLS connection and says which check failed (issue 15,
 * lesson "Mutual TLS"): the server asked for a client certificate and got none, the server
 * refused the client certificate it got, or the client refused the server's certificate.
 * Each is recognised by the words real programs print (captured in the lesson): OpenSSL's
 * alerts as the client sees them, s_server's and nginx's own lines, curl's and Python's.
 */
import type { ExerciseGrade } from './exercises.ts';

export type MtlsFailure = 'client-sent-no-certificate' | 'server-rejected-client-certificate' | 'client-rejected-server-certificate';

export interface MtlsReading {
  failure: MtlsFailure;
  /** The line of the log that shows it. */
  evidence: string;
}

/** Most specific first: a log may also hold a generic "handshake failure" line. */
const SIGNS: { failure: MtlsFailure; test: RegExp }[] = [
  { failure: 'client-sent-no-certificate', test: /No required SSL certificate was sent/i },
  { failure: 'client-sent-no-certificate', test: /peer did not return a certificate|client sent no required SSL certificate/i },
  { failure: 'client-sent-no-certificate', test: /alert certificate required|CERTIFICATE_REQUIRED/i },
  { failure: 'server-rejected-client-certificate', test: /The SSL certificate error|client SSL certificate verify error/i },
  {
    failure: 'server-rejected-client-certificate',
    test: /alert (unknown ca|bad certificate|certificate expired|certificate revoked|certificate unknown|unsupported certificate)/i,
  },
  { failure: 'server-rejected-client-certificate', test: /TLSV1_ALERT_UNKNOWN_CA|SSLV3_ALERT_BAD_CERTIFICATE|SSLV3_ALERT_CERTIFICATE_EXPIRED/i },
  {
    failure: 'client-rejected-server-certificate',
    test: /SSL certificate problem|CERTIFICATE_VERIFY_FAILED|certificate verify failed|unable to verify the first certificate|UNABLE_TO_(VERIFY|GET_ISSUER)/i,
  },
];

/** Which side's check failed, with the line that shows it; null when the log shows none of them. */
export function readMtlsLog(log: string): MtlsReading | null {
  const lines = log.split(/\r?\n/);
  for (const sign of SIGNS) {
    const line = lines.find((l) => sign.test.test(l));
    if (line !== undefined) return { failure: sign.failure, evidence: line.trim() };
  }
  return null;
}

export type MtlsProblemKind = 'answer-missing' | 'answer-wrong';

const WHY_NOT: Record<MtlsFailure, string> = {
  'client-sent-no-certificate': 'Did the client send a certificate at all? Look for a line that says one was required or not returned.',
  'server-rejected-client-certificate':
    'A client that sent a certificate can still be refused: look for an alert the server sent (unknown ca, bad certificate, certificate expired).',
  'client-rejected-server-certificate': "Both sides verify in mTLS: look for the client's own verify error about the server's certificate.",
};

export function gradeMtlsSide(log: string, answer: MtlsFailure | null): ExerciseGrade<MtlsProblemKind> {
  const truth = readMtlsLog(log);
  if (truth === null)
    throw new Error(
      `gradeMtlsSide: the exercise's log shows no mTLS failure. Received: ${log.slice(0, 80)}. Expected a client or server log line that names one.`,
    );
  if (answer === null) return { ok: false, problems: [{ kind: 'answer-missing', message: 'Pick which check failed.' }] };
  if (answer === truth.failure) return { ok: true, problems: [] };
  return { ok: false, problems: [{ kind: 'answer-wrong', message: `Not that one. ${WHY_NOT[truth.failure]}` }] };
}
