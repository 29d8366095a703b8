/**
 * The client registry: each module answers for its own key, holds only its own messages and
 * renders an accepted chain; the aggregated tables list the clients in registry order.
 */
import { describe, expect, it } from 'vitest';
import { CLIENT_MESSAGES } from './messages.ts';
import { CLIENT_PROFILES } from './profiles.ts';
import { CLIENT_IDS, CLIENTS } from './registry.ts';

describe('client registry', () => {
  it('lists the ten clients in the order every listing and JSON object uses', () => {
    expect(CLIENT_IDS).toEqual(['openssl', 'curl', 'python', 'node', 'java', 'go', 'rustls', 'dotnet', 'chrome', 'firefox']);
  });

  it('gives each module its own key as id, and only its own messages', () => {
    const mismatched = CLIENT_IDS.flatMap((id) => [
      ...(CLIENTS[id].id === id ? [] : [`${id}: module id ${CLIENTS[id].id}`]),
      ...CLIENTS[id].messages.filter((m) => m.client !== id).map((m) => `${id}: message ${m.client}/${m.id}`),
    ]);
    expect(mismatched).toEqual([]);
  });

  it('aggregates messages and profiles in registry order', () => {
    expect([...new Set(CLIENT_MESSAGES.map((m) => m.client))]).toEqual(CLIENT_IDS);
    expect(CLIENT_PROFILES.map((p) => p.id)).toEqual(CLIENT_IDS);
  });

  it('renders an accepted chain (no failure, no certificate) as a pass for every client', () => {
    const rendered = Object.fromEntries(CLIENT_IDS.map((id) => [id, CLIENTS[id].render(null, { host: 'example.com', at: 0 }).fails]));
    expect(rendered).toEqual({
      openssl: false,
      curl: false,
      python: false,
      node: false,
      java: false,
      go: false,
      rustls: false,
      dotnet: false,
      chrome: false,
      firefox: false,
    });
  });
});
