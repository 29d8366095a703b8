/**
 * CSS each built page loads: the linked stylesheets (raw and gzip bytes) plus the CSS Astro
 * inlined in <style>, for every page under dist/client that holds a widget (a <certlab-*>
 * element) and the tool pages. Run after `npm run build`:
 *   ./node_modules/.bin/node scripts/css-weight.ts [--all] [--json]
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = 'dist/client';

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return pages(p);
    return name === 'index.html' ? [p] : [];
  });
}

const gz = (b: Uint8Array | string) => gzipSync(b, { level: 9 }).length;

export interface PageCss {
  page: string;
  widgets: string[];
  files: string[];
  raw: number;
  gzip: number;
  inlineRaw: number;
  inlineGzip: number;
}

export function pageCss(file: string): PageCss {
  const html = readFileSync(file, 'utf8');
  const hrefs = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]*>/g)].map((m) => /href="([^"]+)"/.exec(m[0])?.[1]).filter((h): h is string => !!h);
  const files = [...new Set(hrefs)].filter((h) => h.startsWith('/'));
  let raw = 0;
  let gzip = 0;
  for (const h of files) {
    const bytes = readFileSync(join(ROOT, h.split('?')[0]!));
    raw += bytes.length;
    gzip += gz(bytes);
  }
  const inline = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!).join('');
  const inlineRaw = Buffer.byteLength(inline);
  const inlineGzip = inline ? gz(inline) : 0;
  const widgets = [...new Set([...html.matchAll(/<(certlab-[a-z-]+)/g)].map((m) => m[1]!))].sort();
  return { page: `/${relative(ROOT, file).replace(/index\.html$/, '')}`, widgets, files, raw, gzip, inlineRaw, inlineGzip };
}

const all = process.argv.includes('--all');
const rows = pages(ROOT)
  .map(pageCss)
  .filter((r) => all || r.widgets.length > 0 || r.page.startsWith('/tools/'))
  .sort((a, b) => a.page.localeCompare(b.page));
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else {
  console.log('| page | widgets | css files | linked raw | linked gzip | inline raw | inline gzip | total raw | total gzip |');
  console.log('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows)
    console.log(
      `| ${r.page} | ${r.widgets.join(', ')} | ${r.files.length} | ${r.raw} | ${r.gzip} | ${r.inlineRaw} | ${r.inlineGzip} | ${r.raw + r.inlineRaw} | ${r.gzip + r.inlineGzip} |`,
    );
}
