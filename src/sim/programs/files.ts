/** Programs that look at and change files: ls, cat, cp, mv, rm, find, stat, du, file, gzip, scp… */
import type { ProgramTable } from './registry';

export const filePrograms: ProgramTable = {};
