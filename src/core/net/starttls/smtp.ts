/**
 * SMTP STARTTLS (RFC 3207): wait for the whole 220 greeting (a multi-line greeting may pause
 * between lines; speaking early gets a client dropped), EHLO, look for STARTTLS among the
 * extensions, send STARTTLS, and start TLS on 220. Nothing is sent before the server's turn.
 */
import { type Action, type DialogueOptions, printable } from './dialogue.ts';
import { CodedReply, LineDialogue } from './lines.ts';

export class SmtpDialogue extends LineDialogue {
  readonly protocol = 'smtp' as const;
  private state: 'greeting' | 'ehlo' | 'starttls' = 'greeting';
  private reply = new CodedReply(false);
  private readonly clientName: string;

  constructor(options: DialogueOptions) {
    super(options);
    this.clientName = options.clientName ?? 'certlab.invalid';
  }

  protected onLine(line: string, bytes: Uint8Array): Action {
    const step = this.reply.add(line);
    if (step === 'bad') return this.unexpected(bytes);
    if (step === 'more') return { send: [] };
    const reply = this.reply;
    this.reply = new CodedReply(false);
    const text = printable(reply.text);
    switch (this.state) {
      case 'greeting':
        if (reply.code !== 220) return this.fail({ kind: 'GreetingRefused', protocol: 'smtp', reply: text });
        this.state = 'ehlo';
        return { send: [this.command(`EHLO ${this.clientName}`, 'the reply to EHLO')] };
      case 'ehlo': {
        if (reply.code !== 250) return this.fail({ kind: 'StartTlsRefused', protocol: 'smtp', command: 'EHLO', reply: text });
        const offered = reply.lines.slice(1).some((l) => /^STARTTLS$/i.test(l.slice(4).trim().split(/\s+/)[0] ?? ''));
        if (!offered) return this.fail({ kind: 'StartTlsNotOffered', protocol: 'smtp', command: 'EHLO', reply: text });
        this.state = 'starttls';
        return { send: [this.command('STARTTLS', 'the reply to STARTTLS')] };
      }
      case 'starttls':
        if (reply.code !== 220) return this.fail({ kind: 'StartTlsRefused', protocol: 'smtp', command: 'STARTTLS', reply: text });
        return this.goAhead(this.rest());
    }
  }
}
