/**
 * PEM: find every `-----BEGIN X-----` … `-----END X-----` block in a text, with its
 * label, RFC 1421 headers (Proc-Type/DEK-Info of legacy encrypted keys) and line numbers,
 * and write PEM back (64-column lines). Text outside blocks is left for the caller.
 */
import { decodeBase64, encodeBase64 } from '../der/base64.ts';

export interface PemBlock {
  label: string;
  bytes: Uint8Array;
  headers: Record<string, string>;
  /** 1-based line numbers of the BEGIN and END lines. */
  beginLine: number;
  endLine: number;
  /** Character offsets of the block in the text (start of BEGIN line, end of END line). */
  start: number;
  end: number;
}

export type PemProblem =
  | { kind: 'PemNotBase64'; label: string; line: number; column: number; char: string }
  | { kind: 'PemBadLength'; label: string; line: number }
  | { kind: 'PemUnterminated'; label: string; beginLine: number }
  | { kind: 'PemLabelMismatch'; label: string; endLabel: string; line: number };

export interface PemScan {
  blocks: PemBlock[];
  /** At most MAX_PEM_PROBLEMS; the rest are only counted in `omittedProblems`. */
  problems: PemProblem[];
  omittedProblems: number;
}

export const MAX_PEM_PROBLEMS = 100;

const BEGIN = /-----BEGIN ([A-Z0-9 #._-]*)-----/g;

function lineAt(text: string, offset: number, from = 0, fromLine = 1): number {
  let line = fromLine;
  for (let i = from; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Scans `text` for PEM blocks. Never throws; bad blocks become problems. */
export function scanPem(text: string): PemScan {
  const blocks: PemBlock[] = [];
  const problems: PemProblem[] = [];
  let omittedProblems = 0;
  const problem = (p: PemProblem) => {
    if (problems.length < MAX_PEM_PROBLEMS) problems.push(p);
    else omittedProblems++;
  };
  BEGIN.lastIndex = 0;
  let lastOffset = 0;
  let lastLine = 1;
  // The next END line is searched once and reused by every BEGIN before it: linear time
  // even for text made of thousands of BEGIN lines and no END.
  const endRe = /-----END ([A-Z0-9 #._-]*)-----/g;
  let end: { from: number; m: RegExpExecArray | null } | undefined;
  const nextEnd = (from: number) => {
    if (!end || end.from > from || (end.m !== null && end.m.index < from)) {
      endRe.lastIndex = from;
      end = { from, m: endRe.exec(text) };
    }
    return end.m;
  };
  let m: RegExpExecArray | null;
  while ((m = BEGIN.exec(text))) {
    const label = m[1];
    const start = m.index;
    const beginLine = lineAt(text, start, lastOffset, lastLine);
    lastOffset = start;
    lastLine = beginLine;
    const e = nextEnd(BEGIN.lastIndex);
    const nextBegin = text.indexOf('-----BEGIN ', BEGIN.lastIndex);
    if (!e || (nextBegin >= 0 && nextBegin < e.index)) {
      problem({ kind: 'PemUnterminated', label, beginLine });
      continue;
    }
    const endLine = lineAt(text, e.index, start, beginLine);
    if (e[1] !== label) problem({ kind: 'PemLabelMismatch', label, endLabel: e[1], line: endLine });
    let body = text.slice(BEGIN.lastIndex, e.index);
    let bodyLine = beginLine;
    // RFC 1421 headers: "Name: value" lines followed by a blank line
    const headers: Record<string, string> = {};
    if (/^\r?\n?[A-Za-z-]+:/.test(body)) {
      const lines = body.split('\n');
      let i = lines[0].trim() === '' ? 1 : 0;
      for (; i < lines.length; i++) {
        const hm = /^([A-Za-z-]+):\s*(.*?)\r?$/.exec(lines[i]);
        if (!hm) break;
        headers[hm[1]] = hm[2];
      }
      bodyLine += i;
      body = lines.slice(i).join('\n');
    }
    const decoded = decodeBase64(body, bodyLine);
    BEGIN.lastIndex = e.index + e[0].length;
    if (!decoded.ok) {
      if (decoded.reason === 'bad-length') problem({ kind: 'PemBadLength', label, line: decoded.line });
      else problem({ kind: 'PemNotBase64', label, line: decoded.line, column: decoded.column, char: decoded.char });
      continue;
    }
    blocks.push({ label, bytes: decoded.bytes, headers, beginLine, endLine, start, end: e.index + e[0].length });
  }
  return { blocks, problems, omittedProblems };
}

/** Writes one PEM block with 64-column lines and a final newline. */
export function toPem(label: string, bytes: Uint8Array): string {
  const b64 = encodeBase64(bytes);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Every CERTIFICATE block's DER, in order (convenience for bundles). */
export function pemCertificates(text: string): Uint8Array[] {
  return scanPem(text)
    .blocks.filter((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE')
    .map((b) => b.bytes);
}
