/**
 * Line-based upgrade dialogues (SMTP, IMAP, POP3, FTP): bytes in, whole lines out (CRLF or a
 * bare LF ends a line), each line at most `maxLineBytes`. Each byte is looked at once, however
 * the server cuts its replies into packets.
 */
import { type Action, BaseDialogue, ascii, latin1 } from './dialogue.ts';

export class LineReader {
  private buf = new Uint8Array(256);
  /** Unread bytes are buf[start, end). */
  private start = 0;
  private end = 0;
  /** Where the search for the next LF resumes. */
  private scanned = 0;
  private readonly maxLineBytes: number;

  constructor(maxLineBytes: number) {
    this.maxLineBytes = maxLineBytes;
  }

  push(bytes: Uint8Array): void {
    if (this.start > 0) {
      // Whole lines were taken before this push: what is left is at most one partial line.
      this.buf.copyWithin(0, this.start, this.end);
      this.end -= this.start;
      this.scanned -= this.start;
      this.start = 0;
    }
    if (this.end + bytes.length > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.buf.length * 2, this.end + bytes.length));
      grown.set(this.buf.subarray(0, this.end));
      this.buf = grown;
    }
    this.buf.set(bytes, this.end);
    this.end += bytes.length;
  }

  /** The next whole line without its line end; undefined when none is complete; 'too-long' past the limit. */
  next(): Uint8Array | undefined | 'too-long' {
    const from = Math.max(this.scanned, this.start);
    const lf = this.buf.subarray(from, this.end).indexOf(0x0a);
    if (lf < 0) {
      this.scanned = this.end;
      return this.end - this.start > this.maxLineBytes ? 'too-long' : undefined;
    }
    const at = from + lf;
    if (at - this.start > this.maxLineBytes) return 'too-long';
    const line = this.buf.slice(this.start, at > this.start && this.buf[at - 1] === 0x0d ? at - 1 : at);
    this.start = at + 1;
    this.scanned = this.start;
    return line;
  }

  /** Bytes received after the last line returned. */
  rest(): Uint8Array {
    return this.buf.slice(this.start, this.end);
  }
}

const utf8 = new TextDecoder('utf-8');

/** A dialogue that reads lines: the subclass sees each server line (as latin-1 text and as bytes). */
export abstract class LineDialogue extends BaseDialogue {
  private reader?: LineReader;

  protected consume(bytes: Uint8Array): Action {
    const reader = (this.reader ??= new LineReader(this.maxLineBytes));
    reader.push(bytes);
    const send: Uint8Array[] = [];
    for (;;) {
      const line = reader.next();
      if (line === undefined) return { send };
      if (line === 'too-long') return this.tooLong();
      this.log.add('server', utf8.decode(line));
      const action = this.onLine(latin1(line), line);
      send.push(...action.send);
      if (action.end) return { ...action, send };
    }
  }

  /** Bytes the server sent after the line being handled. */
  protected rest(): Uint8Array {
    return this.reader?.rest() ?? new Uint8Array(0);
  }

  /** The command's bytes (with CRLF), noted in the transcript. */
  protected command(text: string, waitingFor: string): Uint8Array {
    this.log.add('client', text);
    this.waitingFor = waitingFor;
    return ascii(`${text}\r\n`);
  }

  protected abstract onLine(line: string, bytes: Uint8Array): Action;
}

/**
 * Multi-line replies with a three-digit code (SMTP, RFC 5321 4.2.1; FTP, RFC 959 4.2): "250-..."
 * continues, "250 ..." ends. FTP allows free text between the first and last line; SMTP does not,
 * so `ftp` decides whether a line that is not "ddd-" is a continuation or an error.
 */
export class CodedReply {
  code = 0;
  readonly lines: string[] = [];
  private readonly ftp: boolean;

  constructor(ftp: boolean) {
    this.ftp = ftp;
  }

  /** Adds a line: 'more' to read on, 'done' when the reply is whole, 'bad' when it is no such reply. */
  add(line: string): 'more' | 'done' | 'bad' {
    const m = /^(\d{3})([ -]|$)/.exec(line);
    if (this.lines.length === 0) {
      if (!m) return 'bad';
      this.code = Number(m[1]);
      this.lines.push(line);
      return m[2] === '-' ? 'more' : 'done';
    }
    this.lines.push(line);
    if (m && Number(m[1]) === this.code && m[2] !== '-') return 'done';
    if (m || this.ftp) return 'more';
    return 'bad';
  }

  get text(): string {
    return this.lines.join('\n');
  }
}
