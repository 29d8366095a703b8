/**
 * `certlab` command line: one subcommand per file in ./commands/, each exporting
 * `run(argv: string[], io: CliIo): Promise<number>` (the exit code) and `summary`.
 */
import process, { stdin, stdout, stderr, argv } from 'node:process';

import type { CliIo } from './io.ts';

type Command = { run: (argv: string[], io: CliIo) => Promise<number> };

/** Explicit imports, so a bundler takes exactly these files (not the tests beside them). */
const COMMANDS: Record<string, () => Promise<Command>> = {
  inspect: () => import('./commands/inspect.ts'),
  verify: () => import('./commands/verify.ts'),
  decode: () => import('./commands/decode.ts'),
  probe: () => import('./commands/probe.ts'),
  stores: () => import('./commands/stores.ts'),
  fix: () => import('./commands/fix.ts'),
};

/** Most bytes read from standard input: a certificate bundle is kilobytes, an endless pipe is not input. */
export const MAX_STDIN_BYTES = 16 * 1024 * 1024;

export class StdinTooLarge extends Error {
  readonly max: number;
  constructor(max: number) {
    super(
      `standard input is larger than ${max / (1024 * 1024)} MiB, the most certlab reads; save it to a file and pass the file, or send only the part to read`,
    );
    this.max = max;
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_STDIN_BYTES) {
      stdin.destroy();
      throw new StdinTooLarge(MAX_STDIN_BYTES);
    }
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

const io: CliIo = {
  out: (t) => stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => stderr.write(t.endsWith('\n') ? t : t + '\n'),
  readStdin,
};

function usage(): string {
  return [
    'usage: certlab <command> [options]',
    '',
    'commands:',
    '  inspect <file|->   read certificates, keys, CSRs, PKCS#7/#12 and s_client output',
    '  verify <peer.pem>  build and validate a path, with what each client would say',
    '  decode [TEXT...]   explain a verify code or a client error message',
    '  probe HOST[:PORT]  show what a TLS server presents and what each client will say',
    "  stores [PLATFORM[@VERSION]]  list the versioned trust stores, or one version's roots",
    '  fix <chain.pem|HOST[:PORT]>  build the chain to serve (leaf first, no root) and its server configuration',
    '',
    'Run `certlab <command> --help` for the options of a command.',
  ].join('\n');
}

async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`certlab: unknown command "${name}". Expected one of: ${Object.keys(COMMANDS).join(', ')}.`);
    return 2;
  }
  return (await load()).run(rest, io);
}

// process.exitCode, never process.exit(): stdout to a pipe is asynchronous, and exiting at once
// cut piped output at 64 KiB (`certlab inspect --json bundle.pem | jq`, issue 14). The process
// ends by itself once everything written has drained.
main(argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    if (e instanceof StdinTooLarge) {
      stderr.write(`certlab: ${e.message}.\n`);
      process.exitCode = 2;
      return;
    }
    stderr.write(`certlab: internal error: ${(e as Error)?.stack ?? e}\n`);
    process.exitCode = 70;
  },
);
