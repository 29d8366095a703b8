/** What the decoder widget loads on first use: the decoder (with its tables) and the card renderer. */
export { decode } from '../../core/decoder/decode.ts';
export { readEvidence } from '../../core/decoder/evidence.ts';
export { renderAnswer } from './render.ts';
