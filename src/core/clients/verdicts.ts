/**
 * clientVerdicts(): for one chain, what every client does — the one verdict function the CLI
 * (certlab verify), the probe, the simulator and the real-client test all call. Each client's
 * chain is validated with that client's own policy (its module's profile: AIA, CN fallback,
 * key size, SHA-1, strict mode, partial chains; clients with the same policy share one
 * validation), and the result — the named failure, or null — is put in that client's words by
 * its renderer, variants (older versions, related programs) included.
 *
 *   const v = await clientVerdicts({ peer, untrusted, anchors, peerName: 'example.com', at, subtle }, { port: 8443 });
 *   v.go.fails ? v.go.message : 'Go connects'
 */
import type { Certificate } from '../model.ts';
import { validate, validationMemo, type ValidateInput, type ValidationResult } from '../validate/validate.ts';
import { CLIENT_IDS, CLIENTS, type ClientId } from './registry.ts';
import type { RenderedClientMessage } from './render-types.ts';

export interface ClientVerdict extends RenderedClientMessage {
  client: ClientId;
  label: string;
  /** The validation under this client's policy: OpenSSL code (0 = accepted), depth, cause, path, AIA fetches. */
  result: ValidationResult;
}

export interface VerdictOptions<C extends ClientId> {
  /** Clients to judge (default: all, in registry order). */
  clients?: readonly C[];
  /** Port of the server, for messages that name it (requests' HTTPSConnectionPool). Default 443. */
  port?: number;
}

/**
 * The input is what the client meets: peer, what else the server sent, the trust anchors, the
 * name asked for, the time — and the AIA fetcher, used only under the policies that fetch.
 */
export async function clientVerdicts<C extends ClientId = ClientId>(
  input: Omit<ValidateInput, 'policy'>,
  options: VerdictOptions<C> = {},
): Promise<Record<C, ClientVerdict>> {
  const byPolicy = new Map<string, Promise<ValidationResult>>();
  // Signatures and name-constraint checks do not depend on the policy: computed once for all clients.
  const memo = input.memo ?? validationMemo();
  const out = {} as Record<C, ClientVerdict>;
  for (const id of options.clients ?? (CLIENT_IDS as readonly ClientId[] as unknown as readonly C[])) {
    const key = JSON.stringify(CLIENTS[id].policy);
    let pending = byPolicy.get(key);
    if (!pending) {
      pending = validate({ ...input, policy: CLIENTS[id].policy, memo });
      byPolicy.set(key, pending);
    }
    out[id] = renderVerdict(id, await pending, input, options.port);
  }
  return out;
}

/**
 * One client's verdict on one validation result: the failure (or null) in the client's words,
 * about the certificate at the failure's depth. clientVerdicts() calls it with the result under
 * the client's own policy; the real-client test also calls it for Python 3.11 (the python
 * renderer on the openssl-policy result: 3.11 has OpenSSL's plain flags, the profile is 3.13's).
 */
export function renderVerdict(id: ClientId, result: ValidationResult, input: Omit<ValidateInput, 'policy'>, port?: number): ClientVerdict {
  const known = new Map<string, Certificate>();
  for (const c of [input.peer, ...(input.untrusted ?? []), ...input.anchors]) known.set(c.sha256, c);
  const host = typeof input.peerName === 'string' ? input.peerName : (input.peerName?.value ?? '');
  const depth = result.depth ?? 0;
  const rendered = CLIENTS[id].render(result.error ?? null, {
    host,
    port,
    at: input.at,
    cert: known.get(result.path[depth]?.sha256 ?? '') ?? input.peer,
    chainSubjects: result.path.map((e) => e.subject),
  });
  return { ...rendered, client: id, label: CLIENTS[id].label, result };
}
