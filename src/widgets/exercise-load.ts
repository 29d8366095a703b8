/** What an exercise loads on its first check: the graders (with the inspector's parser and the decoder's tables). */
export { gradeDecode, gradeFullchain } from '../core/course/exercises.ts';
export { gradeCsrCommand } from '../core/course/csr-command.ts';
export { gradeCaSetting } from '../core/course/ca-setting.ts';
export { gradeMtlsSide } from '../core/course/mtls-side.ts';
export { gradeLifetimes, utcDay } from '../core/course/lifetime.ts';
export { gradeCrossSign } from '../core/course/cross-sign.ts';
