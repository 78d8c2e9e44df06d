/**
 * The `nginx` binary (1.14.0, Ubuntu's nginx-core): `-t`/`-T` test (and dump) the
 * configuration read from the host's own files, `-v`/`-V`, `-s reload|reopen|stop|quit`
 * signalling the running master, `-h`. Run by a user who is not root it cannot open its error
 * log or pid file, and says so as nginx does.
 */
import type { ProgramContext } from '../process';
import { NGINX_CONF, readNginxConfig } from './nginxConfig';
import { textNow, models } from './startChecks';
import { formatDate } from './dateFormat';
import { selfProcess } from './self';
import { findUnit } from './units';
import { isRunning } from './state';
import { deliverSignal } from './deliver';
import { nginxSignalProcess } from './daemonLogs';

const VERSION = 'nginx version: nginx/1.14.0 (Ubuntu)';
const CONFIGURE = "configure arguments: --with-cc-opt='-g -O2 -fdebug-prefix-map=/build/nginx-GkiujU/nginx-1.14.0=. -fstack-protector-strong -Wformat -Werror=format-security -fPIC -Wdate-time -D_FORTIFY_SOURCE=2' --with-ld-opt='-Wl,-Bsymbolic-functions -Wl,-z,relro -Wl,-z,now -fPIC' --prefix=/usr/share/nginx --conf-path=/etc/nginx/nginx.conf --http-log-path=/var/log/nginx/access.log --error-log-path=/var/log/nginx/error.log --lock-path=/var/lock/nginx.lock --pid-path=/run/nginx.pid --modules-path=/usr/lib/nginx/modules --http-client-body-temp-path=/var/lib/nginx/body --http-fastcgi-temp-path=/var/lib/nginx/fastcgi --http-proxy-temp-path=/var/lib/nginx/proxy --http-scgi-temp-path=/var/lib/nginx/scgi --http-uwsgi-temp-path=/var/lib/nginx/uwsgi --with-debug --with-pcre-jit --with-http_ssl_module --with-http_stub_status_module --with-http_realip_module --with-http_auth_request_module --with-http_v2_module --with-http_dav_module --with-http_slice_module --with-threads --with-http_addition_module --with-http_geoip_module=dynamic --with-http_gunzip_module --with-http_gzip_static_module --with-http_image_filter_module=dynamic --with-http_sub_module --with-http_xslt_module=dynamic --with-stream=dynamic --with-stream_ssl_module --with-mail=dynamic --with-mail_ssl_module";
const HELP = [
  VERSION,
  'Usage: nginx [-?hvVtTq] [-s signal] [-c filename] [-p prefix] [-g directives]',
  '',
  'Options:',
  '  -?,-h         : this help',
  '  -v            : show version and exit',
  '  -V            : show version and configure options then exit',
  '  -t            : test configuration and exit',
  '  -T            : test configuration, dump it and exit',
  '  -q            : suppress non-error messages during configuration testing',
  '  -s signal     : send signal to a master process: stop, quit, reopen, reload',
  '  -p prefix     : set prefix path (default: /usr/share/nginx/)',
  '  -c filename   : set configuration file (default: /etc/nginx/nginx.conf)',
  '  -g directives : set global directives out of configuration file',
  '',
];

const SIGNALS: Readonly<Record<string, number>> = { stop: 15, quit: 3, reopen: 10, reload: 1 };

export function nginx(ctx: ProgramContext): number {
  const args = ctx.argv.slice(1);
  let test = false;
  let dump = false;
  let quiet = false;
  let signal: string | null = null;
  let conf = NGINX_CONF;
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (!a.startsWith('-') || a === '-') {
      ctx.err(`nginx: invalid option: "${a}"`);
      return 1;
    }
    for (let j = 1; j < a.length; j += 1) {
      const f = a[j]!;
      const value = () => {
        const rest = a.slice(j + 1);
        j = a.length;
        return rest !== '' ? rest : args[++i];
      };
      switch (f) {
        case 't': test = true; break;
        case 'T': test = true; dump = true; break;
        case 'q': quiet = true; break;
        case 'v':
          ctx.err(VERSION);
          return 0;
        case 'V':
          ctx.err(VERSION);
          ctx.err('built with OpenSSL 1.1.1  11 Sep 2018');
          ctx.err('TLS SNI support enabled');
          ctx.err(CONFIGURE);
          return 0;
        case 'h': case '?':
          for (const line of HELP) ctx.err(line);
          return 0;
        case 's': {
          const v = value();
          if (v === undefined) {
            ctx.err('nginx: option "-s" requires parameter');
            return 1;
          }
          if (!Object.hasOwn(SIGNALS, v)) {
            ctx.err(`nginx: invalid option: "-s ${v}"`);
            return 1;
          }
          signal = v;
          break;
        }
        case 'c': {
          const v = value();
          if (v === undefined) {
            ctx.err('nginx: option "-c" requires file name');
            return 1;
          }
          conf = ctx.sys.resolve(v);
          break;
        }
        case 'p': case 'g': {
          if (value() === undefined) {
            ctx.err(`nginx: option "-${f}" requires ${f === 'p' ? 'directory name' : 'parameter'}`);
            return 1;
          }
          break;
        }
        default:
          ctx.err(`nginx: invalid option: "${f}"`);
          return 1;
      }
    }
  }
  const self = selfProcess(ctx, ['nginx', ...args].join(' '));
  const stamp = `${formatDate(ctx.sys.now(), '%Y/%m/%d %H:%M:%S', ctx.sys.config.timezone)} `;
  const files = ctx.sys.draft.host(ctx.sys.host)?.files ?? {};
  const config = models(files, NGINX_CONF) || conf !== NGINX_CONF ? readNginxConfig(files, textNow(ctx.sys.draft), conf) : { ok: true as const, files: [], userLine: null, pidPath: '/run/nginx.pid' };
  const root = ctx.sys.user.name === 'root';
  // A user who is not root: nginx cannot write its error log, so everything goes to stderr.
  if (!root) ctx.err('nginx: [alert] could not open error log file: open() "/var/log/nginx/error.log" failed (13: Permission denied)');
  if (!config.ok) {
    // Root's nginx writes to its error log and echoes emergencies as `nginx: [emerg] …`; a user's writes straight to stderr.
    ctx.err(root ? `nginx: [emerg] ${config.error}` : `${stamp}[emerg] ${self.pid}#${self.pid}: ${config.error}`);
    if (test) ctx.err(`nginx: configuration file ${conf} test failed`);
    return 1;
  }
  if (!root && config.userLine) ctx.err(`${stamp}[warn] ${self.pid}#${self.pid}: the "user" directive makes sense only if the master process runs with super-user privileges, ignored in ${config.userLine.path}:${config.userLine.line}`);
  if (test) {
    if (!quiet) ctx.err(`nginx: the configuration file ${conf} syntax is ok`);
    if (!root) {
      ctx.err(`${stamp}[emerg] ${self.pid}#${self.pid}: open() "${config.pidPath}" failed (13: Permission denied)`);
      ctx.err(`nginx: configuration file ${conf} test failed`);
      return 1;
    }
    if (!quiet) ctx.err(`nginx: configuration file ${conf} test is successful`);
    if (dump) {
      if (!models(files, NGINX_CONF) && conf === NGINX_CONF) ctx.note('Not simulated in this drill: the nginx configuration files of this host.');
      for (const file of config.files) {
        ctx.out(`# configuration file ${file.path}:`);
        ctx.write(`${file.text}\n`);
      }
    }
    return 0;
  }
  const def = findUnit(ctx.sys.config, ctx.sys.host, 'nginx.service');
  const state = def && ctx.sys.draft.host(ctx.sys.host)?.services[def.name];
  const running = def && state && isRunning(state) && state.pid !== null;
  if (signal) {
    if (!running) {
      ctx.err(`${stamp}[error] ${self.pid}#${self.pid}: open() "${config.pidPath}" failed (2: No such file or directory)`);
      return 1;
    }
    if (!root) {
      ctx.err(`${stamp}[alert] ${self.pid}#${self.pid}: kill(${state.pid}, ${SIGNALS[signal]}) failed (1: Operation not permitted)`);
      return 1;
    }
    nginxSignalProcess(ctx.sys.draft, ctx.sys.host, self.pid);
    deliverSignal(ctx.sys.draft, ctx.sys.host, state.pid!, SIGNALS[signal]!);
    return 0;
  }
  // Starting a second nginx by hand: the ports are taken (or, for a user, privileged).
  const listen = def?.listen.filter((l) => l.proto === 'tcp') ?? [];
  const where = (l: (typeof listen)[number]) => (l.family === 6 ? `[${l.host}]:${l.port}` : `${l.host}:${l.port}`);
  if (!root) {
    const first = listen[0];
    if (first) ctx.err(`${stamp}[emerg] ${self.pid}#${self.pid}: bind() to ${where(first)} failed (13: Permission denied)`);
    return 1;
  }
  if (running && listen.length) {
    for (let attempt = 0; attempt < 5; attempt += 1) for (const l of listen) ctx.err(`nginx: [emerg] bind() to ${where(l)} failed (98: Address already in use)`);
    ctx.err('nginx: [emerg] still could not bind()');
    return 1;
  }
  ctx.note('Not simulated in this drill: starting nginx by hand, outside systemd; systemctl start nginx does it the way this host expects.');
  return 0;
}
