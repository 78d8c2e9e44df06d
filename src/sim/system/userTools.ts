/**
 * Two per-user tools every Ubuntu 18.04 host has: `ssh-add` (no agent is modelled, so it
 * cannot reach one, as over a plain ssh session without forwarding) and `crontab -l`, which
 * lists /var/spool/cron/crontabs/USER or says there is none.
 */
import type { ProgramContext } from '../process';

export function sshAdd(ctx: ProgramContext): number {
  if (ctx.sys.env.SSH_AUTH_SOCK === undefined) {
    ctx.err('Could not open a connection to your authentication agent.');
    return 2;
  }
  ctx.note('Not simulated in this drill: the ssh agent.');
  return 0;
}

export function crontab(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  let user = ctx.sys.user.name;
  let action: 'l' | 'e' | 'r' | 'install' = 'install';
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '-u') {
      const wanted = args[++i] ?? '';
      if (ctx.sys.user.name !== 'root') {
        ctx.err('must be privileged to use -u');
        return 1;
      }
      if (!ctx.sys.userInfo(wanted)) {
        ctx.err(`crontab: user \`${wanted}' unknown`);
        return 1;
      }
      user = wanted;
    } else if (a === '-l' || a === '-e' || a === '-r') action = a[1] as 'l' | 'e' | 'r';
    else if (a === '-i') continue;
  }
  if (action !== 'l') {
    ctx.note(`Not simulated in this drill: changing crontabs (crontab ${action === 'install' ? 'FILE' : `-${action}`}).`);
    return 0;
  }
  const node = ctx.sys.node(`/var/spool/cron/crontabs/${user}`);
  if (!node || node.kind !== 'file') {
    ctx.err(`no crontab for ${user}`);
    return 1;
  }
  ctx.write(ctx.sys.textOf(node));
  return 0;
}
