/**
 * One simulator run: generate the scenario's certificates (injected WebCrypto +
 * @peculiar/x509), parse them, run the project's validator as `openssl verify` would and each
 * client profile, and gather everything the results view shows (table, chain picture,
 * showcerts, fixes, files, reproduce lines). Pure: crypto and time come in as arguments.
 * The browser entry is src/widgets/simulator/run.ts (<certlab-simulator>, <certlab-sandbox>).
 *
 *   const r = await runScenario(scenario, Date.UTC(2026, 0, 1), crypto);
 *   r.ok ? r.run.clients : r.error.message
 */
import type { Millis } from '../model.ts';
import type { CauseId } from '../causes/cause-id.ts';
import { chainPicture, chainText, type ChainPicture } from './chain-picture.ts';
import { correctChainIds, fixFor, type Fix } from './fix.ts';
import { generatePki, type GeneratedPki, type GenerateError } from './generate.ts';
import { OPENSSL_DEBIAN_POLICY, parsePki, validatePki } from './judge.ts';
import type { Scenario } from './scenario.ts';
import { renderShowcerts } from './showcerts.ts';
import { reproduce, shellLine } from './reproduce.ts';
import type { ValidationResult } from '../validate/validate.ts';
import { simClientVerdicts } from './client-verdicts.ts';
import { opensslText } from '../clients/openssl-family.ts';

/** One row of the results table. */
export interface ClientRow {
  client: string;
  label: string;
  fails: boolean;
  message: string;
  cause: CauseId | null;
  note?: string;
}

/** The `openssl verify` command's own output, straight from the validator at Debian's level. */
function opensslVerifyRow(openssl: ValidationResult, host: string): ClientRow {
  return {
    client: 'openssl-verify',
    label: 'openssl verify (OpenSSL 3.0, Debian)',
    fails: !openssl.ok,
    message: openssl.ok ? 'leaf.pem: OK' : `error ${openssl.code} at ${openssl.depth ?? 0} depth lookup: ${openssl.text}\nerror leaf.pem: verification failed`,
    cause: openssl.cause,
    note: `openssl verify -CAfile trusted.pem -untrusted chain.pem -verify_hostname ${host} -purpose sslserver -auth_level 2 leaf.pem`,
  };
}

export interface SimRun {
  scenario: Scenario;
  pki: GeneratedPki;
  openssl: ValidationResult;
  clients: ClientRow[];
  picture: ChainPicture;
  pictureText: string;
  showcerts: string;
  fixes: Fix[];
  /** Shell lines that serve this scenario with openssl s_server and point real clients at it. */
  reproduce: { server: string; serverLabel: string; clients: Array<{ label: string; line: string }> };
  /** Files offered for download: name -> PEM text. */
  files: Array<{ name: string; text: string; note: string }>;
}

export type SimRunResult = { ok: true; run: SimRun } | { ok: false; error: GenerateError };

const MISSING_ISSUER = new Set(['IssuerNotFound', 'SelfSignedInChain', 'AnchorNotSelfSigned']);

export async function runScenario(scenario: Scenario, at: Millis, crypto: Crypto): Promise<SimRunResult> {
  const gen = await generatePki(scenario, { crypto, at });
  if (!gen.ok) return gen;
  const pki = gen.pki;
  const parsed = await parsePki(pki, crypto.subtle);
  const openssl = await validatePki(pki, parsed, OPENSSL_DEBIAN_POLICY, crypto.subtle);
  const verdicts = await simClientVerdicts(pki, parsed, crypto.subtle);
  const clients: ClientRow[] = [
    opensslVerifyRow(openssl, scenario.host),
    ...verdicts.map((v): ClientRow => ({
      client: v.client,
      label: v.label,
      fails: v.fails,
      cause: v.cause,
      message: v.fails
        ? v.message || '(refused; no recorded text for this client)'
        : v.message || (v.aiaFetched.length ? `connects (fetched ${v.aiaFetched.join(', ')} from the AIA URL)` : 'connects'),
      ...(v.note ? { note: v.note } : {}),
    })),
  ];

  const failure =
    openssl.ok || openssl.depth === null
      ? undefined
      : {
          depth: openssl.depth,
          message: `${openssl.code} ${openssl.text}`,
          missingIssuer: MISSING_ISSUER.has(openssl.error?.kind ?? ''),
        };
  const picture = chainPicture(scenario, failure);
  // s_client goes on after an error and prints the last one (leaf only: 21, not 20); the
  // openssl renderer carries that code as its errorCode.
  const sClientError = verdicts.find((v) => v.client === 'openssl')?.errorCode;
  const sClientCode =
    sClientError !== undefined ? { code: Number(sClientError), text: opensslText(Number(sClientError)) } : { code: openssl.code, text: openssl.text };

  const causes: CauseId[] = [];
  const addCause = (c: CauseId | null | undefined) => {
    if (c && !causes.includes(c)) causes.push(c);
  };
  addCause(openssl.cause);
  for (const c of clients) if (c.fails) addCause(c.cause);
  if (scenario.clientCertRequired) addCause('client-cert-required');

  const byId = new Map(pki.certificates.map((c) => [c.id, c]));
  const files: SimRun['files'] = pki.certificates.map((c) => ({ name: `${c.id}.pem`, text: c.pem, note: c.spec.subject.commonName ?? c.id }));
  files.push({
    name: 'fullchain.pem',
    text: correctChainIds(scenario)
      .map((id) => byId.get(id)!.pem)
      .join(''),
    note: 'what the server should send',
  });
  const rootId = [...correctChainIds(scenario)]
    .reverse()
    .map((id) => byId.get(id)!.spec.issuer)
    .find((id) => byId.get(id)?.spec.issuer === id);
  if (rootId) {
    const named = files.find((f) => f.name === 'root.pem');
    if (named && rootId === 'root') named.note = `${named.note}: the CA file a client trusts`;
    else if (!named) files.push({ name: 'root.pem', text: byId.get(rootId)!.pem, note: 'the CA file a client trusts' });
  }
  const leaf = byId.get(scenario.serverSends[0]!)!;
  files.push({ name: `${leaf.id}.key`, text: leaf.keyPem, note: 'test key of the server certificate' });
  const repro = reproduce(scenario);
  for (const f of repro.files) {
    if (files.some((x) => x.name === f.name)) continue;
    const note = f.name === 'served-chain.pem' ? 'what the server sends after its own certificate' : "the client's trust store";
    files.push({ name: f.name, text: f.ids.map((id) => byId.get(id)!.pem).join(''), note });
  }

  return {
    ok: true,
    run: {
      scenario,
      pki,
      openssl,
      clients,
      picture,
      pictureText: chainText(picture),
      showcerts: renderShowcerts(pki, sClientCode),
      fixes: causes.map((c) => fixFor(scenario, c)),
      files,
      reproduce: {
        server: shellLine(repro.server),
        serverLabel: repro.server.label,
        clients: repro.clients.map((c) => ({ label: c.label, line: shellLine(c) })),
      },
    },
  };
}
