/**
 * A plain renderer over the clients' message table, used until the clients' own renderer
 * (which knows each client's quirks: Node's last-error code, curl's name texts, ...) is
 * wired in. It picks the client's entry for the verify code, else the entry for the cause,
 * else the client's generic entry, and fills {code}, {text}, {depth} and {host}; other
 * placeholders stay visible as {name}.
 */
import { CLIENT_MESSAGES } from '../clients/messages.ts';
import type { ClientRenderer } from './clients.ts';

export const basicRenderer: ClientRenderer = (client, result, ctx) => {
  const own = CLIENT_MESSAGES.filter((m) => m.client === client && !m.versions?.includes('<'));
  const entry =
    own.find((m) => m.code === result.code) ??
    own.find((m) => m.cause === result.cause) ??
    own.find((m) => m.cause === 'from-code');
  if (!entry) return `${result.text} (${result.name})`;
  const values: Record<string, string> = {
    code: String(result.code),
    text: result.text,
    depth: String(result.depth ?? 0),
    host: ctx.host ?? '{host}',
  };
  return entry.template.replace(/\{(\w+)\}/g, (all, k: string) => values[k] ?? all);
};
