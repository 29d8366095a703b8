/**
 * The probe's JSON result, shared by the HTTP route and `certlab probe --json`:
 * what the server presented and negotiated, plus the evidence block.
 */
import type { Millis } from '../../core/model.ts';
import type { ProbeOutcome, WireReport } from './engine.ts';
import { type ProbeError, describeProbeError } from './errors.ts';
import { evidenceText } from './evidence.ts';
import { summarisePresented } from './presented.ts';
import { clientCertJson, legacyTlsJson, notTlsJson } from './odd-facts.ts';
import type { ProbeErrorJson as CoreProbeErrorJson, ProbeJson as CoreProbeJson } from '../../core/net/probe-json.ts';

/** The JSON shapes are defined once, in src/core/net/probe-json.ts (the widget reads them too). */
export type ProbeErrorJson = CoreProbeErrorJson<ProbeError>;
export type ProbeJson = CoreProbeJson<ProbeError>;

export const errorJson = (e: ProbeError): ProbeErrorJson => ({ kind: e.kind, message: describeProbeError(e), detail: e });

export interface ProbeResultParts {
  json: ProbeJson;
  /** Parsed certificates, in the order sent (null where parsing failed), for verdicts. */
  certificates: Awaited<ReturnType<typeof summarisePresented>>['certificates'];
  report: WireReport;
}

/** The optional facts about odd servers (odd-facts.ts), each present only when it applies. */
function oddFacts(report: WireReport, error: ProbeError | undefined): Pick<ProbeJson, 'clientCert' | 'legacyTls' | 'notTls'> {
  const clientCert = clientCertJson(report, error);
  const legacyTls = legacyTlsJson(report);
  const notTls = notTlsJson(error);
  return { ...(clientCert ? { clientCert } : {}), ...(legacyTls ? { legacyTls } : {}), ...(notTls ? { notTls } : {}) };
}

/** Builds the JSON for an outcome that reached the server; `undefined` when none did. */
export async function buildProbeResult(outcome: ProbeOutcome, at: Millis, subtle: SubtleCrypto): Promise<ProbeResultParts | undefined> {
  const report = outcome.report;
  if (!report) return undefined;
  const { certificates, summaries } = await summarisePresented(report.presented, at, subtle);
  const error = outcome.ok ? undefined : errorJson(outcome.error);
  const json: ProbeJson = {
    target: report.target,
    ip: report.ip,
    presented: summaries,
    protocol: report.protocol,
    cipher: report.cipher,
    alpn: report.alpn,
    ocspStapled: report.ocspStapled,
    clientCertRequested: report.clientCertRequested,
    serverMessages: report.serverMessages,
    timings: report.timings,
    ...(report.upgrade ? { upgrade: report.upgrade } : {}),
    handshake: error ? { completed: report.handshakeCompleted, error } : { completed: report.handshakeCompleted },
    evidence: evidenceText({ report, certificates, at, ...(error ? { handshakeError: error.message } : {}) }),
    probedAt: new Date(at).toISOString(),
    ...oddFacts(report, outcome.ok ? undefined : outcome.error),
  };
  return { json, certificates, report };
}
