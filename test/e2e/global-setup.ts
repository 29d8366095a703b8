/**
 * Builds the site (unless dist/ is newer than every source file), starts the real server
 * (`src/server/serve.ts` around `dist/server/entry.mjs`, as `npm run serve` does) on a free loopback port, and hands its URL to the tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './chromium.ts';
import { freePort } from '../free-port.ts';

const root = resolve(import.meta.dirname, '../..');
const SOURCES = ['src', 'content', 'public', 'astro.config.mjs', 'package.json'];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name.endsWith('.test.ts')) continue; // tests do not change the built site
    max = Math.max(max, newestMtime(join(path, name)));
  }
  return max;
}

function buildIsFresh(): boolean {
  const entry = join(root, 'dist/server/entry.mjs');
  if (!existsSync(entry)) return false;
  const built = statSync(entry).mtimeMs;
  return SOURCES.every((s) => !existsSync(join(root, s)) || newestMtime(join(root, s)) < built);
}

async function waitForHttp(url: string, server: ChildProcess, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the site server exited with code ${server.exitCode} before answering`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the site server did not answer ${url} within ${ms} ms`);
}

/**
 * Several test runs may share one checkout (and one dist/): only one builds at a time.
 * The lock is a directory holding the builder's pid; a lock whose process is gone is taken over.
 */
async function withBuildLock<T>(fn: () => T): Promise<T> {
  const lock = join(root, '.build.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      let holder = NaN;
      try {
        holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
      } catch {
        /* being written */
      }
      let alive = false;
      try {
        if (holder > 0) alive = process.kill(holder, 0);
      } catch {
        alive = false;
      }
      if (!alive && holder > 0) rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

let server: ChildProcess | undefined;

function build(): void {
  const astro = join(root, 'node_modules/astro/bin/astro.mjs');
  const res = spawnSync(process.execPath, [astro, 'build'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    // vitest sets NODE_ENV=test, which would make Astro build a development bundle (no search).
    env: { ...process.env, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (res.status !== 0) {
    throw new Error(`astro build failed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`);
  }
}

export default async function setup(project: TestProject) {
  chromiumPath(); // fail early, with the install hint, when Chromium is missing

  // This run serves its own copy of the build, so a rebuild by another run cannot pull
  // files from under it. The copy stays inside the checkout, where node_modules resolves.
  const copy = join(root, `test/.out/e2e-site-${process.pid}`);
  await withBuildLock(() => {
    if (!buildIsFresh()) build();
    rmSync(copy, { recursive: true, force: true });
    cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true });
  });

  const port = await freePort();
  // The way `npm run serve` runs it: the guarded server (src/server/serve.ts) around the build.
  server = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', join(root, 'src/server/serve.ts'), join(copy, 'dist/server/entry.mjs')], {
    cwd: root,
    // Every test's browser contexts connect from 127.0.0.1, like many users behind one address: the
    // per-client connection cap (tested on its own in src/server) would refuse them, so it is off here.
    // The same holds for the probe's per-client rate (10 a minute by default, tested in
    // src/server/probe-handler.test.ts): the e2e files probe more often than that from one address, and
    // a refusal there showed up as a report that never came ("RateLimited" instead of the card).
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      CERTLAB_PROBE_ALLOW_PRIVATE: '1',
      CERTLAB_SERVER_MAX_CONNECTIONS_PER_CLIENT: '0',
      CERTLAB_PROBE_RATE_LIMIT: '100000',
      CERTLAB_PROBE_MAX_PER_CLIENT: '8',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout?.on('data', (d) => (log += d));
  server.stderr?.on('data', (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/`, server, 20_000);
  } catch (e) {
    server.kill();
    throw new Error(`${(e as Error).message}\nserver output:\n${log}`);
  }
  project.provide('baseUrl', baseUrl);

  return async () => {
    server?.kill();
    rmSync(copy, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
