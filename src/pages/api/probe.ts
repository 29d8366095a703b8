/**
 * POST /api/probe and GET /api/probe?host=…&port=… — the live probe, rendered on demand.
 * All logic is in the Web-standard handler (src/server/probe-handler.ts); configuration
 * comes from CERTLAB_PROBE_* environment variables (src/server/probe/config.ts).
 */
import type { APIRoute } from 'astro';
import { createProbeHandler } from '../../server/probe-handler.ts';
import { ProbeConfigError } from '../../server/probe/config.ts';

export const prerender = false;

let handler: ReturnType<typeof createProbeHandler> | undefined;

const handle: APIRoute = async ({ request, clientAddress }) => {
  try {
    handler ??= createProbeHandler();
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

export const GET = handle;
export const POST = handle;
