/** What the inspector loads on first use: the core parser (inspectFiles) and the renderer. */
export { inspectFiles } from '../../core/sniff.ts';
export { renderResult, summaryText } from './render.ts';
