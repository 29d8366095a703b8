/**
 * Each client's verdict on a simulated connection: the validator run under every client
 * profile (judgeClients), each result put in the client's own words by the clients'
 * renderer, AIA fetches answered from the generated certificates, and — when the server
 * demands a client certificate — the handshake refusal for clients whose chain check passed.
 */
import type { CauseId } from '../causes/cause-id.ts';
import type { ClientId } from '../clients/messages.ts';
import { CLIENT_PROFILES } from '../clients/profiles.ts';
import { clientMessage, type RenderedClientMessage } from '../clients/render.ts';
import type { Subtle } from '../model.ts';
import { judgeClients, type ClientRenderer } from '../clients/judge.ts';
import type { GeneratedPki } from './generate.ts';
import { clientCertRequiredMessage } from './handshake-messages.ts';
import { simulatedAia, type ParsedPki } from './judge.ts';

export interface SimClientVerdict {
  client: ClientId;
  label: string;
  fails: boolean;
  /** What the client prints ('' when it connects, or when no real text is recorded). */
  message: string;
  cause: CauseId | null;
  /** The validator's OpenSSL-numbered code under this client's policy (0 = chain accepted). */
  code: number;
  errorCode?: string;
  note?: string;
  /** Subjects fetched through AIA (Chrome). */
  aiaFetched: string[];
  /** False when the message is not a recorded real text. */
  modelled: boolean;
}

export async function simClientVerdicts(pki: GeneratedPki, parsed: ParsedPki, subtle: Subtle): Promise<SimClientVerdict[]> {
  // Keep the renderer's whole answer (notes, whether the text is a recorded one).
  const rendered = new Map<ClientId, RenderedClientMessage>();
  const render: ClientRenderer = (client, failure, ctx) => {
    const m = clientMessage(client, failure, ctx);
    rendered.set(client, m);
    return m;
  };
  const judged = await judgeClients(
    { peer: parsed.peer, untrusted: parsed.untrusted, anchors: parsed.anchors, peerName: pki.scenario.host, at: pki.at, aiaFetcher: simulatedAia(pki), subtle },
    render,
    CLIENT_PROFILES,
  );
  const out: SimClientVerdict[] = [];
  for (const profile of CLIENT_PROFILES) {
    const v = judged[profile.id];
    if (!v) continue;
    const m = rendered.get(profile.id);
    let verdict: SimClientVerdict = {
      client: profile.id, label: v.label,
      fails: v.fails, message: v.message ?? '',
      cause: v.fails ? v.result.cause : null, code: v.result.code,
      ...(v.errorCode ? { errorCode: v.errorCode } : {}),
      ...(m?.note ? { note: m.note } : {}),
      aiaFetched: v.result.aiaFetched.map((p) => p.subject),
      modelled: m?.modelled ?? true,
    };
    if (pki.scenario.clientCertRequired && !verdict.fails) {
      const h = clientCertRequiredMessage(profile.id);
      verdict = { ...verdict, fails: true, message: h.message, cause: 'client-cert-required', modelled: h.message !== '',
        ...(h.note ? { note: h.note } : {}) };
    }
    out.push(verdict);
  }
  return out;
}
