/**
 * clientMessage(client, failure, ctx): what a given real client prints for a validation
 * result (the named failure, or null when the chain was accepted), and whether it refuses the
 * connection at all. Each client's renderer lives in its module (registry.ts); its texts come
 * from the one table in messages.ts.
 */
import type { ValidationFailure } from '../validate/failures.ts';
import { CLIENT_IDS, CLIENTS, type ClientId } from './registry.ts';
import type { RenderContext, RenderedClientMessage } from './render-types.ts';

export type { ClientFailure, RenderContext, RenderedClientMessage } from './render-types.ts';

export function clientMessage(client: ClientId, failure: ValidationFailure | null, ctx: RenderContext): RenderedClientMessage {
  return CLIENTS[client].render(failure, ctx);
}

/** Every client at once. */
export function allClientMessages(failure: ValidationFailure | null, ctx: RenderContext): Record<ClientId, RenderedClientMessage> {
  return Object.fromEntries(CLIENT_IDS.map((c) => [c, clientMessage(c, failure, ctx)])) as Record<ClientId, RenderedClientMessage>;
}
