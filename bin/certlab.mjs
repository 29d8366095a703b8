#!/usr/bin/env node
// `certlab` for global installs. It runs the bundled CLI in dist-cli/ (built by
// `npm run build:cli`; plain JavaScript, any Node >= 20). In a checkout without the
// bundle it runs the TypeScript source with Node's type stripping (Node >= 22.6).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist-cli/certlab.mjs', import.meta.url);
if (existsSync(fileURLToPath(bundle))) {
  await import(bundle.href);
} else {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 6)) {
    process.stderr.write(
      `certlab: this copy has no built CLI (dist-cli/certlab.mjs) and Node ${process.versions.node} cannot run TypeScript.\n` +
        'Expected: Node >= 22.6, or a package built with `npm run build:cli`. Run `npm run build:cli` in the package folder.\n',
    );
    process.exitCode = 2;
  } else {
    const source = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', source, ...process.argv.slice(2)], { stdio: 'inherit' });
    // exitCode, not exit(): let anything still being written drain (issue 14).
    process.exitCode = r.status ?? 1;
  }
}
