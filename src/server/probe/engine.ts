/**
 * The probe engine: resolve the name once, connect to exactly that address, run a TLS
 * handshake through a recording socket, and read what the server sent from the recording.
 *
 * Safety (issue 6): the address that is checked is the address that is dialled. The name is
 * resolved once by the injected resolver; net.connect gets the IP literal, so no second lookup
 * can happen (DNS rebinding). With a policy, every refusal happens before any socket exists.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { DEFAULT_CIPHERS, type SecureContext, connect as tlsConnect, createSecureContext, type TLSSocket } from 'node:tls';
import { performance } from 'node:perf_hooks';
import { type TargetPolicy, admitAddress, admitTarget } from '../../core/net/policy.ts';
import { parseTarget } from '../../core/net/target.ts';
import { alertName } from '../../core/tls/names.ts';
import { parseKeyLog } from '../../core/tls/tls13-decrypt.ts';
import { type FlightReading, MAX_FLIGHT_RECORDS, readServerFlight } from '../../core/tls/server-flight.ts';
import { DEFAULT_LIMITS, type ProbeLimits } from './config.ts';
import type { ProbeError } from './errors.ts';
import { type LegacyTlsReport, readLegacyTls, wantsLegacyAttempt } from './old-tls.ts';
import { POST_HANDSHAKE_GRACE_MS, flightAsksForClientCert } from './post-handshake.ts';
import { RecordingSocket, TooManyRecordsError, TooMuchDataError } from './recording-socket.ts';
import { type UpgradeChoice, defaultPortFor, planUpgrade } from '../../core/net/starttls/protocols.ts';
import type { UpgradeJson } from '../../core/net/probe-json.ts';
import { runUpgrade, upgradeJson } from './starttls.ts';
import { type Resolver, systemResolver } from './resolver.ts';

export interface ProbeRequest {
  /** What the person typed: `host`, `host:port`, `[v6]:port` or a URL. */
  host: string;
  port?: number;
  /** SNI name when it differs from the host (or when the host is an IP address). */
  servername?: string;
  /** Connect to this address instead of resolving the host (`--ip`); the policy still judges it. */
  ip?: string;
  /** A plain-text dialogue before TLS (issue 13); default `auto`: from the well-known port table. */
  starttls?: UpgradeChoice;
}

/**
 * Opens the TCP connection some other way (the CLI's HTTP CONNECT proxy, tunnel.ts): no DNS
 * here, the tunnel reaches host:port by name. `via` is reported in place of the address.
 */
export type Tunnel = (host: string, port: number, timeoutMs: number) => Promise<{ socket: Socket; via: string } | ProbeError>;

export interface ProbeOptions {
  /** Target policy; `null` for the local CLI, which may probe anything. */
  policy: TargetPolicy | null;
  resolver?: Resolver;
  limits?: Partial<ProbeLimits>;
  /** CLI only: connect through this tunnel (an HTTP proxy); never set by the public route. */
  tunnel?: Tunnel;
}

export interface WireReport {
  target: { host: string; port: number; servername: string | null };
  ip: string;
  /** DER of each certificate, exactly as the server sent it (order and duplicates kept). */
  presented: Uint8Array[];
  protocol: string | null;
  cipher: string | null;
  alpn: string | null;
  ocspStapled: boolean;
  ocspResponse?: Uint8Array;
  /** SCT list the server sent in the signed_certificate_timestamp TLS extension. */
  sctList?: Uint8Array;
  clientCertRequested: boolean;
  /** DER names of the CAs the server accepts client certificates from. */
  acceptableClientCAs: Uint8Array[];
  /** Handshake messages in the order the server sent them. */
  serverMessages: string[];
  /** True when node:tls completed the handshake. */
  handshakeCompleted: boolean;
  bytesReceived: number;
  timings: { dnsMs: number; connectMs: number; handshakeMs: number; upgradeMs?: number };
  /** How the connection got to TLS, when there was a dialogue, a well-known port or a choice. */
  upgrade?: UpgradeJson;
  /** A server that refused TLS 1.2/1.3, read by a second attempt offering TLS 1.0/1.1 (old-tls.ts). */
  legacyTls?: LegacyTlsReport;
}

export type ProbeOutcome =
  | { ok: true; report: WireReport }
  /** `report` is present when a connection was made: it holds what the server sent before failing. */
  | { ok: false; error: ProbeError; report?: WireReport };

/**
 * Node's default TLS 1.2 list, and for TLS 1.3 only the AES-GCM suites, so the handshake can be
 * decrypted with WebCrypto (which has no ChaCha20). Node takes both in `ciphers` (TLS_* = 1.3).
 */
const CIPHERS = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', ...DEFAULT_CIPHERS.split(':').filter((c) => !c.startsWith('TLS_'))].join(':');
/** One context for every probe: building one per connection costs time and native memory. */
let sharedContext: SecureContext | undefined;
const probeContext = () => (sharedContext ??= createSecureContext({ ciphers: CIPHERS }));
const IP_LITERAL = /^[\d.]+$|:/;

const since = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => ProbeError): Promise<T | ProbeError> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ProbeError>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const isError = (x: unknown): x is ProbeError => typeof x === 'object' && x !== null && 'kind' in x;

/**
 * One probe's time budget (issue 18): each stage waits at most its own timeout and at most
 * what is left of the budget; running out of budget is reported as such, naming the stage.
 */
class Budget {
  private readonly start = performance.now();
  readonly budgetMs: number;
  constructor(budgetMs: number) {
    this.budgetMs = budgetMs;
  }

  /** How long `stage` may wait, and the error to report when it waited that long. */
  wait(stage: BudgetStage, limitMs: number, stageError: () => ProbeError): { ms: number; onTimeout: () => ProbeError } {
    const left = Math.max(0, Math.floor(this.budgetMs - (performance.now() - this.start)));
    if (left >= limitMs) return { ms: limitMs, onTimeout: stageError };
    return { ms: left, onTimeout: () => ({ kind: 'BudgetExhausted', stage, budgetMs: this.budgetMs }) };
  }
}
type BudgetStage = Extract<ProbeError, { kind: 'BudgetExhausted' }>['stage'];

async function resolveOnce(
  host: string,
  isLiteral: boolean,
  resolver: Resolver,
  policy: TargetPolicy | null,
  dnsTimeoutMs: number,
  budget: Budget,
): Promise<string | ProbeError> {
  if (isLiteral) return host;
  let answers: string[] | ProbeError;
  try {
    const wait = budget.wait('dns', dnsTimeoutMs, () => ({ kind: 'DnsTimeout', host, afterMs: dnsTimeoutMs }));
    answers = await withTimeout(resolver(host), wait.ms, wait.onTimeout);
  } catch (e) {
    return { kind: 'DnsFailed', host, code: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
  if (isError(answers)) return answers;
  if (answers.length === 0) return { kind: 'DnsFailed', host, code: 'ENODATA' };
  if (!policy) return answers[0]!;
  const refusals = answers.map((a) => admitAddress(host, a, policy));
  const allowed = refusals.findIndex((r) => r === undefined);
  return allowed >= 0 ? answers[allowed]! : { kind: 'Refused', refusal: refusals[0]! };
}

function connectTcp(ip: string, port: number, timeoutMs: number, budget: Budget): Promise<Socket | ProbeError> {
  const wait = budget.wait('connect', timeoutMs, () => ({ kind: 'ConnectTimeout', address: ip, port, afterMs: timeoutMs }));
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: ip, port, noDelay: true });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(wait.onTimeout());
    }, wait.ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ kind: 'ConnectFailed', address: ip, port, code: e.code ?? e.message });
    });
  });
}

interface HandshakeEnd {
  completed: boolean;
  /** The error came after node:tls called the handshake complete (TLS 1.3's certificate_required). */
  afterHandshake?: boolean;
  error?: ProbeError;
  nodeError?: NodeJS.ErrnoException;
  keylog: string;
  recording: Uint8Array;
}

function handshake(tcp: Socket, servername: string | null, limits: ProbeLimits, budget: Budget): Promise<HandshakeEnd> {
  let received = () => 0;
  const wait = budget.wait('handshake', limits.handshakeTimeoutMs, () => ({
    kind: 'HandshakeTimeout',
    afterMs: limits.handshakeTimeoutMs,
    bytesReceived: received(),
  }));
  return new Promise((resolve) => {
    // Stop reading one record past the flight reader's cap: it reports TooManyRecords from the recording.
    const recorder = new RecordingSocket(tcp, limits.maxBytes, MAX_FLIGHT_RECORDS);
    received = () => recorder.received;
    let keylog = '';
    let settled = false;
    let handshakeDone = false;
    let grace: NodeJS.Timeout | undefined;
    const deadline = performance.now() + wait.ms;
    // Verification is off ONLY here: the probe sends no application data over this
    // connection, closes it right after the handshake, and judges the recorded chain itself.
    const tls: TLSSocket = tlsConnect({
      socket: recorder,
      ...(servername ? { servername } : {}),
      rejectUnauthorized: false,
      requestOCSP: true,
      ALPNProtocols: ['h2', 'http/1.1'],
      secureContext: probeContext(),
    });
    const finish = (end: Omit<HandshakeEnd, 'keylog' | 'recording'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(grace);
      resolve({ ...end, keylog, recording: recorder.recording });
      tls.destroy();
      recorder.destroy();
    };
    const timer = setTimeout(() => finish({ completed: false, error: wait.onTimeout() }), wait.ms);
    tls.on('keylog', (line: Buffer) => {
      keylog += line.toString('latin1');
    });
    tls.once('secureConnect', () => {
      handshakeDone = true;
      if (tls.getProtocol() !== 'TLSv1.3') return finish({ completed: true });
      // A TLS 1.3 server that asked for a certificate refuses the empty one after the handshake (post-handshake.ts).
      void flightAsksForClientCert(recorder.recording, keylog, limits.maxBytes).then(
        (asks) => {
          if (!asks || settled) return finish({ completed: true });
          tls.resume();
          grace = setTimeout(() => finish({ completed: true }), Math.max(0, Math.min(POST_HANDSHAKE_GRACE_MS, deadline - performance.now() - 1)));
        },
        () => finish({ completed: true }),
      );
    });
    const onError = (e: NodeJS.ErrnoException) => {
      if (handshakeDone && !(e instanceof TooMuchDataError)) return finish({ completed: true, afterHandshake: true, nodeError: e });
      finish(
        e instanceof TooMuchDataError
          ? { completed: false, error: { kind: 'TooMuchData', limit: e.limit } }
          : e instanceof TooManyRecordsError
            ? { completed: false }
            : { completed: false, nodeError: e },
      );
    };
    recorder.on('error', onError);
    tls.on('error', onError);
    tls.once('close', () =>
      finish(handshakeDone ? { completed: true } : { completed: false, error: { kind: 'ClosedMidHandshake', bytesReceived: recorder.received } }),
    );
  });
}

/** The error to report for a failed handshake: what the server said beats what node:tls said. */
function handshakeError(end: HandshakeEnd, reading: FlightReading): ProbeError | undefined {
  if (end.error?.kind === 'TooMuchData' || end.error?.kind === 'HandshakeTimeout' || end.error?.kind === 'BudgetExhausted') return end.error;
  const late = end.afterHandshake ? /SSL alert number (\d+)/.exec(end.nodeError?.message ?? '') : null;
  if (late) return { kind: 'ServerAlert', alert: { level: 'fatal', description: Number(late[1]), name: alertName(Number(late[1])) }, afterHandshake: true };
  if (reading.flight.alert && (!end.completed || reading.flight.alert.level === 'fatal')) return { kind: 'ServerAlert', alert: reading.flight.alert };
  if (reading.error?.kind === 'NotTls') return { ...reading.error };
  const hostile: (string | undefined)[] = ['MessageTooLong', 'RecordTooLong', 'TooManyRecords', 'Malformed', 'UnexpectedMessage'];
  if (!end.completed && hostile.includes(reading.error?.kind)) return { kind: 'UnreadableHandshake', error: reading.error! };
  if (end.completed) {
    if (reading.flight.complete) return undefined;
    return {
      kind: 'UnreadableHandshake',
      error: reading.error ?? {
        kind: 'Malformed',
        what: 'server flight',
        reason: "the handshake completed but the recording does not hold the server's last handshake message",
      },
    };
  }
  if (end.nodeError) {
    const msg = end.nodeError.message;
    if (/socket disconnected|ECONNRESET|socket hang up/i.test(msg) || end.nodeError.code === 'ECONNRESET') {
      return { kind: 'ClosedMidHandshake', bytesReceived: end.recording.length };
    }
    const alert = /SSL alert number (\d+)/.exec(msg);
    if (alert) {
      const description = Number(alert[1]);
      return { kind: 'ServerAlert', alert: { level: 'fatal', description, name: alertName(description) } };
    }
    return { kind: 'HandshakeFailed', code: end.nodeError.code ?? 'ERR_TLS', message: msg.trim() };
  }
  return end.error ?? { kind: 'ClosedMidHandshake', bytesReceived: end.recording.length };
}

export async function probe(request: ProbeRequest, options: ProbeOptions): Promise<ProbeOutcome> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const policy = options.policy;
  // `--starttls smtp` without a port means the protocol's port (25), not 443.
  const typed = request.port === undefined && defaultPortFor(request.starttls) ? parseTarget(request.host) : undefined;
  const portOverride = request.port ?? (typed?.ok && !typed.value.portGiven ? defaultPortFor(request.starttls) : undefined);
  const admitted = admitTarget(request.host, policy ?? { allowPrivate: true, ports: 'any' }, portOverride);
  if (!admitted.ok) return { ok: false, error: { kind: 'Refused', refusal: admitted.refusal } };
  const { host, port, kind } = admitted.target;

  const budget = new Budget(limits.budgetMs);
  const t0 = performance.now();
  let ip: string | ProbeError;
  if (options.tunnel) ip = '';
  else if (request.ip !== undefined) {
    const refusal = admitAddress(host, request.ip, policy ?? { allowPrivate: true, ports: 'any' });
    ip = refusal ? { kind: 'Refused', refusal } : request.ip;
  } else ip = await resolveOnce(host, kind !== 'name', options.resolver ?? systemResolver, policy, limits.dnsTimeoutMs, budget);
  if (isError(ip)) return { ok: false, error: ip };
  const dnsMs = since(t0);

  const t1 = performance.now();
  let tcp: Socket | ProbeError;
  if (options.tunnel) {
    const wait = budget.wait('connect', limits.connectTimeoutMs, () => ({ kind: 'ConnectTimeout', address: host, port, afterMs: limits.connectTimeoutMs }));
    const opened = await withTimeout(options.tunnel(host, port, wait.ms), wait.ms, wait.onTimeout);
    tcp = isError(opened) ? opened : opened.socket;
    if (!isError(opened)) ip = opened.via;
  } else tcp = await connectTcp(ip, port, limits.connectTimeoutMs, budget);
  if (isError(tcp)) return { ok: false, error: tcp };
  const connectMs = since(t1);

  const servername = request.servername ?? (kind === 'name' ? host : null);
  // Issue 13: before the ClientHello, the plain-text dialogue the port (or the person) asks for.
  const plan = planUpgrade(port, request.starttls);
  const tu = performance.now();
  const upgrade =
    plan.mode === 'starttls'
      ? await runUpgrade(tcp, plan.protocol, {
          port,
          domain: servername ?? host,
          timeoutMs: limits.upgradeTimeoutMs,
          wait: (stageError) => budget.wait('upgrade', limits.upgradeTimeoutMs, stageError),
        })
      : undefined;
  const upgradeMs = upgrade ? { upgradeMs: since(tu) } : {};
  if (upgrade && !upgrade.ok) tcp.destroy();

  const t2 = performance.now();
  const end =
    upgrade && !upgrade.ok
      ? { completed: false, error: upgrade.error, keylog: '', recording: new Uint8Array(0) }
      : await handshake(tcp, servername && !IP_LITERAL.test(servername) ? servername : null, limits, budget);
  const handshakeMs = since(t2);
  const upgradeInfo = upgradeJson(plan, port, upgrade?.transcript);

  const reading = await readServerFlight(end.recording, {
    subtle: globalThis.crypto.subtle,
    keyLog: parseKeyLog(end.keylog),
    maxMessageBytes: limits.maxBytes,
  });
  const f = reading.flight;
  const report: WireReport = {
    target: { host, port, servername },
    ip,
    presented: f.certificates,
    protocol: f.protocol ?? null,
    cipher: f.cipherSuite?.name ?? null,
    alpn: f.alpn ?? null,
    ocspStapled: f.ocspStapled,
    ...(f.ocspResponse ? { ocspResponse: f.ocspResponse } : {}),
    ...(f.sctList ? { sctList: f.sctList } : {}),
    clientCertRequested: f.clientCertRequested,
    acceptableClientCAs: f.acceptableClientCAs,
    serverMessages: f.messages,
    handshakeCompleted: end.completed,
    bytesReceived: end.recording.length,
    timings: { dnsMs, connectMs, handshakeMs, ...upgradeMs },
    ...(upgradeInfo ? { upgrade: upgradeInfo } : {}),
  };
  const error = upgrade && !upgrade.ok ? upgrade.error : handshakeError(end, reading);
  // Through a proxy the second attempt would need a second tunnel: not tried (the first error stands).
  if (error && !options.tunnel && wantsLegacyAttempt(error, f)) {
    const wait = budget.wait('handshake', limits.handshakeTimeoutMs, () => error);
    const legacy = await readLegacyTls({
      // The same way in as the first attempt: connect, then the same plain-text upgrade (issue 13).
      connect: async () => {
        const again = await connectTcp(ip, port, limits.connectTimeoutMs, budget);
        if (isError(again) || plan.mode !== 'starttls') return again;
        const up = await runUpgrade(again, plan.protocol, {
          port,
          domain: servername ?? host,
          timeoutMs: limits.upgradeTimeoutMs,
          wait: (stageError) => budget.wait('upgrade', limits.upgradeTimeoutMs, stageError),
        });
        if (up.ok) return again;
        again.destroy();
        return up.error;
      },
      servername: report.target.servername && !IP_LITERAL.test(report.target.servername) ? report.target.servername : null,
      waitMs: wait.ms,
      maxBytes: limits.maxBytes,
    });
    if (legacy)
      Object.assign(
        report,
        { legacyTls: legacy, protocol: legacy.protocol, cipher: legacy.cipher },
        report.presented.length ? {} : { presented: legacy.presented },
      );
  }
  return error ? { ok: false, error, report } : { ok: true, report };
}
