/**
 * A tiny HTTP server in its own process (the tests block in spawnSync while clients run, so an
 * in-process server could not answer): serves one file on 127.0.0.1 at a random port, for
 * clients that fetch a missing intermediate from the leaf's AIA caIssuers URL.
 *
 *   ./node_modules/.bin/node test/clients/aia-server.ts FILE   -> prints "PORT <n>", serves until killed
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const body = readFileSync(process.argv[2]);
const server = createServer((req, res) => {
  console.error(`AIA fetch ${req.method} ${req.url}`);
  res.writeHead(200, { 'content-type': 'application/pkix-cert', 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(`PORT ${port}`);
});
