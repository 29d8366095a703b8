/**
 * Servers on loopback that are not plain TLS 1.2/1.3 servers (issue 13): a banner server (SSH,
 * SMTP without STARTTLS), a plain HTTP server, and a node:tls server that requires a client
 * certificate from a named CA.
 */
import { createServer as createHttpServer } from 'node:http';
import { type Server as NetServer, createServer as createNetServer } from 'node:net';
import { type SecureVersion, createServer as createTlsServer } from 'node:tls';
import type { TestCert } from './pki.ts';
import type { Running } from './servers.ts';

function listen(server: NetServer): Promise<Running> {
  let count = 0;
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    count++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      resolve({
        port: typeof addr === 'object' && addr ? addr.port : 0,
        connections: () => count,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Sends `banner` as soon as a client connects (what SSH and SMTP servers do), then waits. */
export function startBannerServer(banner: string): Promise<Running> {
  return listen(createNetServer((socket) => socket.write(banner)));
}

/** A plain HTTP server: answers anything with 200 and a short body. */
export function startPlainHttp(): Promise<Running> {
  return listen(createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('plain http\n')) as unknown as NetServer);
}

/** node:tls requiring a client certificate issued by `ca` (its name is sent in the CertificateRequest). */
export function startClientCertServer(chain: TestCert[], ca: TestCert, minVersion: SecureVersion, maxVersion: SecureVersion): Promise<Running> {
  const server = createTlsServer({
    key: chain[0]!.keyPem,
    cert: chain.map((c) => c.pem).join(''),
    ca: ca.pem,
    requestCert: true,
    rejectUnauthorized: true,
    minVersion,
    maxVersion,
  });
  server.on('tlsClientError', () => {});
  server.on('secureConnection', (s) => s.on('error', () => {}));
  return listen(server as unknown as NetServer);
}
