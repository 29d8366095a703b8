/**
 * Situations where clients differ on what a trust anchor is and on how they build a chain
 * (test/clients/anchors.test.ts runs the real clients against them). Each chain is built in
 * code with one ChainFactory, so two certificates can share a key (a re-issued intermediate).
 *
 * - a trusted intermediate, with the root sent as an extra certificate (x509-limbo's
 *   rfc5280::root-and-intermediate-swapped): RFC 5280 6.1.1(d), webpki, Go and Java take the
 *   intermediate as the anchor; OpenSSL only with X509_V_FLAG_PARTIAL_CHAIN;
 * - the leaf itself as the only trusted certificate;
 * - two intermediates of the same name and key, the first one sent leading to a root nobody
 *   trusts: OpenSSL's build_chain takes the first time-valid issuer and never tries the
 *   second; path builders that try every candidate find the trusted root;
 * - the same two sent the other way round (OpenSSL's first pick is the good one).
 */
import '@abraham/reflection';
import * as x509 from '@peculiar/x509';
import { readFileSync } from 'node:fs';
import { CA_EXT, ChainFactory, DAY, leafExt, stamp } from '../pki/factory.ts';
import type { Issued } from './pki.ts';
import type { SituationDef } from './scenarios.ts';

const HOST = 'localhost';
const factories: ChainFactory[] = [];
process.once('exit', () => factories.forEach((f) => f.dispose()));

/** One factory's certificates as the runner wants them (its key beside each). */
function pki(now: number) {
  const f = ChainFactory.create();
  factories.push(f);
  const dates = { notBefore: stamp(now - DAY), notAfter: stamp(now + 30 * DAY) };
  const mk = (name: string, subject: string, opts: { issuer?: string; sameKeyAs?: string; leaf?: boolean }): Issued => {
    f.issue({
      name,
      subject,
      issuer: opts.issuer,
      sameKeyAs: opts.sameKeyAs,
      key: 'rsa2048',
      ...dates,
      ext: opts.leaf ? leafExt(HOST, '127.0.0.1') : opts.issuer ? CA_EXT : CA_EXT.slice(0, 3),
    });
    const pem = f.pem(name);
    return { cert: new x509.X509Certificate(pem), pem, keyPem: readFileSync(f.path(opts.sameKeyAs ?? name, 'key'), 'utf8'), factory: f, name };
  };
  return mk;
}

/** root -> ica -> ee */
function simple(now: number) {
  const mk = pki(now);
  const root = mk('root', '/CN=Certlab Anchor Test Root', {});
  const ica = mk('ica', '/CN=Certlab Anchor Test ICA', { issuer: 'root' });
  const ee = mk('ee', `/CN=${HOST}`, { issuer: 'ica', leaf: true });
  return { root, ica, ee };
}

/**
 * other root (trusted by nobody, not sent) -> ica(a)
 * root -> ica(b) -> ee          ica(a) and ica(b): the same subject and key
 */
function twoIssuers(now: number) {
  const mk = pki(now);
  const root = mk('root', '/CN=Certlab Anchor Test Root', {});
  const other = mk('other', '/CN=Certlab Untrusted Root', {});
  const icaA = mk('icaA', '/CN=Certlab Anchor Test ICA', { issuer: 'other' });
  const icaB = mk('icaB', '/CN=Certlab Anchor Test ICA', { issuer: 'root', sameKeyAs: 'icaA' });
  const ee = mk('ee', `/CN=${HOST}`, { issuer: 'icaB', leaf: true });
  return { root, other, icaA, icaB, ee };
}

export const ANCHOR_SITUATIONS: SituationDef[] = [
  {
    id: 'anchor-intermediate-root-sent',
    code: 2,
    depth: 1,
    drawing: 'root -> ica -> ee; sends ee+ica+root; trusts only ica (x509-limbo rfc5280::root-and-intermediate-swapped)',
    async build(now) {
      const { root, ica, ee } = simple(now);
      return { served: [ee, ica, root], trusted: [ica], host: HOST };
    },
  },
  {
    id: 'anchor-leaf',
    code: 20,
    depth: 1,
    drawing: 'root -> ica -> ee; sends ee+ica; trusts only ee',
    async build(now) {
      const { ica, ee } = simple(now);
      return { served: [ee, ica], trusted: [ee], host: HOST };
    },
  },
  {
    id: 'first-issuer-dead-end',
    code: 20,
    depth: 1,
    drawing: 'other root -> ica(a); root -> ica(b) -> ee (ica(a), ica(b): same name and key); sends ee, ica(a), ica(b); trusts root',
    async build(now) {
      const { root, icaA, icaB, ee } = twoIssuers(now);
      return { served: [ee, icaA, icaB], trusted: [root], host: HOST };
    },
  },
  {
    id: 'first-issuer-good',
    code: 0,
    depth: 0,
    drawing: 'the same certificates, sent ee, ica(b), ica(a); trusts root',
    async build(now) {
      const { root, icaA, icaB, ee } = twoIssuers(now);
      return { served: [ee, icaB, icaA], trusted: [root], host: HOST };
    },
  },
];
