import { describe, expect, it } from 'vitest';
import { scenarioForModes } from './presets.ts';
import { readFragment, scenarioToFragment } from './scenario-url.ts';

describe('scenario in the URL fragment', () => {
  it('round-trips a scenario, including non-ASCII names', () => {
    const s = scenarioForModes(['leaf-only']).scenario;
    s.certificates[0]!.subject.organization = 'Zürich Test AG';
    const frag = scenarioToFragment(s);
    expect(frag).toMatch(/^#scenario=[A-Za-z0-9_-]+$/);
    expect(readFragment(frag)).toEqual({ kind: 'scenario', scenario: s, text: JSON.stringify(s, null, 2) });
  });
  it('reads a list of modes', () => {
    expect(readFragment('#modes=leaf-only,expired-leaf')).toEqual({ kind: 'modes', modes: ['leaf-only', 'expired-leaf'] });
    expect(readFragment('')).toEqual({ kind: 'none' });
  });
  it('names broken links instead of throwing', () => {
    expect(readFragment('#scenario=%%%')).toEqual({ kind: 'invalid', message: "The link's scenario is not base64url text. Copy the whole link again." });
    expect(readFragment('#scenario=_w')).toEqual({ kind: 'invalid', message: "The link's scenario is not UTF-8 text. Copy the whole link again." });
    const notJson = readFragment(`#scenario=${btoa('{"version":').replace(/=+$/, '')}`);
    expect(notJson.kind).toBe('invalid');
    const wrong = readFragment(`#scenario=${btoa('{"version":2}').replace(/=+$/, '')}`);
    expect(wrong.kind === 'invalid' && wrong.message).toBe(
      "The link's scenario does not fit the format: /: missing 'host'. Expected an object with version, host, certificates, serverSends, trustStore. (and 4 more)",
    );
  });
});
