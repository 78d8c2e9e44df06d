/**
 * `service NAME ACTION`, the SysV wrapper of Ubuntu 18.04 (init-system-helpers 1.51): on a
 * systemd host start, stop, restart, status and reload become `systemctl ACTION NAME.service`,
 * with systemctl's words; other actions go to the /etc/init.d script, and a name with neither
 * a unit nor a script is "unrecognized".
 */
import type { ProgramContext } from '../process';
import { systemctl } from './systemctl';
import { findUnit, unitsOf } from './units';

const USAGE = 'Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]';

function viaSystemctl(ctx: ProgramContext, words: string[]): number {
  return systemctl({ ...ctx, argv: ['systemctl', ...words] });
}

export function service(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    ctx.err(USAGE);
    return 1;
  }
  if (args[0] === '--version') {
    ctx.out('service ver. 1.51');
    return 0;
  }
  if (args[0] === '-h' || args[0] === '--help') {
    ctx.out(USAGE);
    return 0;
  }
  if (args[0] === '--status-all') {
    const state = ctx.sys.draft.host(ctx.sys.host);
    for (const def of unitsOf(ctx.sys.config, ctx.sys.host).filter((u) => u.sysv)) {
      const running = state && Object.hasOwn(state.services, def.name) && state.services[def.name]!.active === 'active';
      ctx.out(` [ ${running ? '+' : '-'} ]  ${def.name.replace(/\.service$/, '')}`);
    }
    return 0;
  }
  const name = args[0]!.replace(/\.service$/, '');
  const action = args[1] ?? '';
  const unit = `${name.replace(/\.sh$/, '')}.service`;
  const def = findUnit(ctx.sys.config, ctx.sys.host, unit);
  if (args[1] === '--full-restart') {
    const stop = viaSystemctl(ctx, ['stop', unit]);
    return stop === 0 ? viaSystemctl(ctx, ['start', unit]) : stop;
  }
  switch (action) {
    case 'start':
    case 'stop':
    case 'restart':
    case 'status':
      return viaSystemctl(ctx, [action, unit]);
    case 'force-stop':
      return viaSystemctl(ctx, ['--signal=KILL', 'kill', unit]);
    case 'reload':
    case 'force-reload':
      if (def && def.execReload.length === 0) {
        if (action === 'force-reload') return viaSystemctl(ctx, ['restart', unit]);
        if (!def.sysv) {
          ctx.err(`${name}: unrecognized service`);
          return 1;
        }
        ctx.note(`Not simulated in this drill: /etc/init.d/${name} ${action}.`);
        return 0;
      }
      return viaSystemctl(ctx, ['reload', unit]);
    default:
      if (!def || !def.sysv) {
        ctx.err(`${name}: unrecognized service`);
        return 1;
      }
      ctx.note(`Not simulated in this drill: /etc/init.d/${name} ${action || '(no action)'}.`);
      return 0;
  }
}
