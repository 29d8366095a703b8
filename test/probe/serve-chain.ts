/**
 * A node:tls server in its own process (for the bench, so the server does not share the
 * probe's event loop): `node serve-chain.ts KEY.pem CERT.pem [CHAIN.pem...]` listens on a free
 * 127.0.0.1 port, prints `PORT <n>`, and serves the certificates in the order given.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:tls';

const [keyPath, ...certPaths] = process.argv.slice(2);
if (!keyPath || certPaths.length === 0) {
  console.error('usage: serve-chain.ts KEY.pem CERT.pem [CHAIN.pem...]');
  process.exit(2);
}
const server = createServer({ key: readFileSync(keyPath), cert: certPaths.map((p) => readFileSync(p, 'utf8')).join('') });
server.on('tlsClientError', () => {});
server.on('secureConnection', (s) => s.on('error', () => {}));
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  console.log(`PORT ${typeof addr === 'object' && addr ? addr.port : 0}`);
});
process.on('SIGTERM', () => process.exit(0));
