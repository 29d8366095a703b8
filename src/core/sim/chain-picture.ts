/**
 * The chain as a picture: the path the leaf's issuers form (leaf -> ... -> root), what the
 * server sent and the client trusts at each step, the links that are broken, and certificates
 * sent that are not on the path. Plain data; the widget draws it and prints `chainText`.
 */
import type { Scenario } from './scenario.ts';

export type NodeRole = 'leaf' | 'intermediate' | 'root';

export interface ChainNode {
  id: string;
  name: string;
  role: NodeRole;
  /** Position in what the server sent (0 = first), or null when not sent. */
  sentAt: number | null;
  trusted: boolean;
  /** The failure the validator reports about this certificate, if any. */
  problem?: string;
}

/** The link from node i (below) to node i+1 (its issuer, above). */
export interface ChainLink {
  broken: boolean;
  reason?: string;
}

export interface ChainPicture {
  /** Leaf first. */
  nodes: ChainNode[];
  /** links[i] joins nodes[i] to nodes[i + 1]. */
  links: ChainLink[];
  /** Sent by the server but not on the path (unrelated or duplicate). */
  extras: Array<{ id: string; name: string; sentAt: number }>;
  /** The server's order differs from leaf-then-issuers. */
  outOfOrder: boolean;
}

/** Where the validator found the failure: depth on the path (0 = leaf) and its message. */
export interface PictureFailure {
  depth: number;
  message: string;
  /** IssuerNotFound-like failures break the link above `depth`, not the certificate. */
  missingIssuer: boolean;
}

export function chainPicture(s: Scenario, failure?: PictureFailure): ChainPicture {
  const byId = new Map(s.certificates.map((c) => [c.id, c]));
  const pathIds: string[] = [];
  let cur = byId.get(s.serverSends[0]!);
  while (cur && !pathIds.includes(cur.id)) {
    pathIds.push(cur.id);
    if (cur.issuer === cur.id) break;
    cur = byId.get(cur.issuer);
  }
  const sentAt = (id: string) => {
    const i = s.serverSends.indexOf(id);
    return i < 0 ? null : i;
  };
  const nodes: ChainNode[] = pathIds.map((id, i) => {
    const spec = byId.get(id)!;
    const selfSigned = spec.issuer === spec.id;
    return {
      id,
      name: spec.subject.commonName ?? spec.subject.organization ?? id,
      role: i === 0 ? 'leaf' : selfSigned ? 'root' : 'intermediate',
      sentAt: sentAt(id),
      trusted: s.trustStore.includes(id),
    };
  });
  const links: ChainLink[] = [];
  for (let i = 0; i + 1 < nodes.length; i++) {
    const up = nodes[i + 1]!;
    if (up.trusted) links.push({ broken: false });
    else if (up.sentAt === null && up.role !== 'root') links.push({ broken: true, reason: `${up.name} was not sent by the server` });
    else if (up.role === 'root') links.push({ broken: true, reason: `${up.name} is not in the client's trust store` });
    else links.push({ broken: false });
  }
  if (nodes.length === 1 && !nodes[0]!.trusted) {
    // A self-signed leaf: nothing above it, and the client does not trust it.
    nodes[0]!.problem = `${nodes[0]!.name} is signed by itself and not in the client's trust store`;
  }
  if (failure) {
    const node = nodes[failure.depth];
    if (failure.missingIssuer && failure.depth < links.length) {
      const link = links[failure.depth]!;
      link.broken = true;
      link.reason = link.reason ?? failure.message;
    } else if (node) {
      node.problem = failure.message;
    }
  }
  const extras = s.serverSends.flatMap((id, i) =>
    pathIds.includes(id) && s.serverSends.indexOf(id) === i ? [] : [{ id, name: byId.get(id)?.subject.commonName ?? id, sentAt: i }],
  );
  const sentPath = s.serverSends.filter((id) => pathIds.includes(id));
  const expected = pathIds.filter((id) => sentPath.includes(id));
  const outOfOrder = sentPath.some((id, i) => id !== expected[i]);
  return { nodes, links, extras, outOfOrder };
}

/** The text equivalent of the picture, root on top, as a screen reader or a terminal shows it. */
export function chainText(p: ChainPicture): string {
  const lines: string[] = [];
  for (let i = p.nodes.length - 1; i >= 0; i--) {
    const n = p.nodes[i]!;
    const facts = [n.role, n.sentAt === null ? 'not sent' : `sent #${n.sentAt}`, ...(n.trusted ? ['trusted by the client'] : [])];
    lines.push(`${n.problem ? '✗' : '•'} ${n.name} (${facts.join(', ')})${n.problem ? ` — ${n.problem}` : ''}`);
    if (i > 0) {
      const link = p.links[i - 1]!;
      lines.push(link.broken ? `  ✗ broken link: ${link.reason}` : '  │ issued the certificate below');
    }
  }
  if (p.outOfOrder) lines.push('! the server sends these certificates out of order');
  for (const e of p.extras) lines.push(`+ also sent #${e.sentAt}: ${e.name} (not on the path)`);
  return lines.join('\n');
}
