/**
 * Drives a pure upgrade dialogue with scripted server bytes, as the socket side would: start(),
 * then each chunk in order, stopping at the dialogue's end. What the client sent comes back as
 * text (latin-1), so tests compare whole conversations.
 */
import type { Dialogue, UpgradeFailure } from '../../src/core/net/starttls/dialogue.ts';

export interface Driven {
  sent: string[];
  end: { ok: true } | { ok: false; failure: UpgradeFailure } | 'open' | { closed: UpgradeFailure };
  /** Chunks the dialogue did not get to read because it had ended. */
  unread: number;
}

const text = (b: Uint8Array) => String.fromCharCode(...b);
export const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Cuts `s` into pieces of `size` bytes (1: every byte its own packet). */
export function cut(s: string | Uint8Array, size: number): Uint8Array[] {
  const b = typeof s === 'string' ? bytes(s) : s;
  const out: Uint8Array[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return out;
}

export function drive(d: Dialogue, chunks: (string | Uint8Array)[], options: { close?: boolean } = {}): Driven {
  const sent: string[] = [];
  const first = d.start();
  sent.push(...first.send.map(text));
  if (first.end) return { sent, end: first.end, unread: chunks.length };
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i]!;
    const a = d.receive(typeof c === 'string' ? bytes(c) : c);
    sent.push(...a.send.map(text));
    if (a.end) return { sent, end: a.end, unread: chunks.length - i - 1 };
  }
  return { sent, end: options.close ? { closed: d.closed() } : 'open', unread: 0 };
}
