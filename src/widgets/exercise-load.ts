/** What an exercise loads on its first check: the graders (with the inspector's parser and the decoder's tables). */
export { gradeDecode, gradeFullchain } from '../core/course/exercises.ts';
