/**
 * `certlab` command line: one subcommand per file in ./commands/, each exporting
 * `run(argv: string[], io: CliIo): Promise<number>` (the exit code) and `summary`.
 */
import { stdin, stdout, stderr, argv, exit } from 'node:process';

import type { CliIo } from './io.ts';

/** Kept for commands not yet moved to './io.ts'; commands import CliIo from there (no cycle with main). */
export type { CliIo };

type Command = { run: (argv: string[], io: CliIo) => Promise<number> };

/** Explicit imports, so a bundler takes exactly these files (not the tests beside them). */
const COMMANDS: Record<string, () => Promise<Command>> = {
  inspect: () => import('./commands/inspect.ts'),
  verify: () => import('./commands/verify.ts'),
  decode: () => import('./commands/decode.ts'),
  probe: () => import('./commands/probe.ts'),
  stores: () => import('./commands/stores.ts'),
};

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk as Buffer);
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
    '  stores [PLATFORM[@VERSION]]  list the versioned trust stores, or one version\'s roots',
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

main(argv.slice(2)).then(
  // Exit once stdout has drained: exit() right after a write to a pipe cuts it at 64 KiB.
  (code) => void stdout.write('', () => exit(code)),
  (e) => {
    stderr.write(`certlab: internal error: ${(e as Error)?.stack ?? e}\n`);
    exit(70);
  },
);
