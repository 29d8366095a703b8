/**
 * LDAP StartTLS (RFC 4511 4.14): send one ExtendedRequest with the name 1.3.6.1.4.1.1466.20037
 * and start TLS when its ExtendedResponse says success (resultCode 0). LDAP speaks BER, whose
 * lengths may be longer than DER's (OpenLDAP writes 4-byte lengths), so this reads BER itself.
 * The server may also send a Notice of Disconnection (messageID 0) instead.
 */
import { type Action, BaseDialogue, printable } from './dialogue.ts';

export const STARTTLS_OID = '1.3.6.1.4.1.1466.20037';
const NOTICE_OF_DISCONNECTION = '1.3.6.1.4.1.1466.20036';

/** LDAPMessage { messageID 1, [APPLICATION 23] { [0] "1.3.6.1.4.1.1466.20037" } } */
export const STARTTLS_REQUEST = new Uint8Array([0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16, ...[...STARTTLS_OID].map((c) => c.charCodeAt(0))]);

/** RFC 4511 4.1.9 result codes a StartTLS answer carries in practice. */
const RESULT_NAMES: Record<number, string> = {
  0: 'success',
  1: 'operationsError',
  2: 'protocolError',
  3: 'timeLimitExceeded',
  7: 'authMethodNotSupported',
  8: 'strongerAuthRequired',
  11: 'adminLimitExceeded',
  12: 'unavailableCriticalExtension',
  13: 'confidentialityRequired',
  50: 'insufficientAccessRights',
  51: 'busy',
  52: 'unavailable',
  53: 'unwillingToPerform',
  80: 'other',
};

interface Tlv {
  tag: number;
  /** Offsets of the value in the buffer. */
  start: number;
  end: number;
}

/** One BER TLV at `at` (definite lengths only, as LDAP requires); 'short' when more bytes are needed. */
function tlv(b: Uint8Array, at: number, limit: number): Tlv | 'short' | 'bad' | 'long' {
  if (at + 2 > b.length) return 'short';
  const tag = b[at]!;
  if ((tag & 0x1f) === 0x1f) return 'bad';
  let len = b[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) return 'bad';
    if (start + n > b.length) return 'short';
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[start + i]!;
    start += n;
  }
  if (len > limit) return 'long';
  if (start + len > b.length) return 'short';
  return { tag, start, end: start + len };
}

/** The children of a constructed value. */
function children(b: Uint8Array, outer: Tlv): Tlv[] | undefined {
  const out: Tlv[] = [];
  for (let at = outer.start; at < outer.end;) {
    const t = tlv(b.subarray(0, outer.end), at, outer.end);
    if (typeof t === 'string') return undefined;
    out.push(t);
    at = t.end;
  }
  return out;
}

const text = (b: Uint8Array, t: Tlv | undefined) => (t ? new TextDecoder().decode(b.subarray(t.start, t.end)) : '');
const integer = (b: Uint8Array, t: Tlv) => [...b.subarray(t.start, t.end)].reduce((n, x) => n * 256 + x, 0);

export class LdapDialogue extends BaseDialogue {
  readonly protocol = 'ldap' as const;
  private buf = new Uint8Array(0);

  start(): Action {
    this.log.add('client', `ExtendedRequest StartTLS (${STARTTLS_OID}), messageID 1`);
    this.waitingFor = 'the reply to the StartTLS request';
    return { send: [STARTTLS_REQUEST] };
  }

  protected consume(bytes: Uint8Array): Action {
    const joined = new Uint8Array(this.buf.length + bytes.length);
    joined.set(this.buf);
    joined.set(bytes, this.buf.length);
    this.buf = joined;
    if (this.buf[0] !== 0x30) return this.unexpected(this.buf.subarray(0, 64), this.buf);
    const message = tlv(this.buf, 0, this.maxLineBytes);
    if (message === 'short') return { send: [] };
    if (message === 'long') return this.tooLong();
    if (message === 'bad') return this.unexpected(this.buf.subarray(0, 64), this.buf);
    const parts = children(this.buf, message);
    const op = parts?.[1];
    // messageID INTEGER, then [APPLICATION 24] ExtendedResponse.
    if (!parts || parts[0]?.tag !== 0x02 || !op || op.tag !== 0x78) return this.unexpected(this.buf.subarray(0, 64), this.buf);
    const fields = children(this.buf, op);
    const code = fields?.[0];
    if (!fields || code?.tag !== 0x0a) return this.unexpected(this.buf.subarray(0, 64), this.buf);
    const result = integer(this.buf, code);
    const diagnostic = text(this.buf, fields[2]);
    const name = text(
      this.buf,
      fields.find((f) => f.tag === 0x8a),
    );
    const messageId = integer(this.buf, parts[0]);
    const said = `ExtendedResponse messageID ${messageId}: ${RESULT_NAMES[result] ?? 'resultCode'} (${result})${diagnostic ? ` "${diagnostic}"` : ''}${name ? ` ${name}` : ''}`;
    this.log.add('server', said);
    const rest = this.buf.subarray(message.end);
    if (messageId === 0 || name === NOTICE_OF_DISCONNECTION) {
      return this.fail({ kind: 'GreetingRefused', protocol: 'ldap', reply: printable(`notice of disconnection: ${said}`) });
    }
    if (result === 0) return this.goAhead(rest);
    // protocolError: the server does not know the extended operation (RFC 4511 4.12).
    const kind = result === 2 ? 'StartTlsNotOffered' : 'StartTlsRefused';
    return this.fail({ kind, protocol: 'ldap', command: 'StartTLS', reply: printable(said) });
  }
}
