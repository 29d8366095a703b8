/**
 * The HTTP CONNECT tunnel (--proxy) at the engine level, with real proxies on 127.0.0.1: the
 * proxy URL rules, Proxy-Authorization, and a proxy that never answers ending within the
 * connect timeout as a named proxy failure.
 */
import { createServer } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { probe } from './engine.ts';
import { httpConnectTunnel, parseProxyUrl } from './tunnel.ts';

describe('parseProxyUrl', () => {
  it('takes http://HOST:PORT, credentials, and IPv6 literals', () => {
    expect(parseProxyUrl('http://127.0.0.1:3128')).toEqual({ ok: true, host: '127.0.0.1', port: 3128, text: '127.0.0.1:3128' });
    expect(parseProxyUrl('http://user:p%40ss@[::1]:8080')).toEqual({
      ok: true,
      host: '::1',
      port: 8080,
      text: '[::1]:8080',
      authorization: `Basic ${Buffer.from('user:p@ss').toString('base64')}`,
    });
    expect(parseProxyUrl('https://proxy.example:443')).toEqual({
      ok: false,
      error: '--proxy "https://proxy.example:443": only http:// proxies (HTTP CONNECT) are supported, received https://.',
    });
    expect(parseProxyUrl('proxy:3128')).toEqual({
      ok: false,
      error: '--proxy "proxy:3128": only http:// proxies (HTTP CONNECT) are supported, received proxy://.',
    });
  });
});

async function rawProxy(onRequest: (head: string, reply: (text: string) => void) => void) {
  const heads: string[] = [];
  const server = createServer((socket) => {
    let data = '';
    socket.on('data', (c) => {
      data += c.toString('latin1');
      if (!data.includes('\r\n\r\n')) return;
      heads.push(data);
      onRequest(data, (text) => socket.write(text));
    });
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    heads,
    close: () => {
      server.close();
    },
  };
}

describe('httpConnectTunnel in the probe', () => {
  it('sends CONNECT with Proxy-Authorization, and names a refusal as the proxy’s', async () => {
    const proxy = await rawProxy((_h, reply) => reply('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n'));
    try {
      const url = parseProxyUrl(`http://alice:secret@127.0.0.1:${proxy.port}`);
      if (!url.ok) throw new Error(url.error);
      const outcome = await probe({ host: 'example.test', port: 8443 }, { policy: null, tunnel: httpConnectTunnel(url) });
      expect(outcome).toEqual({
        ok: false,
        error: {
          kind: 'ProxyFailed',
          proxy: `127.0.0.1:${proxy.port}`,
          reason: 'it answered "HTTP/1.1 407 Proxy Authentication Required" to CONNECT example.test:8443',
          status: 407,
        },
      });
      expect(proxy.heads).toEqual([
        `CONNECT example.test:8443 HTTP/1.1\r\nHost: example.test:8443\r\nProxy-Authorization: Basic ${Buffer.from('alice:secret').toString('base64')}\r\n\r\n`,
      ]);
    } finally {
      proxy.close();
    }
  });

  it('a proxy that never answers ends at the connect timeout, named', async () => {
    const proxy = await rawProxy(() => {});
    try {
      const url = parseProxyUrl(`http://127.0.0.1:${proxy.port}`);
      if (!url.ok) throw new Error(url.error);
      const outcome = await probe({ host: 'example.test' }, { policy: null, tunnel: httpConnectTunnel(url), limits: { connectTimeoutMs: 300 } });
      expect(outcome).toEqual({ ok: false, error: { kind: 'ProxyFailed', proxy: `127.0.0.1:${proxy.port}`, reason: 'no answer within 300 ms' } });
    } finally {
      proxy.close();
    }
  });

  it('an answer that is not HTTP is named', async () => {
    const proxy = await rawProxy((_h, reply) => reply('SSH-2.0-OpenSSH_9.2\r\n\r\n'));
    try {
      const url = parseProxyUrl(`http://127.0.0.1:${proxy.port}`);
      if (!url.ok) throw new Error(url.error);
      const outcome = await probe({ host: 'example.test' }, { policy: null, tunnel: httpConnectTunnel(url) });
      expect(outcome).toEqual({
        ok: false,
        error: { kind: 'ProxyFailed', proxy: `127.0.0.1:${proxy.port}`, reason: 'it did not answer in HTTP (first line: "SSH-2.0-OpenSSH_9.2")' },
      });
    } finally {
      proxy.close();
    }
  });
});
