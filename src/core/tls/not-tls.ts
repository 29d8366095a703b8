/**
 * What a port that does not answer with TLS speaks instead, read from the first bytes it sent:
 * plain HTTP (an answer to the ClientHello), an SSH banner, a mail or file-transfer greeting
 * (SMTP, FTP, IMAP, POP3: these speak plain text first and upgrade with STARTTLS, if at all).
 * The probe names the protocol instead of calling it a TLS-version problem (issue 13).
 *
 *   recognisePlainProtocol(ascii('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'))
 *   // { protocol: 'ssh', name: 'SSH', firstLine: 'SSH-2.0-OpenSSH_9.2p1 Debian-2', hint: 'this port speaks SSH, not TLS' }
 */

export type PlainProtocol = 'http' | 'ssh' | 'smtp' | 'ftp' | 'imap' | 'pop3' | 'unknown';

export interface PlainProtocolReading {
  protocol: PlainProtocol;
  /** The protocol as a person names it ("plain HTTP", "SSH", "SMTP"). */
  name: string;
  /** The first line the server sent, printable ASCII only, at most 120 characters. */
  firstLine: string;
  /** One sentence: what the port speaks, and what that means for a TLS client. */
  hint: string;
}

const MAX_LINE = 120;

/** The first line as text: bytes outside printable ASCII become '.', so no control character reaches a page or a terminal. */
export function firstLineText(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes.subarray(0, 512)) {
    if (b === 0x0d || b === 0x0a) break;
    out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    if (out.length >= MAX_LINE) break;
  }
  return out;
}

const STARTTLS = 'it speaks plain text first and upgrades with STARTTLS, not TLS from the first byte';

function classify(line: string): { protocol: PlainProtocol; name: string; hint: string } {
  if (/^HTTP\/\d/.test(line)) return { protocol: 'http', name: 'plain HTTP', hint: 'this port speaks plain HTTP, not TLS' };
  if (line.startsWith('SSH-')) return { protocol: 'ssh', name: 'SSH', hint: 'this port speaks SSH, not TLS' };
  if (/^220[ -]/.test(line)) {
    if (/\bE?SMTP\b|\bPostfix\b|\bExim\b|\bSendmail\b/i.test(line))
      return { protocol: 'smtp', name: 'SMTP', hint: `this port speaks SMTP, not TLS: ${STARTTLS}` };
    if (/\bFTP\b|FileZilla|vsFTPd|ProFTPD/i.test(line)) return { protocol: 'ftp', name: 'FTP', hint: `this port speaks FTP, not TLS: ${STARTTLS} (AUTH TLS)` };
    return { protocol: 'smtp', name: 'SMTP or FTP', hint: `this port sends a plain-text "220" greeting (SMTP or FTP), not TLS: ${STARTTLS}` };
  }
  if (line.startsWith('* OK')) return { protocol: 'imap', name: 'IMAP', hint: `this port speaks IMAP, not TLS: ${STARTTLS}` };
  if (line.startsWith('+OK')) return { protocol: 'pop3', name: 'POP3', hint: `this port speaks POP3, not TLS: ${STARTTLS} (STLS)` };
  return {
    protocol: 'unknown',
    name: 'not TLS',
    hint: 'this port does not answer with TLS (expected a TLS record: first byte 0x16 handshake or 0x15 alert, then version 0x03xx)',
  };
}

/** Names what the server speaks from the first bytes it sent (which are not a TLS record). */
export function recognisePlainProtocol(bytes: Uint8Array): PlainProtocolReading {
  const firstLine = firstLineText(bytes);
  return { ...classify(firstLine), firstLine };
}
