/**
 * The headers every page and the API carry (issue 18), and the Content-Security-Policy for a
 * built site: scripts only from this origin plus the inline scripts the build emitted (Starlight's
 * theme script, Astro's island loader), allowed one by one by their SHA-256 hash, and no eval. Styles may be
 * inline (Monaco and Starlight set style attributes). Nothing may frame the site.
 *
 * A static host serving dist/client/ must send the same headers:
 * `npm run -s headers` prints them for the current build.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/** `'sha256-…'` for each distinct inline script (no src attribute) in the HTML. */
export function inlineScriptHashes(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(m[1]!) || m[2] === '') continue;
    out.add(`'sha256-${createHash('sha256').update(m[2]!, 'utf8').digest('base64')}'`);
  }
  return [...out];
}

/** The hashes of every inline script in every HTML file under `dir`, sorted. */
export function siteScriptHashes(dir: string): string[] {
  const out = new Set<string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) for (const h of inlineScriptHashes(readFileSync(p, 'utf8'))) out.add(h);
    }
  };
  walk(dir);
  return [...out].sort();
}

export function contentSecurityPolicy(scriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    // Pagefind (Starlight's search) compiles WebAssembly: that needs 'wasm-unsafe-eval', not 'unsafe-eval'.
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(scriptHashes: readonly string[]): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(scriptHashes),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // Probe permalinks carry the host probed: send only the origin to other sites.
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
  };
}
