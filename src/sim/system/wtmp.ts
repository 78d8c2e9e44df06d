/**
 * A host's login records (wtmp and lastlog): the logins before the scenario's start, from its
 * spec or, when it says nothing, one earlier session of its `login` user; then the trainee's
 * own ssh logins as they open and close. `last` lists them and ssh's `Last login:` line is the
 * user's latest.
 */
import type { HostSpec } from '../../scenario/world';
import type { Draft } from '../draft';
import type { HostState, JournalEntry, LoginRecord, SimConfig } from '../world';
import type { FileNode } from '../fs';
import { hostSpec } from '../world';
import { epochOf } from '../time';
import { netHost } from '../net/topology';
import { pathTo } from '../net/path';
import { formatIpv4 } from '../net/address';
import { DEFAULT_UPTIME_SECONDS } from './machine';
import { pidBefore } from './pids';
import { uidIn } from './uids';
import { userManagerStartLines, userManagerStopLines } from './userManagerJournal';

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

/** The identities ssh 7.6 offers, in its order, and the name sshd logs for each key type. */
const IDENTITIES: readonly (readonly [string, string])[] = [['id_rsa', 'RSA'], ['id_dsa', 'DSA'], ['id_ecdsa', 'ECDSA'], ['id_ed25519', 'ED25519']];
const AUTHORIZED_TYPES: Readonly<Record<string, string>> = { 'ssh-rsa': 'RSA', 'ssh-dss': 'DSA', 'ssh-ed25519': 'ED25519', 'ecdsa-sha2-nistp256': 'ECDSA', 'ecdsa-sha2-nistp384': 'ECDSA', 'ecdsa-sha2-nistp521': 'ECDSA' };

/** A user's home from a host's /etc/passwd (root's /root, the others' /home/NAME when it has none). */
export function homeIn(files: Readonly<Record<string, FileNode>>, user: string, text: (node: FileNode) => string = (n) => n.content ?? ''): string {
  const passwd = files['/etc/passwd'];
  const line = passwd ? text(passwd).split('\n').find((l) => l.split(':')[0] === user) : undefined;
  return line?.split(':')[5] || (user === 'root' ? '/root' : `/home/${user}`);
}

/** The key types an authorized_keys file lists (options before the type are skipped), in its order. */
export function authorizedKeyTypes(text: string): string[] {
  const types: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const type = line.split(/\s+/).find((w) => Object.hasOwn(AUTHORIZED_TYPES, w));
    if (type) types.push(AUTHORIZED_TYPES[type]!);
  }
  return types;
}

/** The client's identities that exist in `files` (the private key or its .pub), as sshd names their types, in ssh's order. */
export function clientKeyTypes(files: Readonly<Record<string, FileNode>>, home: string): string[] {
  return IDENTITIES.filter(([name]) => Object.hasOwn(files, `${home}/.ssh/${name}`) || Object.hasOwn(files, `${home}/.ssh/${name}.pub`)).map(([, type]) => type);
}

/**
 * The key type sshd logs in `Accepted publickey`: the first of the client's identities (ssh's
 * order) that authorized_keys lists; without a match, authorized_keys' first key, or the
 * client's first; RSA when the world holds neither.
 */
export function acceptedKeyType(client: readonly string[], authorized: readonly string[] | null): string {
  if (authorized && authorized.length) return client.find((t) => authorized.includes(t)) ?? authorized[0]!;
  return client[0] ?? 'RSA';
}

/** `RSA SHA256:…`: the key's type and a stable fingerprint (the same as ever for RSA, another per type). */
export function acceptedKey(user: string, type: string): string {
  return `${type} SHA256:${fingerprintOf(type === 'RSA' ? user : `${user}:${type}`)}`;
}

/** The key a login before the start used: what the host's authorized_keys for the user lists first (RSA without one). */
function loginKeyType(files: Readonly<Record<string, FileNode>>, user: string): string {
  const keys = files[`${homeIn(files, user)}/.ssh/authorized_keys`];
  return acceptedKeyType([], keys ? authorizedKeyTypes(keys.content ?? '') : null);
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

/** Bytes of one utmp record (struct utmp on x86-64 glibc). */
export const UTMP_RECORD = 384;

/**
 * wtmp's size and the clock times wtmp and lastlog were last written: wtmp gets the boot's
 * record and one record per login and per logout; lastlog is written at each login. lastlog's is null
 * when nobody logged in.
 */
export function loginFileTimes(logins: readonly LoginRecord[], bootClock: number): { wtmpSize: number; wtmp: number; lastlog: number | null } {
  const events = logins.flatMap((l) => (l.until === null ? [l.at] : [l.at, l.until]));
  const lastlog = logins.length ? Math.max(...logins.map((l) => l.at)) : null;
  return { wtmpSize: UTMP_RECORD * (1 + events.length), wtmp: Math.max(bootClock, ...events), lastlog };
}

/** wtmp (and, at a login, lastlog) written now: one more record, modified at the draft's clock. */
function touchLoginFiles(draft: Draft, host: string, login: boolean): void {
  const files = draft.host(host)?.files ?? {};
  const mtime = epochOf(draft.config.date, draft.clock);
  const wtmp = Object.hasOwn(files, '/var/log/wtmp') ? files['/var/log/wtmp']! : undefined;
  if (wtmp?.kind === 'file' && wtmp.size !== undefined) draft.setFile(host, '/var/log/wtmp', { ...wtmp, size: wtmp.size + UTMP_RECORD, mtime });
  const lastlog = Object.hasOwn(files, '/var/log/lastlog') ? files['/var/log/lastlog']! : undefined;
  if (login && lastlog?.kind === 'file') draft.setFile(host, '/var/log/lastlog', { ...lastlog, mtime });
}

/** Records an ssh login opening now on the first pts that no open login holds. */
export function recordLogin(draft: Draft, host: string, user: string, from: string): void {
  const logins = draft.host(host)?.logins ?? [];
  const held = new Set(logins.filter((l) => l.until === null).map((l) => l.tty));
  let n = 0;
  while (held.has(`pts/${n}`)) n += 1;
  draft.setLogins(host, [...logins, { user, tty: `pts/${n}`, from, at: draft.clock, until: null }]);
  touchLoginFiles(draft, host, true);
}

/** Closes the login that began at `since` (the session's own start) by `user`. */
export function recordLogout(draft: Draft, host: string, user: string, since: number | undefined): void {
  const logins = draft.host(host)?.logins ?? [];
  let index = -1;
  for (let i = logins.length - 1; i >= 0; i -= 1) if (logins[i]!.until === null && logins[i]!.user === user && (since === undefined || logins[i]!.at === since)) { index = i; break; }
  if (index < 0) return;
  draft.setLogins(host, logins.map((l, i) => (i === index ? { ...l, until: draft.clock } : l)));
  touchLoginFiles(draft, host, false);
}

/** What sshd and logind wrote to the journal for the logins before the start (those since the boot). */
export function loginJournal(id: string, spec: HostSpec, logins: readonly LoginRecord[], services: HostState['services'], startClock: number, files: Readonly<Record<string, FileNode>> = {}): JournalEntry[] {
  const boot = startClock - (spec.system?.uptimeSeconds ?? DEFAULT_UPTIME_SECONDS);
  const logind = services['systemd-logind.service']?.pid ?? undefined;
  const entries: JournalEntry[] = [];
  const openAtStart = new Set(logins.filter((l) => l.until === null || l.until >= startClock).map((l) => l.user));
  const withManager = (l: LoginRecord): boolean => !openAtStart.has(l.user);
  const managerPid = new Map<string, number>();
  logins.forEach((l, i) => {
    if (l.at < boot) return;
    const session = i + 1 + Math.floor((l.at - boot) / 86_400);
    const pid = pidBefore(spec, boot, startClock, l.at) + 1 + spread(`${id}:${i}`, 2);
    const port = 32768 + spread(`${id}:${i}:port`, 28232);
    entries.push(
      { at: l.at, unit: 'ssh.service', identifier: 'sshd', pid, message: `Accepted publickey for ${l.user} from ${l.from} port ${port} ssh2: ${acceptedKey(l.user, loginKeyType(files, l.user))}` },
      { at: l.at, unit: 'ssh.service', identifier: 'sshd', pid, message: `pam_unix(sshd:session): session opened for user ${l.user} by (uid=0)` },
    );
    // pam_systemd: the user's first login starts their manager (forked after sshd's [priv]), the last logout stops it.
    // Not for a user with a login still open at the start: its manager is not in the process table.
    const uid = uidIn(spec, l.user);
    const manager = withManager(l) ? userManagerStartLines(l.user, uid, pid + 1) : null;
    const opensManager = manager !== null && !logins.some((o, j) => j < i && o.user === l.user && o.at <= l.at && (o.until ?? Infinity) > l.at);
    if (opensManager) for (const line of manager.before) entries.push({ at: l.at, ...line });
    entries.push(
      { at: l.at, unit: 'systemd-logind.service', identifier: 'systemd-logind', pid: logind, message: `New session ${session} of user ${l.user}.` },
      { at: l.at, unit: `session-${session}.scope`, identifier: 'systemd', pid: 1, message: `Started Session ${session} of user ${l.user}.` },
    );
    if (opensManager) {
      for (const line of manager.after) entries.push({ at: l.at, ...line });
      managerPid.set(l.user, pid + 1);
    }
    if (l.until !== null && l.until < startClock) {
      entries.push(
        { at: l.until, unit: 'ssh.service', identifier: 'sshd', pid, message: `Received disconnect from ${l.from} port ${port}:11: disconnected by user` },
        { at: l.until, unit: 'ssh.service', identifier: 'sshd', pid, message: `Disconnected from user ${l.user} ${l.from} port ${port}` },
        { at: l.until, unit: 'ssh.service', identifier: 'sshd', pid, message: `pam_unix(sshd:session): session closed for user ${l.user}` },
        { at: l.until, unit: 'systemd-logind.service', identifier: 'systemd-logind', pid: logind, message: `Removed session ${session}.` },
      );
      const until = l.until;
      const running = managerPid.get(l.user);
      const lastOut = !logins.some((o, j) => j !== i && o.user === l.user && o.at <= until && (o.until ?? Infinity) > until);
      if (running !== undefined && withManager(l) && lastOut) {
        for (const line of userManagerStopLines(l.user, uidIn(spec, l.user), running)) entries.push({ at: until, ...line });
        managerPid.delete(l.user);
      }
    }
  });
  return entries.sort((a, b) => a.at - b.at);
}
