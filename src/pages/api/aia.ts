/**
 * POST /api/aia — fetches AIA caIssuers URLs for the inspector's fix panel (only the URLs are
 * sent). All logic is in the Web-standard handler (src/server/aia-handler.ts), under the
 * probe's address rules (CERTLAB_PROBE_*).
 */
import { createAiaHandler } from '../../server/aia-handler.ts';
import { routeFor } from './_route.ts';

export const prerender = false;

export const POST = routeFor(createAiaHandler);
