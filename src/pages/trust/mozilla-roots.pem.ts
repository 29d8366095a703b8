/**
 * GET /trust/mozilla-roots.pem — the Mozilla root list the probe and the CLI call "mozilla"
 * (Node's bundled `tls.rootCertificates`, the list certifi ships), written out once at build
 * time as a static file. The inspector fetches it only when the reader asks for a host check
 * against it: a plain GET of a public file, which carries nothing of what was pasted.
 */
import type { APIRoute } from 'astro';
import { mozillaRootsPem } from '../../server/trust-stores.ts';

export const prerender = true;

export const GET: APIRoute = () => new Response(mozillaRootsPem().text, { headers: { 'Content-Type': 'application/x-pem-file; charset=utf-8' } });
