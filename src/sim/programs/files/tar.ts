/**
 * `tar` (GNU tar 1.29): -c, -t and -x of archives in GNU format, gzip-compressed with -z (and
 * recognised as such when read), -f FILE or standard input/output, -C DIR, -v (names, or the
 * long listing with -t), -p, -O, --exclude; old-style letters (`tar czf x.tgz dir`). Members
 * keep mode, owner and time; extracting as a user gives the files to that user, as tar does.
 */
import type { FileNode } from '../../fs';
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { isoSpace } from '../../time';
import { actorOf, childIndex, filesOf, isRoot, join, locate, may, mayChangeEntries, slotOf, ERROR_TEXT, type Actor } from './access';
import { accountsOf, gidOf, uidOf } from './accounts';
import { mtimeOf } from './attrs';
import { ownNode, putNode, removeNode, umaskOf } from './change';
import { fnmatch } from './fnmatch';
import { gunzipStream, gzipStream, isGzipStream } from './gzipdata';
import { modeText } from './modes';
import { parseOptions } from './options';
import { parseTar, tarBytes, type TarEntry } from './tarformat';

/** Most members one archive takes: a drill's trees are small; this bounds `tar czf x /`. */
const MAX_MEMBERS = 20_000;

const TRY = "Try 'tar --help' or 'tar --usage' for more information.";

/** `tar czf a b` → `tar -c -z -f a b`: the first word may be letters without a dash. */
function modernised(args: readonly string[]): string[] {
  const first = args[0];
  if (!first || first.startsWith('-') || !/^[A-Za-z]+$/.test(first)) return [...args];
  const out: string[] = [];
  const rest = args.slice(1);
  for (const letter of first) {
    out.push(`-${letter}`);
    if ('fCbTXN'.includes(letter) && rest.length > 0) out.push(rest.shift()!);
  }
  return [...out, ...rest];
}

/**
 * One line of `tar -tv` (list.c print_header): owner/group and size share a column that starts
 * 19 wide and widens, for the rest of the listing, to fit the widest pair.
 */
function listing(entry: TarEntry, widths: { ugs: number }): string {
  const name = entry.kind === 'link' ? `${entry.name} -> ${entry.target ?? ''}` : entry.name;
  const size = String(entry.kind === 'file' ? new TextEncoder().encode(entry.text).length : 0);
  const user = entry.owner || String(entry.uid);
  const group = entry.group || String(entry.gid);
  const pad = user.length + 1 + group.length + 1 + size.length;
  if (pad > widths.ugs) widths.ugs = pad;
  return `${modeText(entry.kind, entry.mode)} ${user}/${group} ${size.padStart(widths.ugs - pad + size.length)} ${isoSpace(entry.mtime).slice(0, 16)} ${name}`;
}

function tar(ctx: ProgramContext): number {
  const parsed = parseOptions(modernised(ctx.argv.slice(1)), {
    flags: 'ctxruzZjJvpPOkmaw',
    withArg: 'fCX',
    long: [
      { name: 'create', key: 'c' },
      { name: 'list', key: 't' },
      { name: 'extract', key: 'x' },
      { name: 'get', key: 'x' },
      { name: 'append', key: 'r' },
      { name: 'update', key: 'u' },
      { name: 'gzip', key: 'z' },
      { name: 'gunzip', key: 'z' },
      { name: 'bzip2', key: 'j' },
      { name: 'xz', key: 'J' },
      { name: 'verbose', key: 'v' },
      { name: 'file', key: 'f', arg: 'required' },
      { name: 'directory', key: 'C', arg: 'required' },
      { name: 'preserve-permissions', key: 'p' },
      { name: 'same-permissions', key: 'p' },
      { name: 'absolute-names', key: 'P' },
      { name: 'to-stdout', key: 'O' },
      { name: 'keep-old-files', key: 'k' },
      { name: 'exclude', key: 'exclude', arg: 'required' },
      { name: 'strip-components', key: 'strip', arg: 'required' },
      { name: 'overwrite', key: 'overwrite' },
      { name: 'auto-compress', key: 'a' },
      { name: 'help', key: 'help' },
      { name: 'version', key: 'version' },
    ],
  });
  if (!parsed.ok) {
    ctx.err(`tar: ${parsed.message}`);
    ctx.err(TRY);
    return 2;
  }
  const { options } = parsed;
  if (options.has('help')) {
    ctx.out('Usage: tar [OPTION...] [FILE]...');
    ctx.note('Not simulated in this drill: the full --help text of tar.');
    return 0;
  }
  if (options.has('version')) {
    ctx.out('tar (GNU tar) 1.29');
    ctx.out('Copyright (C) 2015 Free Software Foundation, Inc.');
    ctx.out('License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>.');
    ctx.out('This is free software: you are free to change and redistribute it.');
    ctx.out('There is NO WARRANTY, to the extent permitted by law.');
    ctx.out('');
    ctx.out('Written by John Gilmore and Jay Fenlason.');
    return 0;
  }
  const modes = ['c', 't', 'x', 'r', 'u'].filter((k) => options.has(k));
  if (modes.length === 0) {
    ctx.err("tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options");
    ctx.err(TRY);
    return 2;
  }
  if (modes.length > 1) {
    ctx.err("tar: You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option");
    ctx.err(TRY);
    return 2;
  }
  if (options.has('r') || options.has('u') || options.has('j') || options.has('J')) {
    ctx.note('Not simulated in this drill: tar -r, -u, -j and -J (only gzip and plain archives are made and read).');
    return 0;
  }
  const actor = actorOf(ctx.sys);
  const archive = options.value('f') ?? '-';
  const gzip = options.has('z') || (options.has('a') && /\.(tgz|tar\.gz)$/.test(archive));
  const verbose = options.count('v');
  const excludes = options.list.filter((o) => o.key === 'exclude').map((o) => o.value ?? '');
  const dir = options.value('C');
  let work: Actor = actor;
  if (dir !== undefined) {
    const found = locate(actor, dir, true);
    if (!found.ok || found.node.kind !== 'dir') {
      ctx.err(`tar: ${dir}: Cannot open: ${ERROR_TEXT[found.ok ? 'ENOTDIR' : found.error]}`);
      ctx.err('tar: Error is not recoverable: exiting now');
      return 2;
    }
    work = { ...actor, cwd: found.path };
  }
  const state = { failed: false };
  // Verbose names go to standard output, or to standard error when the archive itself does.
  const say = (line: string) => (archive === '-' && options.has('c') ? ctx.err(line) : ctx.out(line));

  if (options.has('c')) {
    const members = options.operands;
    if (members.length === 0) {
      ctx.err('tar: Cowardly refusing to create an empty archive');
      ctx.err(TRY);
      return 2;
    }
    const accounts = accountsOf(filesOf(actor));
    const entries: TarEntry[] = [];
    let warnedSlash = false;
    const add = (name: string, path: string, node: FileNode) => {
      if (entries.length >= MAX_MEMBERS) return;
      if (excludes.some((p) => fnmatch(p, name.replace(/\/$/, '')) || fnmatch(p, name.replace(/\/$/, '').split('/').pop() ?? ''))) return;
      let stored = name;
      if (stored.startsWith('/') && !options.has('P')) {
        if (!warnedSlash) ctx.err("tar: Removing leading `/' from member names");
        warnedSlash = true;
        stored = stored.replace(/^\/+/, '');
      }
      const base = { mode: node.mode & 0o7777, uid: uidOf(accounts, node.owner), gid: gidOf(accounts, node.group), owner: node.owner, group: node.group, mtime: mtimeOf(ctx.sys, node) };
      if (node.kind === 'dir') {
        if (!may(work, node, 'r') || !may(work, node, 'x')) {
          ctx.err(`tar: ${name}: Cannot open: ${ERROR_TEXT.EACCES}`);
          state.failed = true;
          return;
        }
        const dirName = stored === '' ? '' : stored.endsWith('/') ? stored : `${stored}/`;
        if (dirName) entries.push({ ...base, name: dirName, kind: 'dir', text: '' });
        if (verbose && dirName) say(dirName);
        const files = filesOf(actor);
        for (const child of childIndex(files)(path)) {
          const childPath = join(path, child);
          if (Object.hasOwn(files, childPath)) add(name.endsWith('/') ? `${name}${child}` : `${name}/${child}`, childPath, files[childPath]!);
        }
        return;
      }
      if (node.kind === 'link') {
        entries.push({ ...base, mode: 0o777, name: stored, kind: 'link', text: '', target: node.target ?? '' });
        if (verbose) say(stored);
        return;
      }
      if (!may(work, node, 'r')) {
        ctx.err(`tar: ${name}: Cannot open: ${ERROR_TEXT.EACCES}`);
        state.failed = true;
        return;
      }
      entries.push({ ...base, name: stored, kind: 'file', text: node.gzip ? gzipStream(ctx.sys.textOf(node)) : ctx.sys.textOf(node) });
      if (verbose) say(stored);
    };
    for (const member of members) {
      const found = locate(work, member, false);
      if (!found.ok) {
        ctx.err(`tar: ${member}: Cannot stat: ${ERROR_TEXT[found.error]}`);
        state.failed = true;
        continue;
      }
      add(member, found.path, found.node);
    }
    const bytes = tarBytes(entries);
    const data = gzip ? gzipStream(bytes) : bytes;
    if (archive === '-') {
      if (ctx.stdoutIsTerminal) {
        ctx.err('tar: Refusing to write archive contents to terminal (missing -f option?)');
        ctx.err('tar: Error is not recoverable: exiting now');
        return 2;
      }
      ctx.write(data);
    } else {
      const slot = slotOf(actor, archive);
      const existing = slot.ok ? slot.node : null;
      const error = !slot.ok ? slot.error : existing?.kind === 'dir' ? 'EISDIR' : existing ? (may(actor, existing, 'w') ? null : 'EACCES') : mayChangeEntries(actor, slot.dirNode) ? null : 'EACCES';
      if (error || !slot.ok) {
        ctx.err(`tar: ${archive}: Cannot open: ${ERROR_TEXT[error ?? 'ENOENT']}`);
        ctx.err('tar: Error is not recoverable: exiting now');
        return 2;
      }
      const node: FileNode = existing ? { ...existing, content: bytes, gzip: gzip || undefined, size: undefined, timed: undefined, repeat: undefined, live: undefined } : ownNode(actor, 'file', 0o666 & ~umaskOf(actor), { content: bytes, gzip: gzip || undefined });
      putNode(actor, slot.path, { ...node, mtime: ctx.sys.now() });
    }
    if (entries.length >= MAX_MEMBERS) ctx.note(`Not simulated in this drill: archives of more than ${MAX_MEMBERS.toLocaleString('en')} members.`);
    if (state.failed) ctx.err('tar: Exiting with failure status due to previous errors');
    return state.failed ? 2 : 0;
  }

  // -t and -x: read the archive.
  let raw: string;
  if (archive === '-') {
    if (ctx.stdin === null) {
      ctx.err('tar: Refusing to read archive contents from terminal (missing -f option?)');
      ctx.err('tar: Error is not recoverable: exiting now');
      return 2;
    }
    raw = ctx.stdin;
  } else {
    const found = locate(actor, archive, true);
    const error = !found.ok ? found.error : found.node.kind === 'dir' ? 'EISDIR' : may(actor, found.node, 'r') ? null : 'EACCES';
    if (error || !found.ok) {
      ctx.err(`tar: ${archive}: Cannot open: ${ERROR_TEXT[error ?? 'ENOENT']}`);
      ctx.err('tar: Error is not recoverable: exiting now');
      return 2;
    }
    const text = ctx.sys.textOf(found.node);
    raw = found.node.gzip ? gzipStream(text) : text;
  }
  let bytes = raw;
  if (isGzipStream(raw)) bytes = gunzipStream(raw) ?? '';
  else if (options.has('z')) {
    ctx.err('gzip: stdin: not in gzip format');
    ctx.err('tar: Child returned status 1');
    ctx.err('tar: Error is not recoverable: exiting now');
    return 2;
  }
  const entries = parseTar(bytes);
  if (entries === null) {
    ctx.err('tar: This does not look like a tar archive');
    ctx.err('tar: Exiting with failure status due to previous errors');
    return 2;
  }
  const wanted = options.operands;
  const matched = new Set<string>();
  const selected = entries.filter((e) => {
    if (wanted.length === 0) return true;
    const name = e.name.replace(/\/$/, '');
    const hit = wanted.find((w) => {
      const clean = w.replace(/\/$/, '');
      return name === clean || name.startsWith(`${clean}/`) || fnmatch(clean, name);
    });
    if (hit) matched.add(hit);
    return hit !== undefined;
  }).filter((e) => !excludes.some((p) => fnmatch(p, e.name.replace(/\/$/, '')) || fnmatch(p, e.name.replace(/\/$/, '').split('/').pop() ?? '')));
  const strip = Number(options.value('strip') ?? 0) || 0;
  if (options.has('t')) {
    const widths = { ugs: 19 };
    for (const e of selected) ctx.out(verbose ? listing(e, widths) : e.name);
  } else {
    const accounts = accountsOf(filesOf(actor));
    const dirTimes: { rel: string; mtime: number }[] = [];
    for (const e of selected) {
      const parts = e.name.split('/').filter((p) => p !== '');
      if (parts.length <= strip) continue;
      const rel = parts.slice(strip).join('/');
      if (verbose) say(e.name);
      if (options.has('O')) {
        if (e.kind === 'file') ctx.write(e.text);
        continue;
      }
      extractOne(ctx, work, rel, e, options.has('p') || isRoot(actor), options.has('k'), accounts, state);
      if (e.kind === 'dir') dirTimes.push({ rel, mtime: e.mtime });
    }
    // As tar does, a directory's time is set once what is inside it has been written.
    for (const { rel, mtime } of dirTimes.reverse()) {
      const found = locate(work, rel, false);
      if (found.ok && found.node.kind === 'dir') work.draft.setFile(work.host, found.path, { ...found.node, mtime });
    }
  }
  for (const w of wanted) {
    if (!matched.has(w)) {
      ctx.err(`tar: ${w}: Not found in archive`);
      state.failed = true;
    }
  }
  if (state.failed) ctx.err('tar: Exiting with failure status due to previous errors');
  return state.failed ? 2 : 0;
}

function extractOne(ctx: ProgramContext, work: Actor, rel: string, e: TarEntry, preserve: boolean, keepOld: boolean, accounts: ReturnType<typeof accountsOf>, state: { failed: boolean }): void {
  // Missing parent directories are made as tar makes them (owned by the extracting user).
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i += 1) {
    const prefix = parts.slice(0, i).join('/');
    const found = locate(work, prefix, true);
    if (found.ok) continue;
    const slot = slotOf(work, prefix);
    if (!slot.ok || !mayChangeEntries(work, slot.dirNode)) {
      ctx.err(`tar: ${prefix}: Cannot mkdir: ${ERROR_TEXT[slot.ok ? 'EACCES' : slot.error]}`);
      state.failed = true;
      return;
    }
    putNode(work, slot.path, ownNode(work, 'dir', 0o777 & ~umaskOf(work)));
  }
  const slot = slotOf(work, rel);
  if (!slot.ok) {
    ctx.err(`tar: ${rel}: Cannot open: ${ERROR_TEXT[slot.error === 'EBUSY' ? 'EEXIST' : slot.error]}`);
    state.failed = true;
    return;
  }
  const root = isRoot(work);
  const owner = root && accounts.user(e.owner) ? e.owner : work.user.name;
  const group = root && accounts.group(e.group) ? e.group : (work.user.groups[0] ?? work.user.name);
  const mode = preserve ? e.mode : e.mode & ~umaskOf(work);
  if (slot.node !== null) {
    if (e.kind === 'dir' && slot.node.kind === 'dir') {
      if (root || slot.node.owner === work.user.name) work.draft.setFile(work.host, slot.path, { ...slot.node, mode, mtime: e.mtime });
      return;
    }
    if (keepOld) {
      ctx.err(`tar: ${rel}: Cannot open: ${ERROR_TEXT.EEXIST}`);
      state.failed = true;
      return;
    }
  }
  if (!mayChangeEntries(work, slot.dirNode)) {
    ctx.err(`tar: ${rel}: Cannot open: ${ERROR_TEXT.EACCES}`);
    state.failed = true;
    return;
  }
  if (slot.node !== null) removeNode(work, slot.path);
  const base = { owner, group, mode, mtime: e.mtime };
  if (e.kind === 'dir') putNode(work, slot.path, { kind: 'dir', ...base });
  else if (e.kind === 'link') putNode(work, slot.path, { kind: 'link', ...base, mode: 0o777, target: e.target ?? '' });
  else {
    const inner = gunzipStream(e.text);
    putNode(work, slot.path, { kind: 'file', ...base, content: inner ?? e.text, gzip: inner !== null || undefined });
  }
}

export const tarPrograms: Readonly<Record<string, ProgramEntry>> = {
  tar: { main: tar, base: true },
};
