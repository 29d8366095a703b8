/**
 * XMPP STARTTLS (RFC 6120 5): open a client stream to the server's domain, read its
 * <stream:features>, send <starttls/> when offered, and start TLS on <proceed/>. A small tag
 * scanner, not an XML parser: it follows element depth and local names (prefixes ignored),
 * resumes where it stopped when more bytes come, and caps every tag at `maxLineBytes`.
 * It reads bytes as latin-1, so offsets are byte offsets (XML's syntax is all ASCII).
 */
import { type Action, BaseDialogue, type DialogueOptions, ascii, latin1, printable } from './dialogue.ts';

const TLS_NS = 'urn:ietf:params:xml:ns:xmpp-tls';
const utf8 = new TextDecoder('utf-8');

interface Tag {
  /** Local name, prefix dropped ("stream:features" -> "features"). */
  name: string;
  type: 'open' | 'close' | 'empty';
}

function readTag(raw: string): Tag | undefined {
  const m = /^<(\/?)([A-Za-z_][\w.:-]*)[\s\S]*?(\/?)>$/.exec(raw);
  if (!m) return undefined;
  const name = m[2]!.includes(':') ? m[2]!.slice(m[2]!.indexOf(':') + 1) : m[2]!;
  return { name, type: m[1] ? 'close' : m[3] ? 'empty' : 'open' };
}

/** Escapes a domain for an XML attribute (the domain is checked before, this is belt and braces). */
const attr = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export class XmppDialogue extends BaseDialogue {
  readonly protocol = 'xmpp' as const;
  private readonly domain: string;
  private text = '';
  /** Scan position; the start of the tag being read, and the quote it is inside. */
  private at = 0;
  private tagStart = -1;
  private quote = '';
  private depth = 0;
  private state: 'features' | 'proceed' = 'features';
  /** Local names of the children of <features> or <error>, and the error's <text>. */
  private readonly seen: string[] = [];
  private inError = false;
  /** Where the element open at depth 1 began: the transcript shows it whole. */
  private elementStart = 0;
  private errorTextFrom = -1;
  private errorText = '';

  constructor(options: DialogueOptions) {
    super(options);
    this.domain = options.domain;
  }

  start(): Action {
    const open = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='${attr(this.domain)}' version='1.0'>`;
    this.log.add('client', open);
    this.waitingFor = 'the stream features';
    return { send: [ascii(open)] };
  }

  protected consume(bytes: Uint8Array): Action {
    this.text += latin1(bytes);
    for (; this.at < this.text.length; this.at++) {
      const c = this.text[this.at]!;
      if (this.tagStart < 0) {
        if (c === '<') this.tagStart = this.at;
        else if (this.depth === 0 && c.trim() !== '') return this.unexpected(this.bytesFrom(this.at));
        continue;
      }
      if (this.at - this.tagStart > this.maxLineBytes) return this.tooLong();
      if (this.quote) {
        if (c === this.quote) this.quote = '';
        continue;
      }
      if (c === '"' || c === "'") {
        this.quote = c;
        continue;
      }
      if (c !== '>') continue;
      const raw = this.text.slice(this.tagStart, this.at + 1);
      const start = this.tagStart;
      this.tagStart = -1;
      const action = this.onTag(raw, start);
      if (action) return action;
    }
    return { send: [] };
  }

  private bytesFrom(at: number, max = 200): Uint8Array {
    return Uint8Array.from(this.text.slice(at, at + max), (c) => c.charCodeAt(0));
  }

  private onTag(raw: string, start: number): Action | undefined {
    if (raw.startsWith('<?') || raw.startsWith('<!')) return undefined;
    const tag = readTag(raw);
    if (!tag) return this.unexpected(this.bytesFrom(start));
    const display = () => utf8.decode(this.bytesFrom(start, raw.length));
    if (this.depth === 0) {
      if (tag.name !== 'stream' || tag.type !== 'open') return this.unexpected(this.bytesFrom(start));
      this.log.add('server', display());
      this.depth = 1;
      return undefined;
    }
    if (tag.type === 'close' && this.depth === 1) {
      this.log.add('server', display());
      return this.fail({ kind: 'GreetingRefused', protocol: 'xmpp', reply: 'the server closed the stream' });
    }
    if (this.depth === 1) {
      if (tag.type === 'open') this.elementStart = start;
      else this.log.add('server', display());
      if (tag.name === 'error') this.inError = true;
      if (this.state === 'proceed') {
        if (tag.name === 'proceed') return this.goAhead(this.bytesFrom(this.at + 1, Infinity));
        if (tag.name === 'failure') return this.fail({ kind: 'StartTlsRefused', protocol: 'xmpp', command: 'starttls', reply: printable(raw) });
      }
      if (tag.type === 'open') this.depth = 2;
      else if (tag.name === 'features') return this.onFeatures();
      else if (tag.name === 'error') return this.onError();
      return undefined;
    }
    // Inside <features> or <error>: note the direct children.
    if (this.depth === 2 && tag.type !== 'close') this.seen.push(tag.name);
    if (this.inError && tag.name === 'text') {
      if (tag.type === 'open') this.errorTextFrom = this.at + 1;
      else if (tag.type === 'close' && this.errorTextFrom >= 0) this.errorText = utf8.decode(this.bytesFrom(this.errorTextFrom, start - this.errorTextFrom));
    }
    if (tag.type === 'open') this.depth++;
    if (tag.type === 'close') this.depth--;
    if (this.depth > 1) return undefined;
    this.log.add('server', utf8.decode(this.bytesFrom(this.elementStart, this.at + 1 - this.elementStart)));
    if (this.inError) return this.onError();
    if (tag.name === 'features') return this.onFeatures();
    return undefined;
  }

  private onFeatures(): Action {
    if (this.state === 'proceed') return this.unexpected(`another <features> instead of <proceed/>`);
    const features = this.seen.splice(0);
    if (!features.includes('starttls')) {
      return this.fail({
        kind: 'StartTlsNotOffered',
        protocol: 'xmpp',
        command: 'stream features',
        reply: printable(`features: ${features.join(', ') || '(none)'}`),
      });
    }
    const ask = `<starttls xmlns='${TLS_NS}'/>`;
    this.log.add('client', ask);
    this.state = 'proceed';
    this.waitingFor = 'the reply to starttls';
    return { send: [ascii(ask)] };
  }

  private onError(): Action {
    const conditions = this.seen.filter((n) => n !== 'text');
    return this.fail({
      kind: 'GreetingRefused',
      protocol: 'xmpp',
      reply: printable(`stream error: ${conditions.join(', ') || '(no condition)'}${this.errorText ? ` "${this.errorText}"` : ''}`),
    });
  }
}
