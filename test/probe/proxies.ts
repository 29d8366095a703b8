/**
 * HTTP proxies on 127.0.0.1 for the probe's --proxy tests:
 * - Debian's tinyproxy (a real corporate-style proxy: CONNECT, and absolute-URL GET/POST),
 *   skipped with its reason when not installed (.ci/run installs it);
 * - a small node:http CONNECT proxy that records each CONNECT target and sends every name to
 *   127.0.0.1, so a test can show the probe hands the proxy the name and resolves nothing itself.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { connect } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../free-port.ts';

export interface RunningProxy {
  port: number;
  /** What the proxy was asked for (CONNECT targets; tinyproxy: its log's request lines). */
  requests: () => string[];
  close: () => Promise<void>;
}

export function tinyproxyPath(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v tinyproxy'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`tinyproxy exited (${child.exitCode})`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port }, () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`tinyproxy did not listen on 127.0.0.1:${port}`);
}

export async function startTinyproxy(): Promise<RunningProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'certlab-tinyproxy-'));
  const port = await freePort();
  const log = join(dir, 'tinyproxy.log');
  // No ConnectPort line: CONNECT to any port is allowed (the test servers use random ports).
  writeFileSync(
    join(dir, 'tinyproxy.conf'),
    [
      `Port ${port}`,
      'Listen 127.0.0.1',
      'Allow 127.0.0.1',
      'Timeout 30',
      'MaxClients 20',
      `LogFile "${log}"`,
      'LogLevel Connect',
      `PidFile "${join(dir, 'pid')}"`,
    ].join('\n') + '\n',
  );
  const child = spawn(tinyproxyPath()!, ['-d', '-c', join(dir, 'tinyproxy.conf')], { stdio: 'ignore' });
  await waitForPort(port, child);
  return {
    port,
    requests: () => {
      try {
        return readFileSync(log, 'utf8')
          .split('\n')
          .flatMap((l) => {
            const m = /Request \(file descriptor \d+\): (.*)$/.exec(l);
            return m ? [m[1]!] : [];
          });
      } catch {
        return [];
      }
    },
    close: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A CONNECT-only proxy: every `CONNECT name:port` goes to 127.0.0.1:port. `refuse` answers 403 instead. */
export async function startConnectProxy(options: { refuse?: boolean } = {}): Promise<RunningProxy> {
  const seen: string[] = [];
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client, head) => {
    seen.push(`CONNECT ${req.url}`);
    if (options.refuse) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const port = Number(/:(\d+)$/.exec(req.url ?? '')?.[1]);
    const upstream = connect({ host: '127.0.0.1', port }, () => {
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    requests: () => [...seen],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
