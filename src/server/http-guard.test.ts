/**
 * Issue 18: the site's HTTP server under connection attacks, on loopback with small limits
 * (the defaults are checked separately; the attacks are the same at any size).
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import { type Socket, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_LIMITS, type ServerLimits, ServerConfigError, createGuardedServer, serverLimitsFromEnv, throttledLog } from './http-guard.ts';

let server: Server | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  if (server) await new Promise((r) => server!.close(r));
  server = undefined;
});

/** A server whose handler reads the whole body (as the probe route does), then answers 200. */
async function start(limits: Partial<ServerLimits>, log: string[] = []): Promise<number> {
  server = createGuardedServer(
    (req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    },
    { limits: { ...DEFAULT_SERVER_LIMITS, ...limits }, headers: () => ({ 'x-content-type-options': 'nosniff' }), log: (l) => log.push(l) },
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as { port: number }).port;
}

/** Opens a raw connection, writes `text`, resolves with everything received until the server closes it. */
function exchange(port: number, text: string): { socket: Socket; reply: Promise<string> } {
  const socket = connect({ host: '127.0.0.1', port });
  sockets.push(socket);
  socket.on('error', () => {});
  let got = '';
  socket.on('data', (d) => (got += d.toString('latin1')));
  socket.write(text);
  return { socket, reply: new Promise((resolve) => socket.once('close', () => resolve(got))) };
}

/** A keep-alive connection that has had one answer, so the server has surely counted it. */
async function keptAlive(port: number): Promise<Socket> {
  const s = connect({ host: '127.0.0.1', port });
  sockets.push(s);
  s.write('GET / HTTP/1.1\r\nHost: certlab.test\r\n\r\n');
  await once(s, 'data');
  return s;
}

const GET = 'GET / HTTP/1.1\r\nHost: certlab.test\r\nConnection: close\r\n\r\n';

describe('server timeouts', () => {
  it('defaults: headers within 10 s, the whole request within 15 s, checked every second', () => {
    expect(serverLimitsFromEnv({})).toEqual(DEFAULT_SERVER_LIMITS);
    const s = createGuardedServer(() => {}, { limits: DEFAULT_SERVER_LIMITS });
    expect([s.headersTimeout, s.requestTimeout, s.keepAliveTimeout, s.maxConnections]).toEqual([10_000, 15_000, 5_000, 1024]);
  });

  it('drops a request that sent its headers but never its body, with 408', async () => {
    const port = await start({ headersTimeoutMs: 1000, requestTimeoutMs: 1000 });
    const { reply } = exchange(port, 'POST /api/probe HTTP/1.1\r\nHost: certlab.test\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"host"');
    expect((await reply).split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
  });

  it('drops a request whose headers never end, with 408', async () => {
    const port = await start({ headersTimeoutMs: 1000, requestTimeoutMs: 1000 });
    const { reply } = exchange(port, 'GET / HTTP/1.1\r\nHost: certlab.test\r\nX-Slow: ');
    expect((await reply).split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
  });

  it('bad values name the variable', () => {
    expect(() => serverLimitsFromEnv({ CERTLAB_SERVER_REQUEST_TIMEOUT_MS: '5000', CERTLAB_SERVER_HEADERS_TIMEOUT_MS: '8000' })).toThrow(
      new ServerConfigError('CERTLAB_SERVER_REQUEST_TIMEOUT_MS (5000) must not be shorter than CERTLAB_SERVER_HEADERS_TIMEOUT_MS (8000).'),
    );
    expect(() => serverLimitsFromEnv({ CERTLAB_SERVER_MAX_CONNECTIONS: 'lots' })).toThrow(
      'CERTLAB_SERVER_MAX_CONNECTIONS="lots" is not valid: expected a whole number from 1 to 1000000.',
    );
  });
});

describe('connection caps', () => {
  it('one client gets at most maxConnectionsPerClient; a closed one frees its place', async () => {
    const log: string[] = [];
    const port = await start({ maxConnectionsPerClient: 3 }, log);
    const idle = await Promise.all([0, 1, 2].map(() => keptAlive(port)));
    expect(await exchange(port, GET).reply).toBe('');
    expect(log).toEqual(['[certlab] connection from 127.0.0.1 refused: it already has 3 open']);
    idle[0]!.destroy();
    // The server frees the place when it sees the close; ask until it has (bounded).
    let status = '';
    for (let i = 0; i < 50 && status !== 'HTTP/1.1 200 OK'; i++) {
      status = (await exchange(port, GET).reply).split('\r\n')[0]!;
      if (status !== 'HTTP/1.1 200 OK') await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe('HTTP/1.1 200 OK');
  });

  it('at most maxConnections in all', async () => {
    const port = await start({ maxConnections: 2, maxConnectionsPerClient: 0 });
    await keptAlive(port);
    await keptAlive(port);
    expect(await exchange(port, GET).reply).toBe('');
  });
});

describe('every response', () => {
  it('carries the security headers', async () => {
    const port = await start({});
    const reply = await exchange(port, GET).reply;
    expect(reply.split('\r\n').filter((l) => /^(HTTP|X-Content-Type-Options)/i.test(l))).toEqual(['HTTP/1.1 200 OK', 'x-content-type-options: nosniff']);
  });
});

describe('throttledLog', () => {
  it('writes at most one line per interval and counts the rest', () => {
    const lines: string[] = [];
    let t = 0;
    const log = throttledLog(
      (l) => lines.push(l),
      1000,
      () => t,
    );
    for (let i = 0; i < 5; i++) log('aborted');
    t = 1500;
    log('aborted');
    expect(lines).toEqual(['aborted', 'aborted (4 similar lines suppressed)']);
  });
});
