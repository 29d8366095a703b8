/**
 * What the probe's ClientHello asks for, read from the bytes a raw TCP listener on 127.0.0.1
 * receives: status_request (5) so servers staple OCSP. signed_certificate_timestamp (18) is not
 * sent: node:tls has no option for it (OpenSSL sends it only with CT validation enabled), so
 * SCTs by TLS extension are read only when a server sends them unasked; embedded and stapled
 * SCTs do not depend on it. This test pins that down so a change in Node is noticed.
 */
import { createServer } from 'node:net';
import { once } from 'node:events';
import { expect, it } from 'vitest';
import { probe } from './engine.ts';

function extensionTypes(hello: Buffer): number[] {
  // record header (5), handshake header (4), version (2), random (32)
  let p = 5 + 4 + 2 + 32;
  p += 1 + hello[p]!; // session id
  p += 2 + hello.readUInt16BE(p); // cipher suites
  p += 1 + hello[p]!; // compression methods
  const end = p + 2 + hello.readUInt16BE(p);
  p += 2;
  const types: number[] = [];
  while (p < end) {
    types.push(hello.readUInt16BE(p));
    p += 4 + hello.readUInt16BE(p + 2);
  }
  return types;
}

it('the ClientHello carries status_request and server_name, and no signed_certificate_timestamp', async () => {
  let received = Buffer.alloc(0);
  const server = createServer((socket) => {
    socket.on('data', (c: Buffer) => {
      received = Buffer.concat([received, c]);
      if (received.length >= 5 && received.length >= 5 + received.readUInt16BE(3)) socket.destroy();
    });
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    await probe({ host: '127.0.0.1', port: (server.address() as { port: number }).port, servername: 'probe.test' }, { policy: null });
    const types = extensionTypes(received);
    expect([received[0], received[5], types.includes(0), types.includes(5), types.includes(18)]).toEqual([22, 1, true, true, false]);
  } finally {
    server.close();
  }
});
