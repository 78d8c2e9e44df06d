/**
 * How a client program logs in: user, host, port, password and database from the command line,
 * then ~/.my.cnf, then the defaults (the OS user, the local socket). `-p` without a value prompts
 * `Enter password: `; the drill types the password for the trainee when they know it (and says
 * so in its own voice), and just presses Enter when they do not.
 */
import type { ProgramContext } from '../process';
import { hostSpec } from '../world';
import type { ConnectRequest } from './connect';
import { resolveHost, addressOf } from './connect';
import { matchAccount } from './accounts';
import { optionFile, optionGiven, optionValue, type ParsedOptions } from './options';

export interface LoginPlan {
  request: ConnectRequest;
  /** Lines to print on stderr before connecting (warnings, the password prompt). */
  before: string[];
}

/** The login a program's options describe. `database` is the positional database, if the program takes one. */
export function planLogin(ctx: ProgramContext, program: string, options: ParsedOptions, database: string | null): LoginPlan {
  const { settings, warnings } = optionFile(ctx, program, options);
  const before = [...warnings];
  const user = optionValue(options, 'user') ?? settings.get('user') ?? ctx.sys.user.name;
  const host = optionValue(options, 'host') ?? settings.get('host');
  const portText = optionValue(options, 'port') ?? settings.get('port');
  const port = portText !== undefined && /^\d+$/.test(portText) ? Number(portText) : undefined;
  let password: string | null = settings.has('password') ? settings.get('password')! : null;
  if (optionGiven(options, 'password')) {
    const given = optionValue(options, 'password');
    if (given !== undefined) {
      password = given;
      before.push(`${program}: [Warning] Using a password on the command line interface can be insecure.`);
    } else {
      before.push('Enter password: ');
      password = typedPassword(ctx, user, host);
    }
  }
  const request: ConnectRequest = { from: ctx.sys.host, osUser: ctx.sys.user.name, host: host === '' ? undefined : host, port, user, password, database: database ?? optionValue(options, 'database') ?? settings.get('database') ?? null };
  return { request, before };
}

/** What the drill types at `Enter password:` for the trainee: the password if they know it, else nothing. */
function typedPassword(ctx: ProgramContext, user: string, host: string | undefined): string {
  const local = host === undefined || host === 'localhost' || host === '127.0.0.1';
  const target = local ? ctx.sys.host : resolveHost(ctx.sys.draft, host)?.id;
  const state = target ? ctx.sys.draft.host(target)?.mysql : undefined;
  if (!target || !state || !hostSpec(ctx.sys.config, target)?.mysql) {
    ctx.note('The drill pressed Enter at the password prompt for you.');
    return '';
  }
  const clientHost = target === ctx.sys.host ? 'localhost' : (hostSpec(ctx.sys.config, ctx.sys.host)?.hostname ?? ctx.sys.host);
  const address = target === ctx.sys.host ? '127.0.0.1' : addressOf(ctx.sys.draft, ctx.sys.host);
  const account = matchAccount(state.accounts, user, clientHost, address);
  if (account?.known && account.password !== null) {
    ctx.note(`The drill typed the password of the MySQL account '${account.user}'@'${account.host}' for you.`);
    return account.password;
  }
  ctx.note(`You do not know a password for the MySQL user '${user}': the drill pressed Enter at the prompt.`);
  return '';
}
