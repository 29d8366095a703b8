/**
 * What each client will say about a chain: the validator run once per client profile
 * (src/core/clients/profiles.ts sets the policy knobs on which clients differ), each failure
 * rendered in that client's own words by the clients' renderer (src/core/clients/render.ts),
 * which also knows where a client accepts what its policy alone would refuse. Clients with
 * the same policy share one validation.
 */
import type { Certificate } from '../model.ts';
import type { ClientId } from './messages.ts';
import { CLIENT_PROFILES, type ClientProfile } from './profiles.ts';
import { clientMessage, type ClientFailure, type RenderContext, type RenderedClientMessage } from './render.ts';
import { validate, type ValidateInput, type ValidationResult } from '../validate/validate.ts';

export type ClientRenderer = (client: ClientId, failure: ClientFailure, ctx: RenderContext) => RenderedClientMessage;

export interface ClientVerdict {
  fails: boolean;
  /** What the client prints; null when it accepts the chain. */
  message: string | null;
  /** The client's symbolic code (Node err.code, NET::ERR_…, curl exit code, …). */
  errorCode?: string;
  label: string;
  /** The validation under this client's policy. */
  result: ValidationResult;
}

export async function judgeClients(
  input: Omit<ValidateInput, 'policy'>,
  render: ClientRenderer = clientMessage,
  profiles: readonly ClientProfile[] = CLIENT_PROFILES,
): Promise<Partial<Record<ClientId, ClientVerdict>>> {
  const byPolicy = new Map<string, Promise<ValidationResult>>();
  const known = new Map<string, Certificate>();
  for (const c of [input.peer, ...(input.untrusted ?? []), ...input.anchors]) known.set(c.sha256, c);
  const host = typeof input.peerName === 'string' ? input.peerName : (input.peerName?.value ?? '');
  const out: Partial<Record<ClientId, ClientVerdict>> = {};
  for (const p of profiles) {
    const key = JSON.stringify(p.policy);
    let pending = byPolicy.get(key);
    if (!pending) {
      pending = validate({ ...input, policy: p.policy });
      byPolicy.set(key, pending);
    }
    const result = await pending;
    if (result.ok) {
      out[p.id] = { fails: false, message: null, label: p.label, result };
      continue;
    }
    const depth = result.depth ?? 0;
    const rendered = render(
      p.id,
      { code: result.code, depth, kind: result.error?.kind },
      { host, cert: known.get(result.path[depth]?.sha256 ?? '') ?? input.peer, chainSubjects: result.path.map((e) => e.subject), at: input.at },
    );
    out[p.id] = {
      fails: rendered.fails,
      message: rendered.fails ? rendered.message : null,
      errorCode: rendered.errorCode,
      label: p.label,
      result,
    };
  }
  return out;
}
