/**
 * The JSON Schema (for Monaco and checkScenario) and the `Scenario` type must not drift:
 * a type derived from the schema must equal the hand-written type (checked by tsc), and at
 * run time a scenario that sets every optional field must use exactly the schema's properties.
 */
import { describe, expect, it } from 'vitest';
import { checkScenario, type Scenario } from './scenario.ts';
import { scenarioSchema } from './scenario-schema.ts';
import { checkAgainstSchema, type JsonSchema } from './schema-check.ts';
import { FAILURE_MODES, scenarioForModes } from './presets.ts';

// ---- type level: FromSchema<typeof scenarioSchema> must equal Scenario -----------------
type FromSchema<S> = S extends { const: infer C }
  ? C
  : S extends { enum: readonly (infer E)[] }
    ? E
    : S extends { oneOf: readonly (infer O)[] }
      ? O extends unknown
        ? FromSchema<O>
        : never
      : S extends { type: 'string' }
        ? string
        : S extends { type: 'integer' | 'number' }
          ? number
          : S extends { type: 'boolean' }
            ? boolean
            : S extends { type: 'array'; items: infer I }
              ? FromSchema<I>[]
              : S extends { type: 'object'; properties: infer P }
                ? { [K in keyof P & RequiredOf<S>]-?: FromSchema<P[K]> } & { [K in Exclude<keyof P, RequiredOf<S>>]?: FromSchema<P[K]> }
                : unknown;
type RequiredOf<S> = S extends { required: readonly (infer R)[] } ? R : never;
type Deep<T> = T extends readonly (infer E)[] ? Deep<E>[] : T extends object ? { [K in keyof T]: Deep<T[K]> } : T;
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const typesAgree: Equals<Deep<Scenario>, Deep<FromSchema<typeof scenarioSchema>>> = true;

// ---- run time: a scenario with every optional field set ---------------------------------
type DeepRequired<T> = T extends readonly (infer E)[] ? DeepRequired<E>[] : T extends object ? { [K in keyof T]-?: DeepRequired<T[K]> } : T;
const everything: DeepRequired<Scenario> = {
  version: 1,
  title: 't',
  host: 'a.example',
  clientCertRequired: false,
  serverSends: ['leaf'],
  trustStore: ['leaf'],
  certificates: [
    {
      id: 'leaf',
      issuer: 'leaf',
      subject: { commonName: 'a.example', organization: 'O', organizationalUnit: 'OU', country: 'US' },
      subjectAltNames: ['a.example'],
      validity: { notBefore: -1, notAfter: '2030-01-01T00:00:00Z' },
      key: 'P-256',
      signatureHash: 'SHA-256',
      basicConstraints: { ca: true, pathLen: 0 },
      keyUsage: ['keyCertSign'],
      extendedKeyUsage: ['serverAuth'],
      nameConstraints: { permitted: ['a.example'], excluded: ['b.example'] },
      aia: true,
    },
  ],
};

function schemaPaths(s: JsonSchema, prefix: string, out: Set<string>): void {
  for (const [k, sub] of Object.entries(s.properties ?? {})) {
    out.add(`${prefix}/${k}`);
    schemaPaths(sub, `${prefix}/${k}`, out);
  }
  if (s.items) schemaPaths(s.items, `${prefix}/*`, out);
}
function valuePaths(v: unknown, prefix: string, out: Set<string>): void {
  if (Array.isArray(v)) {
    v.forEach((x) => valuePaths(x, `${prefix}/*`, out));
    return;
  }
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.add(`${prefix}/${k}`);
      valuePaths(x, `${prefix}/${k}`, out);
    }
  }
}

describe('scenario schema and type agree', () => {
  it('the schema-derived type equals Scenario (tsc checks the assignment)', () => {
    expect(typesAgree).toBe(true);
  });
  it('a scenario setting every optional field uses exactly the schema properties and passes', () => {
    const fromSchema = new Set<string>();
    const fromValue = new Set<string>();
    schemaPaths(scenarioSchema as JsonSchema, '', fromSchema);
    valuePaths(everything, '', fromValue);
    expect([...fromValue].sort()).toEqual([...fromSchema].sort());
    expect(checkAgainstSchema(scenarioSchema as JsonSchema, everything)).toEqual([]);
  });
  it('every single failure mode, and all of them at once, give a scenario the schema accepts', () => {
    for (const m of FAILURE_MODES) expect(checkAgainstSchema(scenarioSchema as JsonSchema, scenarioForModes([m.id]).scenario)).toEqual([]);
    expect(checkAgainstSchema(scenarioSchema as JsonSchema, scenarioForModes(FAILURE_MODES.map((m) => m.id)).scenario)).toEqual([]);
  });
  it('every pair of modes combines into a scenario that passes every check', () => {
    const failures: string[] = [];
    for (const a of FAILURE_MODES) {
      for (const b of FAILURE_MODES) {
        if (a.id >= b.id) continue;
        const r = checkScenario(scenarioForModes([a.id, b.id]).scenario);
        if (!r.ok) failures.push(`${a.id}+${b.id}: ${r.error.message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
