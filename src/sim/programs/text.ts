/** Text tools that read files or a pipe: grep, head, tail, wc, sort, uniq, cut, tr, awk, sed… */
import type { ProgramTable } from './registry';

export const textPrograms: ProgramTable = {};
