/**
 * From a probe outcome to the full result: what was presented (result.ts), then the
 * verdicts, headline, findings and email built from the validator and cause tables.
 */
import type { Millis } from '../../core/model.ts';
import type { ProbeOutcome } from './engine.ts';
import { type ProbeJson, buildProbeResult } from './result.ts';

export type ProbeAnalysis = ProbeJson;

export async function analyseProbe(outcome: ProbeOutcome, at: Millis, subtle: SubtleCrypto): Promise<ProbeAnalysis | undefined> {
  const parts = await buildProbeResult(outcome, at, subtle);
  return parts?.json;
}
