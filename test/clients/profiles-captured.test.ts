/**
 * The profile knobs marked 'captured' must say what the real clients did in
 * test/clients/captured.json (regenerate with scripts/capture-client-messages.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_PROFILES } from '../../src/core/clients/profiles.ts';

interface Run {
  client: string;
  exit: number | null;
  output: string;
}
const captured = JSON.parse(readFileSync(new URL('./captured.json', import.meta.url), 'utf8')) as {
  situations: { id: string; runs: Run[] }[];
};

/** Which captured client stands for which profile. */
/** Python: the profile is 3.13 (strict, partial chains); its other knobs were captured on 3.11.7. */
const PY313 = 'python313';
const RUNNER: Record<string, string> = {
  openssl: 'openssl',
  curl: 'curl',
  python: 'python-ssl',
  node: 'node24',
  java: 'java',
  go: 'go',
  rustls: 'rustls',
  chrome: 'chromium',
};

function passed(situation: string, client: string): boolean {
  const run = captured.situations.find((s) => s.id === situation)?.runs.find((r) => r.client === client);
  if (!run) throw new Error(`captured.json has no run of ${client} for ${situation}; rerun scripts/capture-client-messages.ts`);
  // s_client connects either way; its verdict is the verify return code
  return client === 'openssl' ? run.output.includes('Verify return code: 0 (ok)') : run.exit === 0;
}

/** Leaf-only chain whose leaf names its issuer's URL (served on 127.0.0.1): passes exactly when the client fetches AIA. */
function aiaCheck(aiaFetch: boolean, client: string): boolean {
  return aiaFetch === passed('incomplete-chain-aia', client) && !passed('incomplete-chain', client);
}

describe('captured profile knobs agree with the real clients', () => {
  const rows = CLIENT_PROFILES.filter((p) => RUNNER[p.id]).map((p) => {
    const c = RUNNER[p.id];
    const e = p.evidence;
    return {
      id: p.id,
      cnFallback: e.cnFallback.basis === 'captured' ? p.policy.cnFallback === passed('cn-only', c) : 'not captured',
      minRsaBits: e.minRsaBits.basis === 'captured' ? p.policy.minRsaBits > 1024 === !passed('weak-key', c) : 'not captured',
      rejectSha1: e.rejectSha1.basis === 'captured' ? p.policy.rejectSha1 === !passed('weak-digest', c) : 'not captured',
      partialChain:
        e.partialChain.basis === 'captured' ? p.policy.partialChain === passed('trusted-intermediate', p.id === 'python' ? PY313 : c) : 'not captured',
      strict: e.strict.basis === 'captured' ? p.policy.strict === !passed('ca-without-keyusage', p.id === 'python' ? PY313 : c) : 'not captured',
      aiaFetch: aiaCheck(p.policy.aiaFetch, c),
    };
  });

  it('matches for openssl, curl, python (3.13 for strict and partial chains, 3.11 for the rest), node 24, java 17, go 1.26, rustls 0.23 and chromium 156', () => {
    expect(rows).toEqual([
      { id: 'openssl', cnFallback: true, minRsaBits: true, rejectSha1: true, partialChain: true, strict: true, aiaFetch: true },
      { id: 'curl', cnFallback: true, minRsaBits: true, rejectSha1: true, partialChain: true, strict: true, aiaFetch: true },
      { id: 'python', cnFallback: true, minRsaBits: true, rejectSha1: true, partialChain: true, strict: true, aiaFetch: true },
      { id: 'node', cnFallback: true, minRsaBits: true, rejectSha1: true, partialChain: true, strict: true, aiaFetch: true },
      { id: 'java', cnFallback: true, minRsaBits: true, rejectSha1: true, partialChain: true, strict: true, aiaFetch: true },
      { id: 'go', cnFallback: true, minRsaBits: true, rejectSha1: true, partialChain: true, strict: true, aiaFetch: true },
      { id: 'rustls', cnFallback: true, minRsaBits: true, rejectSha1: true, partialChain: true, strict: true, aiaFetch: true },
      { id: 'chrome', cnFallback: true, minRsaBits: true, rejectSha1: true, partialChain: true, strict: true, aiaFetch: true },
    ]);
  });

  it('records the Node 20 / Node 24 split on RSA-1024 that the node profile notes', () => {
    expect({ node20: passed('weak-key', 'node20'), node24: passed('weak-key', 'node24') }).toEqual({ node20: true, node24: false });
  });

  it('records that Java fetches AIA only when -Dcom.sun.security.enableAIAcaIssuers=true', () => {
    expect({ default: passed('incomplete-chain-aia', 'java'), enabled: passed('incomplete-chain-aia', 'java-aia') }).toEqual({ default: false, enabled: true });
  });

  it('records that requests refuses the CN-only leaf that Python ssl accepts', () => {
    expect({ ssl: passed('cn-only', 'python-ssl'), requests: passed('cn-only', 'python-requests') }).toEqual({ ssl: true, requests: false });
  });
});
