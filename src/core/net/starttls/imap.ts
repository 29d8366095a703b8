/**
 * IMAP STARTTLS (RFC 3501 6.2.1, RFC 9051): read the "* OK" greeting; take the capabilities from
 * its [CAPABILITY ...] code when present, else ask CAPABILITY; send STARTTLS; start TLS on the
 * tagged OK. "* BYE" at any point ends the session.
 */
import { type Action, printable } from './dialogue.ts';
import { LineDialogue } from './lines.ts';

const capabilities = (text: string): string[] => text.trim().toUpperCase().split(/\s+/);

export class ImapDialogue extends LineDialogue {
  readonly protocol = 'imap' as const;
  private state: 'greeting' | 'capability' | 'starttls' = 'greeting';
  private caps: string[] | undefined;
  private readonly seen: string[] = [];

  protected onLine(line: string, bytes: Uint8Array): Action {
    this.seen.push(line);
    if (this.state === 'greeting') {
      const m = /^\* (OK|PREAUTH|BYE)\b(.*)$/i.exec(line);
      if (!m) return this.unexpected(bytes);
      if (m[1]!.toUpperCase() === 'BYE') return this.fail({ kind: 'GreetingRefused', protocol: 'imap', reply: printable(line) });
      const code = /^\s*\[CAPABILITY ([^\]]*)\]/i.exec(m[2]!);
      if (code) return this.decide(capabilities(code[1]!), 'the greeting');
      this.state = 'capability';
      return { send: [this.command('C1 CAPABILITY', 'the reply to CAPABILITY')] };
    }
    if (/^\* BYE\b/i.test(line)) return this.fail({ kind: 'StartTlsRefused', protocol: 'imap', command: this.pendingCommand(), reply: printable(line) });
    if (line.startsWith('* ')) {
      const caps = /^\* CAPABILITY (.*)$/i.exec(line);
      if (caps) this.caps = capabilities(caps[1]!);
      return { send: [] };
    }
    const tag = this.state === 'capability' ? 'C1' : 'C2';
    const tagged = new RegExp(`^${tag} (OK|NO|BAD)\\b`, 'i').exec(line);
    if (!tagged) return this.unexpected(bytes);
    const ok = tagged[1]!.toUpperCase() === 'OK';
    if (this.state === 'starttls') {
      return ok ? this.goAhead(this.rest()) : this.fail({ kind: 'StartTlsRefused', protocol: 'imap', command: 'STARTTLS', reply: printable(line) });
    }
    if (!ok) return this.fail({ kind: 'StartTlsRefused', protocol: 'imap', command: 'CAPABILITY', reply: printable(this.seen.slice(1).join('\n')) });
    return this.decide(this.caps ?? [], 'CAPABILITY');
  }

  private pendingCommand(): string {
    return this.state === 'capability' ? 'CAPABILITY' : 'STARTTLS';
  }

  private decide(caps: string[], command: string): Action {
    if (!caps.includes('STARTTLS')) {
      return this.fail({ kind: 'StartTlsNotOffered', protocol: 'imap', command, reply: printable(`capabilities: ${caps.join(' ')}`) });
    }
    this.state = 'starttls';
    return { send: [this.command('C2 STARTTLS', 'the reply to STARTTLS')] };
  }
}
