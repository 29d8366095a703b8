/**
 * Every message-table entry that claims to have been captured here must match text that a
 * real client really printed: test/clients/captured.json, written by
 * scripts/capture-client-messages.ts (rerun it to refresh the evidence).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_MESSAGES, type ClientMessage } from '../../src/core/clients/messages.ts';

interface Captured {
  situations: { id: string; runs: { client: string; output: string }[] }[];
  extras: { label: string; output: string }[];
}

const captured = JSON.parse(readFileSync(new URL('./captured.json', import.meta.url), 'utf8')) as Captured;
const outputs = [...captured.situations.flatMap((s) => s.runs.map((r) => r.output)), ...captured.extras.map((e) => e.output)];

/** A template as a pattern: literal text, each {placeholder} standing for some text. */
function templatePattern(m: ClientMessage): RegExp {
  const parts = m.template.split(/\{[a-zA-Z]+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Chrome's interstitial says NET::ERR_X where Playwright's error says net::ERR_X
  return new RegExp(parts.join('.+?'), m.client === 'chrome' ? 'i' : '');
}

describe('captured evidence for the message table', () => {
  const claimed = CLIENT_MESSAGES.filter((m) => m.basis !== 'source');

  it('has captured entries for every client that runs here', () => {
    expect([...new Set(claimed.map((m) => m.client))].sort()).toEqual(['chrome', 'curl', 'go', 'java', 'node', 'openssl', 'python', 'rustls']);
  });

  it.each(claimed.map((m): [string, ClientMessage] => [`${m.client}/${m.id}`, m]))('%s appears in a real output', (_key, m) => {
    const re = templatePattern(m);
    const hit = outputs.find((o) => re.test(o));
    expect(hit, `no captured output matches ${re}`).toBeDefined();
  });
});
