/**
 * diff as GNU diffutils 3.6: the normal format (`3c3`, `< old`, `---`, `> new`), unified
 * (-u, -U N: `--- a<TAB>time`, `@@ -1,3 +1,3 @@`), -q and -s, -i -b -w -B in the comparison,
 * `\ No newline at end of file`, "Binary files … differ", exit status 0, 1 or 2. The edit script
 * is Myers' shortest one, as GNU diff finds it on files of this size; a diff past its budget says
 * so in the drill's voice.
 */
import type { ProgramContext } from '../../process';
import { FS_ERROR_TEXT } from '../../process';
import { parseArgs, type LongOption } from './options';
import { readInput, splitLines } from './input';

const LONG: readonly LongOption[] = [
  { name: 'brief', key: 'q' },
  { name: 'report-identical-files', key: 's' },
  { name: 'ignore-case', key: 'i' },
  { name: 'ignore-space-change', key: 'b' },
  { name: 'ignore-all-space', key: 'w' },
  { name: 'ignore-blank-lines', key: 'B' },
  { name: 'unified', key: 'unified', arg: 'optional' },
  { name: 'context', key: 'context', arg: 'optional' },
  { name: 'side-by-side', key: 'y' },
  { name: 'recursive', key: 'r' },
  { name: 'new-file', key: 'N' },
  { name: 'text', key: 'a' },
  { name: 'label', key: 'label', arg: 'required' },
  { name: 'color', key: 'color', arg: 'optional' },
  { name: 'normal', key: 'normal' },
  { name: 'help', key: 'help' },
  { name: 'version', key: 'v' },
];

/** Most edits the drill's diff looks for; real config and log diffs need far fewer. */
const MAX_EDIT_DISTANCE = 4000;

type Op = { kind: 'equal' | 'delete' | 'insert'; a: number; b: number };

/** Myers' O(ND) diff: the shortest edit script from `a` to `b`, deletions before insertions. */
export function editScript(a: readonly string[], b: readonly string[], maxD = MAX_EDIT_DISTANCE): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxD);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d += 1) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
  }
  if (found < 0) return null;
  // Walk back through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d -= 1) {
    const prev = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && prev[offset + k - 1]! < prev[offset + k + 1]!);
    const pk = down ? k + 1 : k - 1;
    const px = prev[offset + pk]!;
    const py = px - pk;
    while (x > px + (down ? 0 : 1) && y > py + (down ? 1 : 0)) {
      x -= 1;
      y -= 1;
      ops.push({ kind: 'equal', a: x, b: y });
    }
    if (down) {
      y -= 1;
      ops.push({ kind: 'insert', a: x, b: y });
    } else {
      x -= 1;
      ops.push({ kind: 'delete', a: x, b: y });
    }
  }
  while (x > 0 && y > 0) {
    x -= 1;
    y -= 1;
    ops.push({ kind: 'equal', a: x, b: y });
  }
  return ops.reverse();
}

interface Hunk {
  /** Lines of the first file deleted [a0, a1) and of the second inserted [b0, b1). */
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/** Groups an edit script into changes: runs of deletions and insertions between equal lines. */
function hunksOf(ops: Op[]): Hunk[] {
  const hunks: Hunk[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === 'equal') {
      i += 1;
      continue;
    }
    const start = ops[i]!;
    const h: Hunk = { a0: start.a, a1: start.a, b0: start.b, b1: start.b };
    while (i < ops.length && ops[i]!.kind !== 'equal') {
      const op = ops[i]!;
      if (op.kind === 'delete') h.a1 = op.a + 1;
      else h.b1 = op.b + 1;
      i += 1;
    }
    if (h.a1 === h.a0) h.a0 = h.a1 = start.a;
    if (h.b1 === h.b0) h.b0 = h.b1 = start.b;
    hunks.push(h);
  }
  return hunks;
}

function range(from: number, to: number): string {
  // Lines from..to (1-based, inclusive); an empty range names the line before it.
  return to <= from + 1 ? String(to <= from ? from : from + 1) : `${from + 1},${to}`;
}

export function diff(ctx: ProgramContext): number {
  const trouble = (message: string) => {
    ctx.err(message);
    ctx.err("diff: Try 'diff --help' for more information.");
    return 2;
  };
  const parsed = parseArgs('diff', ctx.argv.slice(1), { flags: 'qsibwBuyrNaciEptTlPv', withArg: 'UCFISxX', long: LONG, digits: true });
  if (!parsed.ok) return trouble(parsed.error);
  let format: 'normal' | 'unified' = 'normal';
  let context = 3;
  let brief = false;
  let reportSame = false;
  let ignoreCase = false;
  let spaceChange = false;
  let allSpace = false;
  let blankLines = false;
  const labels: string[] = [];
  for (const { key, value } of parsed.args.list) {
    if (key === 'q') brief = true;
    else if (key === 's') reportSame = true;
    else if (key === 'i') ignoreCase = true;
    else if (key === 'b') spaceChange = true;
    else if (key === 'w') allSpace = true;
    else if (key === 'B') blankLines = true;
    else if (key === 'u' || key === 'unified' || key === 'U') {
      format = 'unified';
      if (value !== null) {
        if (!/^\d+$/.test(value)) return trouble(`diff: invalid context length '${value}'`);
        context = Number(value);
      }
    } else if (key === 'digits') context = Number(value);
    else if (key === 'label') labels.push(value ?? '');
    else if (key === 'normal') format = 'normal';
    else if (key === 'v') {
      ctx.out('diff (GNU diffutils) 3.6\nCopyright (C) 2017 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n\nWritten by Paul Eggert, Mike Haertel, David Hayes,\nRichard Stallman, and Len Tower.');
      return 0;
    } else if (key === 'help') {
      ctx.note('Not simulated in this drill: diff --help.');
      return 0;
    } else if (key === 'c' || key === 'C' || key === 'context' || key === 'y' || key === 'r' || key === 'N') {
      ctx.note(`Not simulated in this drill: diff ${key.length === 1 ? `-${key}` : `--${key}`}; the changes are shown in diff's normal format.`);
    }
  }
  const operands = parsed.args.operands;
  if (operands.length < 2) return trouble(operands.length === 0 ? "diff: missing operand after 'diff'" : `diff: missing operand after '${operands[operands.length - 1]}'`);
  if (operands.length > 2) return trouble(`diff: extra operand '${operands[2]}'`);
  const files = [] as { name: string; data: string; mtime: number }[];
  for (const name of operands) {
    const node = name === '-' ? null : ctx.sys.node(name);
    if (node?.kind === 'dir') {
      ctx.note('Not simulated in this drill: diff on directories.');
      return 2;
    }
    const read = readInput(ctx, name);
    if (!read.ok) {
      ctx.err(`diff: ${name}: ${FS_ERROR_TEXT[read.error]}`);
      return 2;
    }
    files.push({ name, data: read.file.data, mtime: node ? node.mtime : ctx.sys.now() });
  }
  const [a, b] = files as [(typeof files)[0], (typeof files)[0]];
  if (a.data === b.data) {
    if (reportSame) ctx.out(`Files ${a.name} and ${b.name} are identical`);
    return 0;
  }
  if (a.data.includes('\u0000') || b.data.includes('\u0000')) {
    ctx.out(`Binary files ${a.name} and ${b.name} differ`);
    return 1;
  }
  const la = splitLines(a.data);
  const lb = splitLines(b.data);
  // A last line without a newline differs from the same line with one.
  const key = (line: string, last: boolean, finalNewline: boolean) => {
    let k = line;
    if (ignoreCase) k = k.toLowerCase();
    if (allSpace) k = k.replace(/[ \t\v\f\r]+/g, '');
    else if (spaceChange) k = k.replace(/[ \t\v\f\r]+/g, ' ').replace(/ $/, '');
    return last && !finalNewline ? `${k}\u0000` : k;
  };
  const ka = la.lines.map((l, i) => key(l, i === la.lines.length - 1, la.finalNewline));
  const kb = lb.lines.map((l, i) => key(l, i === lb.lines.length - 1, lb.finalNewline));
  const ops = editScript(ka, kb);
  if (ops === null) {
    ctx.note('Not simulated in this drill: a diff of files this different; the drill stopped looking.');
    return 2;
  }
  let hunks = hunksOf(ops);
  if (blankLines) hunks = hunks.filter((h) => !(la.lines.slice(h.a0, h.a1).every((l) => l === '') && lb.lines.slice(h.b0, h.b1).every((l) => l === '')));
  if (hunks.length === 0) return 0;
  if (brief) {
    ctx.out(`Files ${a.name} and ${b.name} differ`);
    return 1;
  }
  const lineA = (i: number) => `${la.lines[i]}${i === la.lines.length - 1 && !la.finalNewline ? '\n\\ No newline at end of file' : ''}`;
  const lineB = (i: number) => `${lb.lines[i]}${i === lb.lines.length - 1 && !lb.finalNewline ? '\n\\ No newline at end of file' : ''}`;
  const out: string[] = [];
  if (format === 'normal') {
    for (const h of hunks) {
      const kind = h.a0 === h.a1 ? 'a' : h.b0 === h.b1 ? 'd' : 'c';
      out.push(`${range(h.a0, h.a1)}${kind}${range(h.b0, h.b1)}`);
      for (let i = h.a0; i < h.a1; i += 1) out.push(`< ${lineA(i)}`);
      if (kind === 'c') out.push('---');
      for (let i = h.b0; i < h.b1; i += 1) out.push(`> ${lineB(i)}`);
    }
  } else {
    const stamp = (f: (typeof files)[0]) => `${ctx.sys.formatTime(f.mtime, '%Y-%m-%d %H:%M:%S')}.000000000 +0000`;
    out.push(`--- ${labels[0] ?? `${a.name}\t${stamp(a)}`}`);
    out.push(`+++ ${labels[1] ?? `${b.name}\t${stamp(b)}`}`);
    // Changes closer than twice the context share one hunk.
    const groups: Hunk[][] = [];
    for (const h of hunks) {
      const last = groups[groups.length - 1];
      const prev = last?.[last.length - 1];
      if (prev && h.a0 - prev.a1 <= 2 * context) last!.push(h);
      else groups.push([h]);
    }
    for (const group of groups) {
      const first = group[0]!;
      const lastHunk = group[group.length - 1]!;
      const a0 = Math.max(0, first.a0 - context);
      const a1 = Math.min(la.lines.length, lastHunk.a1 + context);
      const b0 = Math.max(0, first.b0 - context);
      const b1 = Math.min(lb.lines.length, lastHunk.b1 + context);
      const span = (from: number, to: number) => (to - from === 1 ? `${from + 1}` : `${to - from === 0 ? from : from + 1},${to - from}`);
      out.push(`@@ -${span(a0, a1)} +${span(b0, b1)} @@`);
      let i = a0;
      for (const h of group) {
        for (; i < h.a0; i += 1) out.push(` ${lineA(i)}`);
        for (let k = h.a0; k < h.a1; k += 1) out.push(`-${lineA(k)}`);
        for (let k = h.b0; k < h.b1; k += 1) out.push(`+${lineB(k)}`);
        i = h.a1;
      }
      for (; i < a1; i += 1) out.push(` ${lineA(i)}`);
    }
  }
  ctx.write(out.map((l) => `${l}\n`).join(''));
  return 1;
}
