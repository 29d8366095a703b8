import { describe, expect, it } from 'vitest';
import { firstLineText, recognisePlainProtocol } from './not-tls.ts';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const STARTTLS = 'it speaks plain text first and upgrades with STARTTLS, not TLS from the first byte';

describe('recognisePlainProtocol (issue 13: name what a non-TLS port speaks)', () => {
  it.each([
    [
      'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n',
      { protocol: 'http', name: 'plain HTTP', firstLine: 'HTTP/1.1 400 Bad Request', hint: 'this port speaks plain HTTP, not TLS' },
    ],
    [
      'SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n',
      { protocol: 'ssh', name: 'SSH', firstLine: 'SSH-2.0-OpenSSH_9.2p1 Debian-2', hint: 'this port speaks SSH, not TLS' },
    ],
    [
      '220 mail.example ESMTP Postfix\r\n',
      { protocol: 'smtp', name: 'SMTP', firstLine: '220 mail.example ESMTP Postfix', hint: `this port speaks SMTP, not TLS: ${STARTTLS}` },
    ],
    [
      '220 (vsFTPd 3.0.3)\r\n',
      { protocol: 'ftp', name: 'FTP', firstLine: '220 (vsFTPd 3.0.3)', hint: `this port speaks FTP, not TLS: ${STARTTLS} (AUTH TLS)` },
    ],
    [
      '220 ready\r\n',
      {
        protocol: 'smtp',
        name: 'SMTP or FTP',
        firstLine: '220 ready',
        hint: `this port sends a plain-text "220" greeting (SMTP or FTP), not TLS: ${STARTTLS}`,
      },
    ],
    [
      '* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.\r\n',
      { protocol: 'imap', name: 'IMAP', firstLine: '* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.', hint: `this port speaks IMAP, not TLS: ${STARTTLS}` },
    ],
    ['+OK Dovecot ready.\r\n', { protocol: 'pop3', name: 'POP3', firstLine: '+OK Dovecot ready.', hint: `this port speaks POP3, not TLS: ${STARTTLS} (STLS)` }],
  ])('%j', (banner, expected) => {
    expect(recognisePlainProtocol(ascii(banner))).toEqual(expected);
  });

  it('keeps control characters and long lines out of the text', () => {
    expect(firstLineText(Uint8Array.from([0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x00, 0x41, 0x0a, 0x42]))).toBe('.[31m.A');
    expect(firstLineText(ascii('x'.repeat(500)))).toBe('x'.repeat(120));
    expect(recognisePlainProtocol(ascii('\x00\xff')).protocol).toBe('unknown');
  });
});
