/**
 * FTP AUTH TLS (RFC 4217): read the 220 greeting (after any 120 "ready in n minutes"), ask FEAT
 * (RFC 2389) and look for "AUTH TLS" among the features; a server without FEAT is asked AUTH TLS
 * directly. Start TLS on 234. 500/502/504 to AUTH means the server does not know the command.
 */
import { type Action, printable } from './dialogue.ts';
import { CodedReply, LineDialogue } from './lines.ts';

export class FtpDialogue extends LineDialogue {
  readonly protocol = 'ftp' as const;
  private state: 'greeting' | 'feat' | 'auth' = 'greeting';
  private reply = new CodedReply(true);

  protected onLine(line: string, bytes: Uint8Array): Action {
    const step = this.reply.add(line);
    if (step === 'bad') return this.unexpected(bytes);
    if (step === 'more') return { send: [] };
    const reply = this.reply;
    this.reply = new CodedReply(true);
    const text = printable(reply.text);
    switch (this.state) {
      case 'greeting':
        if (reply.code >= 100 && reply.code < 200) return { send: [] };
        if (reply.code !== 220) return this.fail({ kind: 'GreetingRefused', protocol: 'ftp', reply: text });
        this.state = 'feat';
        return { send: [this.command('FEAT', 'the reply to FEAT')] };
      case 'feat':
        if (reply.code === 211) {
          const offered = reply.lines.slice(1, -1).some((l) => /^\s*AUTH\b.*\bTLS\b/i.test(l));
          if (!offered) return this.fail({ kind: 'StartTlsNotOffered', protocol: 'ftp', command: 'FEAT', reply: text });
        }
        this.state = 'auth';
        return { send: [this.command('AUTH TLS', 'the reply to AUTH TLS')] };
      case 'auth':
        if (reply.code === 234) return this.goAhead(this.rest());
        if ([500, 502, 504].includes(reply.code)) return this.fail({ kind: 'StartTlsNotOffered', protocol: 'ftp', command: 'AUTH TLS', reply: text });
        return this.fail({ kind: 'StartTlsRefused', protocol: 'ftp', command: 'AUTH TLS', reply: text });
    }
  }
}
