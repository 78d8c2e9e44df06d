/**
 * `gzip`, `gunzip` and `zcat` (gzip 1.6): FILE becomes FILE.gz (mode, owner and time kept, the
 * original removed unless -k) and back; -c to standard output, -d, -f, -k, -l, -r, -t, -v, -q,
 * -1…-9; with no file, standard input to standard output (so `… | gzip > f.gz` and
 * `zcat f.gz | …` work). A `.gz` file keeps the text it decompresses to; its size is what gzip
 * would plausibly make of it.
 */
import { baseName, byteLength, type FileNode } from '../../fs';
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { actorOf, childIndex, filesOf, join, locate, may, mayChangeEntries, slotOf, ERROR_TEXT, type Actor } from './access';
import { gzipStoredName, mtimeOf, sizeOf } from './attrs';
import { putNode, removeNode } from './change';
import { gunzipStream, gzipRatio, gzipSize, gzipStream } from './gzipdata';
import { parseOptions, type LongOption } from './options';
import { unanswered } from './prompt';

const LONG: readonly LongOption[] = [
  { name: 'stdout', key: 'c' },
  { name: 'to-stdout', key: 'c' },
  { name: 'decompress', key: 'd' },
  { name: 'uncompress', key: 'd' },
  { name: 'force', key: 'f' },
  { name: 'keep', key: 'k' },
  { name: 'list', key: 'l' },
  { name: 'no-name', key: 'n' },
  { name: 'name', key: 'N' },
  { name: 'quiet', key: 'q' },
  { name: 'recursive', key: 'r' },
  { name: 'suffix', key: 'S', arg: 'required' },
  { name: 'test', key: 't' },
  { name: 'verbose', key: 'v' },
  { name: 'fast', key: '1' },
  { name: 'best', key: '9' },
  { name: 'rsyncable', key: 'rsyncable' },
  { name: 'help', key: 'h' },
  { name: 'version', key: 'V' },
  { name: 'license', key: 'L' },
];

/** Suffixes gunzip takes off (and what .tgz becomes). */
const SUFFIXES: readonly [string, string][] = [['.gz', ''], ['.tgz', '.tar'], ['-gz', ''], ['.z', ''], ['-z', ''], ['_z', ''], ['.Z', '']];

interface Mode {
  decompress: boolean;
  stdout: boolean;
  force: boolean;
  keep: boolean;
  list: boolean;
  test: boolean;
  verbose: boolean;
  quiet: boolean;
  recursive: boolean;
}

function strippedName(name: string): string | null {
  for (const [suffix, replacement] of SUFFIXES) if (name.length > suffix.length && name.endsWith(suffix)) return name.slice(0, -suffix.length) + replacement;
  return null;
}

class Gzip {
  status = 0;
  private listedHeader = false;
  private totals = { compressed: 0, original: 0, count: 0 };

  constructor(
    private readonly ctx: ProgramContext,
    private readonly actor: Actor,
    private readonly m: Mode,
  ) {}

  private error(message: string, status = 1) {
    if (!this.m.quiet || status === 1) this.ctx.err(`gzip: ${message}`);
    this.status = Math.max(this.status, status);
  }

  private warn(message: string) {
    if (!this.m.quiet) this.ctx.err(`gzip: ${message}`);
    if (this.status === 0) this.status = 2;
  }

  /** Standard input to standard output. */
  stream(): void {
    const { ctx, m } = this;
    if (m.decompress || m.list || m.test) {
      if (ctx.stdin === null && !m.force) {
        ctx.err('gzip: compressed data not read from a terminal. Use -f to force decompression.');
        ctx.err('For help, type: gzip -h');
        this.status = 1;
        return;
      }
      const data = ctx.stdin ?? '';
      const text = gunzipStream(data);
      if (text === null) {
        if (m.force && m.stdout) ctx.write(data);
        else this.error('stdin: not in gzip format');
        return;
      }
      if (m.list) this.listLine(byteLength(data), byteLength(text), '', null);
      else if (!m.test) ctx.write(text);
      return;
    }
    if (ctx.stdoutIsTerminal && !m.force) {
      ctx.err('gzip: compressed data not written to a terminal. Use -f to force compression.');
      ctx.err('For help, type: gzip -h');
      this.status = 1;
      return;
    }
    ctx.write(gzipStream(ctx.stdin ?? ''));
  }

  private listLine(compressed: number, original: number, name: string, stored: string | null) {
    if (!this.listedHeader) {
      this.ctx.out('         compressed        uncompressed  ratio uncompressed_name');
      this.listedHeader = true;
    }
    this.totals.compressed += compressed;
    this.totals.original += original;
    this.totals.count += 1;
    this.ctx.out(`${String(compressed).padStart(19)} ${String(original).padStart(19)} ${gzipRatio(original, compressed, stored)} ${name}`);
  }

  finish(): void {
    if (this.m.list && this.totals.count > 1) {
      const { compressed, original } = this.totals;
      this.ctx.out(`${String(compressed).padStart(19)} ${String(original).padStart(19)} ${gzipRatio(original, compressed, null)} (totals)`);
    }
  }

  file(name: string): void {
    const { m } = this;
    let shown = name;
    let found = locate(this.actor, name, true);
    if (!found.ok && found.error === 'ENOENT' && (m.decompress || m.list || m.test) && strippedName(name) === null) {
      // gunzip x looks for x.gz (and the other suffixes) when x is not there.
      for (const [suffix] of SUFFIXES) {
        const attempt = locate(this.actor, name + suffix, true);
        if (attempt.ok) {
          found = attempt;
          shown = name + suffix;
          break;
        }
      }
      if (!found.ok) shown = `${name}.gz`;
    }
    if (!found.ok) {
      this.error(`${shown}: ${ERROR_TEXT[found.error]}`);
      return;
    }
    const link = locate(this.actor, shown, false);
    if (link.ok && link.node.kind === 'link' && !m.force && !m.stdout) {
      this.warn(`${shown} is not a directory or a regular file - ignored`);
      return;
    }
    if (found.node.kind === 'dir') {
      if (m.recursive) this.directory(shown, found.path, found.node);
      else this.warn(`${shown} is a directory -- ignored`);
      return;
    }
    if (!may(this.actor, found.node, 'r')) {
      this.error(`${shown}: ${ERROR_TEXT.EACCES}`);
      return;
    }
    if (m.decompress || m.list || m.test) this.decompress(shown, found.path, found.node);
    else this.compress(shown, found.path, found.node);
  }

  private directory(shown: string, path: string, node: FileNode): void {
    if (!may(this.actor, node, 'r') || !may(this.actor, node, 'x')) {
      this.error(`${shown}: ${ERROR_TEXT.EACCES}`);
      return;
    }
    for (const child of childIndex(filesOf(this.actor))(path)) {
      const childShown = `${shown}/${child}`;
      const childPath = join(path, child);
      const files = filesOf(this.actor);
      if (!Object.hasOwn(files, childPath)) continue;
      const childNode = files[childPath]!;
      if (childNode.kind === 'dir') this.directory(childShown, childPath, childNode);
      else if (childNode.kind === 'file' && (this.m.decompress ? strippedName(child) !== null : strippedName(child) === null)) this.file(childShown);
    }
  }

  /** Writes the result next to the input, as gzip does: asks before replacing, needs the directory writable. */
  private output(target: string, node: FileNode): boolean {
    const slot = slotOf(this.actor, target);
    if (!slot.ok) {
      this.error(`${target}: ${ERROR_TEXT[slot.error === 'EBUSY' ? 'EISDIR' : slot.error]}`);
      return false;
    }
    if (slot.node !== null && !this.m.force) {
      if (this.ctx.stdin === null) unanswered(this.ctx, `gzip: ${target} already exists; do you wish to overwrite (y or n)? `);
      else this.ctx.err(`gzip: ${target} already exists;`);
      this.ctx.err('\tnot overwritten');
      if (this.status === 0) this.status = 2;
      return false;
    }
    if (!mayChangeEntries(this.actor, slot.dirNode)) {
      this.error(`${target}: ${ERROR_TEXT.EACCES}`);
      return false;
    }
    if (slot.node !== null) removeNode(this.actor, slot.path);
    putNode(this.actor, slot.path, node);
    return true;
  }

  private compress(shown: string, path: string, node: FileNode): void {
    const { m, ctx } = this;
    if (strippedName(baseName(shown)) !== null && !m.stdout && !m.force) {
      this.warn(`${shown} already has ${shown.slice(shown.lastIndexOf('.'))} suffix -- unchanged`);
      return;
    }
    if (node.content === undefined && !node.timed?.length && !node.repeat?.length && (node.size ?? 0) > 0) {
      ctx.note(`Not simulated in this drill: compressing ${shown}, a file the drill holds no bytes for.`);
      return;
    }
    const text = node.gzip ? gzipStream(ctx.sys.textOf(node)) : ctx.sys.textOf(node);
    if (m.stdout) {
      if (ctx.stdoutIsTerminal && !m.force) {
        ctx.err('gzip: compressed data not written to a terminal. Use -f to force compression.');
        ctx.err('For help, type: gzip -h');
        this.status = 1;
        return;
      }
      ctx.write(gzipStream(text));
      return;
    }
    const target = `${shown}.gz`;
    const compressed: FileNode = { ...node, content: text, timed: undefined, repeat: undefined, live: undefined, size: undefined, gzip: true, mtime: mtimeOf(ctx.sys, node), inode: undefined };
    if (!this.output(target, compressed)) return;
    if (m.verbose) {
      const original = byteLength(text);
      ctx.err(`${shown}:\t${gzipRatio(original, gzipSize(text, baseName(shown)), baseName(shown))} -- ${m.keep ? 'created' : 'replaced with'} ${target}`);
    }
    if (!m.keep) removeNode(this.actor, path);
  }

  private decompress(shown: string, path: string, node: FileNode): void {
    const { m, ctx } = this;
    const target = strippedName(shown);
    if (target === null && !m.stdout && !m.list && !m.test) {
      this.warn(`${shown}: unknown suffix -- ignored`);
      return;
    }
    const text = node.gzip ? ctx.sys.textOf(node) : gunzipStream(ctx.sys.textOf(node));
    if (text === null) {
      if (m.force && m.stdout) ctx.write(ctx.sys.textOf(node));
      else this.error(`${shown}: not in gzip format`);
      return;
    }
    const compressedSize = sizeOf(ctx.sys, node, path);
    const stored = gzipStoredName(path);
    if (m.list) {
      this.listLine(compressedSize, byteLength(text), target ?? shown, stored);
      return;
    }
    if (m.test) {
      if (m.verbose) ctx.err(`${shown}:\t OK`);
      return;
    }
    if (m.stdout) {
      ctx.write(text);
      return;
    }
    const plain: FileNode = { ...node, content: text, timed: undefined, repeat: undefined, live: undefined, size: undefined, gzip: undefined, inode: undefined };
    if (!this.output(target!, plain)) return;
    if (m.verbose) ctx.err(`${shown}:\t${gzipRatio(byteLength(text), compressedSize, stored)} -- ${m.keep ? 'created' : 'replaced with'} ${target}`);
    if (!m.keep) removeNode(this.actor, path);
  }
}

function gzipMain(ctx: ProgramContext, preset: Partial<Mode>): number {
  const parsed = parseOptions(ctx.argv.slice(1), { flags: 'acdfhklLnNqrtvV123456789', withArg: 'S', long: LONG });
  if (!parsed.ok) {
    ctx.err(`gzip: ${parsed.message}`);
    ctx.err('Try `gzip --help\' for more information.');
    return 1;
  }
  const { options } = parsed;
  if (options.has('h')) {
    ctx.out(`Usage: ${ctx.argv[0]} [OPTION]... [FILE]...`);
    ctx.note(`Not simulated in this drill: the full --help text of ${ctx.argv[0]}.`);
    return 0;
  }
  if (options.has('V')) {
    ctx.out('gzip 1.6');
    ctx.out('Copyright (C) 2007, 2010, 2011 Free Software Foundation, Inc.');
    ctx.out('Copyright (C) 1993 Jean-loup Gailly.');
    ctx.out('This is free software.  You may redistribute copies of it under the terms of');
    ctx.out('the GNU General Public License <http://www.gnu.org/licenses/gpl.html>.');
    ctx.out('There is NO WARRANTY, to the extent permitted by law.');
    ctx.out('');
    ctx.out('Written by Jean-loup Gailly.');
    return 0;
  }
  if (options.has('S')) ctx.note('Not simulated in this drill: gzip -S; the suffix is .gz.');
  const m: Mode = {
    decompress: options.has('d') || preset.decompress === true,
    stdout: options.has('c') || preset.stdout === true,
    force: options.has('f'),
    keep: options.has('k'),
    list: options.has('l'),
    test: options.has('t'),
    verbose: options.has('v'),
    quiet: options.has('q'),
    recursive: options.has('r'),
  };
  const gz = new Gzip(ctx, actorOf(ctx.sys), m);
  const files = options.operands;
  if (files.length === 0) gz.stream();
  for (const f of files) {
    if (f === '-') gz.stream();
    else gz.file(f);
  }
  gz.finish();
  return gz.status;
}

export const gzipPrograms: Readonly<Record<string, ProgramEntry>> = {
  gzip: { main: (ctx) => gzipMain(ctx, {}), base: true },
  gunzip: { main: (ctx) => gzipMain(ctx, { decompress: true }), base: true },
  zcat: { main: (ctx) => gzipMain(ctx, { decompress: true, stdout: true }), base: true },
};
