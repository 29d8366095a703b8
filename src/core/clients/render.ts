/**
 * clientMessage(client, failure, ctx): what a given real client prints for a verification
 * result, and whether it refuses the connection at all. Texts come from the one table in
 * messages.ts; the client's own rules (which error it reports, which checks it skips)
 * come from profiles.ts and the per-client renderers.
 */
import type { ClientId } from './messages.ts';
import { renderCurl, renderNode, renderOpenssl, renderPython } from './render-openssl.ts';
import { renderChrome, renderDotnet, renderFirefox, renderGo, renderJava } from './render-others.ts';
import type { ClientFailure, RenderContext, RenderedClientMessage } from './render-types.ts';

export type { ClientFailure, RenderContext, RenderedClientMessage } from './render-types.ts';

const RENDERERS: Record<ClientId, (f: ClientFailure, ctx: RenderContext) => RenderedClientMessage> = {
  openssl: renderOpenssl, curl: renderCurl, python: renderPython, node: renderNode,
  java: renderJava, go: renderGo, dotnet: renderDotnet, chrome: renderChrome, firefox: renderFirefox,
};

export const RENDERED_CLIENTS = Object.keys(RENDERERS) as ClientId[];

export function clientMessage(client: ClientId, failure: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  return RENDERERS[client](failure, ctx);
}

/** Every client at once, e.g. for `certlab verify --json`'s `clients` object. */
export function allClientMessages(failure: ClientFailure, ctx: RenderContext): Record<ClientId, RenderedClientMessage> {
  return Object.fromEntries(RENDERED_CLIENTS.map((c) => [c, RENDERERS[c](failure, ctx)])) as Record<ClientId, RenderedClientMessage>;
}
