/** Text tools that read files or a pipe: grep, head, tail, wc, sort, uniq, cut, tr, nl, rev, column, comm, diff, sed, awk, seq. */
import type { ProgramTable } from './registry';
import { grep } from './text/grep';
import { head } from './text/head';
import { tail } from './text/tail';
import { wc } from './text/wc';
import { sort } from './text/sort';
import { uniq } from './text/uniq';
import { cut } from './text/cut';
import { tr } from './text/tr';
import { nl } from './text/nl';
import { rev } from './text/rev';
import { column } from './text/column';
import { comm } from './text/comm';
import { diff } from './text/diff';
import { sed } from './text/sed/sed';
import { awk } from './text/awk/awk';
import { seq } from './text/seq';
import { xxd } from './text/xxd';
import { od } from './text/od';
import { paste } from './text/paste';
import { xargs } from './text/xargs';
import { zgrep } from './text/zgrep';

export const textPrograms: ProgramTable = {
  grep: { main: grep, base: true },
  egrep: { main: grep, base: true },
  fgrep: { main: grep, base: true },
  head: { main: head, base: true },
  tail: { main: tail, base: true },
  wc: { main: wc, base: true },
  sort: { main: sort, base: true },
  uniq: { main: uniq, base: true },
  cut: { main: cut, base: true },
  tr: { main: tr, base: true },
  nl: { main: nl, base: true },
  rev: { main: rev, base: true },
  column: { main: column, base: true },
  comm: { main: comm, base: true },
  diff: { main: diff, base: true },
  sed: { main: sed, base: true },
  awk: { main: awk, base: true },
  mawk: { main: awk, base: true },
  seq: { main: seq, base: true },
  xxd: { main: xxd, base: true },
  od: { main: od, base: true },
  paste: { main: paste, base: true },
  xargs: { main: xargs, base: true },
  zgrep: { main: zgrep, base: true },
  zegrep: { main: zgrep, base: true },
};
