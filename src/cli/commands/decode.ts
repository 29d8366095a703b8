/**
 * `certlab decode [--json] [--evidence FILE]... [TEXT... | -]`: explain a verify code, a code name or a client's
 * error text (a one-liner, a stack trace, a log, an s_client transcript). Reads standard
 * input when no TEXT is given (or TEXT is -). Evidence files (s_client, curl -v, probe JSON) decide
 * between candidates. Exit 0 when the error was placed, 1 when it was not, 2 on bad input.
 */
import type { CliIo } from '../io.ts';
import { decode, type DecodeResult } from '../../core/decoder/decode.ts';
import { MAX_INPUT } from '../../core/decoder/extract.ts';
import { whoActs } from '../../core/causes/who-acts.ts';
import { CAUSES } from '../../core/causes/causes.ts';
import { printedBy } from '../../core/decoder/printed-by.ts';
import { CASE_WORDS } from '../../core/decoder/cases.ts';
import { readEvidence, type Evidence } from '../../core/decoder/evidence.ts';
import { readFile } from 'node:fs/promises';

export const summary = 'explain a verify code or a client error message';

const USAGE = [
  'usage: certlab decode [--json] [--evidence FILE]... [TEXT... | -]',
  '',
  'Explains an OpenSSL verify code ("21", "X509_V_ERR_CERT_HAS_EXPIRED"), a client error',
  '(curl, Python, Node, Java, Go, .NET, Chrome, Firefox) or a whole log / s_client transcript.',
  'With no TEXT, reads standard input.',
  '',
  '  --json            print { cause, case, liability, confidence, candidates, evidence_needed, code, ... }',
  '  --evidence FILE   what this machine sees of the server, to decide between candidates:',
  '                    openssl s_client -connect HOST:443 -servername HOST -showcerts </dev/null > FILE',
  '                    curl -v https://HOST/ 2> FILE, or certlab probe --json HOST > FILE',
  '',
  'Exit status: 0 placed, 1 not placed, 2 bad input.',
].join('\n');

export function toJson(r: DecodeResult) {
  return {
    cause: r.cause,
    case: r.case,
    placed: r.placed,
    liability: r.liability,
    code: r.code,
    name: r.name,
    client: r.client,
    headline: r.headline,
    explanation: r.explanation,
    actions: r.actions,
    lesson: r.lesson,
    next: r.next,
    text: r.text,
    numbering: r.numbering,
    confidence: r.confidence,
    candidates: r.candidates,
    evidence_needed: r.evidence_needed,
    evidence: r.evidence,
    note: r.note,
    host: r.host,
    findings: r.findings,
  };
}

export function toHuman(r: DecodeResult): string {
  const lines: string[] = [];
  const head = r.code !== null ? `${r.name} (${r.code}${r.text ? `: ${r.text}` : ''})` : 'no verify code';
  const caseWords = r.case && CASE_WORDS[r.case] ? `: ${CASE_WORDS[r.case]}` : '';
  // The headline names both causes when the text cannot tell them apart (code 21 without evidence).
  const reading = r.headline === CAUSES[r.cause].title ? `${r.headline}${caseWords}` : r.headline;
  lines.push(`cause:      ${!r.placed ? 'could not place this error' : `${reading} (confidence: ${r.confidence})`}`);
  lines.push(`code:       ${head}${r.numbering && r.code !== null ? ` [OpenSSL ${r.numbering} numbering]` : ''}`);
  if (r.client) lines.push(`printed by: ${printedBy(r.client)}`);
  lines.push(`who acts:   ${whoActs(r.liability)}`);
  lines.push('', r.explanation);
  if (r.note) lines.push('', `note: ${r.note}`);
  if (r.evidence) lines.push('', `evidence (${r.evidence.kind}): ${r.evidence.finding}`);
  if (r.candidates.length > 1 || !r.placed) {
    lines.push('', !r.placed ? 'closest candidates:' : 'candidates, most likely first:');
    for (const c of r.candidates)
      lines.push(
        `  - ${CAUSES[c.cause].title}${c.case && CASE_WORDS[c.case] ? `: ${CASE_WORDS[c.case]}` : ''}${c.name ? ` (${c.name})` : ''}`,
        `      why: ${c.why}`,
        `      who acts: ${whoActs(c.liability)}`,
        `      tell: ${c.tell}`,
      );
  }
  if (r.evidence_needed) lines.push('', `paste next: ${r.evidence_needed.what}`, `  ${r.evidence_needed.command}`);
  lines.push('', `server side: ${r.actions.server}`, `client side: ${r.actions.client}`);
  lines.push('', `confirm with: ${r.next}`, `read:         ${r.lesson}`);
  return lines.join('\n');
}

/** Longest input read from standard input or an evidence file (a paste beyond it is cut, and said so). */
export const MAX_READ_BYTES = 10 * 1024 * 1024;

/** Text that is mostly control bytes is a binary file, not a log. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  if (sample.length === 0) return false;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  return control / sample.length > 0.1;
}

const decodeBytes = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, MAX_READ_BYTES));

export async function run(argv: string[], io: CliIo): Promise<number> {
  let json = false;
  const words: string[] = [];
  const evidenceFiles: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') {
      io.out(USAGE);
      return 0;
    } else if (a === '--evidence' || a.startsWith('--evidence=')) {
      const file = a === '--evidence' ? argv[++i] : a.slice('--evidence='.length);
      if (!file) {
        io.err(`certlab decode: --evidence needs a file name (or - for standard input).\n\n${USAGE}`);
        return 2;
      }
      evidenceFiles.push(file);
    } else if (a.startsWith('--') && words.length === 0) {
      io.err(`certlab decode: unknown option "${a}". Expected --json, --evidence FILE or --help.\n\n${USAGE}`);
      return 2;
    } else words.push(a);
  }
  const stdinText = words.length === 0 || (words.length === 1 && words[0] === '-');
  if (stdinText && evidenceFiles.includes('-')) {
    io.err('certlab decode: standard input can hold the error text or one evidence file, not both. Give the error text as an argument.');
    return 2;
  }
  let text = words.join(' ');
  let stdinBytes = 0;
  if (stdinText) {
    const bytes = await io.readStdin();
    stdinBytes = bytes.length;
    text = decodeBytes(bytes);
  }
  if (text.trim() === '') {
    io.err(`certlab decode: nothing to decode. Received an empty text; expected a code, a code name or an error message.\n\n${USAGE}`);
    return 2;
  }
  if (looksBinary(text)) {
    io.err(
      `certlab decode: the input looks binary (${stdinBytes || text.length} bytes, mostly control characters), not an error text. Paste the text the program printed; to read a certificate file use certlab inspect.`,
    );
    return 2;
  }
  const evidence: Evidence[] = [];
  for (const file of evidenceFiles) {
    let raw: string;
    try {
      raw = file === '-' ? decodeBytes(await io.readStdin()) : decodeBytes(new Uint8Array(await readFile(file)));
    } catch (e) {
      io.err(`certlab decode: cannot read evidence file "${file}": ${(e as Error).message}`);
      return 2;
    }
    if (looksBinary(raw)) {
      io.err(`certlab decode: evidence file "${file}" looks binary, not a transcript. Expected s_client output, curl -v output or a probe JSON.`);
      return 2;
    }
    const read = readEvidence(raw);
    if (!read.ok) {
      io.err(`certlab decode: evidence file "${file}": ${read.error}`);
      return 2;
    }
    evidence.push(read.evidence);
  }
  const r = decode(text, { evidence });
  if (r.truncated) io.err(`certlab decode: the text is ${text.length} characters; only the first ${MAX_INPUT} were read.`);
  io.out(json ? JSON.stringify(toJson(r), null, 2) : toHuman(r));
  return r.placed ? 0 : 1;
}
