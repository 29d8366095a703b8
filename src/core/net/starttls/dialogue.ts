/**
 * The shape every upgrade dialogue shares: a pure state machine that is fed the bytes the server
 * sent, in whatever pieces they arrived, and answers with bytes to send and, at the end, either
 * "start TLS now" or a named failure. It never touches a socket (src/server/probe/starttls.ts
 * does), so replies split across packets, refusals and hostile servers are tested byte by byte.
 */
import type { UpgradeProtocol } from './protocols.ts';

/** Every way an upgrade dialogue ends without TLS. `reply` is the server's text, made printable. */
export type UpgradeFailure =
  /** The server turned the session down before any request (SMTP 554, IMAP * BYE, MySQL error packet, XMPP stream error). */
  | { kind: 'GreetingRefused'; protocol: UpgradeProtocol; reply: string }
  /** The server's list of what it offers does not include the upgrade (`command` is what was asked). */
  | { kind: 'StartTlsNotOffered'; protocol: UpgradeProtocol; command: string; reply: string }
  /** The server answered the command with an error. */
  | { kind: 'StartTlsRefused'; protocol: UpgradeProtocol; command: string; reply: string }
  /** The server said something this protocol never says at this point. */
  | { kind: 'UnexpectedReply'; protocol: UpgradeProtocol; waitingFor: string; reply: string; hint: string | null }
  /** A line (or packet) past `limit` bytes, or a dialogue past `limit` bytes in all: an endless banner. */
  | { kind: 'BannerTooLong'; protocol: UpgradeProtocol; what: 'line' | 'dialogue'; limit: number }
  | { kind: 'ClosedDuringUpgrade'; protocol: UpgradeProtocol; waitingFor: string; bytesReceived: number }
  /** Bytes after the server's go-ahead, before the client's first TLS byte: a client must not read them as TLS. */
  | { kind: 'DataAfterGoAhead'; protocol: UpgradeProtocol; bytes: number; firstBytesHex: string }
  /** The server did not answer in time (made by the socket side, which keeps the clock). */
  | { kind: 'UpgradeTimeout'; protocol: UpgradeProtocol; waitingFor: string; afterMs: number; bytesReceived: number };

export interface TranscriptLine {
  from: 'client' | 'server';
  text: string;
}

/** What the socket side does next. */
export interface Action {
  /** Bytes to write now, in order. */
  send: Uint8Array[];
  /** Undefined: keep reading. */
  end?: { ok: true } | { ok: false; failure: UpgradeFailure };
}

export interface Dialogue {
  readonly protocol: UpgradeProtocol;
  /** Called once the TCP connection is up. */
  start(): Action;
  /** Called with every piece the server sends, as it arrives. */
  receive(bytes: Uint8Array): Action;
  /** The server closed its side. */
  closed(): UpgradeFailure;
  /** What the dialogue waits for now, in words ("the reply to EHLO"). */
  readonly waitingFor: string;
  readonly bytesReceived: number;
  readonly transcript: TranscriptLine[];
}

export interface DialogueOptions {
  /** The name the client gives: XMPP's `to=` domain (the server's domain). */
  domain: string;
  /** SMTP's EHLO name: the client's own, `certlab.invalid` unless given. */
  clientName?: string;
  /** Longest line or packet accepted (default MAX_LINE_BYTES). */
  maxLineBytes?: number;
  /** Most bytes read during the dialogue (default MAX_DIALOGUE_BYTES). */
  maxBytes?: number;
}

/** SMTP allows 512-byte reply lines; IMAP capability lines of real servers stay under 1 KiB. */
export const MAX_LINE_BYTES = 4096;
/** A real greeting plus capability list is a few hundred bytes; 32 KiB is a hostile banner. */
export const MAX_DIALOGUE_BYTES = 32 * 1024;
/** Transcript entries kept, and characters kept of each. */
export const MAX_TRANSCRIPT_LINES = 40;
export const MAX_TRANSCRIPT_TEXT = 300;
/** Characters of the server's reply kept in a failure. */
export const MAX_REPLY_TEXT = 600;

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/**
 * Server text as safe, printable text: UTF-8 (bad bytes become U+FFFD), control characters (but line feeds) and
 * bidirectional overrides written as \xNN / \u{NNNN} so a reply cannot move a terminal's cursor
 * or reorder what a person reads; cut at `max` characters.
 */
export function printable(bytes: Uint8Array | string, max = MAX_REPLY_TEXT): string {
  const text = typeof bytes === 'string' ? bytes : utf8.decode(bytes);
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f)) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x200e || c === 0x200f) out += `\\u{${c.toString(16)}}`;
    else out += ch;
    if (out.length >= max) return `${out.slice(0, max)}…`;
  }
  return out;
}

export const ascii = (text: string): Uint8Array => encoder.encode(text);

/** Bytes as latin-1 text, one character per byte (in slices: no argument-count limit). */
export function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

export const hex = (bytes: Uint8Array, max = 16): string =>
  [...bytes.subarray(0, max)].map((b) => b.toString(16).padStart(2, '0')).join(' ') + (bytes.length > max ? ' …' : '');

/** Keeps the transcript bounded: at most MAX_TRANSCRIPT_LINES entries, then one "… more" line. */
export class Transcript {
  readonly lines: TranscriptLine[] = [];
  private dropped = 0;

  add(from: TranscriptLine['from'], text: string): void {
    if (this.lines.length < MAX_TRANSCRIPT_LINES) {
      this.lines.push({ from, text: printable(text, MAX_TRANSCRIPT_TEXT) });
      return;
    }
    this.dropped++;
    const note = { from: 'server' as const, text: `(${this.dropped} more lines not kept)` };
    if (this.dropped === 1) this.lines.push(note);
    else this.lines[this.lines.length - 1] = note;
  }
}

/**
 * What spoke, when the bytes are not the protocol expected: a hint for the person, who may have
 * picked the wrong protocol or a port that speaks TLS at once.
 */
export function guessSpeaker(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return null;
  if (bytes[0] === 0x16 && bytes[1] === 0x03) return 'this port speaks TLS from the first byte (implicit TLS): probe it without a STARTTLS protocol';
  if (bytes[0] === 0x15 && bytes[1] === 0x03) return 'the server sent a TLS alert: it speaks TLS from the first byte; probe it without a STARTTLS protocol';
  const text = String.fromCharCode(...bytes.subarray(0, 16));
  if (text.startsWith('SSH-')) return 'this is an SSH server';
  if (text.startsWith('HTTP/')) return 'this is an HTTP server';
  if (/^\* (OK|PREAUTH|BYE)/i.test(text)) return 'this looks like an IMAP server';
  if (/^(\+OK|-ERR)/.test(text)) return 'this looks like a POP3 server';
  if (/^\d{3}[ -]/.test(text)) return 'this looks like an SMTP or FTP server';
  if (/^<\?xml|^<stream/.test(text)) return 'this looks like an XMPP server';
  if (bytes.length >= 5 && bytes[3] === 0 && bytes[4] === 0x0a) return 'this looks like a MySQL or MariaDB server';
  return null;
}

/** Shared bookkeeping: bytes counted against the dialogue limit, transcript, waiting-for text. */
export abstract class BaseDialogue implements Dialogue {
  abstract readonly protocol: UpgradeProtocol;
  waitingFor = 'the greeting';
  bytesReceived = 0;
  protected readonly log = new Transcript();
  protected readonly maxBytes: number;
  protected readonly maxLineBytes: number;
  protected done = false;

  constructor(options: DialogueOptions) {
    this.maxBytes = options.maxBytes ?? MAX_DIALOGUE_BYTES;
    this.maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  }

  get transcript(): TranscriptLine[] {
    return this.log.lines;
  }

  start(): Action {
    return { send: [] };
  }

  receive(bytes: Uint8Array): Action {
    if (this.done) return { send: [] };
    this.bytesReceived += bytes.length;
    if (this.bytesReceived > this.maxBytes) return this.fail({ kind: 'BannerTooLong', protocol: this.protocol, what: 'dialogue', limit: this.maxBytes });
    return this.consume(bytes);
  }

  closed(): UpgradeFailure {
    return { kind: 'ClosedDuringUpgrade', protocol: this.protocol, waitingFor: this.waitingFor, bytesReceived: this.bytesReceived };
  }

  protected abstract consume(bytes: Uint8Array): Action;

  protected fail(failure: UpgradeFailure, send: Uint8Array[] = []): Action {
    this.done = true;
    return { send, end: { ok: false, failure } };
  }

  /** The server said go: TLS starts now, unless it already sent more (`rest`). */
  protected goAhead(rest: Uint8Array, send: Uint8Array[] = []): Action {
    this.done = true;
    if (rest.length > 0)
      return { send, end: { ok: false, failure: { kind: 'DataAfterGoAhead', protocol: this.protocol, bytes: rest.length, firstBytesHex: hex(rest) } } };
    return { send, end: { ok: true } };
  }

  protected tooLong(): Action {
    return this.fail({ kind: 'BannerTooLong', protocol: this.protocol, what: 'line', limit: this.maxLineBytes });
  }

  protected unexpected(reply: Uint8Array | string, hintBytes?: Uint8Array): Action {
    const bytes = typeof reply === 'string' ? ascii(reply) : reply;
    return this.fail({
      kind: 'UnexpectedReply',
      protocol: this.protocol,
      waitingFor: this.waitingFor,
      reply: printable(bytes),
      hint: guessSpeaker(hintBytes ?? bytes),
    });
  }
}
