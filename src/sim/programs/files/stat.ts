/**
 * `stat` (GNU coreutils 8.28): the default report, -t (terse), -c/--format and --printf with
 * the usual directives (%n %N %s %b %B %a %A %F %u %U %g %G %i %h %x %X %y %Y %z %Z %w %W %o
 * %d %D %f %m), -L to follow links. The drill keeps one time per file, so access, modify and
 * change times are the same; the device is the host's disk the file's mount is on (`fc01h/64513d`
 * for /dev/vda1; 801h where no disk is known) and birth is "-" (8.28 does not read it).
 */
import type { FileNode } from '../../fs';
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { isoSpace } from '../../time';
import { actorOf, childIndex, filesOf, locate, ERROR_TEXT, type Actor } from './access';
import { accountsOf, gidOf, uidOf } from './accounts';
import { inodeOf, kilobytesOf, linkCount, mtimeOf, nanosOf, sizeOf, typeName } from './attrs';
import { coreutilsVersion, helpText, parseOptions, STANDARD_LONG, usageError } from './options';
import { modeText } from './modes';
import { quoteAlways } from './quote';
import { encodedDevice, filesystemOf, filesystemsOf } from '../../system/disks';
import { hostSpec } from '../../world';

const DEFAULT_FORMAT = '  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\nDevice: %Dh/%dd\tInode: %-10i  Links: %h\nAccess: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z\n Birth: %w\n';
const TERSE_FORMAT = '%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n';
/** /dev/sda1: major 8, minor 1. */
const DEVICE = 0x801;
const DEVTMPFS = 6;

interface Subject {
  shown: string;
  path: string;
  node: FileNode;
  target?: string;
}

function timeText(epoch: number, nanos: number): string {
  return `${isoSpace(epoch)}.${String(nanos).padStart(9, '0')} +0000`;
}

/** printf-style padding for one directive: flags `-` and `0`, width, precision. */
function pad(value: string, flags: string, width: string, precision: string, numeric: boolean): string {
  let text = value;
  if (precision !== '' && !numeric) text = text.slice(0, Number(precision));
  const w = width === '' ? 0 : Number(width);
  if (text.length >= w) return text;
  if (flags.includes('-')) return text.padEnd(w);
  if (flags.includes('0') && numeric) return text.startsWith('-') ? `-${text.slice(1).padStart(w - 1, '0')}` : text.padStart(w, '0');
  return text.padStart(w);
}

function render(ctx: ProgramContext, actor: Actor, s: Subject, format: string, literal: boolean): string {
  const files = filesOf(actor);
  const accounts = accountsOf(files);
  const node = s.node;
  const size = sizeOf(ctx.sys, node, s.path);
  const inode = inodeOf(actor.host, s.path, node);
  const mtime = mtimeOf(ctx.sys, node);
  const nanos = nanosOf(node, inode, mtime);
  const blocks = kilobytesOf(ctx.sys, node, s.path) * 2;
  // A link's own permission bits are always rwxrwxrwx on Linux.
  const mode = node.kind === 'link' ? 0o777 : node.mode;
  const kindBits = node.kind === 'dir' ? 0o040000 : node.kind === 'link' ? 0o120000 : node.device ? 0o020000 : node.socket ? 0o140000 : 0o100000;
  // Devices live on devtmpfs (device 6 on Ubuntu 18.04), not on the root disk.
  const fsDevice = node.device ? DEVTMPFS : (encodedDevice(filesystemOf(filesystemsOf(hostSpec(ctx.sys.config, actor.host), []), s.path)?.device ?? '') ?? DEVICE);
  const value = (directive: string): { text: string; numeric: boolean } | null => {
    const n = (v: number) => ({ text: String(v), numeric: true });
    const t = (v: string) => ({ text: v, numeric: false });
    switch (directive) {
      case 'n': return t(s.shown);
      case 'N': {
        const q = literal ? (x: string) => x : quoteAlways;
        return t(s.target !== undefined ? `${q(s.shown)} -> ${q(s.target)}` : q(s.shown));
      }
      case 's': return n(size);
      case 'b': return n(blocks);
      case 'B': return n(512);
      case 'o': return n(4096);
      case 'a': return { text: (mode & 0o7777).toString(8), numeric: true };
      case 'A': return t(modeText(node.kind, node.mode, node.device !== undefined, node.socket === true));
      case 'f': return t((kindBits | (mode & 0o7777)).toString(16));
      case 'F': return t(typeName(node, size));
      case 'u': return n(uidOf(accounts, node.owner));
      case 'U': return t(node.owner);
      case 'g': return n(gidOf(accounts, node.group));
      case 'G': return t(node.group);
      case 'i': return n(inode);
      case 'h': return n(linkCount(node, s.path, files, childIndex(files)));
      case 'd': return n(fsDevice);
      case 'D': return t(fsDevice.toString(16));
      case 't': return t((node.device?.major ?? 0).toString(16));
      case 'T': return t((node.device?.minor ?? 0).toString(16));
      case 'm': return t('/');
      case 'x': case 'y': case 'z': return t(timeText(mtime, nanos));
      case 'X': case 'Y': case 'Z': return n(mtime);
      case 'w': return t('-');
      case 'W': return n(0);
      case 'C': return t('?');
      default: return null;
    }
  };
  return format.replace(/%([-#0 +']*)(\d*)(?:\.(\d+))?([a-zA-Z%])?/g, (whole, flags: string, width: string, precision: string | undefined, directive: string | undefined) => {
    if (directive === undefined) return whole;
    if (directive === '%') return '%';
    const v = value(directive);
    if (v === null) return `?`;
    return pad(v.text, flags, width, precision ?? '', v.numeric);
  });
}

/** `--printf` and `-c` backslash escapes (only --printf interprets them). */
function unescape(text: string): string {
  const named: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\u0007', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', e: '\u001b' };
  return text.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))/g, (whole, oct: string | undefined, hex: string | undefined, ch: string | undefined) => {
    if (oct) return String.fromCharCode(parseInt(oct, 8));
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    return ch !== undefined && Object.hasOwn(named, ch) ? named[ch]! : whole;
  });
}

function stat(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), {
    flags: 'fLt',
    withArg: 'c',
    long: [...STANDARD_LONG, { name: 'dereference', key: 'L' }, { name: 'file-system', key: 'f' }, { name: 'format', key: 'c', arg: 'required' }, { name: 'printf', key: 'printf', arg: 'required' }, { name: 'terse', key: 't' }],
  });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... FILE...');
  if (options.has('version')) return coreutilsVersion(ctx);
  if (options.operands.length === 0) return usageError(ctx, 'missing operand');
  if (options.has('f')) {
    ctx.note('Not simulated in this drill: stat -f (file system status); df shows the disks.');
    return 0;
  }
  let format = options.has('t') ? TERSE_FORMAT : DEFAULT_FORMAT;
  let custom = false;
  for (const { key, value } of options.list) {
    if (key === 'c') {
      format = `${value}\n`;
      custom = true;
    } else if (key === 'printf') {
      format = unescape(value ?? '');
      custom = true;
    }
  }
  const actor = actorOf(ctx.sys);
  let status = 0;
  for (const arg of options.operands) {
    const found = locate(actor, arg, options.has('L'));
    if (!found.ok) {
      ctx.err(`stat: cannot stat ${quoteAlways(arg)}: ${ERROR_TEXT[found.error]}`);
      status = 1;
      continue;
    }
    const subject: Subject = { shown: arg, path: found.path, node: found.node, target: found.node.kind === 'link' ? (found.node.target ?? '') : undefined };
    // The default report shows names as they are; -c/--printf with %N quotes them.
    // coreutils' default report adds the device numbers for a device.
    const shown = !custom && format === DEFAULT_FORMAT && subject.node.device ? format.replace('Links: %h\n', 'Links: %-5h Device type: %t,%T\n') : format;
    ctx.write(render(ctx, actor, subject, shown, !custom));
  }
  return status;
}

export const statPrograms: Readonly<Record<string, ProgramEntry>> = {
  stat: { main: stat, base: true },
};
