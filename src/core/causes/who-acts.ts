/**
 * "Who has to act", in words: the one wording of a cause's liability that the reference pages,
 * the diagnosis table, the decoder (widget and CLI), the simulator's fixes and the probe use.
 *
 *   whoActs('server')       // "the server's operator"
 *   blameHeadline('server') // "Server's fault" (the probe's headline starts with it)
 */
import type { Liability } from './causes.ts';

const WHO_ACTS: Readonly<Record<Liability, { who: string; headline: string }>> = {
  server: { who: "the server's operator", headline: "Server's fault" },
  client: { who: "the client's operator", headline: 'Client side' },
  both: { who: 'either side, depending on whose CA it is', headline: 'Server or client' },
};

/** Who has to change something, as a phrase ("the server's operator"). */
export function whoActs(liability: Liability): string {
  return WHO_ACTS[liability].who;
}

/** The same at the start of a sentence or a table cell ("The server's operator"). */
export function whoActsCapitalised(liability: Liability): string {
  const w = whoActs(liability);
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** The short label a headline starts with ("Server's fault: …"). */
export function blameHeadline(liability: Liability): string {
  return WHO_ACTS[liability].headline;
}
