/**
 * Each client's verdict on a simulated connection: the validator run under every client
 * profile through the one verdict function (clientVerdicts), each result put in the client's
 * own words, AIA fetches answered from the generated certificates, and — when the server
 * demands a client certificate — the handshake refusal for clients whose chain check passed.
 */
import type { CauseId } from '../causes/cause-id.ts';
import { CLIENT_IDS, type ClientId } from '../clients/registry.ts';
import { clientVerdicts } from '../clients/verdicts.ts';
import type { Subtle } from '../model.ts';
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
  const judged = await clientVerdicts({
    peer: parsed.peer,
    untrusted: parsed.untrusted,
    anchors: parsed.anchors,
    peerName: pki.scenario.host,
    at: pki.at,
    aiaFetcher: simulatedAia(pki),
    subtle,
  });
  return CLIENT_IDS.map((id) => {
    const v = judged[id];
    const verdict: SimClientVerdict = {
      client: id,
      label: v.label,
      fails: v.fails,
      message: v.fails ? v.message : '',
      cause: v.fails ? v.result.cause : null,
      code: v.result.code,
      ...(v.fails && v.errorCode ? { errorCode: v.errorCode } : {}),
      // an accepted chain carries no renderer note (as before the one verdict function)
      ...(!v.result.ok && v.note ? { note: v.note } : {}),
      aiaFetched: v.result.aiaFetched.map((p) => p.subject),
      modelled: v.result.ok || v.modelled,
    };
    if (!pki.scenario.clientCertRequired || verdict.fails) return verdict;
    const h = clientCertRequiredMessage(id);
    return { ...verdict, fails: true, message: h.message, cause: 'client-cert-required', modelled: h.message !== '', ...(h.note ? { note: h.note } : {}) };
  });
}
