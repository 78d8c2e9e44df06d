/**
 * Checking HAProxy 1.8's configuration as `haproxy -c -f FILE` and the unit's ExecStartPre do:
 * sections, known keywords, backends that proxies name, with HAProxy's own alert lines
 * (`parsing [/etc/haproxy/haproxy.cfg:12] : unknown keyword 'mod' in 'defaults' section`).
 */
import { lookup, type FileNode } from '../fs';

export const HAPROXY_CFG = '/etc/haproxy/haproxy.cfg';

const SECTIONS = new Set(['global', 'defaults', 'frontend', 'backend', 'listen', 'userlist', 'peers', 'resolvers', 'mailers', 'cache']);

const GLOBAL = new Set('ca-base chroot cpu-map crt-base daemon debug description external-check gid group hard-stop-after log log-send-hostname log-tag lua-load master-worker maxcompcpuusage maxcomprate maxconn maxconnrate maxsessrate maxsslconn maxsslrate maxzlibmem nbproc nbthread node noepoll nokqueue nopoll nosplice pidfile presetenv quiet resetenv server-state-base server-state-file setenv spread-checks ssl-default-bind-ciphers ssl-default-bind-options ssl-default-server-ciphers ssl-default-server-options ssl-dh-param-file ssl-engine ssl-mode-async ssl-server-verify stats uid ulimit-n unix-bind unsetenv user localpeer'.split(' '));
const PROXY = new Set('acl backlog balance bind bind-process block capture clitimeout compression contimeout cookie declare default-server default_backend description disabled dispatch email-alert enabled errorfile errorloc errorloc302 errorloc303 external-check filter force-persist fullconn grace hash-type http-check http-request http-response http-reuse http-send-name-header id ignore-persist load-server-state-from-file log log-format log-format-sd log-tag max-keep-alive-queue maxconn mode monitor monitor-net monitor-uri option persist rate-limit redirect redispatch reqadd reqallow reqdel reqdeny reqiallow reqidel reqideny reqipass reqirep reqitarpit reqpass reqrep reqtarpit retries rspadd rspdel rspdeny rspidel rspideny rspirep rsprep server server-state-file-name server-template source srvtimeout stats stick stick-table tcp-check tcp-request tcp-response timeout transparent unique-id-format unique-id-header use-server use_backend'.split(' '));
const OTHER: Readonly<Record<string, ReadonlySet<string>>> = {
  userlist: new Set(['group', 'user']),
  peers: new Set(['peer', 'disabled', 'enable']),
  resolvers: new Set(['nameserver', 'resolve_retries', 'timeout', 'hold', 'accepted_payload_size', 'parse-resolv-conf']),
  mailers: new Set(['mailer', 'timeout']),
  cache: new Set(['total-max-size', 'max-age']),
};

export type HaproxyCheck = { ok: true } | { ok: false; alerts: string[] };

/** Checks a configuration file; alerts are the text after HAProxy's `[ALERT] 124/084102 (PID) : ` prefix. */
export function checkHaproxyConfig(files: Readonly<Record<string, FileNode>>, textOf: (node: FileNode) => string, path = HAPROXY_CFG): HaproxyCheck {
  const found = lookup(files, path);
  if (!found || found.node.kind === 'dir') return { ok: false, alerts: [`Could not open configuration file ${path} : ${found ? 'Is a directory' : 'No such file or directory'}`] };
  const alerts: string[] = [];
  const proxies = new Map<string, { line: number; kind: string; wants: { backend: string; keyword: string }[] }>();
  let section: string | null = null;
  let current: string | null = null;
  const lines = textOf(found.node).split('\n').slice(0, 20_000);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const words = raw.replace(/(^|\s)#.*$/, '').trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) return;
    const keyword = words[0]!;
    if (SECTIONS.has(keyword)) {
      section = keyword;
      current = null;
      if (keyword === 'frontend' || keyword === 'backend' || keyword === 'listen') {
        const name = words[1];
        if (!name) {
          alerts.push(`parsing [${path}:${line}] : '${keyword}' cannot handle unexpected argument ''.`);
          return;
        }
        current = name;
        proxies.set(name, { line, kind: keyword, wants: [] });
      }
      return;
    }
    if (section === null) {
      alerts.push(`parsing [${path}:${line}]: unknown keyword '${keyword}' out of section.`);
      return;
    }
    const known = section === 'global' ? GLOBAL.has(keyword) || keyword.startsWith('tune.') : section === 'defaults' || section === 'frontend' || section === 'backend' || section === 'listen' ? PROXY.has(keyword) : (OTHER[section]?.has(keyword) ?? false);
    if (!known) {
      alerts.push(`parsing [${path}:${line}] : unknown keyword '${keyword}' in '${section}' section`);
      return;
    }
    if (current && (keyword === 'default_backend' || keyword === 'use_backend') && words[1]) proxies.get(current)!.wants.push({ backend: words[1], keyword });
  });
  for (const [name, proxy] of proxies) {
    for (const want of proxy.wants) {
      const target = proxies.get(want.backend);
      if (!target || target.kind === 'frontend') alerts.push(`Proxy '${name}': unable to find required ${want.keyword}: '${want.backend}'.`);
    }
  }
  if (alerts.length === 0) return { ok: true };
  return { ok: false, alerts: [...alerts, `Error(s) found in configuration file : ${path}`, 'Fatal errors found in configuration.'] };
}
