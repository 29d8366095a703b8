/**
 * `certlab probe --proxy http://HOST:PORT`: the TCP connection goes through an HTTP CONNECT
 * proxy (RFC 9110 9.3.6), as corporate networks require. The proxy resolves the name, so the
 * probe sends `CONNECT host:port` and then runs its TLS handshake inside the tunnel.
 * CLI only: the public route never takes a proxy (it would reach whatever the proxy reaches).
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import type { Tunnel } from './engine.ts';
import type { ProbeError } from './errors.ts';

/** Largest proxy answer head read before giving up (a CONNECT answer is a few lines). */
const MAX_HEAD = 16 * 1024;

export type ProxyUrl = { ok: true; host: string; port: number; text: string; authorization?: string } | { ok: false; error: string };

export function parseProxyUrl(raw: string): ProxyUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: `--proxy "${raw}" is not a URL; expected http://HOST:PORT.` };
  }
  if (url.protocol !== 'http:') return { ok: false, error: `--proxy "${raw}": only http:// proxies (HTTP CONNECT) are supported, received ${url.protocol}//.` };
  if (url.pathname !== '/' || url.search) return { ok: false, error: `--proxy "${raw}": give only http://HOST:PORT, without a path.` };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || 80);
  const out: ProxyUrl = { ok: true, host, port, text: `${url.hostname}:${port}` };
  if (url.username) out.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
  return out;
}

const hostPort = (host: string, port: number) => `${host.includes(':') ? `[${host}]` : host}:${port}`;

export function httpConnectTunnel(proxy: Extract<ProxyUrl, { ok: true }>): Tunnel {
  return (host, port, timeoutMs) =>
    new Promise((resolve) => {
      const fail = (reason: string, status?: number): ProbeError => ({
        kind: 'ProxyFailed',
        proxy: proxy.text,
        reason,
        ...(status !== undefined ? { status } : {}),
      });
      const socket: Socket = tcpConnect({ host: proxy.host, port: proxy.port, noDelay: true });
      let head = Buffer.alloc(0);
      let done = false;
      const finish = (r: { socket: Socket; via: string } | ProbeError) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        socket.removeListener('data', onData);
        if ('kind' in r) socket.destroy();
        resolve(r);
      };
      const timer = setTimeout(() => finish(fail(`no answer within ${timeoutMs} ms`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) {
          if (head.length > MAX_HEAD) finish(fail(`its answer head is longer than ${MAX_HEAD} bytes`));
          return;
        }
        const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
        const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
        if (!m) return finish(fail(`it did not answer in HTTP (first line: ${JSON.stringify(statusLine.slice(0, 80))})`));
        const status = Number(m[1]);
        if (status < 200 || status > 299) return finish(fail(`it answered "${statusLine.slice(0, 120)}" to CONNECT ${hostPort(host, port)}`, status));
        // Bytes after the head already belong to the tunnel (the server speaks first in no TLS version, but be exact).
        const rest = head.subarray(end + 4);
        if (rest.length) socket.unshift(rest);
        socket.pause();
        finish({ socket, via: `proxy ${proxy.text}` });
      };
      socket.on('data', onData);
      socket.once('error', (e: NodeJS.ErrnoException) => finish(fail(`connecting to it failed (${e.code ?? e.message})`)));
      socket.once('close', () => finish(fail('it closed the connection before answering')));
      socket.once('connect', () => {
        const target = hostPort(host, port);
        const auth = proxy.authorization ? `Proxy-Authorization: ${proxy.authorization}\r\n` : '';
        socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth}\r\n`);
      });
    });
}
