/**
 * zgrep as gzip 1.6 ships it (a script): each file through `gzip -cdfq` (so plain files pass
 * as they are, and a missing one is gzip's error), then grep with the options given, its
 * lines prefixed with the file's name when there are several (or -H), -c and -l per file.
 */
import type { ProgramContext } from '../../process';
import { quote } from '../../shell/builtins';

const VALUE_OPTIONS = new Set(['-e', '-f', '-m', '-A', '-B', '-C', '-d', '-D', '--regexp', '--file', '--max-count']);

export function zgrep(ctx: ProgramContext): number {
  const options: string[] = [];
  const operands: string[] = [];
  const args = ctx.argv.slice(1);
  let patternGiven = false;
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (operands.length > 0 || a === '-' || !a.startsWith('-')) operands.push(a);
    else if (a === '--') operands.push(...args.splice(i + 1));
    else {
      options.push(a);
      if (VALUE_OPTIONS.has(a) && i + 1 < args.length) options.push(args[++i]!);
      if (a === '-e' || a === '-f' || a.startsWith('--regexp') || /^-[a-zA-Z]*e./.test(a)) patternGiven = true;
    }
  }
  if (!patternGiven && operands.length === 0) {
    ctx.err('zgrep: missing pattern; try zgrep --help for help');
    return 2;
  }
  const pattern = patternGiven ? [] : [operands.shift()!];
  const files = operands.length > 0 ? operands : ['-'];
  const flags = options.filter((o) => o.startsWith('-') && !o.startsWith('--')).join('');
  const named = (files.length > 1 || /H/.test(flags) || options.includes('--with-filename')) && !/h/.test(flags) && !options.includes('--no-filename');
  const listing = /l/.test(flags) || options.includes('--files-with-matches');
  const counting = /c/.test(flags) || options.includes('--count');
  const quiet = /q/.test(flags) || options.includes('--quiet');
  const grepLine = ['grep', ...options.filter((o) => !['-H', '-h', '--with-filename', '--no-filename'].includes(o)), ...pattern].map(quote).join(' ');
  let status = 1;
  for (const file of files) {
    const text = file === '-' ? (ctx.stdin ?? '') : ctx.sys.run(`gzip -cdfq -- ${quote(file)}`, {}).stdout;
    if (file !== '-') {
      const unzip = ctx.sys.run(`gzip -cdfq -- ${quote(file)} > /dev/null`, {});
      if (unzip.stderr) for (const line of unzip.stderr.replace(/\n$/, '').split('\n')) ctx.err(line);
      // grep still reads the (empty) pipe: -c says 0.
      if (unzip.status !== 0) status = 2;
    }
    const result = ctx.sys.run(grepLine, { stdin: text });
    if (result.stderr) for (const line of result.stderr.replace(/\n$/, '').split('\n')) ctx.err(line);
    if (result.status === 0 && status === 1) status = 0;
    if (result.status === 2) status = 2;
    if (quiet) continue;
    const name = file === '-' ? '(standard input)' : file;
    if (listing) {
      if (result.status === 0) ctx.out(name);
      continue;
    }
    const lines = result.stdout === '' ? [] : result.stdout.replace(/\n$/, '').split('\n');
    for (const line of lines) ctx.out(named || (counting && files.length > 1) ? `${name}:${line}` : line);
  }
  return status;
}
