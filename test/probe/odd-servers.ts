/**
 * Servers on loopback that are not plain TLS 1.2/1.3 servers (issue 13): a banner server (SSH,
 * SMTP without STARTTLS), a plain HTTP server, and a node:tls server that requires a client
 * certificate from a named CA.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { join } from 'node:path';
import { type Server as NetServer, createServer as createNetServer } from 'node:net';
import { type SecureVersion, createServer as createTlsServer } from 'node:tls';
import type { TestCert } from './pki.ts';
import type { Running } from './servers.ts';

function listen(server: NetServer, port = 0): Promise<Running> {
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
    server.listen(port, '127.0.0.1', () => {
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
export function startBannerServer(banner: string, port = 0): Promise<Running> {
  return listen(
    createNetServer((socket) => socket.write(banner)),
    port,
  );
}

/** A plain HTTP server: answers anything with 200 and a short body. */
export function startPlainHttp(): Promise<Running> {
  return listen(createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('plain http\n')) as unknown as NetServer);
}

/** node:tls requiring a client certificate issued by `ca` (its name is sent in the CertificateRequest). */
export function startClientCertServer(chain: TestCert[], ca: TestCert, minVersion: SecureVersion, maxVersion: SecureVersion, port = 0): Promise<Running> {
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
  return listen(server as unknown as NetServer, port);
}

/**
 * Refuses the first connection with a protocol_version alert (as a TLS 1.0-only server answers a
 * TLS 1.2+ ClientHello), then misbehaves on the second: 'silent' never answers, 'flood' sends a
 * handshake record header and then megabytes of filler.
 */
export function startRefuseThen(second: 'silent' | 'flood'): Promise<Running> {
  let n = 0;
  return listen(
    createNetServer((socket) => {
      const index = n++;
      socket.once('data', () => {
        if (index === 0) return void socket.end(Buffer.from([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46]));
        if (second === 'silent') return;
        socket.write(Buffer.from([0x16, 0x03, 0x01, 0x40, 0x00]));
        const chunk = Buffer.alloc(64 * 1024, 0x41);
        let sent = 0;
        const pump = () => {
          while (sent < 8 * 1024 * 1024 && socket.writable) {
            sent += chunk.length;
            if (!socket.write(chunk)) return void socket.once('drain', pump);
          }
        };
        pump();
      });
    }),
  );
}

/** `openssl s_server` on a fixed loopback port (the e2e site probes only the allowed ports), serving `chain` with `flags`. */
export function startOpensslOnPort(dir: string, chain: TestCert[], port: number, flags: string[]): Promise<{ close: () => Promise<void> }> {
  const chainPath = join(dir, `s_server-port-${port}-chain.pem`);
  writeFileSync(
    chainPath,
    chain
      .slice(1)
      .map((c) => c.pem)
      .join(''),
  );
  const args = ['s_server', '-accept', `127.0.0.1:${port}`, '-cert', chain[0]!.certPath, '-key', chain[0]!.keyPath, '-naccept', '1000'];
  const child = spawn('openssl', [...args, ...(chain.length > 1 ? ['-cert_chain', chainPath] : []), ...flags], { stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // With a fixed port s_server prints a bare "ACCEPT" once it listens.
      if (/^ACCEPT/m.test(out))
        resolve({
          close: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`openssl s_server exited (${code}) before accepting: ${out}`)));
  });
}
