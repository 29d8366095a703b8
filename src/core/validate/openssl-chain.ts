/**
 * One chain, built the way OpenSSL 3's build_chain() builds it (crypto/x509/x509_vfy.c), for
 * the policies that say `opensslChain`: trusted-first (X509_V_FLAG_TRUSTED_FIRST, on by
 * default since 1.1.0) — at every step the trust store is asked for the issuer of the top
 * certificate before the untrusted ones are; each lookup takes the first candidate whose
 * names and key ids match and whose validity covers the time, or else the one that expires
 * last; once a store certificate is in the chain only the store is searched; nothing is
 * tried again when the chain later fails (alternate chains only matter without trusted-first).
 * A chain is trusted when it reaches a self-signed store certificate (OpenSSL's trust
 * compatibility rule) or, with partial chains, any store certificate.
 *
 * certlab's default builder (path-builder.ts) tries every path instead, as rustls-webpki and
 * browsers do; the two differ when the first issuer OpenSSL picks leads nowhere (issue #16:
 * BetterTLS's pathbuilding suite).
 */
import type { Certificate, Millis, ValidationPolicy } from '../model.ts';
import type { ValidationFailure } from './failures.ts';
import { certAt, isSelfSigned, linkProblem, mayHaveIssued } from './cert-facts.ts';

export type OpensslChain = { ok: true; chain: Certificate[] } | { ok: false; chain: Certificate[]; failure: ValidationFailure };

/** X509_STORE_CTX_get1_issuer / find_issuer: the first time-valid match, else the match that expires last. */
function pickIssuer(candidates: Certificate[], cert: Certificate, at: Millis, skip: (c: Certificate) => boolean): Certificate | undefined {
  let fallback: Certificate | undefined;
  for (const c of candidates) {
    if (skip(c) || !mayHaveIssued(c, cert)) continue;
    if (c.notBefore <= at && at <= c.notAfter) return c;
    if (!fallback || c.notAfter > fallback.notAfter) fallback = c;
  }
  return fallback;
}

export function buildOpensslChain(input: {
  peer: Certificate;
  untrusted: Certificate[];
  anchors: Certificate[];
  at: Millis;
  policy: ValidationPolicy;
}): OpensslChain {
  const { peer, anchors, at, policy } = input;
  // build_chain's `depth`: the chain may hold the peer, maxDepth intermediates and the anchor.
  const limit = policy.maxDepth + 1;
  const chain = [peer];
  const pool = [...input.untrusted];
  let numUntrusted = 1;
  let ss = isSelfSigned(peer);
  let searchUntrusted = true;
  let trusted = false;
  const trustedNow = () => chain.slice(numUntrusted).some((c) => isSelfSigned(c)) || (policy.partialChain && chain.length > numUntrusted);
  for (;;) {
    const num = chain.length;
    const top = chain[num - 1];
    const fromStore = num > limit ? undefined : pickIssuer(anchors, top, at, () => false);
    if (fromStore) {
      let ok = true;
      if (!ss) {
        chain.push(fromStore);
        ss = isSelfSigned(fromStore);
      } else if (num === numUntrusted && fromStore.sha256 === top.sha256) {
        // A self-signed top that is itself in the store: the store's copy is the anchor.
        numUntrusted--;
        chain[num - 1] = fromStore;
      } else ok = false;
      if (ok) {
        searchUntrusted = false;
        if (trustedNow()) {
          trusted = true;
          break;
        }
        if (!ss) continue;
      }
    }
    if (!searchUntrusted) break;
    const next = ss || num > limit ? undefined : pickIssuer(pool, top, at, (c) => chain.includes(c) && !(num === 1 && top.selfIssued));
    if (!next) {
      searchUntrusted = false;
      // One more store lookup follows in OpenSSL; it asks the same question with the same answer.
      break;
    }
    pool.splice(pool.indexOf(next), 1);
    chain.push(next);
    numUntrusted++;
    ss = isSelfSigned(next);
  }
  if (!trusted && policy.partialChain && policy.trustedPeer !== false && numUntrusted === chain.length && anchors.some((a) => a.sha256 === peer.sha256))
    trusted = true;
  if (trusted) return { ok: true, chain };
  const num = chain.length;
  const top = chain[num - 1];
  const at_ = certAt(top, num - 1);
  if (num > limit) return { ok: false, chain, failure: { kind: 'ChainTooLong', ...at_, maxDepth: policy.maxDepth } };
  if (ss && num === 1) return { ok: false, chain, failure: { kind: 'SelfSignedLeaf', ...at_ } };
  if (ss) return { ok: false, chain, failure: { kind: 'SelfSignedInChain', ...at_ } };
  if (numUntrusted < num) return { ok: false, chain, failure: { kind: 'AnchorNotSelfSigned', ...at_ } };
  const unlinkable = linkProblem(top);
  if (unlinkable) return { ok: false, chain, failure: { kind: 'UnlinkableCertificate', ...at_, ...unlinkable } };
  return { ok: false, chain, failure: { kind: 'IssuerNotFound', ...at_, issuer: top.issuer.oneline } };
}
