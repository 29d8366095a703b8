/**
 * POST /api/probe and GET /api/probe?host=…&port=… — the live probe, rendered on demand.
 * All logic is in the Web-standard handler (src/server/probe-handler.ts).
 */
import type { APIRoute } from 'astro';
import { createProbeHandler } from '../../server/probe-handler.ts';

export const prerender = false;

let handler: ReturnType<typeof createProbeHandler> | undefined;

const handle: APIRoute = async ({ request, clientAddress }) => {
  handler ??= createProbeHandler();
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
