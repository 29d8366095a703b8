// `npm run bench`: runs every bench/*.bench.ts in turn on the pinned Node (24) and prints
// what each measured. Each script compares against a reference measured in the same run.
// `npm run bench -- site` runs only the scripts whose name contains "site".
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const dir = import.meta.dirname;
const filter = process.argv.slice(2);
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((w) => f.includes(w)))
  .sort();
let failed = 0;
for (const file of scripts) {
  console.log(`\n== ${file.replace('.bench.ts', '')} ==`);
  const res = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (res.status !== 0) {
    failed++;
    console.log(`(${file} exited with ${res.status})`);
  }
}
process.exit(failed ? 1 : 0);
