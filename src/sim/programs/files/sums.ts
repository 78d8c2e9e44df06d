/**
 * `md5sum`, `sha1sum` and `sha256sum` (GNU coreutils 8.28): real digests of each file's bytes
 * (`-` or nothing for standard input), `--tag`, and `-c` to check a list with its OK/FAILED
 * lines and warnings. A file the drill holds no bytes for, or gzip data, cannot be summed
 * truthfully, and the drill says so instead of printing a made-up sum.
 */
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { actorOf, ERROR_TEXT } from './access';
import { md5, sha1, sha256 } from './digest';
import { coreutilsVersion, helpText, parseOptions, STANDARD_LONG, usageError } from './options';
import { readAs } from './read';
import { stdinText } from './stdin';

interface Algorithm {
  digest(text: string): string;
  tag: string;
  hexLength: number;
}

const ALGORITHMS: ReadonlyMap<string, Algorithm> = new Map([
  ['md5sum', { digest: md5, tag: 'MD5', hexLength: 32 }],
  ['sha1sum', { digest: sha1, tag: 'SHA1', hexLength: 40 }],
  ['sha256sum', { digest: sha256, tag: 'SHA256', hexLength: 64 }],
]);

type Bytes = { ok: true; text: string } | { ok: false; message: string | null };

function bytesOf(ctx: ProgramContext, name: string): Bytes {
  const prog = ctx.argv[0];
  if (name === '-') return { ok: true, text: stdinText(ctx) };
  const read = readAs(actorOf(ctx.sys), ctx.sys, name);
  if (!read.ok) return { ok: false, message: `${prog}: ${name}: ${ERROR_TEXT[read.error]}` };
  if (read.opaque || read.gzip) {
    ctx.note(`Not simulated in this drill: the ${prog} of ${name}, whose bytes the drill does not hold${read.gzip ? ' (it keeps only the text inside)' : ''}.`);
    return { ok: false, message: null };
  }
  return { ok: true, text: read.text };
}

function check(ctx: ProgramContext, algorithm: Algorithm, lists: readonly string[], quiet: boolean, silent: boolean): number {
  const prog = ctx.argv[0];
  let status = 0;
  // Each list is checked on its own, with its own warnings (md5sum.c digest_check).
  for (const list of lists.length ? lists : ['-']) {
    const listText = bytesOf(ctx, list);
    if (!listText.ok) {
      if (listText.message) ctx.err(listText.message);
      status = 1;
      continue;
    }
    let proper = 0;
    let failed = 0;
    let unreadable = 0;
    let improper = 0;
    for (const line of listText.text.split('\n')) {
      if (line === '') continue;
      const tagged = new RegExp(`^${algorithm.tag} \\((.*)\\) = ([0-9a-fA-F]{${algorithm.hexLength}})$`).exec(line);
      const plain = /^([0-9a-fA-F]+) [ *](.*)$/.exec(line);
      const name = tagged ? tagged[1]! : plain && plain[1]!.length === algorithm.hexLength ? plain[2]! : null;
      const expected = tagged ? tagged[2]! : plain ? plain[1]! : '';
      if (name === null) {
        improper += 1;
        continue;
      }
      proper += 1;
      const bytes = bytesOf(ctx, name);
      if (!bytes.ok) {
        if (bytes.message) ctx.err(bytes.message);
        if (!silent) ctx.out(`${name}: FAILED open or read`);
        unreadable += 1;
        continue;
      }
      const ok = algorithm.digest(bytes.text) === expected.toLowerCase();
      if (!ok) failed += 1;
      if (!silent && (!ok || !quiet)) ctx.out(`${name}: ${ok ? 'OK' : 'FAILED'}`);
    }
    if (proper === 0) {
      ctx.err(`${prog}: ${list === '-' ? 'standard input' : list}: no properly formatted ${algorithm.tag} checksum lines found`);
      status = 1;
      continue;
    }
    if (!silent) {
      if (improper > 0) ctx.err(`${prog}: WARNING: ${improper} line${improper === 1 ? ' is' : 's are'} improperly formatted`);
      if (unreadable > 0) ctx.err(`${prog}: WARNING: ${unreadable} listed file${unreadable === 1 ? '' : 's'} could not be read`);
      if (failed > 0) ctx.err(`${prog}: WARNING: ${failed} computed checksum${failed === 1 ? '' : 's'} did NOT match`);
    }
    if (failed > 0 || unreadable > 0) status = 1;
  }
  return status;
}

function sum(ctx: ProgramContext): number {
  const algorithm = ALGORITHMS.get(ctx.argv[0] ?? '')!;
  const parsed = parseOptions(ctx.argv.slice(1), {
    flags: 'bctwz',
    long: [...STANDARD_LONG, { name: 'binary', key: 'b' }, { name: 'check', key: 'c' }, { name: 'tag', key: 'tag' }, { name: 'text', key: 't' }, { name: 'quiet', key: 'quiet' }, { name: 'status', key: 'status' }, { name: 'strict', key: 'strict' }, { name: 'warn', key: 'w' }, { name: 'ignore-missing', key: 'ignore-missing' }, { name: 'zero', key: 'z' }],
  });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... [FILE]...');
  if (options.has('version')) return coreutilsVersion(ctx);
  if (options.has('c')) return check(ctx, algorithm, options.operands, options.has('quiet'), options.has('status'));
  let status = 0;
  for (const name of options.operands.length ? options.operands : ['-']) {
    const bytes = bytesOf(ctx, name);
    if (!bytes.ok) {
      if (bytes.message) {
        ctx.err(bytes.message);
        status = 1;
      }
      continue;
    }
    const digest = algorithm.digest(bytes.text);
    ctx.out(options.has('tag') ? `${algorithm.tag} (${name}) = ${digest}` : `${digest} ${options.has('b') ? '*' : ' '}${name}`);
  }
  return status;
}

export const sumPrograms: Readonly<Record<string, ProgramEntry>> = {
  md5sum: { main: sum, base: true },
  sha1sum: { main: sum, base: true },
  sha256sum: { main: sum, base: true },
};
