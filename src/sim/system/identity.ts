/**
 * `whoami`, `id` and `groups` (coreutils 8.28): names and numbers from the host's own
 * /etc/passwd and /etc/group, so they agree with what `cat /etc/group` shows.
 */
import type { ProgramContext } from '../process';

interface Group {
  name: string;
  gid: number;
  members: string[];
}

function groupsFile(ctx: ProgramContext): Group[] {
  const read = ctx.sys.read('/etc/group');
  const text = read.ok ? read.text : '';
  return text.split('\n').filter((l) => l.includes(':')).map((l) => {
    const [name = '', , gid = '0', members = ''] = l.split(':');
    return { name, gid: Number(gid), members: members.split(',').filter((m) => m !== '') };
  });
}

interface Identity {
  user: string;
  uid: number;
  gid: number;
  primary: string;
  groups: { name: string; gid: number }[];
}

/** A user from the host's /etc/passwd (what `cat /etc/passwd` shows), else from the host's spec. */
function accountOf(ctx: ProgramContext, user: string): { uid: number; gid: number; groups: readonly string[] } | null {
  const read = ctx.sys.read('/etc/passwd');
  if (read.ok) {
    for (const line of read.text.split('\n')) {
      const [name, , uid, gid] = line.split(':');
      if (name === user && uid !== undefined && gid !== undefined && /^\d+$/.test(uid) && /^\d+$/.test(gid)) {
        return { uid: Number(uid), gid: Number(gid), groups: ctx.sys.userInfo(user)?.groups ?? [] };
      }
    }
  }
  return ctx.sys.userInfo(user);
}

function identityOf(ctx: ProgramContext, user: string): Identity | null {
  const info = accountOf(ctx, user);
  if (!info) return null;
  const table = groupsFile(ctx);
  const primary = table.find((g) => g.gid === info.gid)?.name ?? info.groups[0] ?? String(info.gid);
  const seen = new Set<number>([info.gid]);
  const groups = [{ name: primary, gid: info.gid }];
  for (const g of table) {
    if ((g.members.includes(user) || info.groups.slice(1).includes(g.name)) && !seen.has(g.gid)) {
      seen.add(g.gid);
      groups.push({ name: g.name, gid: g.gid });
    }
  }
  return { user, uid: info.uid, gid: info.gid, primary, groups: [groups[0]!, ...groups.slice(1).sort((a, b) => a.gid - b.gid)] };
}

export function whoami(ctx: ProgramContext): number {
  if (ctx.argv.length > 1 && !ctx.argv[1]!.startsWith('-')) {
    ctx.err(`whoami: extra operand ‘${ctx.argv[1]}’`);
    ctx.err("Try 'whoami --help' for more information.");
    return 1;
  }
  ctx.out(ctx.sys.user.name);
  return 0;
}

export function id(ctx: ProgramContext): number {
  const flags = new Set<string>();
  let user: string | null = null;
  for (const a of ctx.argv.slice(1)) {
    if (a.startsWith('--')) {
      const map: Readonly<Record<string, string>> = { '--user': 'u', '--group': 'g', '--groups': 'G', '--name': 'n', '--real': 'r' };
      if (!Object.hasOwn(map, a)) {
        ctx.err(`id: unrecognized option '${a}'`);
        ctx.err("Try 'id --help' for more information.");
        return 1;
      }
      flags.add(map[a]!);
    } else if (a.startsWith('-') && a.length > 1) {
      for (const f of a.slice(1)) {
        if (!'ugGnrz'.includes(f)) {
          ctx.err(`id: invalid option -- '${f}'`);
          ctx.err("Try 'id --help' for more information.");
          return 1;
        }
        flags.add(f);
      }
    } else if (user === null) user = a;
    else {
      ctx.err(`id: extra operand ‘${a}’`);
      ctx.err("Try 'id --help' for more information.");
      return 1;
    }
  }
  const who = identityOf(ctx, user ?? ctx.sys.user.name);
  if (!who) {
    ctx.err(`id: ‘${user}’: no such user`);
    return 1;
  }
  const names = flags.has('n');
  const pick = ['u', 'g', 'G'].filter((f) => flags.has(f));
  if (pick.length > 1) {
    ctx.err('id: cannot print "only" of more than one choice');
    return 1;
  }
  if (names && pick.length === 0) {
    ctx.err('id: cannot print only names or real IDs in default format');
    return 1;
  }
  if (flags.has('u')) ctx.out(names ? who.user : String(who.uid));
  else if (flags.has('g')) ctx.out(names ? who.primary : String(who.gid));
  else if (flags.has('G')) ctx.out(who.groups.map((g) => (names ? g.name : String(g.gid))).join(' '));
  else ctx.out(`uid=${who.uid}(${who.user}) gid=${who.gid}(${who.primary}) groups=${who.groups.map((g) => `${g.gid}(${g.name})`).join(',')}`);
  return 0;
}

export function groups(ctx: ProgramContext): number {
  const users = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (users.length === 0) {
    const who = identityOf(ctx, ctx.sys.user.name)!;
    ctx.out(who.groups.map((g) => g.name).join(' '));
    return 0;
  }
  let status = 0;
  for (const user of users) {
    const who = identityOf(ctx, user);
    if (!who) {
      ctx.err(`groups: ‘${user}’: no such user`);
      status = 1;
      continue;
    }
    ctx.out(`${user} : ${who.groups.map((g) => g.name).join(' ')}`);
  }
  return status;
}
