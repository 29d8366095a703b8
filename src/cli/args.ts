/** What a command's argument parser returns, and the start every command shares. */
import type { CliIo } from './io.ts';

export type ParsedArgs<T> = { ok: true; options: T } | { ok: false; error: string } | { ok: 'help' };

/**
 * `--help` prints the usage (exit 0); bad arguments print the error and the usage on stderr
 * (exit 2); otherwise the options. A number means: return it as the exit code.
 */
export function optionsOrExit<T>(parsed: ParsedArgs<T>, command: string, usage: string, io: CliIo): T | number {
  if (parsed.ok === 'help') {
    io.out(usage);
    return 0;
  }
  if (!parsed.ok) {
    io.err(`certlab ${command}: ${parsed.error}\n\n${usage}`);
    return 2;
  }
  return parsed.options;
}
