/**
 * Grades the setting a learner wrote to make one tool trust a company's inspection root
 * (issue 15, lesson "Corporate TLS inspection"): each tool has its own place for an extra CA
 * file, and a setting that another tool reads does nothing for this one. A setting that turns
 * verification off is named as such and never accepted. The forms below are the ones each
 * tool's documentation gives (quoted in the lesson).
 */
import type { ExerciseGrade, ExerciseProblem } from './exercises.ts';
import { shellWords } from './shell-words.ts';

export type CaTool = 'pip' | 'npm' | 'git' | 'aws' | 'conda' | 'node' | 'requests' | 'curl' | 'go';

export type CaSettingProblemKind = 'empty' | 'disables-verification' | 'wrong-tool' | 'not-a-ca-setting' | 'path-missing';

interface Form {
  /** What the learner wrote, as shell words: does it set the CA file for this tool? */
  test: (w: string[]) => string | undefined;
}

/** `NAME=VALUE` as an assignment word, with or without `export`, or a `set NAME=VALUE` (cmd). */
const env = (name: string) => (w: string[]) => {
  for (const word of w) {
    const m = /^(?:\$env:)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(word);
    if (m && m[1] === name) return m[2];
  }
  return undefined;
};
/** `tool … opt VALUE` or `tool … opt=VALUE`. */
const option = (tool: string, opt: string) => (w: string[]) => {
  if (!w.some((x) => x === tool || x.endsWith(`/${tool}`))) return undefined;
  const i = w.indexOf(opt);
  if (i >= 0 && i + 1 < w.length) return w[i + 1];
  return w.find((x) => x.startsWith(`${opt}=`))?.slice(opt.length + 1);
};
/** `tool config [--global|set|…] KEY VALUE` style: KEY followed by the value (or KEY=VALUE). */
const config = (tool: string, key: string) => (w: string[]) => {
  if (!w.some((x) => x === tool || x.endsWith(`/${tool}`))) return undefined;
  const i = w.findIndex((x) => x.toLowerCase() === key.toLowerCase());
  if (i >= 0 && i + 1 < w.length) return w[i + 1];
  return w.find((x) => x.toLowerCase().startsWith(`${key.toLowerCase()}=`))?.slice(key.length + 1);
};

const FORMS: Record<CaTool, Form[]> = {
  pip: [
    { test: config('pip', 'global.cert') },
    { test: option('pip', '--cert') },
    { test: env('PIP_CERT') },
    { test: env('REQUESTS_CA_BUNDLE') },
    { test: env('CURL_CA_BUNDLE') },
  ],
  npm: [{ test: config('npm', 'cafile') }, { test: env('npm_config_cafile') }, { test: env('NODE_EXTRA_CA_CERTS') }],
  git: [{ test: config('git', 'http.sslCAInfo') }, { test: env('GIT_SSL_CAINFO') }],
  aws: [{ test: config('aws', 'ca_bundle') }, { test: option('aws', '--ca-bundle') }, { test: env('AWS_CA_BUNDLE') }],
  conda: [{ test: config('conda', 'ssl_verify') }],
  node: [{ test: env('NODE_EXTRA_CA_CERTS') }],
  requests: [{ test: env('REQUESTS_CA_BUNDLE') }, { test: env('CURL_CA_BUNDLE') }],
  curl: [{ test: option('curl', '--cacert') }, { test: env('CURL_CA_BUNDLE') }],
  go: [{ test: env('SSL_CERT_FILE') }],
};

/** Settings that turn verification off, whichever tool they are for. */
const INSECURE: { test: RegExp; what: string }[] = [
  { test: /http\.sslverify(\s+|=)(false|0|no)\b/i, what: 'http.sslVerify false' },
  { test: /GIT_SSL_NO_VERIFY/, what: 'GIT_SSL_NO_VERIFY' },
  { test: /--trusted-host\b|global\.trusted-host/i, what: 'trusted-host' },
  { test: /strict-ssl(\s+|=)false/i, what: 'strict-ssl false' },
  { test: /NODE_TLS_REJECT_UNAUTHORIZED=0/, what: 'NODE_TLS_REJECT_UNAUTHORIZED=0' },
  { test: /--no-verify-ssl\b/, what: '--no-verify-ssl' },
  { test: /ssl_verify(\s+|=)(false|no|0)\b/i, what: 'ssl_verify false' },
  { test: /(^|\s)(-k|--insecure)(\s|$)/, what: '--insecure' },
  { test: /verify\s*=\s*False/, what: 'verify=False' },
  { test: /InsecureSkipVerify/, what: 'InsecureSkipVerify' },
];

const TOOL_NAMES: Record<CaTool, string> = {
  pip: 'pip',
  npm: 'npm',
  git: 'git',
  aws: 'the AWS CLI',
  conda: 'conda',
  node: 'Node.js',
  requests: 'Python requests',
  curl: 'curl',
  go: 'Go programs',
};

/** Which other tool a setting belongs to, for a helpful "that is X's setting". */
function belongsTo(words: string[], except: CaTool): CaTool | undefined {
  return (Object.keys(FORMS) as CaTool[]).find((t) => t !== except && FORMS[t].some((f) => f.test(words) !== undefined));
}

/** Grades one tool's setting: it must name `path` in a place that tool reads. */
export function gradeCaSetting(tool: CaTool, answer: string, path: string): ExerciseGrade<CaSettingProblemKind> {
  const problems: (ExerciseProblem & { kind: CaSettingProblemKind })[] = [];
  const text = answer.trim();
  if (text === '') return { ok: false, problems: [{ kind: 'empty', message: `Write the setting for ${TOOL_NAMES[tool]}.` }] };
  const insecure = INSECURE.find((i) => i.test.test(text));
  if (insecure)
    return {
      ok: false,
      problems: [
        {
          kind: 'disables-verification',
          message: `${insecure.what} turns certificate checking off: the connection would then trust anyone, not only the proxy. Give ${TOOL_NAMES[tool]} the company's root instead.`,
        },
      ],
    };
  const words = shellWords(text);
  const value = FORMS[tool].map((f) => f.test(words)).find((v) => v !== undefined);
  if (value === undefined) {
    const other = belongsTo(words, tool);
    problems.push(
      other
        ? { kind: 'wrong-tool', message: `That setting is read by ${TOOL_NAMES[other]}, not by ${TOOL_NAMES[tool]}.` }
        : {
            kind: 'not-a-ca-setting',
            message: `This does not give ${TOOL_NAMES[tool]} a CA file. Look up where ${TOOL_NAMES[tool]} takes an extra CA bundle.`,
          },
    );
  } else if (!value.replace(/^~\//, '').endsWith(path.replace(/^~\//, '')))
    problems.push({ kind: 'path-missing', message: `The setting must point to ${path}, the file that holds the company's root.` });
  return { ok: problems.length === 0, problems };
}
