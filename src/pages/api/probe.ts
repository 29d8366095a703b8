/**
 * POST /api/probe and GET /api/probe?host=…&port=… — the live probe, rendered on demand.
 * All logic is in the Web-standard handler (src/server/probe-handler.ts); configuration
 * comes from CERTLAB_PROBE_* environment variables (src/server/probe/config.ts).
 */
import { createProbeHandler } from '../../server/probe-handler.ts';
import { routeFor } from './_route.ts';

export const prerender = false;

const handle = routeFor(createProbeHandler);

export const GET = handle;
export const POST = handle;
