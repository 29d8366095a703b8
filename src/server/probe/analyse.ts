/**
 * From a probe outcome to the full result: what was presented (result.ts), what each client
 * will say (verdicts.ts), the cause, headline and email (story.ts), and the evidence block
 * with the verify results.
 */
import type { Certificate, Millis } from '../../core/model.ts';
import type { AiaFetcher } from '../../core/validate/validate.ts';
import { opensslText } from '../../core/clients/openssl-family.ts';
import type { ProbeOutcome } from './engine.ts';
import { evidenceText } from './evidence.ts';
import { type ProbeFinding, probeFindings } from './findings.ts';
import { buildProbeResult } from './result.ts';
import type { ProbeError } from './errors.ts';
import type { ProbeAnalysisJson } from '../../core/net/probe-json.ts';
import { type RevocationInput, checkRevocation } from './revocation.ts';
import { revocationStory } from './revocation-story.ts';
import { type Story, tellStory } from './story.ts';
import { type ClientVerdictJson, judgePresented } from './verdicts.ts';
import { olderStoresFinding, probeTrustStores } from './trust-matrix.ts';
import { probeChainToServe } from './chain-to-serve.ts';

/** The JSON shape (src/core/net/probe-json.ts), with the server's narrower types. */
export interface ProbeAnalysis extends ProbeAnalysisJson<ProbeError> {
  verdicts?: Partial<Record<string, ClientVerdictJson>>;
  cause: Story['cause'];
  liability: Story['liability'];
  findings: ProbeFinding[];
  email: Story['email'];
}

export interface AnalyseOptions {
  extraAnchors?: Certificate[];
  aiaFetcher?: AiaFetcher;
  /** Run the live OCSP and CRL check (opt-in) with these fetch options; the passive part always runs. */
  liveRevocation?: RevocationInput['live'];
}

/**
 * Most certificates judged and analysed (issue 18). Real chains hold two to four; a hostile
 * server can send hundreds (256 KiB of them), and path building and the bundle analysis grow
 * with the square of the count: a 100-certificate flight blocked the event loop for a second.
 * The list as sent is still reported whole.
 */
export const MAX_ANALYSED_CERTIFICATES = 16;

export async function analyseProbe(outcome: ProbeOutcome, at: Millis, subtle: SubtleCrypto, options: AnalyseOptions = {}): Promise<ProbeAnalysis | undefined> {
  const parts = await buildProbeResult(outcome, at, subtle);
  if (!parts) return undefined;
  const { json, report } = parts;
  const certificates = parts.certificates.slice(0, MAX_ANALYSED_CERTIFICATES);
  // A TLS 1.0/1.1-only server: the chain was read, but clients stop at the protocol (json.legacyTls says which), so no chain verdicts.
  const verdicts = await judgePresented({
    presented: json.legacyTls ? [] : certificates,
    peerName: report.target.servername ?? report.target.host,
    port: report.target.port,
    at,
    subtle,
    ...(options.extraAnchors ? { extraAnchors: options.extraAnchors } : {}),
    ...(options.aiaFetcher ? { aiaFetcher: options.aiaFetcher } : {}),
  });
  const trustStores = await probeTrustStores(certificates, report.target.servername ?? report.target.host, at, subtle);
  const findings = await probeFindings(certificates, report.target.servername ?? report.target.host, report.clientCertRequested, at, subtle);
  const revocation = await checkRevocation({
    report,
    certificates,
    ...(options.extraAnchors ? { extraIssuers: options.extraAnchors } : {}),
    at,
    subtle,
    ...(options.liveRevocation ? { live: options.liveRevocation } : {}),
  });
  if (revocation) findings.push(...revocation.findings);
  const older = trustStores ? olderStoresFinding(trustStores) : null;
  if (older) findings.push(older);
  if (parts.certificates.length > MAX_ANALYSED_CERTIFICATES) {
    findings.push({
      kind: 'too-many-certificates',
      severity: 'warning',
      items: parts.certificates.map((_, i) => i).slice(MAX_ANALYSED_CERTIFICATES),
      message: `the server sent ${parts.certificates.length} certificates; only the first ${MAX_ANALYSED_CERTIFICATES} were judged`,
      action: 'Send the leaf and its intermediates only: a chain is rarely more than four certificates.',
    });
  }
  const worthFixing = [...new Set(findings.filter((f) => f.severity !== 'info').map((f) => f.kind.replace(/-/g, ' ')))];
  const verify = verdicts
    ? (['openssl', 'node'] as const).flatMap((c) => {
        const v = verdicts.clients[c];
        if (!v) return [];
        // s_client reports its last error ("Verify return code: 21 (...)"): the renderer says which code that is.
        const reported = verdicts.verdicts[c]?.reportedCode;
        return [{ label: `${c}, ${v.store}`, code: reported ?? v.code, text: reported !== undefined ? opensslText(reported) : verdicts.results[c]!.text }];
      })
    : [];
  const evidence = evidenceText({ report, certificates, at, verify, ...(json.handshake.error ? { handshakeError: json.handshake.error.message } : {}) });
  const told = tellStory({
    host: report.target.host,
    port: report.target.port,
    presented: certificates,
    ...(verdicts ? { verdicts } : {}),
    report,
    ...(outcome.ok ? {} : { error: outcome.error }),
    evidence,
    findings,
    ...(json.clientCert ? { clientCert: json.clientCert } : {}),
    ...(json.legacyTls ? { legacyTls: json.legacyTls } : {}),
    ...(json.notTls ? { notTls: json.notTls } : {}),
  });
  // Path checks accepted the chain, but revocation says otherwise: that is the story to tell.
  const story = (told.cause === null && verdicts && revocationStory(findings, `${report.target.host}:${report.target.port}`, evidence)) || told;
  return {
    ...json,
    ...(verdicts ? { verdicts: verdicts.clients } : {}),
    ...(trustStores ? { trustStores } : {}),
    cause: story.cause,
    liability: story.liability,
    headline: story.cause === null && worthFixing.length ? `${story.headline} Worth fixing: ${worthFixing.join(', ')}.` : story.headline,
    findings,
    evidence,
    email: story.email,
    ...(revocation ? { revocation: revocation.json } : {}),
    ...(verdicts
      ? { chainToServe: await probeChainToServe({ presented: certificates, host: report.target.servername ?? report.target.host, at, subtle, ...options }) }
      : {}),
  };
}
