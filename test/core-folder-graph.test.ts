// The folders of src/core depend on each other one way only (#17): no folder pair imports each
// other, and no longer loop either (der <- x509 <- inspect ... never back). The files' own import
// cycles are ESLint's (import-x/no-cycle); this test keeps the folder picture a tree of layers.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CORE = resolve(dirname(fileURLToPath(import.meta.url)), '../src/core');

/** The folder a core file sits in ('(root)' for model.ts and the like). */
function folderOf(path: string): string {
  const parts = relative(CORE, path).split(/[\\/]/);
  return parts.length > 1 ? parts[0]! : '(root)';
}

/** Folder -> folder edges, each with the file imports that make it (test files left out). */
export function folderEdges(root: string): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(root, f));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), m[1]!);
      if (!target.startsWith(root)) continue; // other layers: ESLint's import-x/no-restricted-paths
      const a = folderOf(file);
      const b = folderOf(target);
      if (a === b) continue;
      const key = `${a} -> ${b}`;
      edges.set(key, [...(edges.get(key) ?? []), `${relative(root, file)} -> ${relative(root, target)}`]);
    }
  }
  return edges;
}

/** Every loop in the folder graph, each as its folders in order, starting from the smallest name. */
export function folderCycles(edgeKeys: Iterable<string>): string[][] {
  const next = new Map<string, string[]>();
  for (const k of edgeKeys) {
    const [a, b] = k.split(' -> ') as [string, string];
    next.set(a, [...(next.get(a) ?? []), b]);
  }
  const cycles = new Set<string>();
  const walk = (start: string, at: string, path: string[]) => {
    for (const n of next.get(at) ?? []) {
      if (n === start) {
        cycles.add(JSON.stringify(path));
      } else if (!path.includes(n) && n > start) {
        walk(start, n, [...path, n]);
      }
    }
  };
  for (const start of [...next.keys()].sort()) walk(start, start, [start]);
  return [...cycles].map((c) => JSON.parse(c) as string[]).sort((x, y) => x.join().localeCompare(y.join()));
}

describe('src/core folder graph (#17)', () => {
  it('finds a folder pair that imports each other, and a longer loop', () => {
    expect(folderCycles(['x509 -> der', 'der -> x509', 'a -> b', 'b -> c', 'c -> a', 'inspect -> der'])).toEqual([
      ['a', 'b', 'c'],
      ['der', 'x509'],
    ]);
  });

  it('has no folder pair importing each other and no longer loop', () => {
    const edges = folderEdges(CORE);
    const loops = folderCycles(edges.keys()).map((c) =>
      c.map((f, i) => `${f} -> ${c[(i + 1) % c.length]}: ${edges.get(`${f} -> ${c[(i + 1) % c.length]}`)!.join(', ')}`),
    );
    expect(loops).toEqual([]);
  });

  it('sees the imports it checks (the walker reads the real tree)', () => {
    const edges = folderEdges(CORE);
    expect(edges.has('x509 -> der')).toEqual(true);
    expect(edges.has('der -> x509')).toEqual(false);
  });
});
