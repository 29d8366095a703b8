/**
 * MySQL/MariaDB SSL request (client/server protocol, "Initial Handshake" and "SSLRequest"): the
 * server speaks first with a handshake packet (protocol 10) whose capability flags say whether
 * it supports TLS (CLIENT_SSL); the client answers with a 32-byte SSLRequest packet and starts
 * TLS at once, without a reply. An error packet (0xff) instead means the server turned the
 * client away ("Host ... is not allowed to connect", "Too many connections").
 */
import { type Action, BaseDialogue, printable } from './dialogue.ts';

const CLIENT_LONG_PASSWORD = 0x1;
const CLIENT_PROTOCOL_41 = 0x200;
const CLIENT_SSL = 0x800;
const CLIENT_SECURE_CONNECTION = 0x8000;
const CLIENT_PLUGIN_AUTH = 0x80000;
const CLIENT_FLAGS = CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SSL | CLIENT_SECURE_CONNECTION | CLIENT_PLUGIN_AUTH;
/** utf8_general_ci, as mysql clients send when no other is asked for. */
const CHARSET = 0x21;

/** SSLRequest: capability flags, max packet size 16 MiB, charset, 23 zero bytes; `seq` follows the server's. */
export function sslRequest(seq: number): Uint8Array {
  const p = new Uint8Array(4 + 32);
  p.set([32, 0, 0, seq & 0xff]);
  const flags = CLIENT_FLAGS;
  p.set([flags & 0xff, (flags >> 8) & 0xff, (flags >> 16) & 0xff, (flags >>> 24) & 0xff], 4);
  p.set([0, 0, 0, 1], 8);
  p[12] = CHARSET;
  return p;
}

export class MysqlDialogue extends BaseDialogue {
  readonly protocol = 'mysql' as const;
  private buf = new Uint8Array(0);

  protected consume(bytes: Uint8Array): Action {
    const joined = new Uint8Array(this.buf.length + bytes.length);
    joined.set(this.buf);
    joined.set(bytes, this.buf.length);
    this.buf = joined;
    if (this.buf.length < 4) return { send: [] };
    const length = this.buf[0]! | (this.buf[1]! << 8) | (this.buf[2]! << 16);
    const seq = this.buf[3]!;
    // A greeting is about 80 bytes; anything that does not start like one is not MySQL.
    if (length > this.maxLineBytes) return seq === 0 && this.buf[4] === 0x0a ? this.tooLong() : this.unexpected(this.buf.subarray(0, 64), this.buf);
    if (this.buf.length > 4 && this.buf[4] !== 0x0a && this.buf[4] !== 0xff) return this.unexpected(this.buf.subarray(0, 64), this.buf);
    if (this.buf.length < 4 + length) return { send: [] };
    const payload = this.buf.subarray(4, 4 + length);
    const rest = this.buf.subarray(4 + length);
    if (payload[0] === 0xff) {
      const code = (payload[1] ?? 0) | ((payload[2] ?? 0) << 8);
      const message = payload.subarray(payload[3] === 0x23 ? 9 : 3);
      const said = `error ${code}: ${new TextDecoder().decode(message)}`;
      this.log.add('server', said);
      return this.fail({ kind: 'GreetingRefused', protocol: 'mysql', reply: printable(said) });
    }
    const versionEnd = payload.indexOf(0, 1);
    // version NUL, connection id (4), auth data (8), filler (1), capability flags (2).
    if (versionEnd < 0 || payload.length < versionEnd + 1 + 4 + 8 + 1 + 2) return this.unexpected(payload.subarray(0, 64), this.buf);
    const version = new TextDecoder().decode(payload.subarray(1, versionEnd));
    const at = versionEnd + 1 + 4 + 8 + 1;
    const capabilities = payload[at]! | (payload[at + 1]! << 8);
    this.log.add('server', `handshake: protocol 10, server ${version}, ${capabilities & CLIENT_SSL ? 'offers TLS (CLIENT_SSL)' : 'no CLIENT_SSL'}`);
    if (!(capabilities & CLIENT_SSL)) {
      return this.fail({
        kind: 'StartTlsNotOffered',
        protocol: 'mysql',
        command: 'handshake',
        reply: printable(`server ${version}: its capability flags lack CLIENT_SSL (TLS is not configured)`),
      });
    }
    this.log.add('client', 'SSLRequest (CLIENT_SSL)');
    return this.goAhead(rest, [sslRequest(seq + 1)]);
  }
}
