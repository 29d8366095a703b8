/**
 * TLS upgrades (issue 13): the protocols that start in plain text and switch to TLS on request,
 * and the one table of well-known ports that says, for a port, whether the server expects an
 * upgrade dialogue first (STARTTLS and its cousins), TLS from the first byte (implicit TLS), or
 * neither. The CLI, the route, the page and the engine all read this table.
 */

/** Protocols whose TLS starts after a plain-text dialogue. */
export const UPGRADE_PROTOCOLS = ['smtp', 'imap', 'pop3', 'ftp', 'ldap', 'xmpp', 'postgres', 'mysql'] as const;
export type UpgradeProtocol = (typeof UPGRADE_PROTOCOLS)[number];

/** What a person or the route may ask for: a protocol, `none` (TLS from the first byte), or `auto` (from the port). */
export type UpgradeChoice = UpgradeProtocol | 'none' | 'auto';
export const UPGRADE_CHOICES: readonly UpgradeChoice[] = ['auto', 'none', ...UPGRADE_PROTOCOLS];

export interface ProtocolInfo {
  /** The protocol's usual name, e.g. "SMTP". */
  name: string;
  /** What the upgrade request is called in that protocol. */
  request: string;
  /** The port a client uses when none is given. */
  defaultPort: number;
}

export const PROTOCOLS: Record<UpgradeProtocol, ProtocolInfo> = {
  smtp: { name: 'SMTP', request: 'STARTTLS', defaultPort: 25 },
  imap: { name: 'IMAP', request: 'STARTTLS', defaultPort: 143 },
  pop3: { name: 'POP3', request: 'STLS', defaultPort: 110 },
  ftp: { name: 'FTP', request: 'AUTH TLS', defaultPort: 21 },
  ldap: { name: 'LDAP', request: 'the StartTLS extended operation', defaultPort: 389 },
  xmpp: { name: 'XMPP', request: 'STARTTLS', defaultPort: 5222 },
  postgres: { name: 'PostgreSQL', request: 'SSLRequest', defaultPort: 5432 },
  mysql: { name: 'MySQL/MariaDB', request: 'the SSL request', defaultPort: 3306 },
};

/** Well-known ports where the server expects an upgrade dialogue before TLS (IANA service names). */
export const UPGRADE_PORTS: Readonly<Record<number, UpgradeProtocol>> = {
  25: 'smtp', // smtp
  587: 'smtp', // submission
  110: 'pop3', // pop3
  143: 'imap', // imap
  21: 'ftp', // ftp
  389: 'ldap', // ldap
  5222: 'xmpp', // xmpp-client
  5432: 'postgres', // postgresql
  3306: 'mysql', // mysql
};

/** Well-known ports that speak TLS from the first byte, and the service on them. */
export const IMPLICIT_TLS_PORTS: Readonly<Record<number, string>> = {
  443: 'HTTPS',
  465: 'SMTP submission over TLS',
  993: 'IMAP over TLS',
  995: 'POP3 over TLS',
  636: 'LDAP over TLS',
  990: 'FTP over TLS',
  5061: 'SIP over TLS',
  5223: 'XMPP over TLS',
  853: 'DNS over TLS',
  6697: 'IRC over TLS',
};

/** How the probe gets to TLS on this connection, and why. */
export type UpgradePlan =
  | { mode: 'starttls'; protocol: UpgradeProtocol; chosen: 'given' | 'port' }
  /** TLS from the first byte; `service` when the port is a well-known implicit-TLS port. */
  | { mode: 'tls'; service: string | null; chosen: 'given' | 'port' };

export function isUpgradeChoice(x: unknown): x is UpgradeChoice {
  return typeof x === 'string' && (UPGRADE_CHOICES as readonly string[]).includes(x);
}

export function planUpgrade(port: number, choice: UpgradeChoice = 'auto'): UpgradePlan {
  if (choice === 'none') return { mode: 'tls', service: IMPLICIT_TLS_PORTS[port] ?? null, chosen: 'given' };
  if (choice !== 'auto') return { mode: 'starttls', protocol: choice, chosen: 'given' };
  const protocol = UPGRADE_PORTS[port];
  if (protocol) return { mode: 'starttls', protocol, chosen: 'port' };
  return { mode: 'tls', service: IMPLICIT_TLS_PORTS[port] ?? null, chosen: 'port' };
}

/** The port to use when the person named a protocol but no port (`--starttls smtp` means 25). */
export function defaultPortFor(choice: UpgradeChoice | undefined): number | undefined {
  return choice === undefined || choice === 'auto' || choice === 'none' ? undefined : PROTOCOLS[choice].defaultPort;
}

/** One line for people: "STARTTLS (SMTP), chosen from port 25" or "TLS from the first byte (IMAP over TLS, port 993)". */
export function describePlan(plan: UpgradePlan, port: number): string {
  if (plan.mode === 'starttls') {
    const p = PROTOCOLS[plan.protocol];
    return `${p.name} ${p.request}${plan.chosen === 'port' ? `, chosen from port ${port}` : ', as asked'}`;
  }
  return `TLS from the first byte${plan.service ? ` (${plan.service}, port ${port})` : ''}`;
}
