/**
 * Which content coding to answer with, from the request's `Accept-Encoding` (RFC 9110 §12.5.3):
 * each coding may carry a weight `;q=0.5`; `q=0` refuses it; `*` stands for every coding not
 * named. Brotli wins over gzip at equal weight (smaller for the same text); with neither
 * acceptable, or `identity` named with a higher weight than both, the answer is `identity`
 * (the file as it is; never refused, as servers commonly do).
 */
export type ContentCoding = 'br' | 'gzip' | 'identity';

/** The weight the header gives each coding it names (`x-gzip` is gzip); absent codings are missing. */
export function codingWeights(header: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!name) continue;
    let q = 1;
    for (const p of params) {
      const m = /^q\s*=\s*([0-9](?:\.[0-9]{0,3})?)$/.exec(p);
      if (m) q = Math.min(1, Number(m[1]));
    }
    const coding = name === 'x-gzip' ? 'gzip' : name;
    // A coding named twice keeps its highest weight.
    out.set(coding, Math.max(q, out.get(coding) ?? 0));
  }
  return out;
}

export function chooseCoding(header: string | undefined): ContentCoding {
  if (!header) return 'identity';
  const weights = codingWeights(header);
  const star = weights.get('*');
  const weight = (c: 'br' | 'gzip') => weights.get(c) ?? star ?? 0;
  const br = weight('br');
  const gzip = weight('gzip');
  // A client that weighs the file as it is above both codings gets it as it is.
  const identity = weights.get('identity') ?? 0;
  if (Math.max(br, gzip) < identity) return 'identity';
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}
