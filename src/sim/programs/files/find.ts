/**
 * `find` (GNU findutils 4.6): walks each starting point (default `.`), entries in name order
 * (a real find uses the directory's own order), evaluating the expression on each; -print
 * when the expression has no action. Directories it may not read are reported and not
 * entered. -exec runs the command for real in the same shell world (with `{}` replaced),
 * -delete removes as rm would, -ok asks and is taken as "no".
 */
import type { FileNode } from '../../fs';
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { lsTime, isoSpace, partsOf } from '../../time';
import { actorOf, childIndex, filesOf, join, locate, may, mayChangeEntries, slotOf, stickyForbids, ERROR_TEXT } from './access';
import { accountsOf, gidOf, uidOf } from './accounts';
import { inodeOf, kilobytesOf, linkCount, mtimeOf, sizeOf } from './attrs';
import { nowOf, removeNode } from './change';
import { parseExpression, type Entry, type FindEnv } from './findexpr';
import { modeText } from './modes';
import { unanswered } from './prompt';
import { quoteLocale, shellWord } from './quote';
import { joinShown } from './tree';

/** Most entries one find visits, and most commands one -exec runs: bounds for any input. */
const MAX_VISITS = 100_000;
const MAX_EXECS = 1_000;

const USAGE = 'Usage: find [-H] [-L] [-P] [-Olevel] [-D help|tree|search|stat|rates|opt|exec] [path...] [expression]';

function find(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  let follow: 'never' | 'command-line' | 'always' = 'never';
  let i = 0;
  for (; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '-H') follow = 'command-line';
    else if (a === '-L') follow = 'always';
    else if (a === '-P') follow = 'never';
    else if (a === '-D' || a.startsWith('-O')) {
      if (a === '-D') i += 1;
    } else if (a === '--') {
      i += 1;
      break;
    } else break;
  }
  if (args[i] === '--help' || args[i] === '-help') {
    ctx.out(USAGE);
    ctx.note('Not simulated in this drill: the full --help text of find.');
    return 0;
  }
  if (args[i] === '--version' || args[i] === '-version') {
    ctx.out('find (GNU findutils) 4.7.0-git');
    ctx.out('Copyright (C) 2017 Free Software Foundation, Inc.');
    ctx.out('License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>.');
    ctx.out('This is free software: you are free to change and redistribute it.');
    ctx.out('There is NO WARRANTY, to the extent permitted by law.');
    ctx.out('');
    ctx.out('Written by Eric B. Decker, James Youngman, and Kevin Dalley.');
    ctx.out('Features enabled: D_TYPE O_NOFOLLOW(enabled) LEAF_OPTIMISATION FTS(FTS_CWDFD) CBO(level=2) ');
    return 0;
  }
  const starts: string[] = [];
  for (; i < args.length; i += 1) {
    const a = args[i]!;
    if ((a.startsWith('-') && a.length > 1) || a === '(' || a === '!' || a === ')' || a === ',') break;
    starts.push(a);
  }
  const actor = actorOf(ctx.sys);
  const accounts = accountsOf(filesOf(actor));
  const lookups = {
    user: (name: string) => accounts.user(name)?.id ?? (/^\d+$/.test(name) ? Number(name) : null),
    group: (name: string) => accounts.group(name)?.id ?? (/^\d+$/.test(name) ? Number(name) : null),
    reference: (path: string) => {
      const found = locate(actor, path, true);
      return found.ok ? { mtime: mtimeOf(ctx.sys, found.node), inode: inodeOf(actor.host, found.path, found.node) } : ERROR_TEXT[found.error];
    },
  };
  let expression;
  try {
    expression = parseExpression(args.slice(i), lookups);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith('Not simulated')) {
      ctx.note(`${message}.`);
      return 0;
    }
    ctx.err(`find: ${message}`);
    if (message.startsWith('paths must precede')) ctx.err(USAGE);
    return 1;
  }
  for (const w of expression.warnings) ctx.err(`find: ${w}`);
  let status = 0;
  let pruned = false;
  let quitting = false;
  let execs = 0;
  let visits = 0;
  const batches = new Map<string, { words: readonly string[]; paths: string[] }>();
  const now = expression.dayStart ? nowOf(actor) - (nowOf(actor) % 86400) + 86400 : nowOf(actor);
  const children = () => childIndex(filesOf(actor));

  const runLine = (line: string): number => {
    const result = ctx.sys.run(line, { cwd: ctx.sys.cwd });
    ctx.write(result.stdout);
    if (result.stderr) for (const l of result.stderr.replace(/\n$/, '').split('\n')) ctx.err(l);
    return result.status;
  };
  const commandLine = (words: readonly string[], paths: readonly string[]) =>
    words.flatMap((w) => (w === '{}' ? paths.map(shellWord) : [shellWord(w.split('{}').join(paths[0] ?? ''))])).join(' ');

  const env: FindEnv = {
    now,
    dayStart: expression.dayStart,
    size: (e) => sizeOf(ctx.sys, e.node, e.path),
    kilobytes: (e) => kilobytesOf(ctx.sys, e.node, e.path),
    mtime: (e) => mtimeOf(ctx.sys, e.node),
    inode: (e) => inodeOf(actor.host, e.path, e.node),
    links: (e) => linkCount(e.node, e.path, filesOf(actor), children()),
    empty: (e) => (e.node.kind === 'dir' ? children()(e.path).length === 0 : e.node.kind === 'file' && sizeOf(ctx.sys, e.node, e.path) === 0),
    can: (e, want) => may(actor, e.node, want),
    uid: (e) => uidOf(accounts, e.node.owner),
    gid: (e) => gidOf(accounts, e.node.group),
    followed: (e) => {
      const found = locate(actor, e.path, true);
      return found.ok ? found.node : null;
    },
    print: (text) => ctx.write(text),
    ls: (e) => {
      const target = e.node.kind === 'link' ? ` -> ${e.node.target ?? ''}` : '';
      const size = sizeOf(ctx.sys, e.node, e.path);
      ctx.out(`${String(inodeOf(actor.host, e.path, e.node)).padStart(9)} ${String(kilobytesOf(ctx.sys, e.node, e.path)).padStart(6)} ${modeText(e.node.kind, e.node.mode, e.node.device !== undefined, e.node.socket === true)} ${String(linkCount(e.node, e.path, filesOf(actor), children())).padStart(3)} ${e.node.owner.padEnd(8)} ${e.node.group.padEnd(8)} ${String(size).padStart(8)} ${lsTime(mtimeOf(ctx.sys, e.node), nowOf(actor))} ${e.shown}${target}`);
    },
    printf: (e, format) => ctx.write(printfEntry(ctx, e, format, actor.host, accounts)),
    exec: (words, e) => {
      if (execs >= MAX_EXECS) return false;
      execs += 1;
      return runLine(commandLine(words, [e.shown])) === 0;
    },
    execBatch: (words, e) => {
      const key = words.join('\u0000');
      let batch = batches.get(key);
      if (!batch) batches.set(key, (batch = { words, paths: [] }));
      batch.paths.push(e.shown);
    },
    ask: (words, e) => unanswered(ctx, `< ${words.map((w) => (w === '{}' ? e.shown : w)).join(' ')} ... ${e.shown} > ? `),
    remove: (e) => {
      const slot = slotOf(actor, e.path);
      if (!slot.ok || slot.node === null) return false;
      if (e.shown === '.') return true;
      const why = e.node.kind === 'dir' && children()(e.path).length > 0 ? 'ENOTEMPTY' : !mayChangeEntries(actor, slot.dirNode) ? 'EACCES' : stickyForbids(actor, slot.dirNode, slot.node) ? 'EPERM' : null;
      if (why) {
        ctx.err(`find: cannot delete ${quoteLocale(e.shown)}: ${ERROR_TEXT[why]}`);
        status = 1;
        return false;
      }
      removeNode(actor, e.path);
      return true;
    },
    prune: () => {
      pruned = true;
    },
    quit: () => {
      quitting = true;
    },
  };
  const predicate = expression.hasAction
    ? expression.predicate
    : (e: Entry, en: FindEnv) => {
        if (expression.predicate(e, en)) en.print(`${e.shown}\n`);
        return true;
      };

  const visit = (e: Entry) => {
    if (quitting || visits >= MAX_VISITS) return;
    visits += 1;
    pruned = false;
    const evaluate = () => {
      if (e.depth >= expression.minDepth && !quitting) predicate(e, env);
    };
    if (!expression.depthFirst) evaluate();
    const prunedHere = pruned;
    let node = e.node;
    let path = e.path;
    if (node.kind === 'link' && follow === 'always') {
      const found = locate(actor, e.path, true);
      if (found.ok) {
        node = found.node;
        path = found.path;
      }
    }
    if (node.kind === 'dir' && e.depth < expression.maxDepth && !prunedHere && !quitting) {
      if (!may(actor, node, 'r') || !may(actor, node, 'x')) {
        ctx.err(`find: ${quoteLocale(e.shown)}: ${ERROR_TEXT.EACCES}`);
        status = 1;
      } else {
        for (const name of children()(path)) {
          const childPath = join(path, name);
          const files = filesOf(actor);
          if (!Object.hasOwn(files, childPath)) continue;
          visit({ shown: joinShown(e.shown, name), path: childPath, node: files[childPath]!, depth: e.depth + 1, name });
        }
      }
    }
    if (expression.depthFirst) evaluate();
  };

  for (const start of starts.length > 0 ? starts : ['.']) {
    if (quitting) break;
    const found = locate(actor, start, follow !== 'never');
    if (!found.ok) {
      ctx.err(`find: ${quoteLocale(start)}: ${ERROR_TEXT[found.error]}`);
      status = 1;
      continue;
    }
    const trimmed = start.replace(/\/+$/, '');
    const name = trimmed === '' ? '/' : trimmed.slice(trimmed.lastIndexOf('/') + 1);
    visit({ shown: start, path: found.path, node: found.node, depth: 0, name });
  }
  for (const batch of batches.values()) {
    for (let at = 0; at < batch.paths.length && execs < MAX_EXECS; at += 500) {
      execs += 1;
      if (runLine(commandLine(batch.words, batch.paths.slice(at, at + 500))) !== 0) status = 1;
    }
  }
  if (visits >= MAX_VISITS) ctx.note(`Not simulated in this drill: find visiting more than ${MAX_VISITS.toLocaleString('en')} files.`);
  if (execs >= MAX_EXECS) ctx.note(`Not simulated in this drill: find running -exec more than ${MAX_EXECS.toLocaleString('en')} times.`);
  return status;
}

/** find -printf: %p %f %h %P %s %k %b %m %M %u %g %U %G %i %n %d %y %l %t %T@ %TY… %%, and \n \t \\ \0. */
function printfEntry(ctx: ProgramContext, e: Entry, format: string, host: string, accounts: ReturnType<typeof accountsOf>): string {
  const node: FileNode = e.node;
  const mtime = mtimeOf(ctx.sys, node);
  const p = partsOf(mtime);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const ctime = `${days[p.weekday]} ${months[p.month]} ${String(p.day).padStart(2)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.0000000000 ${p.year}`;
  const timePart = (c: string): string => {
    switch (c) {
      case '@': return `${mtime}.0000000000`;
      case 'Y': return String(p.year);
      case 'm': return pad(p.month + 1);
      case 'd': return pad(p.day);
      case 'H': return pad(p.hour);
      case 'M': return pad(p.minute);
      case 'S': return `${pad(p.second)}.0000000000`;
      case 'T': return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.0000000000`;
      case 'F': return isoSpace(mtime).slice(0, 10);
      case '+': return `${isoSpace(mtime).replace(' ', '+')}.0000000000`;
      case 'D': return `${pad(p.month + 1)}/${pad(p.day)}/${String(p.year).slice(2)}`;
      case 'a': return days[p.weekday]!;
      case 'b': return months[p.month]!;
      case 'y': return String(p.year).slice(2);
      case 'j': return pad(Math.floor((Date.UTC(p.year, p.month, p.day) - Date.UTC(p.year, 0, 1)) / 86400000) + 1, 3);
      case 's': return String(mtime);
      default: return '';
    }
  };
  const dir = e.shown.includes('/') ? e.shown.slice(0, e.shown.lastIndexOf('/')) || '/' : '.';
  let out = '';
  for (let i = 0; i < format.length; i += 1) {
    const ch = format[i]!;
    if (ch === '\\' && i + 1 < format.length) {
      const next = format[++i]!;
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next === '0' ? '\u0000' : next === '\\' ? '\\' : `\\${next}`;
      continue;
    }
    if (ch !== '%' || i + 1 >= format.length) {
      out += ch;
      continue;
    }
    const m = /^([-0+ #]*)(\d*)(?:\.(\d+))?/.exec(format.slice(i + 1))!;
    i += m[0].length + 1;
    const d = format[i] ?? '';
    let value: string;
    switch (d) {
      case '%': value = '%'; break;
      case 'p': value = e.shown; break;
      case 'f': value = e.name; break;
      case 'h': value = dir; break;
      case 'P': value = e.depth === 0 ? '' : e.shown.split('/').slice(-e.depth).join('/'); break;
      case 's': value = String(sizeOf(ctx.sys, node, e.path)); break;
      case 'k': value = String(kilobytesOf(ctx.sys, node, e.path)); break;
      case 'b': value = String(kilobytesOf(ctx.sys, node, e.path) * 2); break;
      case 'm': value = (node.mode & 0o7777).toString(8); break;
      case 'M': value = modeText(node.kind, node.mode, node.device !== undefined, node.socket === true); break;
      case 'u': value = node.owner; break;
      case 'g': value = node.group; break;
      case 'U': value = String(uidOf(accounts, node.owner)); break;
      case 'G': value = String(gidOf(accounts, node.group)); break;
      case 'i': value = String(inodeOf(host, e.path, node)); break;
      case 'n': value = '1'; break;
      case 'd': value = String(e.depth); break;
      case 'y': value = node.kind === 'dir' ? 'd' : node.kind === 'link' ? 'l' : 'f'; break;
      case 'l': value = node.kind === 'link' ? (node.target ?? '') : ''; break;
      case 't': case 'a': case 'c': value = ctime; break;
      case 'T': case 'A': case 'C': i += 1; value = timePart(format[i] ?? ''); break;
      default: value = ''; break;
    }
    const width = m[2] ? Number(m[2]) : 0;
    out += m[1]!.includes('-') ? value.padEnd(width) : value.padStart(width);
  }
  return out;
}

export const findPrograms: Readonly<Record<string, ProgramEntry>> = {
  find: { main: find, base: true },
};
