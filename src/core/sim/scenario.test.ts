import { describe, expect, it } from 'vitest';
import { checkScenario, issuerFirstOrder, issuerPath, parseScenarioText, SCENARIO_TEXT_LIMIT } from './scenario.ts';
import { baseScenario } from './presets.ts';

describe('parseScenarioText', () => {
  it('accepts the base scenario as JSON text', () => {
    const r = parseScenarioText(JSON.stringify(baseScenario()));
    expect(r).toEqual({ ok: true, scenario: baseScenario() });
  });
  it('names garbage, oversize input and wrong shapes with a typed error', () => {
    const notJson = parseScenarioText('{"version": 1,');
    expect(notJson.ok === false && notJson.error.kind).toBe('not-json');
    const huge = parseScenarioText(' '.repeat(SCENARIO_TEXT_LIMIT + 1));
    expect(huge).toEqual({
      ok: false,
      error: {
        kind: 'too-large',
        bytes: SCENARIO_TEXT_LIMIT + 1,
        limit: SCENARIO_TEXT_LIMIT,
        message: `Received ${SCENARIO_TEXT_LIMIT + 1} characters; a scenario may have at most ${SCENARIO_TEXT_LIMIT}. Remove certificates or long names.`,
      },
    });
    expect(parseScenarioText('[]')).toEqual({
      ok: false,
      error: { kind: 'schema', problems: [{ path: '', message: 'received array []. Expected object.' }], message: '/: received array []. Expected object.' },
    });
  });
  it('reports a bad key type with the allowed values', () => {
    const s = baseScenario() as unknown as { certificates: Array<Record<string, unknown>> };
    s.certificates[2]!.key = 'RSA-4096';
    const r = checkScenario(s);
    expect(r).toEqual({
      ok: false,
      error: {
        kind: 'schema',
        problems: [{ path: '/certificates/2/key', message: 'received "RSA-4096". Expected one of "P-256", "P-384", "RSA-2048", "RSA-1024".' }],
        message: '/certificates/2/key: received "RSA-4096". Expected one of "P-256", "P-384", "RSA-2048", "RSA-1024".',
      },
    });
  });
  it('reports unknown references, duplicate ids, loops and bad dates', () => {
    const a = baseScenario();
    a.serverSends = ['leaf', 'ica2'];
    expect(checkScenario(a)).toEqual({
      ok: false,
      error: {
        kind: 'unknown-reference',
        where: '/serverSends/1',
        id: 'ica2',
        known: ['root', 'ica', 'leaf'],
        message: "/serverSends/1: received 'ica2'. Expected one of the certificate ids: root, ica, leaf.",
      },
    });
    const b = baseScenario();
    b.certificates[1]!.id = 'root';
    expect(checkScenario(b).ok === false && (checkScenario(b) as { error: { kind: string } }).error.kind).toBe('duplicate-id');
    const c = baseScenario();
    c.certificates[0]!.issuer = 'leaf';
    expect(checkScenario(c)).toEqual({
      ok: false,
      error: {
        kind: 'issuer-cycle',
        ids: ['root', 'leaf', 'ica', 'root'],
        message: 'The issuers form a loop: root -> leaf -> ica -> root. Every chain must end at a self-signed certificate (issuer = its own id).',
      },
    });
    const d = baseScenario();
    d.certificates[2]!.validity.notAfter = '2026-13-45';
    expect(checkScenario(d)).toEqual({
      ok: false,
      error: {
        kind: 'bad-time',
        where: '/certificates/2/validity/notAfter',
        received: '2026-13-45',
        message:
          "/certificates/2/validity/notAfter: received '2026-13-45'. Expected days relative to now (e.g. -30) or an ISO date such as 2026-01-31T00:00:00Z.",
      },
    });
  });
});

describe('ordering helpers', () => {
  it('orders issuers first and walks a leaf up to its root', () => {
    // root -> ica -> leaf, listed leaf first
    const s = baseScenario();
    s.certificates.reverse();
    expect(issuerFirstOrder(s.certificates).map((c) => c.id)).toEqual(['root', 'ica', 'leaf']);
    expect(issuerPath(s, 'leaf')).toEqual(['leaf', 'ica', 'root']);
  });
});

describe('scenarioForModes with a key type', () => {
  it('RSA-2048 everywhere, the RSA-1024 mode still weakens only the leaf', async () => {
    const { scenarioForModes } = await import('./presets.ts');
    const s = scenarioForModes(['rsa-1024'], { key: 'RSA-2048' }).scenario;
    expect(s.certificates.map((c) => [c.id, c.key])).toEqual([
      ['root', 'RSA-2048'],
      ['ica', 'RSA-2048'],
      ['leaf', 'RSA-1024'],
    ]);
    expect(checkScenario(s)).toEqual({ ok: true, scenario: s });
  });
});

describe('mode display order', () => {
  it('lists every failure mode exactly once', async () => {
    const { FAILURE_MODES, MODE_DISPLAY_ORDER } = await import('./presets.ts');
    expect([...MODE_DISPLAY_ORDER].sort()).toEqual(FAILURE_MODES.map((m) => m.id).sort());
  });
});
