/**
 * `npm run serve`: the built site (static pages and the probe route, through @astrojs/node's
 * handler) behind the guarded HTTP server (http-guard.ts: timeouts, connection caps, security
 * headers). @astrojs/node's own standalone server has Node's defaults (a request may hold its
 * connection for 300 s) and no way to set them, so it is not started (ASTRO_NODE_AUTOSTART).
 *
 *   node --experimental-strip-types src/server/serve.ts [dist/server/entry.mjs] [--print-headers]
 *
 * HOST and PORT choose where to listen (default 127.0.0.1:4321); CERTLAB_SERVER_* the limits, and
 * CERTLAB_SERVER_COMPRESSION=off leaves out the compressing static-file layer (static-files.ts).
 */
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RequestListener } from 'node:http';
import { ServerConfigError, createGuardedServer, serverLimitsFromEnv } from './http-guard.ts';
import { securityHeaders, siteScriptHashes } from './security-headers.ts';
import { compressionFromEnv, createStaticFiles } from './static-files.ts';

const args = process.argv.slice(2);
const entry = resolve(args.find((a) => !a.startsWith('--')) ?? 'dist/server/entry.mjs');
const client = join(dirname(entry), '../client');
const headers = securityHeaders(siteScriptHashes(client));

if (args.includes('--print-headers')) {
  for (const [k, v] of Object.entries(headers)) console.log(`${k}: ${v}`);
} else {
  let limits, compression;
  try {
    limits = serverLimitsFromEnv(process.env);
    compression = compressionFromEnv(process.env);
  } catch (e) {
    if (!(e instanceof ServerConfigError)) throw e;
    console.error(`certlab: ${e.message}`);
    process.exit(2);
  }
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const { handler } = (await import(pathToFileURL(entry).href)) as { handler: RequestListener };
  const host = process.env.HOST ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 4321);
  // Static text files compressed first; everything else (and every file when off) as Astro serves it.
  const files = compression ? createStaticFiles({ root: client }) : undefined;
  const listener: RequestListener = files ? (req, res) => files(req, res, () => handler(req, res)) : handler;
  const server = createGuardedServer(listener, { limits, headers: () => headers });
  server.listen(port, host, () => console.log(`certlab: serving ${entry} on http://${host.includes(':') ? `[${host}]` : host}:${port}`));
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
