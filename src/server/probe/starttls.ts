/**
 * The socket side of a TLS upgrade (issue 13): runs one protocol's pure dialogue
 * (src/core/net/starttls/) on a connected TCP socket until the server says "go ahead", then
 * leaves the socket paused for the TLS handshake, which reads from the next byte on.
 *
 * Bounded like the handshake: the dialogue waits at most its own timeout and what is left of
 * the probe's budget, reads at most MAX_DIALOGUE_BYTES, and every way out is a named error.
 */
import type { Socket } from 'node:net';
import { createDialogue } from '../../core/net/starttls/index.ts';
import type { TranscriptLine } from '../../core/net/starttls/dialogue.ts';
import { type UpgradePlan, type UpgradeProtocol, describePlan } from '../../core/net/starttls/protocols.ts';
import type { UpgradeJson } from '../../core/net/probe-json.ts';
import type { ProbeError } from './errors.ts';

export interface UpgradeOptions {
  port: number;
  /** The server's name: XMPP's stream `to`. */
  domain: string;
  timeoutMs: number;
  /** The budget's wait for this stage: how long, and the error when it ran out (see engine.ts Budget). */
  wait: (stageError: () => ProbeError) => { ms: number; onTimeout: () => ProbeError };
}

export type UpgradeEnd = { ok: true; transcript: TranscriptLine[] } | { ok: false; error: ProbeError; transcript: TranscriptLine[] };

export function runUpgrade(tcp: Socket, protocol: UpgradeProtocol, o: UpgradeOptions): Promise<UpgradeEnd> {
  const dialogue = createDialogue(protocol, { domain: o.domain });
  const wait = o.wait(() => ({
    kind: 'UpgradeTimeout',
    protocol,
    port: o.port,
    waitingFor: dialogue.waitingFor,
    afterMs: o.timeoutMs,
    bytesReceived: dialogue.bytesReceived,
  }));
  return new Promise((resolve) => {
    let settled = false;
    const finish = (error?: ProbeError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      tcp.off('data', onData);
      tcp.off('end', onClosed);
      tcp.off('close', onClosed);
      tcp.off('error', onClosed);
      // Paused, so no byte is lost before the TLS side reads (RecordingSocket resumes it).
      tcp.pause();
      resolve(error ? { ok: false, error, transcript: dialogue.transcript } : { ok: true, transcript: dialogue.transcript });
    };
    const act = (a: ReturnType<typeof dialogue.receive>) => {
      for (const bytes of a.send) if (!tcp.destroyed) tcp.write(bytes);
      if (a.end) finish(a.end.ok ? undefined : { ...a.end.failure, port: o.port });
    };
    const onData = (data: Buffer) => act(dialogue.receive(new Uint8Array(data.buffer, data.byteOffset, data.length)));
    // A reset is a close as far as the dialogue goes: the server is gone before TLS began.
    const onClosed = () => finish({ ...dialogue.closed(), port: o.port });
    const timer = setTimeout(() => finish(wait.onTimeout()), wait.ms);
    tcp.on('data', onData);
    tcp.once('end', onClosed);
    tcp.once('close', onClosed);
    tcp.once('error', onClosed);
    act(dialogue.start());
  });
}

/** What the report says about the way to TLS; undefined for TLS on an unknown port nobody chose. */
export function upgradeJson(plan: UpgradePlan, port: number, transcript: TranscriptLine[] = []): UpgradeJson | undefined {
  if (plan.mode === 'tls' && plan.service === null && plan.chosen === 'port') return undefined;
  return {
    mode: plan.mode,
    protocol: plan.mode === 'starttls' ? plan.protocol : null,
    service: plan.mode === 'tls' ? plan.service : null,
    chosen: plan.chosen,
    description: describePlan(plan, port),
    transcript,
  };
}
