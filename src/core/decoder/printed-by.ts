/**
 * Who printed a message, in the product names a reader knows: the ten clients of the shared
 * client table (clients/client-names.ts) and the other stacks and tools the decoder reads
 * (stacks/types.ts). The decoder widget and `certlab decode` show these; JSON keeps the id.
 */
import { CLIENT_NAMES } from '../clients/client-names.ts';
import type { ClientId as RegistryClientId } from '../clients/registry.ts';
import type { ClientId } from './patterns.ts';

const STACK_NAMES: Record<Exclude<ClientId, RegistryClientId>, string> = {
  gnutls: 'GnuTLS',
  git: 'Git',
  apt: 'APT (apt-get / apt)',
  wget: 'Wget',
  nss: 'NSS (Firefox, Thunderbird, Chromium on Linux)',
  schannel: 'Windows Schannel',
  sqlserver: 'SQL Server client (SqlClient / ODBC)',
  powershell: 'PowerShell',
  apple: 'Apple Secure Transport (macOS / iOS)',
  android: 'Android',
  ruby: 'Ruby (OpenSSL::SSL)',
  php: 'PHP (OpenSSL stream / cURL)',
  libpq: 'PostgreSQL client (libpq / psql)',
  mysql: 'MySQL / MariaDB client',
  openldap: 'OpenLDAP (ldapsearch)',
  postfix: 'Postfix',
  exim: 'Exim',
  dovecot: 'Dovecot',
  nginx: 'nginx',
  apache: 'Apache httpd (mod_ssl)',
  haproxy: 'HAProxy',
  docker: 'Docker',
  kubectl: 'kubectl',
  npm: 'npm',
  yarn: 'Yarn',
  pip: 'pip',
  cargo: 'Cargo',
  uv: 'uv',
  composer: 'Composer',
  okhttp: 'OkHttp',
  wsl: 'WSL (Windows Subsystem for Linux)',
};

export function printedBy(id: ClientId): string {
  return id in CLIENT_NAMES ? CLIENT_NAMES[id as RegistryClientId] : STACK_NAMES[id as Exclude<ClientId, RegistryClientId>];
}
