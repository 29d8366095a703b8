/**
 * A TCP port on 127.0.0.1 that nothing listens on right now (the kernel picks it; the listener is
 * closed before it is returned), for servers and programs that need a port number before they
 * start. Tests, benches and scripts share this one copy.
 */
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}
