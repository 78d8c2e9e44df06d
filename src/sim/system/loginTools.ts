/**
 * `lastlog` (login 1:4.5, shadow's): each account of /etc/passwd with its latest login from
 * /var/log/lastlog (the same records `last` and sshd's `Last login:` read), and `logger`
 * (util-linux 2.31's): a message to syslog, which the journal keeps and rsyslog writes to
 * /var/log/syslog, tagged with the user's name unless -t says otherwise.
 */
import type { ProgramContext } from '../process';
import { lastLoginOf } from './wtmp';
import { strftime } from '../time';

/** `lastlog [-u USER]`. */
export function lastlog(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  let only: string | null = null;
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '-u' || a === '--user') only = args[++i] ?? null;
    else {
      ctx.note(`Not simulated in this drill: lastlog ${a}.`);
      return 0;
    }
  }
  const passwd = ctx.sys.read('/etc/passwd');
  const names = passwd.ok ? passwd.text.split('\n').filter((l) => l.includes(':')).map((l) => l.split(':')[0]!) : [];
  if (only !== null && !names.includes(only)) {
    ctx.err(`lastlog: Unknown user or range: ${only}`);
    return 1;
  }
  const state = ctx.sys.draft.host(ctx.sys.host);
  ctx.out('Username         Port     From             Latest');
  for (const name of only === null ? names : [only]) {
    const login = lastLoginOf(state, name);
    const head = `${name.padEnd(16)} `;
    if (!login) ctx.out(`${head}${' '.repeat(8)} ${' '.repeat(16)} **Never logged in**`);
    else ctx.out(`${head}${login.tty.padEnd(8)} ${login.from.padEnd(16)} ${strftime(ctx.sys.epochAt(login.at), '%a %b %e %H:%M:%S %z %Y', ctx.sys.config.timezone)}`);
  }
  return 0;
}

const PRIORITIES: Readonly<Record<string, number>> = { emerg: 0, panic: 0, alert: 1, crit: 2, err: 3, error: 3, warning: 4, warn: 4, notice: 5, info: 6, debug: 7 };

/** `logger [-t TAG] [-p FACILITY.LEVEL] [-i] [-s] MESSAGE…` (or the lines of stdin). */
export function logger(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  let tag = ctx.sys.user.name;
  let priority = 5;
  let withPid = false;
  let stderr = false;
  const words: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '-t' || a === '--tag') tag = args[++i] ?? tag;
    else if (a === '-p' || a === '--priority') {
      const level = (args[++i] ?? '').split('.').at(-1)!.toLowerCase();
      if (!Object.hasOwn(PRIORITIES, level)) {
        ctx.err(`logger: unknown priority name: ${level}`);
        return 1;
      }
      priority = PRIORITIES[level]!;
    } else if (a === '-i' || a === '--id') withPid = true;
    else if (a === '-s' || a === '--stderr') stderr = true;
    else if (a === '--') {
      words.push(...args.slice(i + 1));
      break;
    }
    else if (a.startsWith('-') && a !== '-') {
      ctx.note(`Not simulated in this drill: logger ${a}.`);
      return 0;
    } else words.push(a);
  }
  const messages = words.length ? [words.join(' ')] : (ctx.stdin ?? '').split('\n').filter((l) => l !== '');
  if (withPid) ctx.note("Not simulated in this drill: logger -i's PID in the line; it is logged without one.");
  const pid: number | undefined = undefined;
  for (const message of messages) {
    ctx.sys.draft.journal(ctx.sys.host, { at: ctx.sys.clock, unit: '', identifier: tag, ...(pid !== undefined ? { pid } : {}), message, priority });
    if (stderr) ctx.err(`<${8 + priority}>${strftime(ctx.sys.now(), '%b %e %H:%M:%S', ctx.sys.config.timezone)} ${tag}${pid !== undefined ? `[${pid}]` : ''}: ${message}`);
  }
  return 0;
}
