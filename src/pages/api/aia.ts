/**
 * POST /api/aia — fetches AIA caIssuers URLs for the inspector's fix panel (only the URLs are
 * sent). All logic is in the Web-standard handler (src/server/aia-handler.ts), under the
 * probe's address rules (CERTLAB_PROBE_*).
 */
import type { APIRoute } from 'astro';
import { createAiaHandler } from '../../server/aia-handler.ts';
import { ProbeConfigError } from '../../server/probe/config.ts';

export const prerender = false;

let handler: ReturnType<typeof createAiaHandler> | undefined;

export const POST: APIRoute = async ({ request, clientAddress }) => {
  try {
    handler ??= createAiaHandler();
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
    address = undefined;
  }
  return handler(request, address ? { clientAddress: address } : undefined);
};
