/**
 * `ls` (GNU coreutils 8.28): lists operands that are files first, then each directory's
 * entries, sorted by name (C.UTF-8: byte order), time (-t), size (-S) or extension (-X); long
 * format (-l -g -o -n) with aligned columns and a "total" line; columns on a terminal, one name
 * per line into a pipe; -a -A -d -R -r -h -i -s -F -p -1 -C -x -m -L, --full-time and
 * --time-style. Colours are not shown.
 */
import { parentOf, type FileNode } from '../../fs';
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { lsTime, isoSpace, partsOf } from '../../time';
import { actorOf, byteOrder, childIndex, filesOf, join, locate, may, ERROR_TEXT, type Actor } from './access';
import { accountsOf, gidOf, uidOf } from './accounts';
import { inodeOf, kilobytesOf, linkCount, mtimeOf, nanosOf, sizeOf } from './attrs';
import { columnLines, commaLines } from './columns';
import { humanSize } from './human';
import { modeText, permissionString } from './modes';
import { coreutilsVersion, helpText, parseOptions, STANDARD_LONG, usageError, type LongOption } from './options';
import { quoteAlways, quoteIfNeeded } from './quote';
import { joinShown } from './tree';

type Format = 'long' | 'columns' | 'across' | 'single' | 'commas';
type Sort = 'name' | 'time' | 'size' | 'extension' | 'version' | 'none';

interface Settings {
  format: Format;
  all: 'none' | 'almost' | 'all';
  sort: Sort;
  reverse: boolean;
  recursive: boolean;
  directories: boolean;
  human: boolean;
  inode: boolean;
  blocks: boolean;
  indicator: 'none' | 'slash' | 'classify';
  numeric: boolean;
  owner: boolean;
  group: boolean;
  dereference: 'never' | 'command-line' | 'always';
  timeStyle: 'locale' | 'full-iso' | 'long-iso' | 'iso';
  quote: boolean;
}

/** One line of a listing: what it is called there and what it is. */
interface Item {
  name: string;
  path: string;
  node: FileNode;
  /** For a link: where it points, and what is there (null if nothing). */
  target?: { text: string; node: FileNode | null };
  /** Set when the entry could not be looked at (its directory is not searchable). */
  unknown?: boolean;
}

const LONG: readonly LongOption[] = [
  ...STANDARD_LONG,
  { name: 'all', key: 'a' },
  { name: 'almost-all', key: 'A' },
  { name: 'directory', key: 'd' },
  { name: 'classify', key: 'F' },
  { name: 'human-readable', key: 'h' },
  { name: 'inode', key: 'i' },
  { name: 'numeric-uid-gid', key: 'n' },
  { name: 'recursive', key: 'R' },
  { name: 'reverse', key: 'r' },
  { name: 'size', key: 's' },
  { name: 'dereference', key: 'L' },
  { name: 'no-group', key: 'G' },
  { name: 'color', key: 'color', arg: 'optional' },
  { name: 'colour', key: 'color', arg: 'optional' },
  { name: 'full-time', key: 'full-time' },
  { name: 'time-style', key: 'time-style', arg: 'required' },
  { name: 'sort', key: 'sort', arg: 'required' },
  { name: 'format', key: 'format', arg: 'required' },
  { name: 'group-directories-first', key: 'group-directories-first' },
  { name: 'literal', key: 'N' },
  { name: 'quote-name', key: 'Q' },
  { name: 'width', key: 'w', arg: 'required' },
  { name: 'indicator-style', key: 'indicator-style', arg: 'required' },
];

function settingsOf(ctx: ProgramContext, list: readonly { key: string; value: string | null }[]): Settings | string {
  const s: Settings = {
    format: ctx.stdoutIsTerminal ? 'columns' : 'single',
    all: 'none',
    sort: 'name',
    reverse: false,
    recursive: false,
    directories: false,
    human: false,
    inode: false,
    blocks: false,
    indicator: 'none',
    numeric: false,
    owner: true,
    group: true,
    dereference: 'command-line',
    timeStyle: 'locale',
    quote: ctx.stdoutIsTerminal,
  };
  let dereferenceSet = false;
  for (const { key, value } of list) {
    switch (key) {
      case 'l': s.format = 'long'; break;
      case 'g': s.format = 'long'; s.owner = false; break;
      case 'o': s.format = 'long'; s.group = false; break;
      case 'n': s.format = 'long'; s.numeric = true; break;
      case 'G': s.group = false; break;
      case '1': s.format = 'single'; break;
      case 'C': s.format = 'columns'; break;
      case 'x': s.format = 'across'; break;
      case 'm': s.format = 'commas'; break;
      case 'a': s.all = 'all'; break;
      case 'A': s.all = 'almost'; break;
      case 'f': s.all = 'all'; s.sort = 'none'; break;
      case 'U': s.sort = 'none'; break;
      case 't': s.sort = 'time'; break;
      case 'S': s.sort = 'size'; break;
      case 'X': s.sort = 'extension'; break;
      case 'v': s.sort = 'version'; break;
      case 'r': s.reverse = true; break;
      case 'R': s.recursive = true; break;
      case 'd': s.directories = true; break;
      case 'h': s.human = true; break;
      case 'k': s.human = false; break;
      case 'i': s.inode = true; break;
      case 's': s.blocks = true; break;
      case 'F': s.indicator = 'classify'; break;
      case 'p': s.indicator = 'slash'; break;
      case 'L': s.dereference = 'always'; dereferenceSet = true; break;
      case 'H': s.dereference = 'command-line'; dereferenceSet = true; break;
      case 'N': s.quote = false; break;
      case 'q': case 'b': case 'Q': break;
      case 'c': case 'u': break;
      case 'full-time': s.format = 'long'; s.timeStyle = 'full-iso'; break;
      case 'time-style': {
        const style = (value ?? '').replace(/^posix-/, '');
        if (style === 'full-iso' || style === 'long-iso' || style === 'iso' || style === 'locale') s.timeStyle = style;
        else if (!style.startsWith('+')) return `invalid argument ‘${value}’ for ‘time style’\nValid arguments are:\n  - [posix-]full-iso\n  - [posix-]long-iso\n  - [posix-]iso\n  - [posix-]locale\n  - +FORMAT (e.g., +%H:%M) for a 'date'-style format`;
        break;
      }
      case 'sort': {
        const map: Record<string, Sort> = { none: 'none', size: 'size', time: 'time', version: 'version', extension: 'extension' };
        if (!Object.hasOwn(map, value ?? '')) return `invalid argument ‘${value}’ for ‘--sort’\nValid arguments are:\n  - ‘none’\n  - ‘time’\n  - ‘size’\n  - ‘extension’\n  - ‘version’`;
        s.sort = map[value!]!;
        break;
      }
      case 'format': {
        const map: Record<string, Format> = { long: 'long', verbose: 'long', commas: 'commas', horizontal: 'across', across: 'across', vertical: 'columns', 'single-column': 'single' };
        if (!Object.hasOwn(map, value ?? '')) return `invalid argument ‘${value}’ for ‘--format’\nValid arguments are:\n  - ‘verbose’, ‘long’\n  - ‘commas’\n  - ‘horizontal’, ‘across’\n  - ‘vertical’\n  - ‘single-column’`;
        s.format = map[value!]!;
        break;
      }
      case 'indicator-style': {
        if (value === 'slash') s.indicator = 'slash';
        else if (value === 'classify' || value === 'file-type') s.indicator = 'classify';
        else if (value === 'none') s.indicator = 'none';
        break;
      }
      default: break;
    }
  }
  if (!dereferenceSet && (s.directories || s.indicator === 'classify' || s.format === 'long')) s.dereference = 'never';
  return s;
}

function classifyMark(node: FileNode, indicator: Settings['indicator']): string {
  if (indicator === 'none') return '';
  if (node.kind === 'dir') return '/';
  if (indicator === 'slash') return '';
  if (node.kind === 'link') return '@';
  return node.mode & 0o111 ? '*' : '';
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1) : '';
}

/** `-v`: runs of digits compare as numbers (file2 before file10). */
function versionOrder(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i += 1) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    } else if (x !== y) return byteOrder(x, y);
  }
  return pa.length - pb.length;
}

class Lister {
  private readonly files: Readonly<Record<string, FileNode>>;
  private readonly children: (dir: string) => string[];
  private readonly accounts;
  status = 0;

  constructor(
    private readonly ctx: ProgramContext,
    private readonly actor: Actor,
    private readonly s: Settings,
  ) {
    this.files = filesOf(actor);
    this.children = childIndex(this.files);
    this.accounts = accountsOf(this.files);
  }

  private fail(message: string, serious: boolean) {
    this.ctx.err(`ls: ${message}`);
    this.status = Math.max(this.status, serious ? 2 : 1);
  }

  private readonly sizes = new Map<Item, number>();
  private readonly mtimes = new Map<Item, number>();

  private mtime(item: Item): number {
    let t = this.mtimes.get(item);
    if (t === undefined) this.mtimes.set(item, (t = mtimeOf(this.ctx.sys, item.node)));
    return t;
  }

  private size(item: Item): number {
    let size = this.sizes.get(item);
    if (size === undefined) this.sizes.set(item, (size = sizeOf(this.ctx.sys, item.node, item.path)));
    return size;
  }

  private kilobytes(item: Item): number {
    if (item.node.kind === 'dir') return kilobytesOf(this.ctx.sys, item.node, item.path);
    if (item.node.kind === 'link') return 0;
    return Math.ceil(this.size(item) / 4096) * 4;
  }

  sort(items: Item[]): Item[] {
    const s = this.s;
    if (s.sort === 'none') return s.reverse ? [...items].reverse() : items;
    const compare = (a: Item, b: Item): number => {
      switch (s.sort) {
        case 'time': return this.mtime(b) - this.mtime(a) || byteOrder(a.name, b.name);
        case 'size': return this.size(b) - this.size(a) || byteOrder(a.name, b.name);
        case 'extension': return byteOrder(extensionOf(a.name), extensionOf(b.name)) || byteOrder(a.name, b.name);
        case 'version': return versionOrder(a.name, b.name);
        default: return byteOrder(a.name, b.name);
      }
    };
    const sorted = [...items].sort(compare);
    return s.reverse ? sorted.reverse() : sorted;
  }

  /** An item for a path found by lookup, with its link target when it is a link. */
  private item(name: string, path: string, node: FileNode, follow: boolean): Item {
    if (node.kind === 'link') {
      const target = locate({ ...this.actor, cwd: parentOf(path) }, node.target ?? '', true);
      if (follow && target.ok) return { name, path: target.path, node: target.node };
      return { name, path, node, target: { text: node.target ?? '', node: target.ok ? target.node : null } };
    }
    return { name, path, node };
  }

  /** Looks up an operand; null (after the error) when it does not exist. */
  operand(arg: string): Item | null {
    const follow = this.s.dereference !== 'never';
    let found = locate(this.actor, arg, follow);
    if (!found.ok && follow && found.error === 'ENOENT') {
      // A dangling link on the command line is listed as the link itself.
      const link = locate(this.actor, arg, false);
      if (link.ok) found = link;
    }
    if (!found.ok) {
      this.fail(`cannot access ${quoteAlways(arg)}: ${ERROR_TEXT[found.error]}`, true);
      return null;
    }
    if (found.node.kind === 'link' && this.s.dereference === 'command-line') {
      const target = locate(this.actor, arg, true);
      // Followed only when it leads to a directory.
      if (target.ok && target.node.kind === 'dir') return { name: arg, path: target.path, node: target.node };
    }
    return this.item(arg, found.path, found.node, false);
  }

  private displayName(item: Item, anyQuoted: boolean): string {
    const shown = this.s.quote ? quoteIfNeeded(item.name) : item.name;
    return anyQuoted && shown === item.name ? ` ${shown}` : shown;
  }

  private ownerName(item: Item): string {
    return this.s.numeric ? String(uidOf(this.accounts, item.node.owner)) : item.node.owner;
  }

  private groupName(item: Item): string {
    return this.s.numeric ? String(gidOf(this.accounts, item.node.group)) : item.node.group;
  }

  private sizeText(item: Item): string {
    const device = item.node.device;
    if (device) return `${device.major}, ${device.minor}`;
    const size = this.size(item);
    return this.s.human ? humanSize(size) : String(size);
  }

  private blocksText(item: Item): string {
    const kb = this.kilobytes(item);
    return this.s.human ? humanSize(kb * 1024) : String(kb);
  }

  private timeText(item: Item): string {
    const epoch = this.mtime(item);
    const now = this.ctx.sys.now();
    const pad = (n: number) => String(n).padStart(2, '0');
    switch (this.s.timeStyle) {
      case 'full-iso': {
        const nanos = nanosOf(item.node, inodeOf(this.actor.host, item.path, item.node), epoch);
        return `${isoSpace(epoch)}.${String(nanos).padStart(9, '0')} +0000`;
      }
      case 'long-iso': return isoSpace(epoch).slice(0, 16);
      case 'iso': {
        const p = partsOf(epoch);
        const recent = epoch <= now + 3600 && now - epoch < 182 * 24 * 3600;
        return recent ? `${pad(p.month + 1)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}` : `${p.year}-${pad(p.month + 1)}-${pad(p.day)} `;
      }
      default: return lsTime(epoch, now);
    }
  }

  /** Prints a group of items (the file operands, or one directory's entries). */
  print(items: readonly Item[], withTotal: boolean): void {
    const s = this.s;
    const anyQuoted = s.quote && s.format !== 'single' && s.format !== 'commas' && items.some((i) => quoteIfNeeded(i.name) !== i.name);
    if (withTotal && (s.format === 'long' || s.blocks)) {
      const total = items.reduce((sum, i) => sum + (i.unknown ? 0 : this.kilobytes(i)), 0);
      this.ctx.out(`total ${s.human ? humanSize(total * 1024) : total}`);
    }
    if (items.length === 0) return;
    if (s.format === 'long') {
      this.printLong(items, anyQuoted);
      return;
    }
    const inodes = items.map((i) => (i.unknown ? '?' : String(inodeOf(this.actor.host, i.path, i.node))));
    const blocks = items.map((i) => (i.unknown ? '?' : this.blocksText(i)));
    const inodeWidth = Math.max(...inodes.map((t) => t.length));
    const blockWidth = Math.max(...blocks.map((t) => t.length));
    const cells = items.map((item, index) => {
      let prefix = '';
      if (s.inode) prefix += `${s.format === 'commas' ? inodes[index] : inodes[index]!.padStart(inodeWidth)} `;
      if (s.blocks) prefix += `${s.format === 'commas' ? blocks[index] : blocks[index]!.padStart(blockWidth)} `;
      return prefix + this.displayName(item, anyQuoted) + classifyMark(item.node, s.indicator);
    });
    const widths = cells.map((c) => [...c].length);
    if (s.format === 'single') for (const cell of cells) this.ctx.out(cell);
    else if (s.format === 'commas') for (const line of commaLines(cells, widths)) this.ctx.out(line);
    else for (const line of columnLines(cells, widths, s.format === 'columns')) this.ctx.out(line);
  }

  private printLong(items: readonly Item[], anyQuoted: boolean): void {
    const s = this.s;
    const rows = items.map((item) => {
      if (item.unknown) return { inode: '?', blocks: '?', mode: `${item.node.kind === 'dir' ? 'd' : '-'}?????????`, links: '?', owner: '?', group: '?', size: '?', time: '           ?', item };
      return {
        inode: String(inodeOf(this.actor.host, item.path, item.node)),
        blocks: this.blocksText(item),
        // A link's own bits are 0777 on disk; /proc's descriptor links carry their access mode (lrwx------).
        mode: item.node.kind === 'link' && item.path.startsWith('/proc/') ? `l${permissionString(item.node.mode)}` : modeText(item.node.kind, item.node.mode, item.node.device !== undefined, item.node.socket === true),
        links: String(linkCount(item.node, item.path, this.files, this.children)),
        owner: this.ownerName(item),
        group: this.groupName(item),
        size: this.sizeText(item),
        time: this.timeText(item),
        item,
      };
    });
    const width = (key: 'inode' | 'blocks' | 'links' | 'owner' | 'group' | 'size') => Math.max(...rows.map((r) => r[key].length));
    const w = { inode: width('inode'), blocks: width('blocks'), links: width('links'), owner: width('owner'), group: width('group'), size: width('size') };
    for (const r of rows) {
      let line = '';
      if (s.inode) line += `${r.inode.padStart(w.inode)} `;
      if (s.blocks) line += `${r.blocks.padStart(w.blocks)} `;
      line += `${r.mode} ${r.links.padStart(w.links)} `;
      if (s.owner) line += `${r.owner.padEnd(w.owner)} `;
      if (s.group) line += `${r.group.padEnd(w.group)} `;
      line += `${r.size.padStart(w.size)} ${r.time} ${this.displayName(r.item, anyQuoted)}`;
      if (r.item.target) {
        const target = r.item.target;
        line += ` -> ${s.quote ? quoteIfNeeded(target.text) : target.text}`;
        if (target.node && s.indicator === 'classify') line += classifyMark(target.node, s.indicator);
      } else line += classifyMark(r.item.node, s.indicator);
      this.ctx.out(line);
    }
  }

  /** The entries of a directory, as items; null (after the error) when it cannot be read. */
  entries(dir: Item, commandLine: boolean): Item[] | null {
    if (!may(this.actor, dir.node, 'r')) {
      this.fail(`cannot open directory ${quoteAlways(dir.name)}: ${ERROR_TEXT.EACCES}`, commandLine);
      return null;
    }
    const searchable = may(this.actor, dir.node, 'x');
    const names = this.children(dir.path).filter((n) => this.s.all !== 'none' || !n.startsWith('.'));
    const items: Item[] = [];
    if (this.s.all === 'all') {
      items.push({ name: '.', path: dir.path, node: dir.node });
      const up = parentOf(dir.path);
      items.push({ name: '..', path: up, node: Object.hasOwn(this.files, up) ? this.files[up]! : dir.node });
    }
    const detailed = this.s.format === 'long' || this.s.inode || this.s.blocks || this.s.sort === 'time' || this.s.sort === 'size';
    for (const name of names) {
      const path = join(dir.path, name);
      const node = this.files[path]!;
      if (!searchable && detailed) {
        this.fail(`cannot access ${quoteAlways(dir.name === '.' ? name : joinShown(dir.name, name))}: ${ERROR_TEXT.EACCES}`, false);
        items.push({ name, path, node, unknown: true });
        continue;
      }
      items.push(this.item(name, path, node, this.s.dereference === 'always'));
    }
    return this.sort(items);
  }
}

function ls(ctx: ProgramContext): number {
  const parsed = parseOptions(ctx.argv.slice(1), { flags: 'aAbBcCdfFgGhHiklLmnNopqQrRsStuUvxX1Z', withArg: 'wITD', long: LONG });
  if (!parsed.ok) return usageError(ctx, parsed.message, 2);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, '[OPTION]... [FILE]...');
  if (options.has('version')) return coreutilsVersion(ctx);
  const settings = settingsOf(ctx, options.list);
  if (typeof settings === 'string') {
    for (const line of settings.split('\n')) ctx.err(line.startsWith('  ') || line.startsWith('Valid') ? line : `ls: ${line}`);
    return usageError(ctx, '', 2);
  }
  const actor = actorOf(ctx.sys);
  const lister = new Lister(ctx, actor, settings);
  const operands = options.operands.length > 0 ? options.operands : ['.'];
  const found = operands.map((arg) => lister.operand(arg)).filter((i): i is Item => i !== null);
  const fileItems = lister.sort(found.filter((i) => settings.directories || i.node.kind !== 'dir'));
  const dirItems = lister.sort(found.filter((i) => !settings.directories && i.node.kind === 'dir'));
  let printed = false;
  if (fileItems.length > 0) {
    lister.print(fileItems, false);
    printed = true;
  }
  const showHeaders = operands.length > 1 || settings.recursive;
  // Directories to list, depth first as GNU ls's stack gives them.
  const stack: { item: Item; commandLine: boolean }[] = dirItems.map((item) => ({ item, commandLine: true })).reverse();
  let listed = 0;
  while (stack.length > 0) {
    if (listed >= 10_000) {
      ctx.note('Not simulated in this drill: listing more than 10,000 directories in one ls.');
      break;
    }
    const { item, commandLine } = stack.pop()!;
    const entries = lister.entries(item, commandLine);
    if (entries === null) continue;
    listed += 1;
    if (showHeaders || printed) {
      if (printed) ctx.out('');
      ctx.out(`${settings.quote ? quoteIfNeeded(item.name) : item.name}:`);
    }
    printed = true;
    lister.print(entries, true);
    if (settings.recursive) {
      const subdirs = entries.filter((e) => e.name !== '.' && e.name !== '..' && e.node.kind === 'dir' && !e.target && !e.unknown);
      for (const sub of [...subdirs].reverse()) stack.push({ item: { ...sub, name: joinShown(item.name, sub.name) }, commandLine: false });
    }
  }
  return lister.status;
}

export const lsPrograms: Readonly<Record<string, ProgramEntry>> = {
  ls: { main: ls, base: true },
  dir: { main: (ctx) => ls({ ...ctx, stdoutIsTerminal: false, argv: [ctx.argv[0]!, '-C', ...ctx.argv.slice(1)] }), base: true },
};
