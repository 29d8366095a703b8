/**
 * What each client will say about a chain: the validator run once per client profile
 * (src/core/clients/profiles.ts sets the policy knobs on which clients differ), each result
 * rendered in that client's own words by the clients' message renderer. Clients with the same
 * policy share one validation.
 */
import type { ClientId } from '../clients/messages.ts';
import { CLIENT_PROFILES, type ClientProfile } from '../clients/profiles.ts';
import { validate, type ValidateInput, type ValidationResult } from './validate.ts';

export interface RenderContext {
  /** The name the client asked for, when one was given. */
  host?: string;
  peer: ValidateInput['peer'];
}

/** Turns a failed validation into the exact text `client` prints (the clients' renderer). */
export type ClientRenderer = (client: ClientId, result: ValidationResult, ctx: RenderContext) => string;

export interface ClientVerdict {
  fails: boolean;
  /** What the client prints; null when it accepts the chain. */
  message: string | null;
  label: string;
  result: ValidationResult;
}

export async function judgeClients(
  input: Omit<ValidateInput, 'policy'>,
  render: ClientRenderer,
  profiles: readonly ClientProfile[] = CLIENT_PROFILES,
): Promise<Partial<Record<ClientId, ClientVerdict>>> {
  const byPolicy = new Map<string, Promise<ValidationResult>>();
  const out: Partial<Record<ClientId, ClientVerdict>> = {};
  const host = typeof input.peerName === 'string' ? input.peerName : input.peerName?.value;
  for (const p of profiles) {
    const key = JSON.stringify(p.policy);
    let r = byPolicy.get(key);
    if (!r) {
      r = validate({ ...input, policy: p.policy });
      byPolicy.set(key, r);
    }
    const result = await r;
    out[p.id] = {
      fails: !result.ok,
      message: result.ok ? null : render(p.id, result, { host, peer: input.peer }),
      label: p.label,
      result,
    };
  }
  return out;
}
