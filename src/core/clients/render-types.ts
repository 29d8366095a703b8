import type { Certificate, Millis } from '../model.ts';
import type { ValidationFailure } from '../validate/failures.ts';

/** A validation failure as the renderers compare it (render-helpers.ts judged()): its OpenSSL 3 code (V.*, V.OK when accepted), depth and variant. */
export interface ClientFailure {
  code: number;
  /** Depth of the certificate the failure is about (0 = leaf). */
  depth: number;
  /** The validator's named failure; null when the chain was accepted. */
  failure: ValidationFailure | null;
}

export interface RenderContext {
  /** The name or IP address the client asked for. */
  host: string;
  port?: number;
  /** The certificate the failure is about (for code 0: the leaf). */
  cert?: Certificate;
  /** Subjects of the built chain, leaf first (e.g. "CN=Certlab Test ICA"). */
  chainSubjects?: string[];
  /** Validation time, ms since epoch. */
  at: Millis;
}

export interface RenderedClientMessage {
  /** Whether this client refuses the connection. */
  fails: boolean;
  /** What the client prints ('' when it connects without complaint). */
  message: string;
  /** Where the text (and the pass/fail judgement) come from. */
  source: string;
  /** The client's symbolic code: Node err.code, NET::ERR_…, SEC_ERROR_…, curl exit code, .NET status. */
  errorCode?: string;
  /** The verify code the client prints when it is not the validator's: s_client's "Verify return code" (the last of the errors OpenSSL went on past). */
  reportedCode?: number;
  /** False when we have no real text for this client and situation (message is then ''). */
  modelled: boolean;
  /** Why this client differs from OpenSSL here, or what is approximated. */
  note?: string;
  /** Closely related programs that print something else (e.g. requests, Node 20). */
  variants?: Record<string, { fails: boolean; message: string }>;
}
