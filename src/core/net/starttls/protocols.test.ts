import { describe, expect, it } from 'vitest';
import { defaultPortFor, describePlan, isUpgradeChoice, planUpgrade } from './protocols.ts';
import { describeUpgradeFailure, upgradeHeadline } from './describe.ts';
import { printable } from './dialogue.ts';

describe('the well-known port table (issue 13)', () => {
  it('chooses the upgrade from the port when none is given', () => {
    expect([25, 587, 110, 143, 21, 389, 5222, 5432, 3306].map((p) => planUpgrade(p))).toEqual(
      ['smtp', 'smtp', 'pop3', 'imap', 'ftp', 'ldap', 'xmpp', 'postgres', 'mysql'].map((protocol) => ({ mode: 'starttls', protocol, chosen: 'port' })),
    );
    expect([465, 993, 995, 636, 5061, 990, 5223, 8443].map((p) => planUpgrade(p, 'auto'))).toEqual(
      ['SMTP submission over TLS', 'IMAP over TLS', 'POP3 over TLS', 'LDAP over TLS', 'SIP over TLS', 'FTP over TLS', 'XMPP over TLS', null].map((service) => ({
        mode: 'tls',
        service,
        chosen: 'port',
      })),
    );
  });

  it('follows an explicit choice over the port', () => {
    expect(planUpgrade(2525, 'smtp')).toEqual({ mode: 'starttls', protocol: 'smtp', chosen: 'given' });
    expect(planUpgrade(25, 'none')).toEqual({ mode: 'tls', service: null, chosen: 'given' });
    expect([defaultPortFor('smtp'), defaultPortFor('ldap'), defaultPortFor('auto'), defaultPortFor(undefined)]).toEqual([25, 389, undefined, undefined]);
    expect(['smtp', 'auto', 'none', 'SMTP', 'http', 25].map(isUpgradeChoice)).toEqual([true, true, true, false, false, false]);
  });

  it('says in words which upgrade is used', () => {
    expect(describePlan(planUpgrade(587), 587)).toEqual('SMTP STARTTLS, chosen from port 587');
    expect(describePlan(planUpgrade(2525, 'smtp'), 2525)).toEqual('SMTP STARTTLS, as asked');
    expect(describePlan(planUpgrade(993), 993)).toEqual('TLS from the first byte (IMAP over TLS, port 993)');
  });
});

describe('upgrade failures in words', () => {
  it('says what happened in a headline and in a message that quotes the server', () => {
    const f = { kind: 'StartTlsNotOffered', protocol: 'smtp', command: 'EHLO', reply: '250-mail.test\n250 PIPELINING' } as const;
    expect(upgradeHeadline(f, 25)).toEqual('the SMTP server on port 25 does not offer STARTTLS');
    expect(describeUpgradeFailure(f, 25)).toEqual(
      'The SMTP server on port 25 does not offer STARTTLS. What it said (EHLO): "250-mail.test\n250 PIPELINING". Its administrators have to configure TLS (a certificate and key) for this service. Some servers offer TLS only from the first byte, on port 465 (SMTP submission over TLS).',
    );
    expect(upgradeHeadline({ kind: 'StartTlsRefused', protocol: 'smtp', command: 'EHLO', reply: '502' }, 25)).toEqual(
      'the SMTP server on port 25 refused EHLO, so STARTTLS could not be asked',
    );
    expect(upgradeHeadline({ kind: 'StartTlsRefused', protocol: 'ftp', command: 'AUTH TLS', reply: '534' }, 21)).toEqual(
      'the FTP server on port 21 refused AUTH TLS',
    );
  });

  it('suggests implicit TLS when a server that speaks first stays silent', () => {
    expect(describeUpgradeFailure({ kind: 'UpgradeTimeout', protocol: 'imap', waitingFor: 'the greeting', afterMs: 2000, bytesReceived: 0 }, 993)).toEqual(
      'The IMAP server on port 993 did not send the greeting within 2000 ms (0 bytes received). A port that speaks TLS from the first byte (implicit TLS) stays silent like this: probe it without a STARTTLS protocol.',
    );
  });

  it('makes server text printable: controls, bidi overrides and length', () => {
    expect(printable('a\rb\x1b[2Jc\u202ed\x85')).toEqual('a\\x0db\\x1b[2Jc\\u{202e}d\\x85');
    expect(printable('x'.repeat(10), 4)).toEqual('xxxx…');
    expect(printable(new Uint8Array([0x68, 0xff, 0x69]))).toEqual('h\ufffdi');
  });
});
