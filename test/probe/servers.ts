/**
 * Real servers on loopback for the probe tests: node:tls and `openssl s_server` serving a
 * given certificate list, plain TCP servers that misbehave on purpose, and `openssl s_client
 * -showcerts` as the reference reader of what a server presents.
 */
import { spawn, execFile } from 'node:child_process';
import { type Server as NetServer, type Socket, createConnection, createServer as createNetServer } from 'node:net';
import { type SecureVersion, createServer as createTlsServer } from 'node:tls';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type TestCert, pemToDer } from './pki.ts';

export interface Running {
  port: number;
  /** TCP connections accepted so far. */
  connections: () => number;
  close: () => Promise<void>;
}

function track(server: NetServer, host: string, listenPort = 0): Promise<Running> {
  let count = 0;
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    count++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, host, () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({
        port,
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

export interface TlsServerSpec {
  /** Certificates in the order the server must send them; the first is the leaf. */
  chain: TestCert[];
  key: TestCert;
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  requestCert?: boolean;
  /** Bytes to staple as the OCSP response. */
  ocsp?: Uint8Array;
  alpn?: string[];
  host?: string;
  /** Listening port (default: any free port). */
  port?: number;
}

export function startNodeTls(spec: TlsServerSpec): Promise<Running> {
  const server = createTlsServer({
    key: spec.key.keyPem,
    cert: spec.chain.map((c) => c.pem).join(''),
    ...(spec.minVersion ? { minVersion: spec.minVersion } : {}),
    ...(spec.maxVersion ? { maxVersion: spec.maxVersion } : {}),
    ...(spec.alpn ? { ALPNProtocols: spec.alpn } : {}),
    requestCert: spec.requestCert ?? false,
    rejectUnauthorized: spec.requestCert ?? false,
  });
  if (spec.ocsp) server.on('OCSPRequest', (_c, _i, cb) => cb(null, Buffer.from(spec.ocsp!)));
  server.on('tlsClientError', () => {});
  server.on('secureConnection', (s) => s.on('error', () => {}));
  return track(server as unknown as NetServer, spec.host ?? '127.0.0.1', spec.port ?? 0);
}

/** `openssl s_server` with the leaf and the rest of the list as -cert_chain, in that order. */
export function startOpensslServer(dir: string, spec: TlsServerSpec & { flags?: string[] }): Promise<Running & { stop: () => void }> {
  const chainPath = join(dir, `s_server-chain-${Math.random().toString(36).slice(2)}.pem`);
  writeFileSync(
    chainPath,
    spec.chain
      .slice(1)
      .map((c) => c.pem)
      .join(''),
  );
  const args = [
    's_server',
    '-accept',
    `${spec.host ?? '127.0.0.1'}:0`,
    '-cert',
    spec.chain[0]!.certPath,
    '-key',
    spec.key.keyPath,
    '-naccept',
    '1000',
    ...(spec.chain.length > 1 ? ['-cert_chain', chainPath] : []),
    ...(spec.flags ?? []),
  ];
  const child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /ACCEPT .*:(\d+)/.exec(out);
      if (!m) return;
      child.stdout.off('data', onData);
      const stop = () => child.kill('SIGTERM');
      resolve({
        port: Number(m[1]),
        connections: () => NaN,
        stop,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            stop();
          }),
      });
    };
    child.stdout.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`openssl s_server exited (${code}) before accepting: ${out}`)));
  });
}

/** The whole text `openssl s_client -showcerts` prints for the server. */
export function sClientText(port: number, servername: string | null, host = '127.0.0.1'): Promise<string> {
  const args = [
    's_client',
    '-connect',
    `${host.includes(':') ? `[${host}]` : host}:${port}`,
    '-showcerts',
    ...(servername ? ['-servername', servername] : ['-noservername']),
  ];
  return new Promise((resolve) => {
    const child = execFile('openssl', args, { timeout: 10_000 }, (_err, stdout) => resolve(stdout));
    child.stdin?.end();
  });
}

/** What `openssl s_client -showcerts` says the server presented, as DER in order. */
export function sClientShowcerts(port: number, servername: string | null, flags: string[] = [], host = '127.0.0.1'): Promise<Uint8Array[]> {
  const args = [
    's_client',
    '-connect',
    `${host.includes(':') ? `[${host}]` : host}:${port}`,
    '-showcerts',
    ...(servername ? ['-servername', servername] : ['-noservername']),
    ...flags,
  ];
  return new Promise((resolve, reject) => {
    const child = execFile('openssl', args, { timeout: 10_000 }, (err, stdout) => {
      const blocks = stdout.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
      if (blocks.length === 0 && err) return reject(err);
      resolve(blocks.map(pemToDer));
    });
    child.stdin?.end();
  });
}

export type Misbehaviour = 'silent' | 'drip' | 'garbage' | 'huge-certificate' | 'close-mid-handshake' | 'alert' | 'http';

/** A TCP server that behaves badly in one specific way once the client has spoken. */
export function startHostile(kind: Misbehaviour, host = '127.0.0.1'): Promise<Running> {
  const timers = new Set<NodeJS.Timeout>();
  const server = createNetServer((socket) => {
    socket.on('error', () => {});
    socket.on('close', () => timers.forEach((t) => clearInterval(t)));
    socket.once('data', () => {
      switch (kind) {
        case 'silent':
          return;
        case 'drip': {
          // A valid-looking handshake record header, then one byte a second.
          const t = setInterval(() => socket.writable && socket.write(Buffer.from([0x16])), 1000);
          timers.add(t);
          return;
        }
        case 'garbage':
          socket.write(Buffer.from('\x00\xff garbage \x13\x37 not tls at all'.repeat(4), 'latin1'));
          return;
        case 'http':
          socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
          return;
        case 'huge-certificate': {
          // A plausible TLS 1.2 ServerHello (ECDHE-RSA-AES128-GCM-SHA256, renegotiation_info),
          // then a record announcing a 10 MB Certificate message, then 10 MB of filler.
          const hello = [0x03, 0x03, ...new Array(32).fill(0x42), 0x00, 0xc0, 0x2f, 0x00, 0x00, 0x05, 0xff, 0x01, 0x00, 0x01, 0x00];
          socket.write(Buffer.from([0x16, 0x03, 0x03, 0x00, hello.length + 4, 0x02, 0x00, 0x00, hello.length, ...hello]));
          socket.write(Buffer.from([0x16, 0x03, 0x03, 0x40, 0x00, 11, 0xa0, 0x00, 0x00]));
          const chunk = Buffer.alloc(64 * 1024, 0x41);
          let sent = 0;
          const pump = () => {
            while (sent < 10 * 1024 * 1024 && socket.writable) {
              sent += chunk.length;
              if (!socket.write(chunk)) return void socket.once('drain', pump);
            }
          };
          pump();
          return;
        }
        case 'close-mid-handshake':
          // The first 20 bytes of a ServerHello record, then FIN.
          socket.end(Buffer.from([0x16, 0x03, 0x03, 0x00, 0x5a, 0x02, 0x00, 0x00, 0x56, 0x03, 0x03, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
          return;
        case 'alert':
          socket.end(Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]));
          return;
      }
    });
  });
  return track(server, host);
}

/**
 * A hostile TLS server (issue 18): a TCP proxy in front of a real TLS 1.2 server that re-cuts
 * every plaintext handshake record the server sends into 1-byte records, up to the server's
 * ChangeCipherSpec; the rest passes unchanged. A TLS client still completes the handshake
 * (record boundaries are not authenticated), so the probe must read thousands of records.
 */
export function startOneByteRecords(upstreamPort: number, host = '127.0.0.1'): Promise<Running & { recordsSent: () => number }> {
  let recordsSent = 0;
  const server = createNetServer((client) => {
    client.on('error', () => {});
    const upstream = createConnection({ host: '127.0.0.1', port: upstreamPort });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    let pending = Buffer.alloc(0);
    let passThrough = false;
    upstream.on('data', (data: Buffer) => {
      if (passThrough) return void client.write(data);
      pending = Buffer.concat([pending, data]);
      const out: Buffer[] = [];
      while (!passThrough && pending.length >= 5) {
        const length = pending.readUInt16BE(3);
        if (pending.length < 5 + length) break;
        const [type, major, minor] = [pending[0]!, pending[1]!, pending[2]!];
        const body = pending.subarray(5, 5 + length);
        if (type === 22) {
          for (const b of body) out.push(Buffer.from([type, major, minor, 0, 1, b]));
          recordsSent += body.length;
        } else {
          out.push(pending.subarray(0, 5 + length));
          recordsSent++;
        }
        pending = pending.subarray(5 + length);
        if (type === 20) passThrough = true;
      }
      if (passThrough && pending.length > 0) out.push(pending);
      client.write(Buffer.concat(out));
    });
  });
  return track(server, host).then((running) => ({ ...running, recordsSent: () => recordsSent }));
}
