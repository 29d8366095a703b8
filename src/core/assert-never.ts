/**
 * The end of an exhaustive switch: `default: return assertNever(x)`. The compiler rejects the
 * call while a variant of the union is not handled above it (so a new variant is a compile
 * error, not a silent fallback); at run time it throws for a value the types ruled out.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: received ${JSON.stringify(value)}; every variant must have its own case.`);
}
