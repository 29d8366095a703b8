/**
 * POP3 STLS (RFC 2595 4): read the "+OK" greeting, ask CAPA (RFC 2449) and look for STLS in the
 * list that ends with "."; a server without CAPA ("-ERR") is asked STLS directly, as clients do.
 * Start TLS on "+OK" to STLS.
 */
import { type Action, printable } from './dialogue.ts';
import { LineDialogue } from './lines.ts';

export class Pop3Dialogue extends LineDialogue {
  readonly protocol = 'pop3' as const;
  private state: 'greeting' | 'capa' | 'capa-list' | 'stls' = 'greeting';
  private readonly caps: string[] = [];

  protected onLine(line: string, bytes: Uint8Array): Action {
    switch (this.state) {
      case 'greeting':
        if (line.startsWith('-ERR')) return this.fail({ kind: 'GreetingRefused', protocol: 'pop3', reply: printable(line) });
        if (!line.startsWith('+OK')) return this.unexpected(bytes);
        this.state = 'capa';
        return { send: [this.command('CAPA', 'the reply to CAPA')] };
      case 'capa':
        if (line.startsWith('-ERR')) return this.stls();
        if (!line.startsWith('+OK')) return this.unexpected(bytes);
        this.state = 'capa-list';
        return { send: [] };
      case 'capa-list':
        if (line !== '.') {
          this.caps.push(line);
          return { send: [] };
        }
        if (!this.caps.some((c) => /^STLS$/i.test(c.trim().split(/\s+/)[0] ?? ''))) {
          return this.fail({ kind: 'StartTlsNotOffered', protocol: 'pop3', command: 'CAPA', reply: printable(`capabilities: ${this.caps.join(', ')}`) });
        }
        return this.stls();
      case 'stls':
        if (line.startsWith('+OK')) return this.goAhead(this.rest());
        if (line.startsWith('-ERR')) return this.fail({ kind: 'StartTlsRefused', protocol: 'pop3', command: 'STLS', reply: printable(line) });
        return this.unexpected(bytes);
    }
  }

  private stls(): Action {
    this.state = 'stls';
    return { send: [this.command('STLS', 'the reply to STLS')] };
  }
}
