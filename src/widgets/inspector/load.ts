/**
 * What the inspector loads on first use: the renderer, and the parser (core inspectFiles) in
 * a Web Worker (inspect.worker.ts), so large input never blocks the page.
 */
import InspectWorker from './inspect.worker.ts?worker';

export { renderResult } from './render.ts';
export { summaryText } from '../../core/inspect/summary.ts';

/** A parser worker, resolved once its modules have loaded and it said so. */
export function startInspectWorker(): Promise<Worker> {
  const worker = new InspectWorker();
  return new Promise((resolve, reject) => {
    const onMessage = (e: MessageEvent<{ ready?: boolean }>) => {
      if (!e.data?.ready) return;
      worker.removeEventListener('message', onMessage);
      resolve(worker);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', (e: ErrorEvent) => reject(new Error(e.message || 'the parser worker failed to start')), { once: true });
  });
}
