/**
 * Server and service logs: nginx, Apache httpd, HAProxy, Postfix, Exim, Dovecot, OpenLDAP,
 * PostgreSQL libpq/psql, MySQL/MariaDB. Several report the *client's* certificate failing
 * (mutual TLS) — then the cause is client-cert-required whatever the verify code says.
 */
import { V } from '../../codes/verify-code-constants.ts';
import { CHAIN_UNKNOWN, type StackEntry } from './types.ts';

const NGINX =
  'nginx/nginx src/http/ngx_http_request.c (ngx_http_client_errors: "No required SSL certificate was sent", "The SSL certificate error") and src/event/ngx_event_openssl.c';
const NGINX_UP =
  'nginx/nginx src/http/ngx_http_upstream.c / src/event/ngx_event_openssl.c ("upstream SSL certificate verify error: (%l:%s)", "upstream SSL certificate does not match \\"%V\\"")';
const APACHE = 'apache/httpd modules/ssl/ssl_engine_kernel.c (AH02039 "Certificate Verification: Error (%d): %s", AH02032) and ssl_engine_init.c (AH01909)';
const HAPROXY = 'haproxy/haproxy src/ssl_sock.c ("SSL handshake failure", "SSL client certificate not trusted")';
const POSTFIX =
  'vdukhovni/postfix postfix/src/tls/tls_verify.c (tls_verify_certificate_callback / update_error_state: "untrusted issuer %s", "certificate verification failed for %s: num=%d:%s")';
const EXIM = 'Exim/exim src/src/tls-openssl.c verify_callback ("SSL verify error: depth=%d error=%s cert=%s", "SSL verify error: certificate name mismatch")';
const DOVECOT = 'dovecot/core src/lib-ssl-iostream/iostream-openssl.c ("Received invalid SSL certificate: %s: %s")';
const LDAP =
  'openldap/openldap libraries/libldap/tls_o.c and tls_g.c ("TLS: peer cert untrusted or revoked", "TLS: hostname (%s) does not match common name in certificate (%s)")';
const LIBPQ = 'postgres/postgres src/interfaces/libpq/fe-secure-openssl.c and fe-secure-common.c (libpq messages)';
const MYSQL = 'mysql/mysql-server client + MariaDB/server (CR_SSL_CONNECTION_ERROR 2026 "SSL connection error: %s")';

export const SERVER_ENTRIES: StackEntry[] = [
  { stack: 'nginx', id: 'no-client-cert', pattern: /No required SSL certificate was sent/, cause: 'client-cert-required', source: NGINX },
  {
    stack: 'nginx',
    id: 'client-cert-error',
    pattern: /The SSL certificate error|client SSL certificate verify error: \(\d+:[^)]*\)|client sent no required SSL certificate/,
    cause: 'client-cert-required',
    source: NGINX,
  },
  { stack: 'nginx', id: 'upstream-verify', pattern: /upstream SSL certificate verify error: \((\d+):([^)]*)\)/, cause: 'from-code', source: NGINX_UP },
  {
    stack: 'nginx',
    id: 'upstream-name',
    pattern: /upstream SSL certificate does not match "[^"]*"/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: NGINX_UP,
  },
  {
    stack: 'apache',
    id: 'client-verify',
    pattern: /AH02039: Certificate Verification: Error \(\d+\)|AH02261: Re-negotiation handshake failed|AH02008: SSL library error 1 in handshake/,
    cause: 'client-cert-required',
    source: APACHE,
  },
  {
    stack: 'apache',
    id: 'sni-mismatch',
    pattern: /AH02032: Hostname \S+ provided via SNI and hostname \S+ provided via HTTP (?:are different|have no compatible SSL setup)|Misdirected Request/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: APACHE,
  },
  {
    stack: 'apache',
    id: 'no-id-matches',
    pattern: /AH01909: [^\n]*server certificate does NOT include an ID which matches the server name/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: APACHE,
  },
  {
    stack: 'haproxy',
    id: 'client-not-trusted',
    pattern: /SSL client certificate not trusted|SSL client CA chain cannot be verified|SSL client certificate is required/,
    cause: 'client-cert-required',
    source: HAPROXY,
  },
  {
    stack: 'haproxy',
    id: 'handshake-failure',
    pattern: /SSL handshake failure(?! \()/,
    cause: 'protocol-mismatch',
    alternatives: ['protocol-mismatch', 'client-cert-required', 'unknown-ca'],
    source: HAPROXY,
  },
  {
    stack: 'postfix',
    id: 'untrusted-issuer',
    pattern: /certificate verification failed for \S+: untrusted issuer [^\n]*/,
    code: V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
    cause: 'unknown-ca',
    alternatives: CHAIN_UNKNOWN,
    source: POSTFIX,
  },
  {
    stack: 'postfix',
    id: 'self-signed',
    pattern: /certificate verification failed for \S+: self-signed certificate/,
    code: V.DEPTH_ZERO_SELF_SIGNED_CERT,
    cause: 'self-signed',
    source: POSTFIX,
  },
  {
    stack: 'postfix',
    id: 'expired',
    pattern: /certificate verification failed for \S+: certificate has expired/,
    code: V.CERT_HAS_EXPIRED,
    cause: 'expired',
    source: POSTFIX,
  },
  {
    stack: 'postfix',
    id: 'not-yet-valid',
    pattern: /certificate verification failed for \S+: certificate not yet valid/,
    code: V.CERT_NOT_YET_VALID,
    cause: 'not-yet-valid',
    source: POSTFIX,
  },
  {
    stack: 'postfix',
    id: 'name',
    pattern:
      /(?:server certificate|peer certificate|certificate) (?:name|names) (?:do(?:es)? not match|mismatch)|subject_CN=\S+, issuer_CN=\S+[^\n]*\bname mismatch/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    alternatives: ['hostname-mismatch', 'unknown-ca'],
    source: POSTFIX,
  },
  {
    stack: 'postfix',
    id: 'not-verified',
    pattern: /Server certificate not (?:verified|trusted)/,
    cause: 'from-code',
    alternatives: CHAIN_UNKNOWN,
    source: 'vdukhovni/postfix postfix/src/smtp/smtp_proto.c (delivery deferred at smtp_tls_security_level verify/secure)',
  },
  {
    stack: 'postfix',
    id: 'untrusted-connection',
    pattern: /Untrusted TLS connection established to/,
    cause: 'unknown-ca',
    alternatives: CHAIN_UNKNOWN,
    source: 'vdukhovni/postfix postfix/src/tls/tls_client.c (tls_log_summary "Untrusted")',
  },
  { stack: 'exim', id: 'verify-error', pattern: /SSL verify error: depth=(\d+) error=([^\n]*?) cert=/, cause: 'from-code', source: EXIM },
  {
    stack: 'exim',
    id: 'name-mismatch',
    pattern: /SSL verify error: certificate name mismatch/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: EXIM,
  },
  { stack: 'dovecot', id: 'invalid-cert', pattern: /Received invalid SSL certificate: /, cause: 'from-code', alternatives: CHAIN_UNKNOWN, source: DOVECOT },
  {
    stack: 'dovecot',
    id: 'no-cert',
    pattern: /Client didn't present valid SSL certificate|Client didn't send a valid certificate/,
    cause: 'client-cert-required',
    source: DOVECOT,
  },
  { stack: 'openldap', id: 'untrusted', pattern: /TLS: peer cert untrusted or revoked/, cause: 'unknown-ca', alternatives: CHAIN_UNKNOWN, source: LDAP },
  {
    stack: 'openldap',
    id: 'hostname',
    pattern: /TLS: hostname \([^)]*\) does not match common name in certificate/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: LDAP,
  },
  { stack: 'openldap', id: 'verify-text', pattern: /TLS certificate verification: Error, ([^\n]+)/, cause: 'from-code', source: LDAP },
  {
    stack: 'openldap',
    id: 'connect-error',
    pattern: /ldap_start_tls(?:_s)?(?: failed)?: Connect error \(-11\)|Can't contact LDAP server \(-1\)/,
    cause: 'from-code',
    alternatives: ['unknown-ca', 'incomplete-chain', 'hostname-mismatch'],
    source: LDAP,
  },
  {
    stack: 'libpq',
    id: 'root-crt-missing',
    pattern: /root certificate file "[^"]*" does not exist|could not read root certificate file/,
    cause: 'outdated-client-store',
    source: LIBPQ,
  },
  {
    stack: 'libpq',
    id: 'host-mismatch',
    pattern: /server certificate for "[^"]*"(?: \(and \d+ other names?\))? does not match host name "[^"]*"/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: LIBPQ,
  },
  {
    stack: 'libpq',
    id: 'no-client-cert',
    pattern: /connection requires a valid client certificate|certificate authentication failed for user|could not load client certificate file/,
    cause: 'client-cert-required',
    source: 'postgres/postgres src/backend/libpq/auth.c / be-secure-openssl.c',
  },
  { stack: 'libpq', id: 'ssl-error-verify', pattern: /SSL error: certificate verify failed/, cause: 'from-code', alternatives: CHAIN_UNKNOWN, source: LIBPQ },
  {
    stack: 'mysql',
    id: 'ssl-connection-error',
    pattern: /SSL connection error: (?:unknown error number|protocol version mismatch)/,
    cause: 'protocol-mismatch',
    source: MYSQL,
  },
  {
    stack: 'mysql',
    id: 'tls-error',
    pattern: /TLS\/SSL error: ([^\n]+)/,
    cause: 'from-code',
    alternatives: ['self-signed', 'unknown-ca'],
    source: 'MariaDB/server client (11.4+ verifies the server by default: "TLS/SSL error: self-signed certificate")',
  },
];
