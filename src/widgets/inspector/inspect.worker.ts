/**
 * The inspector's parser in a Web Worker (issue 18): a 10 MB paste froze the tab for up to a
 * minute when parsed on the page's thread. Here it runs beside the page, which stays usable,
 * and a run can be cancelled by ending the worker.
 *
 *   first out: { ready: true } once the parser's modules have loaded
 *   in:  { id: number, inputs: InspectFile[], at: number, password?: string,
 *          host?: { name: string, trust: string, roots: string } }   (roots: PEM text of the anchors)
 *   out: { id, ok: true, result: InspectResult, host?: HostCheck, hostNote?: string } | { id, ok: false, message: string }
 */
import { inspectFiles } from '../../core/inspect/inspect.ts';
import type { InspectFile } from '../../core/inspect/result.ts';
import { pemCertificates } from '../../core/formats/pem.ts';
import { parseCertificate } from '../../core/x509/certificate.ts';
import type { Certificate } from '../../core/model.ts';

interface Job {
  id: number;
  inputs: InspectFile[];
  at: number;
  password?: string;
  host?: { name: string; trust: string; roots: string };
}

async function anchorsOf(pem: string): Promise<{ anchors: Certificate[]; unparsed: number }> {
  const anchors: Certificate[] = [];
  let unparsed = 0;
  for (const der of pemCertificates(pem)) {
    try {
      anchors.push(await parseCertificate(der, crypto.subtle));
    } catch {
      unparsed++;
    }
  }
  return { anchors, unparsed };
}

async function run(job: Job) {
  const { inputs, at, password, host } = job;
  const result = await inspectFiles(inputs, { subtle: crypto.subtle, at, ...(password !== undefined ? { password } : {}) });
  if (!host || !result.ok) return { result };
  const { anchors, unparsed } = await anchorsOf(host.roots);
  const trust = `${host.trust}${unparsed ? ` (${unparsed} unreadable, left out)` : ''}`;
  // the client models load only when a host is asked about
  const { hostCheckForResult } = await import('../../core/clients/host-check.ts');
  const check = hostCheckForResult(result, { anchors, trust, host: host.name, at, subtle: crypto.subtle });
  if (!check) return { result, hostNote: `No certificate here to check against ${host.name}.` };
  return { result, host: await check };
}

self.addEventListener('message', (e: MessageEvent<Job>) => {
  const { id } = e.data;
  run(e.data).then(
    (answer) => self.postMessage({ id, ok: true, ...answer }),
    (err: unknown) => self.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) }),
  );
});

self.postMessage({ ready: true });
