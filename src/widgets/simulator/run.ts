/**
 * The heavy half of the simulator, loaded by dynamic import on first interaction: generate
 * the scenario's certificates with WebCrypto + @peculiar/x509, parse them, run the
 * project's validator as OpenSSL would and each client profile, and gather everything the
 * results view shows. Shared by <certlab-simulator> and <certlab-sandbox>.
 */
import '@abraham/reflection';
import type { CauseId } from '../../core/cause-id.ts';
import { chainPicture, chainText, type ChainPicture } from '../../core/sim/chain-picture.ts';
import { correctChainIds, fixFor, type Fix } from '../../core/sim/fix.ts';
import { generatePki, type GeneratedPki, type GenerateError } from '../../core/sim/generate.ts';
import { OPENSSL_DEBIAN_POLICY, parsePki, validatePki } from '../../core/sim/judge.ts';
import type { Scenario } from '../../core/sim/scenario.ts';
import { renderShowcerts } from '../../core/sim/showcerts.ts';
import type { ValidationResult } from '../../core/validate/validate.ts';
import { clientVerdicts, type ClientVerdictView } from './client-verdicts.ts';

export interface SimRun {
  scenario: Scenario;
  pki: GeneratedPki;
  openssl: ValidationResult;
  clients: ClientVerdictView[];
  picture: ChainPicture;
  pictureText: string;
  showcerts: string;
  fixes: Fix[];
  /** Files offered for download: name -> PEM text. */
  files: Array<{ name: string; text: string; note: string }>;
  /** Milliseconds spent generating and judging. */
  timing: { generateMs: number; judgeMs: number };
}

export type SimRunResult = { ok: true; run: SimRun } | { ok: false; error: GenerateError };

const MISSING_ISSUER = new Set(['IssuerNotFound', 'SelfSignedInChain', 'AnchorNotSelfSigned']);

export async function runScenario(scenario: Scenario, at: number, crypto: Crypto = globalThis.crypto): Promise<SimRunResult> {
  const t0 = performance.now();
  const gen = await generatePki(scenario, { crypto, at });
  if (!gen.ok) return gen;
  const pki = gen.pki;
  const t1 = performance.now();
  const parsed = await parsePki(pki, crypto.subtle);
  const openssl = await validatePki(pki, parsed, OPENSSL_DEBIAN_POLICY, crypto.subtle);
  const clients = await clientVerdicts(pki, parsed, openssl, crypto.subtle);
  const t2 = performance.now();

  const failure = openssl.ok || openssl.depth === null ? undefined : {
    depth: openssl.depth,
    message: `${openssl.code} ${openssl.text}`,
    missingIssuer: MISSING_ISSUER.has(openssl.error?.kind ?? ''),
  };
  const picture = chainPicture(scenario, failure);
  const sClientCode = clients.find((c) => c.client === 'openssl')?.verifyCode ?? { code: openssl.code, text: openssl.text };

  const causes: CauseId[] = [];
  const addCause = (c: CauseId | null | undefined) => { if (c && !causes.includes(c)) causes.push(c); };
  addCause(openssl.cause);
  for (const c of clients) if (c.fails) addCause(c.cause);
  if (scenario.clientCertRequired) addCause('client-cert-required');

  const byId = new Map(pki.certificates.map((c) => [c.id, c]));
  const files: SimRun['files'] = pki.certificates.map((c) => ({ name: `${c.id}.pem`, text: c.pem, note: c.spec.subject.commonName ?? c.id }));
  files.push({ name: 'fullchain.pem', text: correctChainIds(scenario).map((id) => byId.get(id)!.pem).join(''), note: 'what the server should send' });
  const rootId = [...correctChainIds(scenario)].reverse().map((id) => byId.get(id)!.spec.issuer).find((id) => byId.get(id)?.spec.issuer === id);
  if (rootId) {
    const named = files.find((f) => f.name === 'root.pem');
    if (named && rootId === 'root') named.note = `${named.note}: the CA file a client trusts`;
    else if (!named) files.push({ name: 'root.pem', text: byId.get(rootId)!.pem, note: 'the CA file a client trusts' });
  }
  const leaf = byId.get(scenario.serverSends[0]!)!;
  files.push({ name: `${leaf.id}.key`, text: leaf.keyPem, note: 'test key of the server certificate' });

  return {
    ok: true,
    run: {
      scenario, pki, openssl, clients, picture,
      pictureText: chainText(picture),
      showcerts: renderShowcerts(pki, sClientCode),
      fixes: causes.map((c) => fixFor(scenario, c)),
      files,
      timing: { generateMs: t1 - t0, judgeMs: t2 - t1 },
    },
  };
}
