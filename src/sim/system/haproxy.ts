/**
 * The `haproxy` binary (1.8.8-1ubuntu0.10): `-c -f FILE` checks a configuration read from the
 * host's own files, `-v`/`-vv`; starting a second instance by hand is not modelled.
 */
import type { ProgramContext } from '../process';
import { checkHaproxyConfig } from './haproxyConfig';
import { textNow } from './startChecks';
import { haproxyStamp } from './haproxyStamp';
import { selfProcess } from './self';

export const HAPROXY_VERSION = 'HA-Proxy version 1.8.8-1ubuntu0.10 2020/04/03';

export function haproxy(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  let check = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '-c') check = true;
    else if (a === '-f') {
      const v = args[++i];
      if (v === undefined) {
        ctx.err(`[ALERT] ${haproxyStamp(ctx.sys.now())} (${selfProcess(ctx, 'haproxy').pid}) : Cannot load configuration file/directory  : No such file or directory`);
        return 1;
      }
      files.push(v);
    } else if (a === '-v' || a === '-vv' || (a === '-V' && args.length === 1)) {
      ctx.out(HAPROXY_VERSION);
      ctx.out('Copyright 2000-2018 Willy Tarreau <willy@haproxy.org>');
      ctx.out('');
      if (a === '-vv') ctx.note('Not simulated in this drill: the build options haproxy -vv lists.');
      return 0;
    } else if (['-q', '-V', '-d', '-D', '-Ws', '-W', '-db'].includes(a)) continue;
    else if (a === '-p' || a === '-L' || a === '-sf' || a === '-st' || a === '-x') i += 1;
    else {
      ctx.err(`${HAPROXY_VERSION}`);
      ctx.err('Copyright 2000-2018 Willy Tarreau <willy@haproxy.org>');
      ctx.err('');
      ctx.err('Usage : haproxy [-f <cfgfile|cfgdir>]* [ -vdVD ] [ -n <maxconn> ] [ -N <maxpconn> ]');
      ctx.err('        [ -p <pidfile> ] [ -m <max megs> ] [ -C <dir> ] [-- <cfgfile>*]');
      return 1;
    }
  }
  const pid = selfProcess(ctx, ['haproxy', ...args].join(' ')).pid;
  const alert = (text: string) => ctx.err(`[ALERT] ${haproxyStamp(ctx.sys.now())} (${pid}) : ${text}`);
  if (files.length === 0) {
    alert('No configuration file specified.');
    return 1;
  }
  if (!check) {
    ctx.note('Not simulated in this drill: starting HAProxy by hand, outside systemd; systemctl start haproxy does it the way this host expects.');
    return 0;
  }
  for (const file of files) {
    const read = ctx.sys.read(file);
    if (!read.ok && read.error === 'EACCES') {
      alert(`Could not open configuration file ${file} : Permission denied`);
      return 1;
    }
    const result = checkHaproxyConfig(ctx.sys.draft.host(ctx.sys.host)?.files ?? {}, textNow(ctx.sys.draft), ctx.sys.resolve(file));
    if (!result.ok) {
      for (const line of result.alerts) alert(line.replace(ctx.sys.resolve(file), file));
      return 1;
    }
  }
  ctx.out('Configuration file is valid');
  return 0;
}
