/**
 * How each real client validates (each profile lives in its client module, e.g. go.ts): the ValidationPolicy knobs on which they differ, which
 * trust store they use, and the evidence for every knob. `basis` per knob:
 *   'captured' - the real client was run here against a local server (scripts/capture-client-messages.ts,
 *                situations named in test/clients/scenarios.ts);
 *   'source'   - read in the client's source or documentation (cited);
 *   'assumed'  - our best reading, not verified here (said so in the note).
 */
import type { ClientProfile as ModuleProfile } from './client-types.ts';
import { CLIENT_IDS, CLIENTS, type ClientId } from './registry.ts';

export type { KnobEvidence, TrustStoreId } from './client-types.ts';
export type ClientProfile = ModuleProfile<ClientId>;

export const CLIENT_PROFILES: readonly ClientProfile[] = CLIENT_IDS.map((id): ClientProfile => CLIENTS[id]);

export function clientProfile(id: ClientId): ClientProfile {
  const p = CLIENT_PROFILES.find((c) => c.id === id);
  if (!p) throw new Error(`Unknown client profile "${id}". Expected one of: ${CLIENT_IDS.join(', ')}`);
  return p;
}
