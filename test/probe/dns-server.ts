/**
 * A tiny authoritative DNS server on 127.0.0.1 (UDP) for the resolver tests: names under
 * `silent.test` are never answered (a DNS server that swallows queries), every other A query
 * is answered with 127.0.0.1, AAAA queries with no records, except names under `dual.test`,
 * whose AAAA query is answered with ::1 (a name with two backends).
 */
import { type Socket, createSocket } from 'node:dgram';
import { once } from 'node:events';

export interface FakeDns {
  server: string;
  /** Queries received, as `name/type`. */
  queries: string[];
  close: () => Promise<void>;
}

function questionEnd(msg: Buffer): { name: string; end: number } {
  const labels: string[] = [];
  let i = 12;
  while (msg[i]! !== 0) {
    labels.push(msg.subarray(i + 1, i + 1 + msg[i]!).toString('latin1'));
    i += 1 + msg[i]!;
  }
  return { name: labels.join('.').toLowerCase(), end: i + 5 };
}

export async function startFakeDns(): Promise<FakeDns> {
  const socket: Socket = createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (msg, peer) => {
    const { name, end } = questionEnd(msg);
    const qtype = msg.readUInt16BE(end - 4);
    queries.push(`${name}/${qtype === 1 ? 'A' : qtype === 28 ? 'AAAA' : qtype}`);
    if (name === 'silent.test' || name.endsWith('.silent.test')) return;
    const dual = name === 'dual.test' || name.endsWith('.dual.test');
    const answer =
      qtype === 1
        ? Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1])
        : qtype === 28 && dual
          ? Buffer.from([0xc0, 0x0c, 0, 28, 0, 1, 0, 0, 0, 60, 0, 16, ...new Array(15).fill(0), 1])
          : Buffer.alloc(0);
    const header = Buffer.from(msg.subarray(0, 12));
    header.writeUInt16BE(0x8180, 2); // response, recursion desired + available, NOERROR
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answer.length ? 1 : 0, 6);
    header.writeUInt16BE(0, 8);
    header.writeUInt16BE(0, 10);
    socket.send(Buffer.concat([header, msg.subarray(12, end), answer]), peer.port, peer.address);
  });
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return {
    server: `127.0.0.1:${socket.address().port}`,
    queries,
    close: () => new Promise((r) => socket.close(() => r())),
  };
}
