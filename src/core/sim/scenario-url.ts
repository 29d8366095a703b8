/**
 * A scenario kept in the URL fragment so it can be shared: `#scenario=<base64url of the JSON>`,
 * or `#modes=leaf-only,expired-leaf` for a preset. The scenario holds no keys (they are made
 * fresh on every run), so nothing secret ever reaches a URL. The fragment is never sent to a server.
 */
import { checkScenario, SCENARIO_TEXT_LIMIT, type Scenario, type ScenarioError } from './scenario.ts';

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export function scenarioToFragment(s: Scenario): string {
  return `#scenario=${toBase64Url(new TextEncoder().encode(JSON.stringify(s)))}`;
}

export type FragmentContent =
  | { kind: 'none' }
  | { kind: 'modes'; modes: string[] }
  | { kind: 'scenario'; scenario: Scenario; text: string }
  | { kind: 'invalid'; message: string; error?: ScenarioError };

export function readFragment(hash: string): FragmentContent {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const modes = params.get('modes');
  const encoded = params.get('scenario');
  if (encoded !== null) {
    if (encoded.length > SCENARIO_TEXT_LIMIT * 2) {
      return { kind: 'invalid', message: `The link's scenario has ${encoded.length} characters; at most ${SCENARIO_TEXT_LIMIT * 2} are read.` };
    }
    const bytes = fromBase64Url(encoded);
    if (!bytes) return { kind: 'invalid', message: "The link's scenario is not base64url text. Copy the whole link again." };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { kind: 'invalid', message: "The link's scenario is not UTF-8 text. Copy the whole link again." };
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { kind: 'invalid', message: `The link's scenario is not JSON (${(e as Error).message}).` };
    }
    const r = checkScenario(value);
    if (!r.ok) return { kind: 'invalid', message: `The link's scenario does not fit the format: ${r.error.message}`, error: r.error };
    return { kind: 'scenario', scenario: r.scenario, text: JSON.stringify(r.scenario, null, 2) };
  }
  if (modes !== null)
    return {
      kind: 'modes',
      modes: modes
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean),
    };
  return { kind: 'none' };
}
