import { describe, expect, it } from 'vitest';
import { SmtpDialogue } from './smtp.ts';
import { MAX_DIALOGUE_BYTES, MAX_LINE_BYTES } from './dialogue.ts';
import { cut, drive } from '../../../../test/starttls/drive.ts';

const smtp = () => new SmtpDialogue({ domain: 'mail.test' });
const GREETING = '220-mail.test ESMTP Postfix\r\n220 no UCE\r\n';
const EHLO = '250-mail.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250 8BITMIME\r\n';
const GO = '220 2.0.0 Ready to start TLS\r\n';

describe('SMTP STARTTLS dialogue (RFC 3207)', () => {
  it('reads a multi-line greeting and EHLO reply, asks STARTTLS, and starts TLS on 220', () => {
    const d = smtp();
    expect(drive(d, [GREETING, EHLO, GO])).toEqual({ sent: ['EHLO certlab.invalid\r\n', 'STARTTLS\r\n'], end: { ok: true }, unread: 0 });
    expect(d.transcript).toEqual([
      { from: 'server', text: '220-mail.test ESMTP Postfix' },
      { from: 'server', text: '220 no UCE' },
      { from: 'client', text: 'EHLO certlab.invalid' },
      { from: 'server', text: '250-mail.test' },
      { from: 'server', text: '250-PIPELINING' },
      { from: 'server', text: '250-SIZE 10240000' },
      { from: 'server', text: '250-STARTTLS' },
      { from: 'server', text: '250 8BITMIME' },
      { from: 'client', text: 'STARTTLS' },
      { from: 'server', text: '220 2.0.0 Ready to start TLS' },
    ]);
  });

  it('gives the same answer when every byte arrives in its own packet, or lines are cut mid-way', () => {
    const whole = drive(smtp(), [GREETING, EHLO, GO]);
    expect(drive(smtp(), cut(GREETING + EHLO + GO, 1))).toEqual(whole);
    expect(drive(smtp(), ['22', '0 mail.test ESMTP\r', '\n250-mail.test\n250 STARTTLS\n', '220 go', '\r\n'])).toEqual(whole);
  });

  it('does not speak before the last line of the greeting (a pause after "220-" is not a turn)', () => {
    expect(drive(smtp(), ['220-mail.test wait for it\r\n'])).toEqual({ sent: [], end: 'open', unread: 0 });
  });

  it('reports StartTlsNotOffered with the EHLO reply when STARTTLS is not listed', () => {
    expect(drive(smtp(), [GREETING, '250-mail.test\r\n250-PIPELINING\r\n250 STARTTLSX\r\n'])).toEqual({
      sent: ['EHLO certlab.invalid\r\n'],
      end: { ok: false, failure: { kind: 'StartTlsNotOffered', protocol: 'smtp', command: 'EHLO', reply: '250-mail.test\n250-PIPELINING\n250 STARTTLSX' } },
      unread: 0,
    });
  });

  it('reports StartTlsRefused with the reply to STARTTLS, and to EHLO', () => {
    expect(drive(smtp(), [GREETING, EHLO, '454 4.7.0 TLS not available due to local problem\r\n']).end).toEqual({
      ok: false,
      failure: { kind: 'StartTlsRefused', protocol: 'smtp', command: 'STARTTLS', reply: '454 4.7.0 TLS not available due to local problem' },
    });
    expect(drive(smtp(), [GREETING, '502 5.5.2 Error: command not recognized\r\n']).end).toEqual({
      ok: false,
      failure: { kind: 'StartTlsRefused', protocol: 'smtp', command: 'EHLO', reply: '502 5.5.2 Error: command not recognized' },
    });
  });

  it('reports GreetingRefused for a 554 greeting, with control characters made visible', () => {
    expect(drive(smtp(), ['554-mail.test\r\n554 no \x1b[31mSMTP\x07 service here\r\n'])).toEqual({
      sent: [],
      end: { ok: false, failure: { kind: 'GreetingRefused', protocol: 'smtp', reply: '554-mail.test\n554 no \\x1b[31mSMTP\\x07 service here' } },
      unread: 0,
    });
  });

  it('stops an endless line and an endless multi-line banner with BannerTooLong', () => {
    expect(drive(smtp(), cut(`220-${'x'.repeat(MAX_LINE_BYTES + 10)}`, 1000)).end).toEqual({
      ok: false,
      failure: { kind: 'BannerTooLong', protocol: 'smtp', what: 'line', limit: MAX_LINE_BYTES },
    });
    const spam = drive(smtp(), cut('220-spam spam spam\r\n'.repeat(5000), 4096));
    expect(spam.end).toEqual({ ok: false, failure: { kind: 'BannerTooLong', protocol: 'smtp', what: 'dialogue', limit: MAX_DIALOGUE_BYTES } });
    expect(spam.sent).toEqual([]);
  });

  it('refuses bytes sent after the go-ahead (they would be read as TLS)', () => {
    expect(drive(smtp(), [GREETING, EHLO, `${GO}250 injected\r\n`]).end).toEqual({
      ok: false,
      failure: { kind: 'DataAfterGoAhead', protocol: 'smtp', bytes: 14, firstBytesHex: '32 35 30 20 69 6e 6a 65 63 74 65 64 0d 0a' },
    });
  });

  it('names what answered when it is not SMTP', () => {
    expect(drive(smtp(), ['\x16\x03\x03\x00\x2a\x02\x00\x00\x26\r\n']).end).toEqual({
      ok: false,
      failure: {
        kind: 'UnexpectedReply',
        protocol: 'smtp',
        waitingFor: 'the greeting',
        reply: '\\x16\\x03\\x03\\x00*\\x02\\x00\\x00&',
        hint: 'this port speaks TLS from the first byte (implicit TLS): probe it without a STARTTLS protocol',
      },
    });
    expect(drive(smtp(), ['SSH-2.0-OpenSSH_9.2\r\n']).end).toEqual({
      ok: false,
      failure: { kind: 'UnexpectedReply', protocol: 'smtp', waitingFor: 'the greeting', reply: 'SSH-2.0-OpenSSH_9.2', hint: 'this is an SSH server' },
    });
  });

  it('says what it waited for when the server closes', () => {
    expect(drive(smtp(), [GREETING], { close: true }).end).toEqual({
      closed: { kind: 'ClosedDuringUpgrade', protocol: 'smtp', waitingFor: 'the reply to EHLO', bytesReceived: GREETING.length },
    });
  });

  it('uses the given EHLO name', () => {
    expect(drive(new SmtpDialogue({ domain: 'mail.test', clientName: 'probe.example' }), [GREETING]).sent).toEqual(['EHLO probe.example\r\n']);
  });
});
