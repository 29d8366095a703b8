/**
 * Grades an `openssl req` command the learner wrote to make a new key and a CSR with given
 * names (issue 15, lesson "Making certificates"). The command is read word by word
 * (shell-words.ts) and its options checked as OpenSSL 3 reads them: the key type given to
 * `-newkey`, the names in `-addext subjectAltName=…`, a subject so it does not prompt, and an
 * unencrypted key so a server can start without a passphrase. The test beside the lesson runs
 * the worked answer with the real openssl and reads the CSR it makes.
 */
import type { ExerciseGrade, ExerciseProblem } from './exercises.ts';
import { shellWords } from './shell-words.ts';

export type CsrKeyType = 'ec' | 'rsa' | 'ed25519';

export interface CsrTask {
  /** The DNS names the CSR's subjectAltName must hold, no more, no fewer. */
  names: string[];
  key: CsrKeyType;
}

export type CsrProblemKind =
  | 'not-openssl-req'
  | 'self-signed-instead'
  | 'no-new-key'
  | 'wrong-key-type'
  | 'ec-curve-missing'
  | 'key-passphrase'
  | 'subject-missing'
  | 'san-missing'
  | 'san-not-dns'
  | 'san-names-missing'
  | 'san-names-extra';

const KEY_NAMES: Record<CsrKeyType, string> = { ec: 'an ECDSA (ec) key', rsa: 'an RSA key', ed25519: 'an Ed25519 key' };

/** The key type `-newkey ARG` asks for: `rsa:2048`, `ec`, `ec:params.pem`, `ed25519`. */
function newkeyType(arg: string): CsrKeyType | 'other' {
  const alg = arg.split(':')[0].toLowerCase();
  if (alg === 'rsa' || alg === 'rsa-pss') return 'rsa';
  if (alg === 'ec') return 'ec';
  if (alg === 'ed25519') return 'ed25519';
  return 'other';
}

export function gradeCsrCommand(command: string, task: CsrTask): ExerciseGrade<CsrProblemKind> {
  const problems: (ExerciseProblem & { kind: CsrProblemKind })[] = [];
  const add = (kind: CsrProblemKind, message: string) => problems.push({ kind, message });
  const words = shellWords(command.trim());
  const start = words.findIndex((w, i) => /(^|\/)openssl$/.test(w) && words[i + 1] === 'req');
  if (start < 0) {
    add('not-openssl-req', 'Write one openssl req command: it makes the key and the CSR together.');
    return { ok: false, problems };
  }
  const end = words.findIndex((w, i) => i > start && (w === '|' || w === ';' || w === '&'));
  const args = words.slice(start + 2, end < 0 ? words.length : end);
  const values = (opt: string) => args.flatMap((w, i) => (w === opt && i + 1 < args.length ? [args[i + 1]] : []));
  const has = (opt: string) => args.includes(opt);

  if (has('-x509')) add('self-signed-instead', '-x509 makes a self-signed certificate, not a request. A CA signs a CSR: leave -x509 out.');
  const newkey = values('-newkey');
  if (newkey.length === 0) {
    add(
      'no-new-key',
      has('-key') ? 'The task asks for a new key: -key reuses an existing one. Use -newkey.' : 'Nothing makes a key: add -newkey with the key type.',
    );
  } else {
    const type = newkeyType(newkey[0]);
    if (type !== task.key) add('wrong-key-type', `-newkey ${newkey[0]} does not make ${KEY_NAMES[task.key]}.`);
    // OpenSSL 3 says "Error generating ec key" for a bare `-newkey ec`: it needs a curve.
    else if (type === 'ec' && newkey[0].toLowerCase() === 'ec' && !values('-pkeyopt').some((v) => /^ec_paramgen_curve:/i.test(v)))
      add('ec-curve-missing', 'A bare -newkey ec fails ("Error generating ec key"): name the curve with -pkeyopt ec_paramgen_curve:P-256.');
  }
  if (newkey.length > 0 && !has('-noenc') && !has('-nodes'))
    add('key-passphrase', 'Without -noenc (or the older -nodes) openssl asks for a passphrase and encrypts the key, and the server cannot start unattended.');
  if (!has('-subj')) add('subject-missing', 'Without -subj openssl prompts for every field of the subject. Give it on the command line.');

  const sans = values('-addext')
    .map((v) => /^\s*subjectAltName\s*=\s*(.*)$/i.exec(v)?.[1])
    .filter((v): v is string => v !== undefined);
  if (sans.length === 0) {
    add('san-missing', 'No -addext "subjectAltName=…": clients check the names in the SAN, never the Common Name alone.');
    return { ok: problems.length === 0, problems };
  }
  const entries = sans.flatMap((s) => s.split(',').map((e) => e.trim())).filter((e) => e !== '');
  const dns: string[] = [];
  for (const e of entries) {
    const m = /^DNS\s*:\s*(.+)$/i.exec(e);
    if (m) dns.push(m[1].trim().toLowerCase());
    else if (!/^[A-Za-z.]+\s*:/.test(e)) add('san-not-dns', `"${e}" has no type: write each name as DNS:name.`);
  }
  const want = task.names.map((n) => n.toLowerCase());
  const missing = want.filter((n) => !dns.includes(n));
  const extra = dns.filter((n) => !want.includes(n));
  if (missing.length > 0) add('san-names-missing', `The SAN lacks ${missing.join(', ')}.`);
  if (extra.length > 0) add('san-names-extra', `The SAN holds ${extra.join(', ')}, which the task does not ask for.`);
  return { ok: problems.length === 0, problems };
}
