/**
 * Name resolution for the probe, injectable so tests can prove it runs exactly once.
 * The default asks the operating system (getaddrinfo), as the clients being judged would.
 */
import { lookup } from 'node:dns/promises';

/** Returns the addresses for a name, in the order the system prefers them. */
export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) => {
  const answers = await lookup(host, { all: true, order: 'verbatim' });
  return answers.map((a) => a.address);
};
