/** Every way a probe can fail before or during the TLS handshake, with what to do about it. */
import type { TargetRefusal } from '../../core/net/policy.ts';
import { describeRefusal } from '../../core/net/policy.ts';
import type { Alert } from '../../core/tls/messages.ts';
import type { TlsReadError } from '../../core/tls/reader.ts';
import type { PlainProtocol } from '../../core/tls/not-tls.ts';
import { describeTlsReadError } from '../../core/tls/describe.ts';
import type { UpgradeFailure } from '../../core/net/starttls/dialogue.ts';
import { describeUpgradeFailure } from '../../core/net/starttls/describe.ts';

/** A failed TLS upgrade (STARTTLS and the like, issue 13), with the port for the words. */
export type UpgradeError = UpgradeFailure & { port: number };

export type ProbeError =
  | { kind: 'Refused'; refusal: TargetRefusal }
  | { kind: 'DnsFailed'; host: string; code: string }
  | { kind: 'DnsTimeout'; host: string; afterMs: number }
  | { kind: 'ConnectTimeout'; address: string; port: number; afterMs: number }
  | { kind: 'ConnectFailed'; address: string; port: number; code: string }
  | { kind: 'HandshakeTimeout'; afterMs: number; bytesReceived: number }
  | { kind: 'BudgetExhausted'; stage: 'dns' | 'connect' | 'upgrade' | 'handshake'; budgetMs: number }
  | { kind: 'TooMuchData'; limit: number }
  /** `afterHandshake`: TLS 1.3 servers refuse a missing client certificate after the client's Finished. */
  | { kind: 'ServerAlert'; alert: Alert; afterHandshake?: boolean }
  | { kind: 'ClosedMidHandshake'; bytesReceived: number }
  | { kind: 'NotTls'; firstBytesHex: string; hint: string; protocol: PlainProtocol; name: string; firstLine: string }
  | { kind: 'HandshakeFailed'; code: string; message: string }
  | { kind: 'UnreadableHandshake'; error: TlsReadError }
  /** The CLI's HTTP CONNECT proxy (tunnel.ts) did not open the tunnel; `status` when it answered. */
  | { kind: 'ProxyFailed'; proxy: string; reason: string; status?: number }
  | UpgradeError;

const ALERT_ADVICE: Record<string, string> = {
  handshake_failure:
    'the server found nothing in common with the client (protocol version, cipher suites or signature algorithms), or requires a client certificate',
  protocol_version: 'the server does not support the TLS versions offered (TLS 1.2 and 1.3)',
  unrecognized_name: 'the server has no certificate for the name sent in SNI; check --servername',
  certificate_required: 'the server requires a client certificate',
  access_denied: 'the server refused the client (often: client certificate required)',
  internal_error: 'the server failed internally during the handshake',
  insufficient_security: 'the server requires stronger parameters than were offered',
};

const STAGE_WORDS = { dns: 'name lookup', connect: 'TCP connect', upgrade: 'plain-text dialogue before TLS (STARTTLS)', handshake: 'TLS handshake' };

/** Every upgrade failure kind, once (a missing or extra one fails the type check). */
const UPGRADE_KINDS: Record<UpgradeError['kind'], true> = {
  GreetingRefused: true,
  StartTlsNotOffered: true,
  StartTlsRefused: true,
  UnexpectedReply: true,
  BannerTooLong: true,
  ClosedDuringUpgrade: true,
  DataAfterGoAhead: true,
  UpgradeTimeout: true,
};

export const isUpgradeError = (e: ProbeError): e is UpgradeError => Object.hasOwn(UPGRADE_KINDS, e.kind);

export function describeProbeError(e: ProbeError): string {
  switch (e.kind) {
    case 'Refused':
      return describeRefusal(e.refusal);
    case 'DnsFailed':
      return `Could not resolve "${e.host}" (${e.code}). Check the spelling, or that the name exists in public DNS.`;
    case 'DnsTimeout':
      return `Resolving "${e.host}" took longer than ${e.afterMs} ms; gave up.`;
    case 'ConnectTimeout':
      return `No TCP answer from ${e.address} port ${e.port} within ${e.afterMs} ms: the port is filtered or the host is down.`;
    case 'ConnectFailed':
      return `TCP connection to ${e.address} port ${e.port} failed (${e.code})${e.code === 'ECONNREFUSED' ? ': nothing listens on that port' : ''}.`;
    case 'HandshakeTimeout':
      return `The TLS handshake did not finish within ${e.afterMs} ms (${e.bytesReceived} bytes received): the server is too slow or is not a TLS server.`;
    case 'BudgetExhausted':
      return `The probe's time budget of ${e.budgetMs} ms (DNS, connect and handshake together) ran out during the ${STAGE_WORDS[e.stage]}; the server, or its DNS, is too slow.`;
    case 'TooMuchData':
      return `The server sent more than ${e.limit} bytes during the handshake; the probe stopped reading. A normal certificate chain is a few kilobytes.`;
    case 'ServerAlert': {
      const advice = ALERT_ADVICE[e.alert.name];
      const when = e.afterHandshake ? 'closed the connection right after the handshake' : 'ended the handshake';
      return `The server ${when} with a ${e.alert.level} alert ${e.alert.name} (${e.alert.description})${advice ? `: ${advice}` : ''}.`;
    }
    case 'ClosedMidHandshake':
      return `The server closed the connection during the handshake after ${e.bytesReceived} bytes.`;
    case 'NotTls':
      return `The server did not answer with TLS: ${e.hint}. It sent: "${e.firstLine}" (first bytes ${e.firstBytesHex}).`;
    case 'HandshakeFailed':
      return `The TLS handshake failed: ${e.message} (${e.code}).`;
    case 'UnreadableHandshake':
      return `The server's handshake could not be read: ${describeTlsReadError(e.error)}.`;
    case 'ProxyFailed':
      return `The proxy ${e.proxy} did not open a tunnel: ${e.reason}. The server itself was not reached, so nothing is known about it yet.`;
    case 'GreetingRefused':
    case 'StartTlsNotOffered':
    case 'StartTlsRefused':
    case 'UnexpectedReply':
    case 'BannerTooLong':
    case 'ClosedDuringUpgrade':
    case 'DataAfterGoAhead':
    case 'UpgradeTimeout':
      return describeUpgradeFailure(e, e.port);
  }
}
