/**
 * PostgreSQL SSLRequest (protocol 3, "SSL Session Encryption"): send the 8-byte request (length
 * 8, code 80877103); the server answers one byte: 'S' start TLS, 'N' no TLS here. A server that
 * fails early answers an ErrorResponse ('E') instead; its message is shown. Any byte after the
 * 'S' would have been sent in plain text before TLS (CVE-2021-23214) and is reported.
 */
import { type Action, BaseDialogue, printable } from './dialogue.ts';

export const SSL_REQUEST = new Uint8Array([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/** The fields of an ErrorResponse body: S severity, C code, M message. */
function errorFields(body: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (let at = 0; at < body.length && body[at] !== 0;) {
    const type = String.fromCharCode(body[at]!);
    const end = body.indexOf(0, at + 1);
    if (end < 0) break;
    out[type] = new TextDecoder().decode(body.subarray(at + 1, end));
    at = end + 1;
  }
  return out;
}

export class PostgresDialogue extends BaseDialogue {
  readonly protocol = 'postgres' as const;
  private buf = new Uint8Array(0);

  start(): Action {
    this.log.add('client', 'SSLRequest (code 80877103)');
    this.waitingFor = 'the answer to SSLRequest';
    return { send: [SSL_REQUEST] };
  }

  protected consume(bytes: Uint8Array): Action {
    const joined = new Uint8Array(this.buf.length + bytes.length);
    joined.set(this.buf);
    joined.set(bytes, this.buf.length);
    this.buf = joined;
    const first = this.buf[0];
    if (first === 0x53) {
      this.log.add('server', "'S': go ahead with TLS");
      return this.goAhead(this.buf.subarray(1));
    }
    if (first === 0x4e) {
      this.log.add('server', "'N': no TLS on this server");
      return this.fail({
        kind: 'StartTlsNotOffered',
        protocol: 'postgres',
        command: 'SSLRequest',
        reply: 'N (the server does not accept TLS connections: ssl is off)',
      });
    }
    if (first !== 0x45) return this.unexpected(this.buf.subarray(0, 64), this.buf);
    if (this.buf.length < 5) return { send: [] };
    const length = ((this.buf[1]! << 24) | (this.buf[2]! << 16) | (this.buf[3]! << 8) | this.buf[4]!) >>> 0;
    if (length > this.maxLineBytes) return this.tooLong();
    if (this.buf.length < 1 + length) return { send: [] };
    const f = errorFields(this.buf.subarray(5, 1 + length));
    const said = `${f.S ?? 'ERROR'}${f.C ? ` ${f.C}` : ''}: ${f.M ?? '(no message)'}`;
    this.log.add('server', `ErrorResponse ${said}`);
    return this.fail({ kind: 'StartTlsRefused', protocol: 'postgres', command: 'SSLRequest', reply: printable(said) });
  }
}
