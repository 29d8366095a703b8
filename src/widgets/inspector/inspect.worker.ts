/**
 * The inspector's parser in a Web Worker (issue 18): a 10 MB paste froze the tab for up to a
 * minute when parsed on the page's thread. Here it runs beside the page, which stays usable,
 * and a run can be cancelled by ending the worker.
 *
 *   first out: { ready: true } once the parser's modules have loaded
 *   in:  { id: number, inputs: InspectFile[], at: number, password?: string }
 *   out: { id, ok: true, result: InspectResult } | { id, ok: false, message: string }
 */
import { inspectFiles } from '../../core/inspect/inspect.ts';
import type { InspectFile } from '../../core/inspect/result.ts';

interface Job {
  id: number;
  inputs: InspectFile[];
  at: number;
  password?: string;
}

self.addEventListener('message', (e: MessageEvent<Job>) => {
  const { id, inputs, at, password } = e.data;
  inspectFiles(inputs, { subtle: crypto.subtle, at, ...(password !== undefined ? { password } : {}) }).then(
    (result) => self.postMessage({ id, ok: true, result }),
    (err: unknown) => self.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) }),
  );
});

self.postMessage({ ready: true });
