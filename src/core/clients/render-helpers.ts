/**
 * What the client renderers share: how a verdict without a complaint or without a recorded text
 * looks, the look-up of a text in a client's own table, and the certificate facts several
 * clients decide on (no SAN, anchor depth, keyUsage, key size, AIA).
 */
import { V } from '../codes/verify-code-constants.ts';
import { FAILURE_CODES, type ValidationFailure } from '../validate/failures.ts';
import type { ClientMessage, ClientProfile } from './client-types.ts';
import { dnsSans, fill, ipSans } from './formats.ts';
import type { ClientFailure, RenderContext, RenderedClientMessage } from './render-types.ts';

/** The failure as the renderers compare it: its OpenSSL code (V.*), its depth, and the variant itself. */
export function judged(failure: ValidationFailure | null): ClientFailure {
  return failure ? { code: FAILURE_CODES[failure.kind], depth: failure.depth, failure } : { code: V.OK, depth: 0, failure: null };
}

export const ok = (source: string, note?: string): RenderedClientMessage => ({ fails: false, message: '', source, modelled: true, note });

export const unmodelled = (client: string, code: number): RenderedClientMessage => ({
  fails: true,
  message: '',
  modelled: false,
  source: `no real ${client} text recorded for OpenSSL code ${code} (see src/core/clients/messages.ts)`,
});

/** The entry with this id in a client's table; throws on a programming error (unknown id). */
export function messageIn<M extends ClientMessage>(table: readonly M[], id: string): M {
  const m = table.find((e) => e.id === id);
  if (!m) throw new Error(`No client message "${id}". Known ids for ${table[0]?.client}: ${table.map((e) => e.id).join(', ')}`);
  return m;
}

/** A failing verdict in the words of one entry of the table. */
export const sayFrom =
  (table: readonly ClientMessage[]) =>
  (id: string, vars: Record<string, string | number> = {}, note?: string): RenderedClientMessage => {
    const m = messageIn(table, id);
    return { fails: true, message: fill(m.template, vars), source: m.source, errorCode: m.errorCode, modelled: true, note };
  };

/** The codes that mean "no path to a trusted anchor". */
export const UNTRUSTED: readonly number[] = [
  V.UNABLE_TO_GET_ISSUER_CERT,
  V.DEPTH_ZERO_SELF_SIGNED_CERT,
  V.SELF_SIGNED_CERT_IN_CHAIN,
  V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
  V.UNABLE_TO_VERIFY_LEAF_SIGNATURE,
  V.CERT_UNTRUSTED,
];

/** Code 2 with a trusted, not self-signed top certificate: clients that take any trusted certificate as anchor pass. */
export const partialChainPasses = (profile: ClientProfile, f: ClientFailure): RenderedClientMessage | undefined =>
  f.code === V.UNABLE_TO_GET_ISSUER_CERT && profile.policy.partialChain
    ? ok(profile.evidence.partialChain.note, 'A trusted intermediate ends the path for this client; OpenSSL without X509_V_FLAG_PARTIAL_CHAIN says 2.')
    : undefined;
export const hasNoSan = (ctx: RenderContext) => dnsSans(ctx.cert).length + ipSans(ctx.cert).length === 0;
export const isAnchorDepth = (f: ClientFailure, ctx: RenderContext) => ctx.chainSubjects !== undefined && f.depth === ctx.chainSubjects.length - 1;
export const lacksKeyCertSign = (ctx: RenderContext) => !!ctx.cert?.keyUsage && !ctx.cert.keyUsage.includes('keyCertSign');
export const rsaBits = (ctx: RenderContext) => ctx.cert?.publicKey.bits ?? 0;
/** Incomplete chain that an AIA-fetching client can complete from the leaf's caIssuers URL. */
export const aiaCanComplete = (f: ClientFailure, ctx: RenderContext) =>
  (f.code === V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY || f.code === V.UNABLE_TO_VERIFY_LEAF_SIGNATURE) &&
  f.depth === 0 &&
  (ctx.cert?.aia?.caIssuers.length ?? 0) > 0;
