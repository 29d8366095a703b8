/**
 * The fix panel under a probe report: the chain to serve the server built (its AIA fetches went
 * through the probe's address guard), the trust commands for the clients the report says fail,
 * and "Probe again", which re-runs the probe in place.
 */
import type { ProbeAnalysisJson } from '../../core/net/probe-json.ts';
import { CLIENT_IDS, type ClientId } from '../../core/clients/registry.ts';
import { fixPanel } from './fix.ts';

export function probeFixPanel(r: ProbeAnalysisJson, out: HTMLElement): HTMLElement {
  const failing = CLIENT_IDS.filter((id: ClientId) => r.verdicts?.[id]?.ok === false);
  const probe = out.closest('certlab-probe');
  const form = probe?.querySelector<HTMLFormElement>('form[data-probe]');
  const j = r.chainToServe!;
  const sent = r.presented.map((c) => c.sha256);
  const alreadyServed = j.ok && sent.length === j.chain.length && j.chain.every((c, i) => c.sha256 === sent[i]);
  return fixPanel(j, {
    alreadyServed,
    host: r.target.servername ?? r.target.host,
    port: r.target.port,
    clients: failing,
    probeAgain: form ? () => form.requestSubmit() : null,
  });
}
