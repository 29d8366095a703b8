import { describe, expect, it } from 'vitest';
import { LdapDialogue, STARTTLS_OID, STARTTLS_REQUEST } from './ldap.ts';
import { XmppDialogue } from './xmpp.ts';
import { MAX_LINE_BYTES } from './dialogue.ts';
import { bytes, cut, drive } from '../../../../test/starttls/drive.ts';

const oid = [...bytes(STARTTLS_OID)];
/** ExtendedResponse { resultCode, matchedDN "", diagnosticMessage, responseName? } in messageID `id`, lengths in long form as OpenLDAP writes them. */
function extendedResponse(result: number, diagnostic = '', id = 1, name: number[] = oid): Uint8Array {
  const diag = [...bytes(diagnostic)];
  const op = [0x0a, 0x01, result, 0x04, 0x00, 0x04, diag.length, ...diag, ...(name.length ? [0x8a, name.length, ...name] : [])];
  const msg = [0x02, 0x01, id, 0x78, 0x84, 0, 0, 0, op.length, ...op];
  return new Uint8Array([0x30, 0x84, 0, 0, 0, msg.length, ...msg]);
}

describe('LDAP StartTLS extended operation (RFC 4511 4.14)', () => {
  it('sends the ExtendedRequest for 1.3.6.1.4.1.1466.20037', () => {
    expect([...STARTTLS_REQUEST]).toEqual([0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16, ...oid]);
  });

  it('starts TLS on resultCode success, however the response is cut', () => {
    const whole = drive(new LdapDialogue({ domain: 'ldap.test' }), [extendedResponse(0)]);
    expect(whole).toEqual({ sent: [String.fromCharCode(...STARTTLS_REQUEST)], end: { ok: true }, unread: 0 });
    expect(drive(new LdapDialogue({ domain: 'ldap.test' }), cut(extendedResponse(0), 1))).toEqual(whole);
  });

  it('reads protocolError as "not offered" and other codes as a refusal, with the diagnostic message', () => {
    expect(drive(new LdapDialogue({ domain: 'ldap.test' }), [extendedResponse(2, 'unsupported extended operation', 1, [])]).end).toEqual({
      ok: false,
      failure: {
        kind: 'StartTlsNotOffered',
        protocol: 'ldap',
        command: 'StartTLS',
        reply: 'ExtendedResponse messageID 1: protocolError (2) "unsupported extended operation"',
      },
    });
    expect(drive(new LdapDialogue({ domain: 'ldap.test' }), [extendedResponse(52, 'Could not initialize TLS')]).end).toEqual({
      ok: false,
      failure: {
        kind: 'StartTlsRefused',
        protocol: 'ldap',
        command: 'StartTLS',
        reply: `ExtendedResponse messageID 1: unavailable (52) "Could not initialize TLS" ${STARTTLS_OID}`,
      },
    });
  });

  it('reads a Notice of Disconnection as the server turning the session down', () => {
    const notice = extendedResponse(52, 'server shutting down', 0, [...bytes('1.3.6.1.4.1.1466.20036')]);
    expect(drive(new LdapDialogue({ domain: 'ldap.test' }), [notice]).end).toEqual({
      ok: false,
      failure: {
        kind: 'GreetingRefused',
        protocol: 'ldap',
        reply: 'notice of disconnection: ExtendedResponse messageID 0: unavailable (52) "server shutting down" 1.3.6.1.4.1.1466.20036',
      },
    });
  });

  it('stops at a message that announces more than the limit, and at bytes that are not BER', () => {
    expect(drive(new LdapDialogue({ domain: 'ldap.test' }), [new Uint8Array([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff])]).end).toEqual({
      ok: false,
      failure: { kind: 'BannerTooLong', protocol: 'ldap', what: 'line', limit: MAX_LINE_BYTES },
    });
    expect(drive(new LdapDialogue({ domain: 'ldap.test' }), ['HTTP/1.1 400 Bad Request\r\n']).end).toEqual({
      ok: false,
      failure: {
        kind: 'UnexpectedReply',
        protocol: 'ldap',
        waitingFor: 'the reply to the StartTLS request',
        reply: 'HTTP/1.1 400 Bad Request\\x0d\n',
        hint: 'this is an HTTP server',
      },
    });
  });
});

const STREAM =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='abc' from='chat.test' version='1.0' xml:lang='en'>";
const FEATURES =
  "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>";
const OPEN = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='chat.test' version='1.0'>";

describe('XMPP STARTTLS (RFC 6120 5)', () => {
  it('opens a stream to the domain, reads the features, asks starttls and starts TLS on proceed', () => {
    const d = new XmppDialogue({ domain: 'chat.test' });
    const script = [STREAM, FEATURES, "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"];
    const whole = drive(d, script);
    expect(whole).toEqual({ sent: [OPEN, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"], end: { ok: true }, unread: 0 });
    expect(drive(new XmppDialogue({ domain: 'chat.test' }), cut(script.join(''), 1))).toEqual(whole);
    expect(d.transcript).toEqual([
      { from: 'client', text: OPEN },
      { from: 'server', text: STREAM.slice(21) },
      { from: 'server', text: FEATURES },
      { from: 'client', text: "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>" },
      { from: 'server', text: "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>" },
    ]);
  });

  it('reads a ">" inside a quoted attribute as part of the attribute', () => {
    const stream = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' id='a>b' version='1.0'>";
    expect(drive(new XmppDialogue({ domain: 'chat.test' }), [stream, FEATURES]).sent.length).toEqual(2);
  });

  it('reports StartTlsNotOffered with the features offered, and a <failure/> as a refusal', () => {
    const noTls = "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms><auth/></stream:features>";
    expect(drive(new XmppDialogue({ domain: 'chat.test' }), [STREAM + noTls]).end).toEqual({
      ok: false,
      failure: { kind: 'StartTlsNotOffered', protocol: 'xmpp', command: 'stream features', reply: 'features: mechanisms, auth' },
    });
    expect(drive(new XmppDialogue({ domain: 'chat.test' }), [STREAM, FEATURES, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"]).end).toEqual({
      ok: false,
      failure: { kind: 'StartTlsRefused', protocol: 'xmpp', command: 'starttls', reply: "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>" },
    });
  });

  it('reports a stream error (unknown domain) with its condition and text', () => {
    const error =
      "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>This server does not serve chat.test</text></stream:error></stream:stream>";
    expect(drive(new XmppDialogue({ domain: 'chat.test' }), [STREAM + error]).end).toEqual({
      ok: false,
      failure: { kind: 'GreetingRefused', protocol: 'xmpp', reply: 'stream error: host-unknown "This server does not serve chat.test"' },
    });
  });

  it('bounds a tag that never ends, and rejects text that is not XML', () => {
    expect(drive(new XmppDialogue({ domain: 'chat.test' }), cut(`<stream:stream a='${'x'.repeat(MAX_LINE_BYTES + 1)}`, 512)).end).toEqual({
      ok: false,
      failure: { kind: 'BannerTooLong', protocol: 'xmpp', what: 'line', limit: MAX_LINE_BYTES },
    });
    expect(drive(new XmppDialogue({ domain: 'chat.test' }), ['220 mail.test ESMTP\r\n']).end).toEqual({
      ok: false,
      failure: {
        kind: 'UnexpectedReply',
        protocol: 'xmpp',
        waitingFor: 'the stream features',
        reply: '220 mail.test ESMTP\\x0d\n',
        hint: 'this looks like an SMTP or FTP server',
      },
    });
  });

  it('escapes the domain in the stream header', () => {
    expect(drive(new XmppDialogue({ domain: "x'><evil" }), []).sent).toEqual([
      "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='x&#39;&#62;&#60;evil' version='1.0'>",
    ]);
  });
});
