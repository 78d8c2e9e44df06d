/**
 * `scp` (OpenSSH 7.6) between the scenario's hosts: `scp FILE host:/dir/`, `scp host:/path
 * .`, `-r` for directories, `-p` to keep modes and times, `-q`, `-P`, `-3`. On a remote host
 * it acts as the trainee's login there (the only account with their key), with that user's
 * permissions; errors come as scp prints them (a remote one with `scp: `, a local one without).
 * On a terminal it prints OpenSSH's progress line for each file (80 columns), with a transfer
 * rate the drill derives from the size, never the wall clock.
 */
import { baseName, type FileNode } from '../../fs';
import type { ProgramContext } from '../../process';
import { userOf } from '../../process';
import type { ProgramEntry } from '../registry';
import { actorOf, childIndex, filesOf, join, locate, may, mayChangeEntries, slotOf, ERROR_TEXT, type Actor, type FileError } from './access';
import { mtimeOf, sizeOf, snapshotOf } from './attrs';
import { nowOf, putNode, removeNode, umaskOf } from './change';
import { parseOptions } from './options';
import { joinShown } from './tree';
import { sshAccepted, unknownHostNote } from '../../shell/sshAuth';

interface Side {
  actor: Actor;
  /** Errors on a remote side are printed with "scp: " in front. */
  remote: boolean;
  path: string;
  label: string;
}

const USAGE = [
  'usage: scp [-346BCpqrv] [-c cipher] [-F ssh_config] [-i identity_file]',
  '           [-l limit] [-o ssh_option] [-P port] [-S program]',
  '           [[user@]host1:]file1 ... [[user@]host2:]file2',
];

/** A simulated link speed for the progress line: 40 MiB/s, at least 50 ms a file. */
const BYTES_PER_SECOND = 40 * 1024 * 1024;

function formatSize(bytes: number): string {
  const unit = ' KMGT';
  let i = 0;
  let b = bytes;
  for (; b >= 10000 && unit[i] !== 'T'; i += 1) b = Math.floor((b + 512) / 1024);
  return `${String(b).padStart(4)}${unit[i]}${i ? 'B' : ' '}`;
}

function formatRate(bytesPerSecond: number): string {
  const unit = ' KMGT';
  let b = Math.floor(bytesPerSecond) * 100;
  let i = 0;
  for (; b >= 100 * 1000 && unit[i] !== 'T'; i += 1) b = Math.floor((b + 512) / 1024);
  if (i === 0) {
    i += 1;
    b = Math.floor((b + 512) / 1024);
  }
  return `${String(Math.floor((b + 5) / 100)).padStart(3)}.${Math.floor((b + 5) / 10) % 10}${unit[i]}${i ? 'B' : ' '}`;
}

/** OpenSSH's progress line when a file is done, for an 80-column terminal. */
export function progressLine(name: string, size: number): string {
  const seconds = Math.max(0.05, size / BYTES_PER_SECOND);
  const rate = size / seconds;
  const elapsed = Math.floor(seconds);
  const eta = elapsed >= 3600 ? `${Math.floor(elapsed / 3600)}:${String(Math.floor(elapsed / 60) % 60).padStart(2, '0')}:${String(elapsed % 60).padStart(2, '0')}` : `  ${String(Math.floor(elapsed / 60)).padStart(2, '0')}:${String(elapsed % 60).padStart(2, '0')}`;
  return `${name.slice(0, 45).padEnd(45)} 100% ${formatSize(size)} ${formatRate(rate)}/s ${eta}    `;
}

class Copy {
  status = 0;

  constructor(
    private readonly ctx: ProgramContext,
    private readonly o: { recursive: boolean; preserve: boolean; quiet: boolean },
  ) {}

  fail(side: { remote: boolean }, message: string) {
    this.ctx.err(side.remote ? `scp: ${message}` : message);
    this.status = 1;
  }

  /** Sends `from` (a file or, with -r, a tree) to `to`, which is the final name. */
  send(from: Side, to: Side): void {
    const found = locate(from.actor, from.path, true);
    if (!found.ok) {
      this.fail(from, `${from.label}: ${ERROR_TEXT[found.error]}`);
      return;
    }
    this.entry(from, found.path, found.node, to);
  }

  private entry(from: Side, path: string, node: FileNode, to: Side): void {
    if (node.kind === 'dir') {
      if (!this.o.recursive) {
        this.fail(from, `${from.label}: not a regular file`);
        return;
      }
      if (!may(from.actor, node, 'r') || !may(from.actor, node, 'x')) {
        this.fail(from, `${from.label}: ${ERROR_TEXT.EACCES}`);
        return;
      }
      const slot = slotOf(to.actor, to.path);
      if (!slot.ok) {
        this.fail(to, `${to.label}: ${ERROR_TEXT[slot.error as FileError]}`);
        return;
      }
      if (slot.node === null) {
        if (!mayChangeEntries(to.actor, slot.dirNode)) {
          this.fail(to, `${to.label}: ${ERROR_TEXT.EACCES}`);
          return;
        }
        const mode = this.o.preserve ? node.mode : node.mode & ~umaskOf(to.actor);
        putNode(to.actor, slot.path, { kind: 'dir', owner: to.actor.user.name, group: to.actor.user.groups[0] ?? to.actor.user.name, mode: mode | 0o700, mtime: nowOf(to.actor) });
      } else if (slot.node.kind !== 'dir') {
        this.fail(to, `${to.label}: ${ERROR_TEXT.ENOTDIR}`);
        return;
      }
      const files = filesOf(from.actor);
      for (const name of childIndex(files)(path)) {
        const childPath = join(path, name);
        if (!Object.hasOwn(files, childPath)) continue;
        const child = files[childPath]!;
        if (child.kind === 'link') continue;
        this.entry({ ...from, path: childPath, label: joinShown(from.label, name) }, childPath, child, { ...to, path: joinShown(to.path, name), label: joinShown(to.label, name) });
      }
      return;
    }
    if (!may(from.actor, node, 'r')) {
      this.fail(from, `${from.label}: ${ERROR_TEXT.EACCES}`);
      return;
    }
    const slot = slotOf(to.actor, to.path);
    if (!slot.ok) {
      this.fail(to, `${to.label}: ${ERROR_TEXT[slot.error === 'EBUSY' ? 'EISDIR' : slot.error]}`);
      return;
    }
    let destPath = slot.path;
    let existing = slot.node;
    if (existing?.kind === 'link') {
      const through = locate(to.actor, to.path, true);
      if (through.ok) {
        destPath = through.path;
        existing = through.node;
      }
    }
    if (existing?.kind === 'dir') {
      this.fail(to, `${to.label}: ${ERROR_TEXT.EISDIR}`);
      return;
    }
    if (existing ? !may(to.actor, existing, 'w') : !mayChangeEntries(to.actor, slot.dirNode)) {
      this.fail(to, `${to.label}: ${ERROR_TEXT.EACCES}`);
      return;
    }
    const sys = this.ctx.sys;
    const body = snapshotOf(sys, node);
    const size = sizeOf(sys, node, path);
    const data: Partial<FileNode> = { content: body.content, timed: undefined, repeat: undefined, live: undefined, size: body.size, gzip: body.gzip, mtime: this.o.preserve ? mtimeOf(sys, node) : nowOf(to.actor) };
    if (existing) {
      to.actor.draft.setFile(to.actor.host, destPath, { ...existing, ...data, ...(this.o.preserve ? { mode: node.mode } : {}) });
    } else {
      if (slot.node !== null) removeNode(to.actor, slot.path);
      putNode(to.actor, destPath, { kind: 'file', owner: to.actor.user.name, group: to.actor.user.groups[0] ?? to.actor.user.name, mode: this.o.preserve ? node.mode : node.mode & 0o777 & ~umaskOf(to.actor), ...data } as FileNode);
    }
    if (this.ctx.stdoutIsTerminal && !this.o.quiet) this.ctx.out(progressLine(baseName(path), size));
  }
}

/** `[user@]host:path` → its parts; null for a local path (a colon after a slash is part of a name). */
function remoteSpec(word: string): { user: string | null; host: string; path: string } | null {
  const colon = word.indexOf(':');
  if (colon <= 0) return null;
  const slash = word.indexOf('/');
  if (slash >= 0 && slash < colon) return null;
  const left = word.slice(0, colon);
  const at = left.lastIndexOf('@');
  return { user: at >= 0 ? left.slice(0, at) : null, host: at >= 0 ? left.slice(at + 1) : left, path: word.slice(colon + 1) };
}

function scp(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), { flags: '346BCpqrTv', withArg: 'cFiloPS' });
  if (!parsed.ok) {
    ctx.err(`scp: ${parsed.message.replace(/^invalid option -- '(.)'$/, 'illegal option -- $1')}`);
    for (const line of USAGE) ctx.err(line);
    return 1;
  }
  const { options } = parsed;
  const words = options.operands;
  if (words.length < 2) {
    for (const line of USAGE) ctx.err(line);
    return 1;
  }
  const local = actorOf(ctx.sys);
  const config = ctx.sys.config;
  const sides: (Side | null)[] = words.map((word) => {
    const remote = remoteSpec(word);
    if (!remote) return { actor: local, remote: false, path: word, label: word };
    const name = remote.host.toLowerCase();
    const host = config.hosts.find((h) => h.id === name || h.name.toLowerCase() === name || h.names.some((n) => n.toLowerCase() === name));
    if (!host) {
      ctx.err(`ssh: Could not resolve hostname ${remote.host}: Name or service not known`);
      ctx.err('lost connection');
      return null;
    }
    const spec = Object.hasOwn(config.world.hosts, host.id) ? config.world.hosts[host.id] : undefined;
    if (host.external || !spec) {
      ctx.err(`ssh: connect to host ${remote.host} port 22: Connection timed out`);
      ctx.err('lost connection');
      return null;
    }
    const user = remote.user ?? (ctx.sys.user.name === 'root' ? spec.login : ctx.sys.user.name);
    const info = userOf(config, host.id, user);
    unknownHostNote(ctx, remote.host);
    if (!info || !sshAccepted(ctx, host.id, user)) {
      ctx.err(`${user}@${remote.host}: Permission denied (publickey).`);
      ctx.err('lost connection');
      return null;
    }
    const path = remote.path === '' ? '.' : remote.path;
    return { actor: { draft: ctx.sys.draft, host: host.id, user: info, cwd: info.home }, remote: true, path, label: path };
  });
  if (sides.some((s) => s === null)) return 1;
  const resolved = sides as Side[];
  const target = resolved[resolved.length - 1]!;
  const sources = resolved.slice(0, -1);
  if (sources.some((s) => s.remote) && target.remote && !options.has('3')) {
    ctx.note('Not simulated in this drill: a copy from one remote host straight to another; the drill copied it through your machine, as scp -3 does.');
  }
  const copy = new Copy(ctx, { recursive: options.has('r'), preserve: options.has('p'), quiet: options.has('q') });
  const targetFound = locate(target.actor, target.path, true);
  const targetIsDir = targetFound.ok && targetFound.node.kind === 'dir';
  if (sources.length > 1 && !targetIsDir) {
    copy.fail(target, `${target.label}: ${ERROR_TEXT.ENOTDIR}`);
    return 1;
  }
  for (const source of sources) {
    const destination = targetIsDir ? { ...target, path: joinShown(target.path, baseName(source.path)), label: joinShown(target.label, baseName(source.path)) } : target;
    copy.send(source, destination);
  }
  return copy.status;
}

export const scpPrograms: Readonly<Record<string, ProgramEntry>> = {
  scp: { main: scp, base: true },
};
