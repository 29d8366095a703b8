/** What the inspector loads on first use: the core parser (inspectFiles) and the renderer. */
export { inspectFiles } from '../../core/inspect/inspect.ts';
export { summaryText } from '../../core/inspect/summary.ts';
export { renderResult } from './render.ts';
