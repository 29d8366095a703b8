/** One dialogue per protocol (issue 13): the socket side asks for one by name. */
import type { Dialogue, DialogueOptions } from './dialogue.ts';
import { FtpDialogue } from './ftp.ts';
import { ImapDialogue } from './imap.ts';
import { LdapDialogue } from './ldap.ts';
import { MysqlDialogue } from './mysql.ts';
import { Pop3Dialogue } from './pop3.ts';
import { PostgresDialogue } from './postgres.ts';
import type { UpgradeProtocol } from './protocols.ts';
import { SmtpDialogue } from './smtp.ts';
import { XmppDialogue } from './xmpp.ts';

export function createDialogue(protocol: UpgradeProtocol, options: DialogueOptions): Dialogue {
  switch (protocol) {
    case 'smtp':
      return new SmtpDialogue(options);
    case 'imap':
      return new ImapDialogue(options);
    case 'pop3':
      return new Pop3Dialogue(options);
    case 'ftp':
      return new FtpDialogue(options);
    case 'ldap':
      return new LdapDialogue(options);
    case 'xmpp':
      return new XmppDialogue(options);
    case 'postgres':
      return new PostgresDialogue(options);
    case 'mysql':
      return new MysqlDialogue(options);
  }
}
