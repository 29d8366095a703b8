import { describe, expect, it } from 'vitest';
import { PostgresDialogue, SSL_REQUEST } from './postgres.ts';
import { MysqlDialogue, sslRequest } from './mysql.ts';
import { MAX_LINE_BYTES } from './dialogue.ts';
import { bytes, cut, drive } from '../../../../test/starttls/drive.ts';

const opts = { domain: 'db.test' };
const text = (b: Uint8Array) => String.fromCharCode(...b);

describe('PostgreSQL SSLRequest', () => {
  it('sends the 8-byte SSLRequest and starts TLS on S', () => {
    expect([...SSL_REQUEST]).toEqual([0, 0, 0, 8, 4, 210, 22, 47]);
    expect(drive(new PostgresDialogue(opts), ['S'])).toEqual({ sent: [text(SSL_REQUEST)], end: { ok: true }, unread: 0 });
  });

  it('reads N as "no TLS here"', () => {
    expect(drive(new PostgresDialogue(opts), ['N']).end).toEqual({
      ok: false,
      failure: { kind: 'StartTlsNotOffered', protocol: 'postgres', command: 'SSLRequest', reply: 'N (the server does not accept TLS connections: ssl is off)' },
    });
  });

  it('shows an ErrorResponse, cut into single bytes', () => {
    const body = 'SFATAL\0C53300\0Msorry, too many clients already\0\0';
    const msg = `E\0\0\0${String.fromCharCode(4 + body.length)}${body}`;
    expect(drive(new PostgresDialogue(opts), cut(msg, 1)).end).toEqual({
      ok: false,
      failure: { kind: 'StartTlsRefused', protocol: 'postgres', command: 'SSLRequest', reply: 'FATAL 53300: sorry, too many clients already' },
    });
  });

  it('reports bytes after S (CVE-2021-23214) and replies that are not PostgreSQL', () => {
    expect(drive(new PostgresDialogue(opts), ['SHELLO']).end).toEqual({
      ok: false,
      failure: { kind: 'DataAfterGoAhead', protocol: 'postgres', bytes: 5, firstBytesHex: '48 45 4c 4c 4f' },
    });
    expect(drive(new PostgresDialogue(opts), ['E\x7f\xff\xff\xff']).end).toEqual({
      ok: false,
      failure: { kind: 'BannerTooLong', protocol: 'postgres', what: 'line', limit: MAX_LINE_BYTES },
    });
    expect(drive(new PostgresDialogue(opts), ['220 smtp.test\r\n']).end).toEqual({
      ok: false,
      failure: {
        kind: 'UnexpectedReply',
        protocol: 'postgres',
        waitingFor: 'the answer to SSLRequest',
        reply: '220 smtp.test\\x0d\n',
        hint: 'this looks like an SMTP or FTP server',
      },
    });
  });
});

/** A MariaDB 10.11 initial handshake packet; `caps` are the lower capability flags. */
function greeting(caps: number, version = '10.11.6-MariaDB-0+deb12u1'): Uint8Array {
  const payload = [
    0x0a,
    ...bytes(version),
    0,
    ...[7, 0, 0, 0],
    ...bytes('abcdefgh'),
    0,
    caps & 0xff,
    caps >> 8,
    0x2d,
    0x02,
    0x00,
    0xff,
    0x81,
    0x15,
    ...new Array(6).fill(0),
    ...[0x1d, 0, 0, 0],
    ...bytes('ijklmnopqrst'),
    0,
    ...bytes('mysql_native_password'),
    0,
  ];
  return new Uint8Array([payload.length & 0xff, payload.length >> 8, 0, 0, ...payload]);
}

describe('MySQL/MariaDB SSL request', () => {
  it('answers a handshake that offers CLIENT_SSL with a 32-byte SSLRequest (sequence 1) and starts TLS at once', () => {
    const request = sslRequest(1);
    expect([...request.subarray(0, 13)]).toEqual([32, 0, 0, 1, 0x01, 0x8a, 0x08, 0x00, 0, 0, 0, 1, 0x21]);
    expect([...request.subarray(13)]).toEqual(new Array(23).fill(0));
    const whole = drive(new MysqlDialogue(opts), [greeting(0xfffe)]);
    expect(whole).toEqual({ sent: [text(request)], end: { ok: true }, unread: 0 });
    expect(drive(new MysqlDialogue(opts), cut(greeting(0xfffe), 1))).toEqual(whole);
  });

  it('reports StartTlsNotOffered when CLIENT_SSL is missing', () => {
    expect(drive(new MysqlDialogue(opts), [greeting(0xf7fe)]).end).toEqual({
      ok: false,
      failure: {
        kind: 'StartTlsNotOffered',
        protocol: 'mysql',
        command: 'handshake',
        reply: 'server 10.11.6-MariaDB-0+deb12u1: its capability flags lack CLIENT_SSL (TLS is not configured)',
      },
    });
  });

  it('shows an error packet as the server turning the client away', () => {
    const msg = [0xff, 0x6a, 0x04, ...bytes("Host '192.0.2.1' is not allowed to connect to this MariaDB server")];
    expect(drive(new MysqlDialogue(opts), [new Uint8Array([msg.length, 0, 0, 0, ...msg])]).end).toEqual({
      ok: false,
      failure: { kind: 'GreetingRefused', protocol: 'mysql', reply: "error 1130: Host '192.0.2.1' is not allowed to connect to this MariaDB server" },
    });
  });

  it('bounds a packet that announces megabytes, and names what else answered', () => {
    expect(drive(new MysqlDialogue(opts), [new Uint8Array([0xff, 0xff, 0xff, 0, 0x0a])]).end).toEqual({
      ok: false,
      failure: { kind: 'BannerTooLong', protocol: 'mysql', what: 'line', limit: MAX_LINE_BYTES },
    });
    expect(drive(new MysqlDialogue(opts), ['* OK IMAP4rev1 ready\r\n']).end).toEqual({
      ok: false,
      failure: {
        kind: 'UnexpectedReply',
        protocol: 'mysql',
        waitingFor: 'the greeting',
        reply: '* OK IMAP4rev1 ready\\x0d\n',
        hint: 'this looks like an IMAP server',
      },
    });
  });
});
