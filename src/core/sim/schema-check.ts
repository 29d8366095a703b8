/**
 * A checker for the small subset of JSON Schema (draft 2020-12 keywords) that the scenario
 * schema uses, so the schema Monaco shows is also the one the core enforces.
 * Supported: type, properties, required, additionalProperties: false, enum, const, items,
 * minItems, maxItems, minimum, maximum, minLength, maxLength, pattern, oneOf.
 */

export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  description?: string;
  markdownDescription?: string;
  default?: unknown;
  examples?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: false;
  enum?: readonly unknown[];
  const?: unknown;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  oneOf?: readonly JsonSchema[];
  title?: string;
  $schema?: string;
  $id?: string;
}

/** One place where the value does not fit: a JSON Pointer and what was expected. */
export interface SchemaProblem {
  path: string;
  message: string;
}

const MAX_PROBLEMS = 20;

export function checkAgainstSchema(schema: JsonSchema, value: unknown, path = ''): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  walk(schema, value, path, out);
  return out.slice(0, MAX_PROBLEMS);
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function walk(schema: JsonSchema, v: unknown, path: string, out: SchemaProblem[]): void {
  if (out.length >= MAX_PROBLEMS) return;
  const add = (message: string): void => {
    out.push({ path, message });
  };
  if (schema.oneOf) {
    const fits = schema.oneOf.filter((s) => checkAgainstSchema(s, v, path).length === 0);
    if (fits.length !== 1) {
      const kinds = schema.oneOf.map((s) => s.description ?? s.type ?? 'value').join(' | ');
      add(`received ${show(v)}. Expected ${kinds}.`);
    }
    return;
  }
  if (schema.type) {
    const t = typeOf(v);
    const ok = t === schema.type || (schema.type === 'number' && t === 'integer');
    if (!ok) {
      add(`received ${t} ${show(v)}. Expected ${schema.type}.`);
      return;
    }
  }
  if (schema.const !== undefined && v !== schema.const) add(`received ${show(v)}. Expected ${show(schema.const)}.`);
  if (schema.enum && !schema.enum.includes(v)) {
    add(`received ${show(v)}. Expected one of ${schema.enum.map(show).join(', ')}.`);
  }
  if (typeof v === 'number') {
    if (schema.minimum !== undefined && v < schema.minimum) add(`received ${v}. Expected at least ${schema.minimum}.`);
    if (schema.maximum !== undefined && v > schema.maximum) add(`received ${v}. Expected at most ${schema.maximum}.`);
  }
  if (typeof v === 'string') {
    if (schema.minLength !== undefined && v.length < schema.minLength) add(`received ${show(v)}. Expected at least ${schema.minLength} characters.`);
    if (schema.maxLength !== undefined && v.length > schema.maxLength) add(`received ${v.length} characters. Expected at most ${schema.maxLength}.`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(v)) add(`received ${show(v)}. Expected text matching ${schema.pattern}.`);
  }
  if (Array.isArray(v)) {
    if (schema.minItems !== undefined && v.length < schema.minItems) add(`received ${v.length} items. Expected at least ${schema.minItems}.`);
    if (schema.maxItems !== undefined && v.length > schema.maxItems) add(`received ${v.length} items. Expected at most ${schema.maxItems}.`);
    if (schema.items) v.forEach((item, i) => walk(schema.items!, item, `${path}/${i}`, out));
  }
  if (typeOf(v) === 'object') {
    const obj = v as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (!(key in obj)) add(`missing '${key}'. Expected an object with ${(schema.required ?? []).join(', ')}.`);
    }
    for (const [key, item] of Object.entries(obj)) {
      const sub = schema.properties?.[key];
      if (sub) walk(sub, item, `${path}/${key}`, out);
      else if (schema.additionalProperties === false) {
        out.push({ path: `${path}/${key}`, message: `unknown property '${key}'. Expected one of ${Object.keys(schema.properties ?? {}).join(', ')}.` });
      }
    }
  }
}
