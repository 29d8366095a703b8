/**
 * Upgrade failures in plain words: a short headline ("the SMTP server on port 25 does not offer
 * STARTTLS") and the full message with the server's own reply and what to do. The reply is
 * quoted as the server sent it (made printable); it is never blamed on a side the bytes do not show.
 */
import type { UpgradeFailure } from './dialogue.ts';
import { IMPLICIT_TLS_PORTS, PROTOCOLS, type UpgradeProtocol } from './protocols.ts';

/** Where the same service speaks TLS from the first byte, when there is such a port. */
const IMPLICIT_PORT: Partial<Record<UpgradeProtocol, number>> = { smtp: 465, imap: 993, pop3: 995, ftp: 990, ldap: 636, xmpp: 5223 };
/** Protocols where the server speaks first: silence then may mean the port waits for a TLS ClientHello. */
const SERVER_SPEAKS_FIRST: UpgradeProtocol[] = ['smtp', 'imap', 'pop3', 'ftp', 'mysql'];

const PRELIMINARY = ['EHLO', 'CAPABILITY'];

const server = (p: UpgradeProtocol, port: number) => `the ${PROTOCOLS[p].name} server on port ${port}`;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function otherPort(p: UpgradeProtocol): string {
  const port = IMPLICIT_PORT[p];
  return port ? ` Some servers offer TLS only from the first byte, on port ${port} (${IMPLICIT_TLS_PORTS[port]}).` : '';
}

export function upgradeHeadline(f: UpgradeFailure, port: number): string {
  const who = server(f.protocol, port);
  const request = PROTOCOLS[f.protocol].request;
  switch (f.kind) {
    case 'GreetingRefused':
      return `${who} turned the session down before ${request} could be asked`;
    case 'StartTlsNotOffered':
      return `${who} does not offer ${request}`;
    case 'StartTlsRefused':
      // EHLO and CAPABILITY come before the request itself.
      return PRELIMINARY.includes(f.command) ? `${who} refused ${f.command}, so ${request} could not be asked` : `${who} refused ${request}`;
    case 'UnexpectedReply':
      return `the server on port ${port} did not answer as ${PROTOCOLS[f.protocol].name} does`;
    case 'BannerTooLong':
      return `${who} sent an endless ${f.what === 'line' ? 'line' : 'banner'} before TLS began`;
    case 'ClosedDuringUpgrade':
      return `${who} closed the connection before TLS began`;
    case 'DataAfterGoAhead':
      return `${who} sent plain-text bytes after agreeing to start TLS`;
    case 'UpgradeTimeout':
      return `${who} did not answer in time (waiting for ${f.waitingFor})`;
  }
}

export function describeUpgradeFailure(f: UpgradeFailure, port: number): string {
  const who = cap(server(f.protocol, port));
  const request = PROTOCOLS[f.protocol].request;
  switch (f.kind) {
    case 'GreetingRefused':
      return `${who} turned the session down before ${request} could be asked. It said: "${f.reply}".`;
    case 'StartTlsNotOffered':
      return `${who} does not offer ${request}. What it said (${f.command}): "${f.reply}". Its administrators have to configure TLS (a certificate and key) for this service.${otherPort(f.protocol)}`;
    case 'StartTlsRefused':
      return `${who} refused ${f.command}. It said: "${f.reply}".`;
    case 'UnexpectedReply':
      return `The server on port ${port} did not answer as a ${PROTOCOLS[f.protocol].name} server while the probe waited for ${f.waitingFor}. It sent: "${f.reply}"${f.hint ? ` (${f.hint})` : ''}.`;
    case 'BannerTooLong':
      return f.what === 'line'
        ? `${who} sent a line (or message) longer than ${f.limit} bytes before TLS began; the probe stopped reading. A real greeting line is under 512 bytes.`
        : `${who} sent more than ${f.limit} bytes before TLS began; the probe stopped reading. A real greeting and capability list is a few hundred bytes.`;
    case 'ClosedDuringUpgrade':
      return `${who} closed the connection while the probe waited for ${f.waitingFor} (${f.bytesReceived} bytes received).`;
    case 'DataAfterGoAhead':
      return `${who} agreed to start TLS, then sent ${f.bytes} more bytes in plain text before the TLS handshake (first bytes: ${f.firstBytesHex}). A client must not read them as TLS (they could have been injected on the way); the probe stopped.`;
    case 'UpgradeTimeout': {
      const silent = f.bytesReceived === 0 && SERVER_SPEAKS_FIRST.includes(f.protocol);
      return `${who} did not send ${f.waitingFor} within ${f.afterMs} ms (${f.bytesReceived} bytes received).${
        silent ? ' A port that speaks TLS from the first byte (implicit TLS) stays silent like this: probe it without a STARTTLS protocol.' : ''
      }`;
    }
  }
}
