/**
 * Unit files as `systemctl cat` prints them (the host's own file when the scenario put one on
 * disk, otherwise the file its package ships, with this unit's commands), and what `enable`,
 * `disable`, `mask` and `unmask` say about the symlinks they make.
 */
import type { UnitDefinition } from './units';

const NGINX_HEADER = [
  '# Stop dance for nginx',
  '# =======================',
  '#',
  '# ExecStop sends SIGSTOP (graceful stop) to the nginx process.',
  '# If, after 5s (--retry QUIT/5) nginx is still running, systemd takes control',
  '# and sends SIGTERM (fast shutdown) to the main process.',
  '# After another 5s (TimeoutStopSec=5), and if nginx is alive, systemd sends',
  '# SIGKILL to all the remaining processes in the process group (KillMode=mixed).',
  '#',
  '# nginx signals reference doc:',
  '# http://nginx.org/en/docs/control.html',
  '#',
];

function unitSection(def: UnitDefinition, after: string): string[] {
  return ['[Unit]', `Description=${def.description}`, ...def.documentation.map((d) => `Documentation=${d}`), `After=${after}`];
}

/** The unit file's text as the package (or the admin, for the scenario's own units) wrote it. */
/** Daemons that start as root and switch to their user themselves: their unit files have no User=. */
const SWITCHES_USER_ITSELF = new Set(['atd', 'rsyslogd', 'dbus-daemon']);

export function unitFileText(def: UnitDefinition): string {
  const exec = (key: string, values: readonly string[]) => values.map((v) => `${key}=${v}`);
  let lines: string[];
  switch (def.kind) {
    case 'nginx':
      lines = [
        ...NGINX_HEADER,
        ...unitSection(def, 'network.target'),
        '',
        '[Service]',
        `Type=${def.type}`,
        'PIDFile=/run/nginx.pid',
        ...exec('ExecStartPre', def.execStartPre),
        `ExecStart=${def.execStart}`,
        ...exec('ExecReload', def.execReload),
        ...(def.execStop ? [`ExecStop=${def.execStop}`] : []),
        'TimeoutStopSec=5',
        'KillMode=mixed',
        '',
        '[Install]',
        `WantedBy=${def.wantedBy}`,
      ];
      break;
    case 'mysql':
      lines = [
        '# MySQL systemd service file',
        '',
        ...unitSection(def, 'network.target'),
        '',
        '[Install]',
        `WantedBy=${def.wantedBy}`,
        '',
        '[Service]',
        `Type=${def.type}`,
        `User=${def.user}`,
        `Group=${def.user}`,
        'PIDFile=/run/mysqld/mysqld.pid',
        'PermissionsStartOnly=true',
        ...exec('ExecStartPre', def.execStartPre),
        `ExecStart=${def.execStart}`,
        'TimeoutSec=infinity',
        `Restart=${def.restart}`,
        'RuntimeDirectory=mysqld',
        'RuntimeDirectoryMode=755',
        'LimitNOFILE=10000',
        '',
        '# Set enviroment variable MYSQLD_PARENT_PID. This is required for restart.',
        'Environment=MYSQLD_PARENT_PID=1',
      ];
      break;
    case 'haproxy':
      lines = [
        ...unitSection(def, 'network.target syslog.service'),
        'Wants=syslog.service',
        '',
        '[Service]',
        'Environment="CONFIG=/etc/haproxy/haproxy.cfg" "PIDFILE=/run/haproxy.pid"',
        'EnvironmentFile=-/etc/default/haproxy',
        ...exec('ExecStartPre', def.execStartPre),
        `ExecStart=${def.execStart}`,
        ...exec('ExecReload', def.execReload),
        'KillMode=mixed',
        `Restart=${def.restart}`,
        'SuccessExitStatus=143',
        `Type=${def.type}`,
        '',
        '[Install]',
        `WantedBy=${def.wantedBy}`,
      ];
      break;
    default:
      lines = [
        ...unitSection(def, 'network.target'),
        '',
        '[Service]',
        `Type=${def.type}`,
        ...(def.user !== 'root' && !SWITCHES_USER_ITSELF.has(def.mainName) ? [`User=${def.user}`] : []),
        ...exec('ExecStartPre', def.execStartPre),
        `ExecStart=${def.execStart}`,
        ...exec('ExecReload', def.execReload),
        ...(def.execStop ? [`ExecStop=${def.execStop}`] : []),
        ...(def.restart !== 'no' ? [`Restart=${def.restart}`] : []),
        ...(def.type === 'oneshot' ? ['RemainAfterExit=yes'] : []),
        ...(def.enabled === 'static' ? [] : ['', '[Install]', `WantedBy=${def.wantedBy}`, ...def.aliases.map((a) => `Alias=${a}`)]),
      ];
  }
  return `${lines.join('\n')}\n`;
}

/** Where `enable` links a unit from: its WantedBy= target's .wants/ directory. */
export function wantsLink(def: UnitDefinition): string {
  return `/etc/systemd/system/${def.wantedBy}.wants/${def.name}`;
}

function sysvLines(def: UnitDefinition, verb: 'enable' | 'disable'): string[] {
  if (!def.sysv) return [];
  const short = def.name.replace(/\.service$/, '');
  return [`Synchronizing state of ${def.name} with SysV service script with /lib/systemd/systemd-sysv-install.`, `Executing: /lib/systemd/systemd-sysv-install ${verb} ${short}`];
}

/** What the "static unit" refusal says (systemd 237). */
export const STATIC_UNIT_TEXT = [
  'The unit files have no installation config (WantedBy, RequiredBy, Also, Alias',
  'settings in the [Install] section, and DefaultInstance for template units).',
  'This means they are not meant to be enabled using systemctl.',
  'Possible reasons for having this kind of units are:',
  "1) A unit may be statically enabled by being symlinked from another unit's",
  '   .wants/ or .requires/ directory.',
  "2) A unit's purpose may be to act as a helper for some other unit which has",
  '   a requirement dependency on it.',
  '3) A unit may be started when needed via activation (socket, path, timer,',
  '   D-Bus, udev, scripted systemctl call, ...).',
  '4) In case of template units, the unit is meant to be enabled with some',
  '   instance name specified.',
];

/** What `systemctl enable` prints (stderr for the SysV lines, stdout… both to the terminal). */
export function enableText(def: UnitDefinition, wasEnabled: boolean): string[] {
  const lines = sysvLines(def, 'enable');
  if (wasEnabled) return lines;
  for (const alias of def.aliases) lines.push(`Created symlink /etc/systemd/system/${alias} → ${def.unitFile}.`);
  lines.push(`Created symlink ${wantsLink(def)} → ${def.unitFile}.`);
  return lines;
}

/** What `systemctl disable` prints. */
export function disableText(def: UnitDefinition, wasEnabled: boolean): string[] {
  const lines = sysvLines(def, 'disable');
  if (!wasEnabled) return lines;
  for (const alias of def.aliases) lines.push(`Removed /etc/systemd/system/${alias}.`);
  lines.push(`Removed ${wantsLink(def)}.`);
  return lines;
}
