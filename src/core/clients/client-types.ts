/**
 * The shape of one client module (openssl.ts, go.ts, …): its profile (policy knobs with their
 * evidence, trust store), its real message texts and its renderer. registry.ts lists the
 * modules; ClientId is derived from its keys, so a new client is one module plus its entry there,
 * and every `Record<ClientId, …>` table elsewhere then fails to compile until it names it.
 */
import type { CauseId } from '../causes/cause-id.ts';
import type { ValidationPolicy } from '../model.ts';
import type { ValidationFailure } from '../validate/failures.ts';
import type { RenderContext, RenderedClientMessage } from './render-types.ts';

export type TrustStoreId = 'mozilla' | 'system' | 'java' | 'chrome' | 'windows';

export interface KnobEvidence {
  basis: 'captured' | 'source' | 'assumed';
  note: string;
}

/** How a client validates: the policy knobs on which clients differ, its store, why each knob has its value. */
export interface ClientProfile<Id extends string = string> {
  id: Id;
  label: string;
  policy: ValidationPolicy;
  store: TrustStoreId;
  /** Why each knob has its value. */
  /** Evidence per knob; the optional knobs (opensslChain, partialWildcards, trustedPeer) only where the profile sets them. */
  evidence: Record<Exclude<keyof ValidationPolicy, 'opensslChain' | 'partialWildcards' | 'trustedPeer'>, KnobEvidence> & {
    opensslChain?: KnobEvidence;
    partialWildcards?: KnobEvidence;
    trustedPeer?: KnobEvidence;
  };
  notes: string;
  /** What the client does with a server that speaks only TLS 1.0 or 1.1 (RFC 8996 deprecates both). */
  legacyTls: LegacyTlsSupport;
}

/**
 * 'refuses': the client does not offer TLS 1.0/1.1 at all (the server answers protocol_version);
 * 'rsa-key-exchange-only': it offers them but refuses the server's MD5/SHA-1-signed (EC)DHE key
 * exchange (OpenSSL 3.0 at security level 1+: "legacy sigalg disallowed or unsupported"), so only
 * a TLS_RSA_ suite completes.
 */
export interface LegacyTlsSupport {
  behaviour: 'refuses' | 'rsa-key-exchange-only';
  evidence: KnobEvidence;
}

/** One real text a client prints (see messages.ts for the placeholders and fields). */
export interface ClientMessage<Id extends string = string> {
  client: Id;
  /** Unique within the client. */
  id: string;
  template: string;
  /** The OpenSSL 3 verify code (V.*) when the text belongs to one. */
  code?: number;
  cause: CauseId | 'from-code';
  /** Symbolic error code the program attaches (err.code, NET::ERR_…, SEC_ERROR_…, exit code …). */
  errorCode?: string;
  /** Versions this exact wording belongs to, when it changed over time. */
  versions?: string;
  basis: 'source' | 'captured' | 'both';
  source: string;
}

export interface ClientModule<Id extends string = string> extends ClientProfile<Id> {
  messages: readonly ClientMessage<Id>[];
  /** What this client prints for a validation under its own policy: the failure variant, or null when the chain was accepted. */
  render(failure: ValidationFailure | null, ctx: RenderContext): RenderedClientMessage;
}

/** Where the captured texts come from (the `source` of every entry marked captured). */
export const CAPTURED = 'captured here: ./node_modules/.bin/node scripts/capture-client-messages.ts (test/clients/captured.json)';
