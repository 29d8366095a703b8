/**
 * The one way an API route runs a Web-standard handler (src/server/*-handler.ts): created on the
 * first request from CERTLAB_PROBE_* (a bad setting answers 500 ProbeMisconfigured, saying which),
 * then called with the client's address when the adapter knows it. Files starting with "_" are
 * not routes.
 */
import type { APIRoute } from 'astro';
import { ProbeConfigError } from '../../server/probe/config.ts';

type Handler = (request: Request, options?: { clientAddress: string }) => Promise<Response>;

export function routeFor(create: () => Handler): APIRoute {
  let handler: Handler | undefined;
  return async ({ request, clientAddress }) => {
    try {
      handler ??= create();
    } catch (e) {
      if (!(e instanceof ProbeConfigError)) throw e;
      return new Response(JSON.stringify({ error: { kind: 'ProbeMisconfigured', message: `The probe is misconfigured on this server: ${e.message}` } }), {
        status: 500,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      });
    }
    let address: string | undefined;
    try {
      address = clientAddress;
    } catch {
      address = undefined; // adapters without a client address
    }
    return handler(request, address ? { clientAddress: address } : undefined);
  };
}
