/**
 * A host's login records (wtmp and lastlog): the logins before the scenario's start, from its
 * spec or, when it says nothing, one earlier session of its `login` user; then the trainee's
 * own ssh logins as they open and close. `last` lists them and ssh's `Last login:` line is the
 * user's latest.
 */
import type { HostSpec } from '../../scenario/world';
import type { Draft } from '../draft';
import type { HostState, JournalEntry, LoginRecord, SimConfig } from '../world';
import { hostSpec } from '../world';
import { epochOf } from '../time';
import { netHost } from '../net/topology';
import { pathTo } from '../net/path';
import { formatIpv4 } from '../net/address';
import { DEFAULT_UPTIME_SECONDS } from './machine';

const FINGERPRINT = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A stable fake key fingerprint for a user (the drill has no keys): 43 base64 characters. */
export function fingerprintOf(user: string): string {
  let h = 2166136261;
  let out = '';
  for (let i = 0; i < 43; i += 1) {
    h = Math.imul(h ^ (user.charCodeAt(i % user.length) + i), 16777619) >>> 0;
    out += FINGERPRINT[h % 64];
  }
  return out;
}

/** Clock seconds of a spec's time: "08:33:12" on the scenario's day, or an ISO date-time. */
function clockOf(config: SimConfig, text: string): number {
  if (/^\d{1,2}:\d{2}(:\d{2})?$/.test(text)) {
    const [h = 0, m = 0, s = 0] = text.split(':').map(Number);
    return h * 3600 + m * 60 + s;
  }
  const parsed = Date.parse(/[zZ]$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  return Number.isFinite(parsed) ? Math.floor(parsed / 1000) - epochOf(config.date, 0) : 0;
}

/** The address `to` sees a connection from `from` come from, or null without a route. */
export function addressSeen(config: SimConfig, from: string, to: string): string | null {
  const target = netHost(config, to);
  const address = target?.interfaces[0]?.address ?? target?.addresses[0];
  if (address === undefined) return null;
  const path = pathTo(config, from, address);
  return path.kind === 'ok' ? formatIpv4(path.seenFrom) : null;
}

/** A small stable number from a host id: how long the default earlier session lasted. */
function spread(text: string, range: number): number {
  let h = 0;
  for (let i = 0; i < text.length; i += 1) h = (h * 31 + text.charCodeAt(i)) >>> 0;
  return h % range;
}

/** The host's logins before `startClock`, oldest first. */
export function initialLogins(config: SimConfig, id: string, spec: HostSpec, startHost: string, startClock: number): LoginRecord[] {
  if (id === startHost) return [];
  const own = hostSpec(config, startHost)?.network?.addresses?.[0] ?? config.hosts.find((h) => h.id === startHost)?.names.find((n) => /^\d{1,3}(\.\d{1,3}){3}$/.test(n));
  const from = addressSeen(config, startHost, id) ?? own ?? '10.8.0.6';
  if (spec.logins) {
    return spec.logins.map((l) => {
      const at = clockOf(config, l.at);
      return { user: l.user, tty: 'pts/0', from: l.from ?? from, at, until: l.until ? clockOf(config, l.until) : at + 1200 };
    });
  }
  const boot = startClock - (spec.system?.uptimeSeconds ?? DEFAULT_UPTIME_SECONDS);
  const at = Math.max(boot + 900, startClock - 3 * 86_400 + 4 * 3600 + spread(id, 3600));
  const until = at + 600 + spread(`${id}:until`, 1800);
  if (until >= startClock - 60) return [];
  return [{ user: spec.login, tty: 'pts/0', from, at, until }];
}

/** The user's latest login on the host before now (what lastlog keeps), or null. */
export function lastLoginOf(state: HostState | undefined, user: string): LoginRecord | null {
  const mine = (state?.logins ?? []).filter((l) => l.user === user);
  return mine.length ? mine[mine.length - 1]! : null;
}

/** Records an ssh login opening now on the first pts that no open login holds. */
export function recordLogin(draft: Draft, host: string, user: string, from: string): void {
  const logins = draft.host(host)?.logins ?? [];
  const held = new Set(logins.filter((l) => l.until === null).map((l) => l.tty));
  let n = 0;
  while (held.has(`pts/${n}`)) n += 1;
  draft.setLogins(host, [...logins, { user, tty: `pts/${n}`, from, at: draft.clock, until: null }]);
}

/** Closes the login that began at `since` (the session's own start) by `user`. */
export function recordLogout(draft: Draft, host: string, user: string, since: number | undefined): void {
  const logins = draft.host(host)?.logins ?? [];
  let index = -1;
  for (let i = logins.length - 1; i >= 0; i -= 1) if (logins[i]!.until === null && logins[i]!.user === user && (since === undefined || logins[i]!.at === since)) { index = i; break; }
  if (index < 0) return;
  draft.setLogins(host, logins.map((l, i) => (i === index ? { ...l, until: draft.clock } : l)));
}

/** What sshd and logind wrote to the journal for the logins before the start (those since the boot). */
export function loginJournal(id: string, spec: HostSpec, logins: readonly LoginRecord[], services: HostState['services'], startClock: number): JournalEntry[] {
  const boot = startClock - (spec.system?.uptimeSeconds ?? DEFAULT_UPTIME_SECONDS);
  const logind = services['systemd-logind.service']?.pid ?? undefined;
  const entries: JournalEntry[] = [];
  logins.forEach((l, i) => {
    if (l.at < boot) return;
    const session = i + 1 + Math.floor((l.at - boot) / 86_400);
    const pid = Math.max(300, (spec.system?.nextPid ?? 20_000) - 3000 + spread(`${id}:${i}`, 1500));
    const port = 32768 + spread(`${id}:${i}:port`, 28232);
    entries.push(
      { at: l.at, unit: 'ssh.service', identifier: 'sshd', pid, message: `Accepted publickey for ${l.user} from ${l.from} port ${port} ssh2: RSA SHA256:${fingerprintOf(l.user)}` },
      { at: l.at, unit: 'ssh.service', identifier: 'sshd', pid, message: `pam_unix(sshd:session): session opened for user ${l.user} by (uid=0)` },
      { at: l.at, unit: 'systemd-logind.service', identifier: 'systemd-logind', pid: logind, message: `New session ${session} of user ${l.user}.` },
      { at: l.at, unit: `session-${session}.scope`, identifier: 'systemd', pid: 1, message: `Started Session ${session} of user ${l.user}.` },
    );
    if (l.until !== null && l.until < startClock) {
      entries.push(
        { at: l.until, unit: 'ssh.service', identifier: 'sshd', pid, message: `Received disconnect from ${l.from} port ${port}:11: disconnected by user` },
        { at: l.until, unit: 'ssh.service', identifier: 'sshd', pid, message: `Disconnected from user ${l.user} ${l.from} port ${port}` },
        { at: l.until, unit: 'ssh.service', identifier: 'sshd', pid, message: `pam_unix(sshd:session): session closed for user ${l.user}` },
        { at: l.until, unit: 'systemd-logind.service', identifier: 'systemd-logind', pid: logind, message: `Removed session ${session}.` },
      );
    }
  });
  return entries.sort((a, b) => a.at - b.at);
}
