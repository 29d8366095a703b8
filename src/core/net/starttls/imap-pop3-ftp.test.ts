import { describe, expect, it } from 'vitest';
import { ImapDialogue } from './imap.ts';
import { Pop3Dialogue } from './pop3.ts';
import { FtpDialogue } from './ftp.ts';
import { cut, drive } from '../../../../test/starttls/drive.ts';

const opts = { domain: 'mail.test' };

describe('IMAP STARTTLS dialogue (RFC 3501 6.2.1)', () => {
  const DOVECOT = '* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot (Debian) ready.\r\n';

  it('takes the capabilities from the greeting and starts TLS on the tagged OK', () => {
    const d = new ImapDialogue(opts);
    expect(drive(d, [DOVECOT, 'C2 OK Begin TLS negotiation now.\r\n'])).toEqual({ sent: ['C2 STARTTLS\r\n'], end: { ok: true }, unread: 0 });
    expect(d.transcript.map((l) => l.from)).toEqual(['server', 'client', 'server']);
  });

  it('asks CAPABILITY when the greeting has none, across packet boundaries', () => {
    const script = '* OK IMAP ready\r\n* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\nC1 OK done\r\nC2 OK go\r\n';
    expect(drive(new ImapDialogue(opts), cut(script, 3))).toEqual({ sent: ['C1 CAPABILITY\r\n', 'C2 STARTTLS\r\n'], end: { ok: true }, unread: 0 });
  });

  it('reports StartTlsNotOffered, StartTlsRefused and GreetingRefused with the server text', () => {
    expect(drive(new ImapDialogue(opts), ['* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n']).end).toEqual({
      ok: false,
      failure: { kind: 'StartTlsNotOffered', protocol: 'imap', command: 'the greeting', reply: 'capabilities: IMAP4REV1 AUTH=PLAIN' },
    });
    expect(drive(new ImapDialogue(opts), [DOVECOT, 'C2 NO [UNAVAILABLE] TLS support not configured\r\n']).end).toEqual({
      ok: false,
      failure: { kind: 'StartTlsRefused', protocol: 'imap', command: 'STARTTLS', reply: 'C2 NO [UNAVAILABLE] TLS support not configured' },
    });
    expect(drive(new ImapDialogue(opts), ['* BYE Too many connections\r\n']).end).toEqual({
      ok: false,
      failure: { kind: 'GreetingRefused', protocol: 'imap', reply: '* BYE Too many connections' },
    });
  });
});

describe('POP3 STLS dialogue (RFC 2595)', () => {
  it('asks CAPA, finds STLS in the list, and starts TLS on +OK', () => {
    const script = ['+OK Dovecot ready.\r\n', '+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nSTLS\r\n', 'USER\r\n.\r\n', '+OK Begin TLS negotiation now.\r\n'];
    expect(drive(new Pop3Dialogue(opts), script)).toEqual({ sent: ['CAPA\r\n', 'STLS\r\n'], end: { ok: true }, unread: 0 });
  });

  it('asks STLS directly when CAPA is not known; reports the refusal', () => {
    expect(drive(new Pop3Dialogue(opts), ['+OK old server\r\n', '-ERR unknown command\r\n', '-ERR TLS not configured\r\n'])).toEqual({
      sent: ['CAPA\r\n', 'STLS\r\n'],
      end: { ok: false, failure: { kind: 'StartTlsRefused', protocol: 'pop3', command: 'STLS', reply: '-ERR TLS not configured' } },
      unread: 0,
    });
  });

  it('reports StartTlsNotOffered when CAPA lists no STLS, split one byte at a time', () => {
    expect(drive(new Pop3Dialogue(opts), cut('+OK hi\r\n+OK\r\nTOP\r\nUSER\r\n.\r\n', 1)).end).toEqual({
      ok: false,
      failure: { kind: 'StartTlsNotOffered', protocol: 'pop3', command: 'CAPA', reply: 'capabilities: TOP, USER' },
    });
  });
});

describe('FTP AUTH TLS dialogue (RFC 4217)', () => {
  it('reads a multi-line greeting with free text, asks FEAT, and starts TLS on 234', () => {
    const script = [
      '220-Welcome\r\n',
      'free text line\r\n220 ready\r\n',
      '211-Features:\r\n AUTH TLS\r\n PBSZ\r\n PROT\r\n211 End\r\n',
      '234 Proceed with negotiation.\r\n',
    ];
    expect(drive(new FtpDialogue(opts), script)).toEqual({ sent: ['FEAT\r\n', 'AUTH TLS\r\n'], end: { ok: true }, unread: 0 });
  });

  it('waits through a 120 greeting', () => {
    expect(drive(new FtpDialogue(opts), ['120 ready in 1 minute\r\n', '220 ready\r\n']).sent).toEqual(['FEAT\r\n']);
  });

  it('reports StartTlsNotOffered when FEAT has no AUTH TLS, and when AUTH is unknown', () => {
    expect(drive(new FtpDialogue(opts), ['220 (vsFTPd 3.0.3)\r\n', '211-Features:\r\n EPRT\r\n PASV\r\n211 End\r\n']).end).toEqual({
      ok: false,
      failure: { kind: 'StartTlsNotOffered', protocol: 'ftp', command: 'FEAT', reply: '211-Features:\n EPRT\n PASV\n211 End' },
    });
    expect(drive(new FtpDialogue(opts), ['220 hi\r\n', '500 FEAT not understood\r\n', '502 AUTH not implemented\r\n']).end).toEqual({
      ok: false,
      failure: { kind: 'StartTlsNotOffered', protocol: 'ftp', command: 'AUTH TLS', reply: '502 AUTH not implemented' },
    });
  });

  it('reads a one-line FEAT reply as nothing offered; reports StartTlsRefused and GreetingRefused', () => {
    expect(drive(new FtpDialogue(opts), ['220 hi\r\n', '211 no features\r\n534 policy\r\n']).end).toEqual({
      ok: false,
      failure: { kind: 'StartTlsNotOffered', protocol: 'ftp', command: 'FEAT', reply: '211 no features' },
    });
    expect(drive(new FtpDialogue(opts), ['220 hi\r\n', '500 ?\r\n', '534 Local policy on server does not allow TLS\r\n']).end).toEqual({
      ok: false,
      failure: { kind: 'StartTlsRefused', protocol: 'ftp', command: 'AUTH TLS', reply: '534 Local policy on server does not allow TLS' },
    });
    expect(drive(new FtpDialogue(opts), ['421 Too many users\r\n']).end).toEqual({
      ok: false,
      failure: { kind: 'GreetingRefused', protocol: 'ftp', reply: '421 Too many users' },
    });
  });
});
