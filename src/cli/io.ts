/** How a command talks to the outside world: main.ts gives the process's streams, tests their own. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Reads all of standard input (for `-`). */
  readStdin: () => Promise<Uint8Array>;
}
