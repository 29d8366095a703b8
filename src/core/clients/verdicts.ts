/**
 * clientVerdicts(): for one chain, what every client does. Each client's chain is validated
 * with that client's own policy (profiles.ts: AIA, CN fallback, key size, SHA-1, strict mode,
 * partial chains), and the result is rendered in that client's words (render.ts).
 *
 *   const v = await clientVerdicts({ peer, untrusted, anchors, peerName: 'example.com', at, subtle });
 *   v.go.fails ? v.go.message : 'Go connects'
 */
import type { Certificate } from '../model.ts';
import { validate, type ValidateInput, type ValidationResult } from '../validate/validate.ts';
import type { ClientId } from './messages.ts';
import { clientProfile } from './profiles.ts';
import { clientMessage, RENDERED_CLIENTS, type RenderedClientMessage } from './render.ts';

export interface ClientVerdict extends RenderedClientMessage {
  /** The OpenSSL code the validator reports under this client's policy (0 = ok). */
  code: number;
  depth: number | null;
}

export interface VerdictOptions {
  /** Clients to judge (default: all). */
  clients?: readonly ClientId[];
  /** Port of the server, for messages that name it (requests' HTTPSConnectionPool). Default 443. */
  port?: number;
}

/** Renders one validation result for one client. */
export function verdictFor(client: ClientId, result: ValidationResult, input: Omit<ValidateInput, 'policy'>, port?: number): ClientVerdict {
  const known: Certificate[] = [input.peer, ...(input.untrusted ?? []), ...input.anchors];
  const onPath = result.path.map((e) => known.find((c) => c.sha256 === e.sha256));
  const depth = result.depth ?? 0;
  const host = typeof input.peerName === 'string' ? input.peerName : input.peerName?.value ?? '';
  const rendered = clientMessage(client, { code: result.code, depth, kind: result.error?.kind }, {
    host, port, cert: onPath[depth] ?? input.peer, chainSubjects: result.path.map((e) => e.subject), at: input.at,
  });
  return { ...rendered, code: result.code, depth: result.depth };
}

export async function clientVerdicts(
  input: Omit<ValidateInput, 'policy'>,
  options: VerdictOptions = {},
): Promise<Record<ClientId, ClientVerdict>> {
  const out: Partial<Record<ClientId, ClientVerdict>> = {};
  for (const client of options.clients ?? RENDERED_CLIENTS) {
    const result = await validate({ ...input, policy: clientProfile(client).policy });
    out[client] = verdictFor(client, result, input, options.port);
  }
  return out as Record<ClientId, ClientVerdict>;
}
