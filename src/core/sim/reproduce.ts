/**
 * "Reproduce it on your machine": the commands that serve a simulated scenario with a real
 * `openssl s_server` on 127.0.0.1 and point real clients at it, using the files the simulator
 * offers for download (leaf.pem, leaf.key, served-chain.pem, trusted.pem).
 * test/sim/reproduce.test.ts runs these exact argv lists.
 */
import type { Scenario } from './scenario.ts';

export interface Command {
  label: string;
  argv: string[];
  /** Environment variables to set for the command. */
  env?: Record<string, string>;
}

export interface Reproduction {
  /** File names the commands use, with what each holds. */
  files: Array<{ name: string; ids: string[] }>;
  server: Command;
  clients: Command[];
}

const PY = (host: string, port: number, ca: string | null) =>
  `import socket, ssl; c = ssl.create_default_context(${ca ? `cafile='${ca}'` : ''}); ` +
  `s = c.wrap_socket(socket.create_connection(('127.0.0.1', ${port})), server_hostname='${host}'); ` +
  `s.sendall(b'GET / HTTP/1.0\\r\\nHost: ${host}\\r\\n\\r\\n'); print(s.recv(100))`;

const NODE = (host: string, port: number) =>
  `require('https').get({ host: '127.0.0.1', port: ${port}, servername: '${host}', headers: { host: '${host}' } }, ` +
  `(r) => console.log('HTTP', r.statusCode)).on('error', (e) => { console.log(String(e)); process.exitCode = 1; })`;

export function reproduce(s: Scenario, port = 8443): Reproduction {
  const [leaf, ...rest] = s.serverSends;
  const weak = s.certificates.some((c) => c.key === 'RSA-1024' || c.signatureHash === 'SHA-1');
  const files: Reproduction['files'] = [
    { name: `${leaf}.pem`, ids: [leaf!] },
    { name: `${leaf}.key`, ids: [leaf!] },
  ];
  if (rest.length) files.push({ name: 'served-chain.pem', ids: rest });
  const ca = s.trustStore.length ? 'trusted.pem' : null;
  if (ca) files.push({ name: ca, ids: s.trustStore });
  const server: Command = {
    label: `The server, sending what the scenario sends${weak ? " (SECLEVEL=0: Debian's OpenSSL would otherwise refuse to load an RSA-1024 or SHA-1 certificate)" : ''}`,
    argv: [
      'openssl',
      's_server',
      '-accept',
      `127.0.0.1:${port}`,
      '-www',
      '-cert',
      `${leaf}.pem`,
      '-key',
      `${leaf}.key`,
      ...(rest.length ? ['-cert_chain', 'served-chain.pem'] : []),
      ...(weak ? ['-cipher', 'DEFAULT:@SECLEVEL=0'] : []),
      ...(s.clientCertRequired ? ['-Verify', '1', ...(ca ? ['-CAfile', ca] : [])] : []),
    ],
  };
  const host = s.host;
  const clients: Command[] = [
    {
      label: 'openssl s_client',
      argv: ['openssl', 's_client', '-connect', `127.0.0.1:${port}`, '-servername', host, '-verify_hostname', host, ...(ca ? ['-CAfile', ca] : [])],
    },
    {
      label: 'curl',
      argv: ['curl', '-sS', '-o', '/dev/null', ...(ca ? ['--cacert', ca] : []), '--resolve', `${host}:${port}:127.0.0.1`, `https://${host}:${port}/`],
    },
    { label: 'Python', argv: ['python3', '-c', PY(host, port, ca)] },
    { label: 'Node.js', argv: ['node', '-e', NODE(host, port)], ...(ca ? { env: { NODE_EXTRA_CA_CERTS: ca } } : {}) },
  ];
  return { files, server, clients };
}

/** A command as a POSIX shell line (single-quoted where needed). */
export function shellLine(c: Command): string {
  const q = (a: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  const env = Object.entries(c.env ?? {})
    .map(([k, v]) => `${k}=${q(v)} `)
    .join('');
  return env + c.argv.map(q).join(' ');
}
