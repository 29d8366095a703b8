/**
 * Regenerates src/core/codes/openssl-numbering.ts: the verify result numbering of
 * OpenSSL 1.1.1, 3.0 and the newest 3.x, read from OpenSSL's own files.
 *
 * For every version it reads the `#define X509_V_…  N` lines of include/openssl/x509_vfy.h(.in)
 * and the `case X509_V_…: return "…";` pairs of crypto/x509/x509_txt.c
 * (X509_verify_cert_error_string). No OpenSSL code is written out: only names, numbers and texts.
 *
 *   ./node_modules/.bin/node scripts/gen-verify-codes.ts \
 *     --version 1.1.1 --header DIR/x509_vfy.h --txt DIR/x509_txt.c --source "…" \
 *     --version 3.0   --header /usr/include/openssl/x509_vfy.h --lib libcrypto.so.3 --source "…" \
 *     --version 3.x   --git GITDIR --tag openssl-3.6.0 --source "…"
 *
 * Per version, the texts come from --txt (a file), --lib (this machine's libcrypto, asked through
 * python3's ctypes for X509_verify_cert_error_string(n)), or --git/--tag (git show TAG:path in GITDIR, a clone of openssl/openssl).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

interface VersionInput {
  version: string;
  source: string;
  header?: string;
  txt?: string;
  lib?: string;
  git?: string;
  tag?: string;
}

export interface ParsedVersion {
  version: string;
  source: string;
  /** [number, name, text or null when x509_txt.c has no case for it] */
  codes: [number, string, string | null][];
}

/** `# define X509_V_ERR_FOO  12` → Map name → number (X509_V_OK and X509_V_ERR_* only). */
export function parseHeader(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const re = /^\s*#\s*define\s+(X509_V_OK|X509_V_ERR_[A-Z0-9_]+)\s+(\d+)\b/gm;
  for (const m of text.matchAll(re)) out.set(m[1]!, Number(m[2]));
  return out;
}

/** `case X509_V_ERR_FOO:\n return "text";` (also `return ("text")` and a string on the next line). */
export function parseTexts(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /case\s+(X509_V_OK|X509_V_ERR_[A-Z0-9_]+)\s*:\s*return\s*\(?\s*"((?:[^"\\]|\\.)*)"/g;
  for (const m of text.matchAll(re)) out.set(m[1]!, m[2]!.replace(/\\(.)/g, '$1'));
  return out;
}

function textsFromLib(lib: string, max: number): Map<number, string> {
  const py = [
    'import ctypes, json, sys',
    `lib = ctypes.CDLL(${JSON.stringify(lib)})`,
    'f = lib.X509_verify_cert_error_string',
    'f.restype = ctypes.c_char_p',
    'f.argtypes = [ctypes.c_long]',
    `print(json.dumps({i: f(i).decode() for i in range(0, ${max + 1})}))`,
  ].join('\n');
  const json = JSON.parse(execFileSync('python3', ['-c', py], { encoding: 'utf8' })) as Record<string, string>;
  return new Map(Object.entries(json).map(([k, v]) => [Number(k), v]));
}

function gitShow(gitDir: string, rev: string): string {
  return execFileSync('git', ['-C', gitDir, 'show', rev], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

export function buildVersion(v: VersionInput): ParsedVersion {
  let headerText: string;
  let txtText: string | undefined;
  if (v.git && v.tag) {
    try {
      headerText = gitShow(v.git, `${v.tag}:include/openssl/x509_vfy.h.in`);
    } catch {
      headerText = gitShow(v.git, `${v.tag}:include/openssl/x509_vfy.h`);
    }
    txtText = gitShow(v.git, `${v.tag}:crypto/x509/x509_txt.c`);
  } else if (v.header) {
    headerText = readFileSync(v.header, 'utf8');
    if (v.txt) txtText = readFileSync(v.txt, 'utf8');
  } else {
    throw new Error(`version ${v.version}: give --header (with --txt or --lib) or --git with --tag`);
  }
  const numbers = parseHeader(headerText);
  if (numbers.size === 0) throw new Error(`version ${v.version}: no X509_V_ defines found in the header`);
  const max = Math.max(...numbers.values());
  const byName = txtText ? parseTexts(txtText) : undefined;
  const byNumber = v.lib ? textsFromLib(v.lib, max) : undefined;
  const unknown = byNumber?.get(max + 1);
  const codes: ParsedVersion['codes'] = [...numbers.entries()]
    .sort((a, b) => a[1] - b[1])
    .map(([name, n]) => {
      let text: string | null = null;
      if (byName) text = byName.get(name) ?? null;
      else if (byNumber) {
        const t = byNumber.get(n);
        text = t && t !== unknown ? t : null;
      }
      return [n, name, text];
    });
  return { version: v.version, source: v.source, codes };
}

function parseArgs(argv: string[]): { inputs: VersionInput[]; out: string } {
  const inputs: VersionInput[] = [];
  let out = 'src/core/codes/openssl-numbering.ts';
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    if (flag === '--out') out = value;
    else if (flag === '--version') inputs.push({ version: value, source: '' });
    else {
      const cur = inputs.at(-1);
      if (!cur) throw new Error(`${flag} before any --version`);
      const key = flag.replace(/^--/, '') as keyof VersionInput;
      if (!['source', 'header', 'txt', 'lib', 'git', 'tag'].includes(key)) throw new Error(`unknown option ${flag}`);
      cur[key] = value;
    }
  }
  return { inputs, out };
}

function render(versions: ParsedVersion[]): string {
  const lines = [
    "// GENERATED by scripts/gen-verify-codes.ts from OpenSSL's own x509_vfy.h and x509_txt.c.",
    '// Do not edit by hand: rerun the script (see its header for the sources).',
    '// Each row: [number, name, OpenSSL text or null when that version has no text for it].',
    '',
    'export type NumberingRow = readonly [number, string, string | null];',
    'export interface Numbering { version: string; source: string; codes: readonly NumberingRow[] }',
    '',
    'export const OPENSSL_NUMBERINGS: readonly Numbering[] = [',
  ];
  for (const v of versions) {
    lines.push('  {', `    version: ${JSON.stringify(v.version)},`, `    source: ${JSON.stringify(v.source)},`, '    codes: [');
    for (const [n, name, text] of v.codes) lines.push(`      [${n}, ${JSON.stringify(name)}, ${JSON.stringify(text)}],`);
    lines.push('    ],', '  },');
  }
  lines.push('];', '');
  return lines.join('\n');
}

if (import.meta.main) {
  const { inputs, out } = parseArgs(process.argv.slice(2));
  if (inputs.length === 0) {
    console.error('usage: gen-verify-codes.ts --version V (--header H (--txt T | --lib L) | --git DIR --tag TAG) --source S ...');
    process.exit(2);
  }
  const versions = inputs.map(buildVersion);
  writeFileSync(out, render(versions));
  for (const v of versions) console.log(`${v.version}: ${v.codes.length} codes, ${v.codes.filter((c) => c.at(2) === null).length} without text`);
}
