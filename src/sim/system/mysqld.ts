/**
 * `mysqld` typed at the shell on a host whose MySQL server is a unit of its own: `--version`
 * answers as the installed server does; running the server by hand is not simulated (it runs
 * as its systemd unit).
 */
import type { ProgramContext } from '../process';
import type { SimConfig } from '../world';
import { hostSpec } from '../world';
import { unitsOf } from './units';

/** Does the host run a MySQL server unit? (Then /usr/sbin/mysqld is installed there.) */
export function hasMysqlServer(config: SimConfig, host: string): boolean {
  return unitsOf(config, host).some((u) => u.kind === 'mysql');
}

export function mysqld(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  const version = (hostSpec(ctx.sys.config, ctx.sys.host)?.mysql?.version ?? '8.0.19').split(/[\s-]/)[0];
  if (args.includes('--version') || args.includes('-V')) {
    ctx.out(`/usr/sbin/mysqld  Ver ${version} for Linux on x86_64 (MySQL Community Server - GPL)`);
    return 0;
  }
  ctx.note(`Not simulated in this drill: running mysqld${args.length ? ` ${args.join(' ')}` : ''} by hand; the server here runs as its systemd unit.`);
  return 0;
}
