/**
 * `chown` and `chgrp` (GNU coreutils 8.28): `OWNER`, `OWNER:GROUP`, `OWNER:` (the owner's login
 * group), `:GROUP`, names or numbers from the host's /etc/passwd and /etc/group; -R, -v, -c, -f,
 * -h, --reference. Only root may give a file away; a file's owner may change its group to one
 * of their own groups; anything else is "Operation not permitted".
 */
import type { FileNode } from '../../fs';
import type { ProgramContext } from '../../process';
import type { ProgramEntry } from '../registry';
import { actorOf, filesOf, isRoot, locate, ERROR_TEXT, type Actor } from './access';
import { accountsOf, type Accounts } from './accounts';
import { coreutilsVersion, helpText, parseOptions, STANDARD_LONG, usageError } from './options';
import { quoteAlways, quoteLocale } from './quote';
import { walkTree } from './tree';

interface Wanted {
  owner: string | null;
  group: string | null;
}

function userNamed(accounts: Accounts, text: string): { name: string; gid: number } | null {
  const byName = accounts.user(text);
  if (byName) return { name: byName.name, gid: byName.gid ?? byName.id };
  if (/^\d+$/.test(text)) {
    const byId = accounts.userById(Number(text));
    return { name: byId?.name ?? text, gid: byId?.gid ?? Number(text) };
  }
  return null;
}

function groupNamed(accounts: Accounts, text: string): string | null {
  if (accounts.group(text)) return text;
  if (/^\d+$/.test(text)) return accounts.groupById(Number(text))?.name ?? text;
  return null;
}

/** Parses OWNER[:GROUP]; a message in chown's words when it names nobody the host knows. */
function parseSpec(accounts: Accounts, spec: string, groupOnly: boolean): Wanted | string {
  if (groupOnly) {
    const group = groupNamed(accounts, spec);
    return group === null ? `invalid group: ${quoteLocale(spec)}` : { owner: null, group };
  }
  const sep = spec.search(/[:.]/);
  const userText = sep < 0 ? spec : spec.slice(0, sep);
  const groupText = sep < 0 ? null : spec.slice(sep + 1);
  // "user.group" is only split at the dot when "user.group" is not itself a user name.
  if (sep >= 0 && spec[sep] === '.' && accounts.user(spec)) return { owner: spec, group: null };
  let owner: string | null = null;
  let group: string | null = null;
  if (userText !== '') {
    const user = userNamed(accounts, userText);
    if (!user) return `invalid user: ${quoteLocale(spec)}`;
    owner = user.name;
    if (groupText === '') group = accounts.groupById(user.gid)?.name ?? String(user.gid);
  }
  if (groupText) {
    group = groupNamed(accounts, groupText);
    if (group === null) return `invalid group: ${quoteLocale(spec)}`;
  }
  if (owner === null && group === null && sep < 0) return `invalid user: ${quoteLocale(spec)}`;
  return { owner, group };
}

function run(ctx: ProgramContext, groupOnly: boolean): number {
  const prog = groupOnly ? 'chgrp' : 'chown';
  const parsed = parseOptions(ctx.argv.slice(1), {
    flags: 'cfhvRHLP',
    long: [
      ...STANDARD_LONG,
      { name: 'changes', key: 'c' },
      { name: 'silent', key: 'f' },
      { name: 'quiet', key: 'f' },
      { name: 'no-dereference', key: 'h' },
      { name: 'dereference', key: 'dereference' },
      { name: 'verbose', key: 'v' },
      { name: 'recursive', key: 'R' },
      { name: 'reference', key: 'reference', arg: 'required' },
      { name: 'from', key: 'from', arg: 'required' },
      { name: 'no-preserve-root', key: 'npr' },
      { name: 'preserve-root', key: 'pr' },
    ],
  });
  if (!parsed.ok) return usageError(ctx, parsed.message);
  const { options } = parsed;
  if (options.has('help')) return helpText(ctx, groupOnly ? '[OPTION]... GROUP FILE...' : '[OPTION]... [OWNER][:[GROUP]] FILE...');
  if (options.has('version')) return coreutilsVersion(ctx);
  const actor = actorOf(ctx.sys);
  const accounts = accountsOf(filesOf(actor));
  const operands = [...options.operands];
  let wanted: Wanted;
  const reference = options.value('reference');
  if (reference !== undefined) {
    const ref = locate(actor, reference, true);
    if (!ref.ok) {
      ctx.err(`${prog}: failed to get attributes of ${quoteAlways(reference)}: ${ERROR_TEXT[ref.error]}`);
      return 1;
    }
    wanted = { owner: groupOnly ? null : ref.node.owner, group: ref.node.group };
  } else {
    const spec = operands.shift();
    if (spec === undefined) return usageError(ctx, 'missing operand');
    const result = parseSpec(accounts, spec, groupOnly);
    if (typeof result === 'string') {
      ctx.err(`${prog}: ${result}`);
      return 1;
    }
    wanted = result;
    if (operands.length === 0) return usageError(ctx, `missing operand after ${quoteLocale(spec)}`);
  }
  if (operands.length === 0) return usageError(ctx, 'missing operand');
  const quiet = options.has('f');
  let status = 0;
  const apply = (shown: string, path: string, node: FileNode) => {
    const owner = wanted.owner ?? node.owner;
    const group = wanted.group ?? node.group;
    const permitted = isRoot(actor) || (owner === node.owner && node.owner === actor.user.name && (group === node.group || actor.user.groups.includes(group)));
    if (!permitted) {
      if (!quiet) ctx.err(groupOnly ? `chgrp: changing group of ${quoteAlways(shown)}: ${ERROR_TEXT.EPERM}` : `chown: changing ownership of ${quoteAlways(shown)}: ${ERROR_TEXT.EPERM}`);
      status = 1;
      return;
    }
    const changed = owner !== node.owner || group !== node.group;
    // Giving a file away clears its set-user-ID and set-group-ID bits, as the kernel does.
    if (changed) setOwner(actor, path, node, owner, group);
    if (options.has('v') || (options.has('c') && changed)) {
      if (groupOnly) ctx.out(changed ? `changed group of ${quoteAlways(shown)} from ${node.group} to ${group}` : `group of ${quoteAlways(shown)} retained as ${group}`);
      else ctx.out(changed ? `changed ownership of ${quoteAlways(shown)} from ${node.owner}:${node.group} to ${owner}:${group}` : `ownership of ${quoteAlways(shown)} retained as ${owner}:${group}`);
    }
  };
  for (const arg of operands) {
    const found = locate(actor, arg, !options.has('h'));
    if (!found.ok) {
      if (!quiet) ctx.err(`${prog}: cannot access ${quoteAlways(arg)}: ${ERROR_TEXT[found.error]}`);
      status = 1;
      continue;
    }
    if (!options.has('R')) {
      apply(arg, found.path, found.node);
      continue;
    }
    walkTree(actor, arg, found.path, found.node, {
      visit: apply,
      cannotRead: (shown) => {
        if (!quiet) ctx.err(`${prog}: cannot read directory ${quoteAlways(shown)}: ${ERROR_TEXT.EACCES}`);
        status = 1;
      },
    });
  }
  return status;
}

function setOwner(actor: Actor, path: string, node: FileNode, owner: string, group: string): void {
  const mode = node.kind === 'file' ? node.mode & ~0o6000 : node.mode;
  actor.draft.setFile(actor.host, path, { ...node, owner, group, mode });
}

export const chownPrograms: Readonly<Record<string, ProgramEntry>> = {
  chown: { main: (ctx) => run(ctx, false), base: true },
  chgrp: { main: (ctx) => run(ctx, true), base: true },
};
