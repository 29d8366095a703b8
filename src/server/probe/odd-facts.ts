/**
 * The facts about odd servers that the probe's JSON carries beside the chain (issue 13): a client
 * certificate the server requires (with the CA names it accepts, as text), a server that speaks
 * only TLS 1.0/1.1 (and which clients refuse it, from the client profiles), a port that does not
 * speak TLS (and what it speaks instead).
 */
import { judgeLegacyTls } from '../../core/clients/legacy-tls.ts';
import type { ProbeClientCertJson, ProbeLegacyTlsJson, ProbeNotTlsJson } from '../../core/net/probe-json.ts';
import { parseName } from '../../core/x509/name.ts';
import type { WireReport } from './engine.ts';
import type { ProbeError } from './errors.ts';

/** A distinguished name from a CertificateRequest, as text; a name that does not parse is still listed. */
function nameText(der: Uint8Array): string {
  try {
    return parseName(der).oneline || '(empty name)';
  } catch (e) {
    return `(a name of ${der.length} bytes that does not parse: ${(e as Error).message})`;
  }
}

export function clientCertJson(report: WireReport, error: ProbeError | undefined): ProbeClientCertJson | undefined {
  if (!report.clientCertRequested) return undefined;
  return { required: error?.kind === 'ServerAlert' && error.alert.level === 'fatal', authorities: report.acceptableClientCAs.map(nameText) };
}

export function legacyTlsJson(report: WireReport): ProbeLegacyTlsJson | undefined {
  const l = report.legacyTls;
  if (!l) return undefined;
  return {
    protocol: l.protocol,
    cipher: l.cipher,
    chainFromThisAttempt: l.presented.length > 0 && report.presented === l.presented,
    clients: judgeLegacyTls(l.protocol, l.cipher ?? '').map(({ client, label, refuses, reason }) => ({ client, label, refuses, reason })),
  };
}

export function notTlsJson(error: ProbeError | undefined): ProbeNotTlsJson | undefined {
  if (error?.kind !== 'NotTls') return undefined;
  return { protocol: error.protocol, name: error.name, firstLine: error.firstLine };
}
