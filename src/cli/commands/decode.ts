/**
 * `certlab decode [--json] [TEXT...]`: explain a verify code, a code name or a client's
 * error text (a one-liner, a stack trace, a log, an s_client transcript). Reads standard
 * input when no TEXT is given. Exit 0 when the error was placed, 1 when it was not, 2 on usage errors.
 */
import type { CliIo } from '../main.ts';
import { decode, type DecodeResult } from '../../core/decoder/decode.ts';
import { MAX_INPUT } from '../../core/decoder/extract.ts';

export const summary = 'explain a verify code or a client error message';

const USAGE = [
  'usage: certlab decode [--json] [TEXT...]',
  '',
  'Explains an OpenSSL verify code ("21", "X509_V_ERR_CERT_HAS_EXPIRED"), a client error',
  '(curl, Python, Node, Java, Go, .NET, Chrome, Firefox) or a whole log / s_client transcript.',
  'With no TEXT, reads standard input.',
  '',
  '  --json   print { cause, liability, code, name, client, explanation, actions, lesson, next, ... }',
].join('\n');

export function toJson(r: DecodeResult) {
  return {
    cause: r.cause,
    liability: r.liability,
    code: r.code,
    name: r.name,
    client: r.client,
    explanation: r.explanation,
    actions: r.actions,
    lesson: r.lesson,
    next: r.next,
    text: r.text,
    numbering: r.numbering,
    confidence: r.confidence,
    candidates: r.candidates,
    note: r.note,
    host: r.host,
    findings: r.findings,
  };
}

export function toHuman(r: DecodeResult): string {
  const lines: string[] = [];
  const head = r.code !== null ? `${r.name} (${r.code}${r.text ? `: ${r.text}` : ''})` : 'no verify code';
  lines.push(`cause:      ${r.cause}${!r.placed ? ' (not placed)' : ` (confidence: ${r.confidence})`}${r.case ? ` [${r.case}]` : ''}`);
  lines.push(`code:       ${head}${r.numbering && r.code !== null ? ` [OpenSSL ${r.numbering} numbering]` : ''}`);
  if (r.client) lines.push(`client:     ${r.client}`);
  lines.push(`liability:  ${r.liability}`);
  lines.push('', r.explanation);
  if (r.note) lines.push('', `note: ${r.note}`);
  if (r.evidence) lines.push('', `evidence (${r.evidence.kind}): ${r.evidence.finding}`);
  if (r.candidates.length > 1 || !r.placed) {
    lines.push('', !r.placed ? 'closest candidates:' : 'candidates, most likely first:');
    for (const c of r.candidates) lines.push(`  - ${c.cause}${c.case ? ` [${c.case}]` : ''}${c.name ? ` (${c.name})` : ''}, liability ${c.liability}: ${c.why}`, `      tell: ${c.tell}`);
  }
  if (r.evidence_needed) lines.push('', `paste next: ${r.evidence_needed.what}`, `  ${r.evidence_needed.command}`);
  lines.push('', `server side: ${r.actions.server}`, `client side: ${r.actions.client}`);
  lines.push('', `confirm with: ${r.next}`, `read:         ${r.lesson}`);
  return lines.join('\n');
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  let json = false;
  const words: string[] = [];
  for (const a of argv) {
    if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') {
      io.out(USAGE);
      return 0;
    } else if (a.startsWith('--') && words.length === 0) {
      io.err(`certlab decode: unknown option "${a}". Expected --json or --help.\n\n${USAGE}`);
      return 2;
    } else words.push(a);
  }
  let text = words.join(' ');
  if (words.length === 0 || (words.length === 1 && words[0] === '-')) {
    const bytes = await io.readStdin();
    text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, MAX_INPUT * 4));
  }
  if (text.trim() === '') {
    io.err(`certlab decode: nothing to decode. Received an empty text; expected a code, a code name or an error message.\n\n${USAGE}`);
    return 2;
  }
  const r = decode(text);
  io.out(json ? JSON.stringify(toJson(r), null, 2) : toHuman(r));
  return r.placed ? 0 : 1;
}
