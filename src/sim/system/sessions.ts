/**
 * What a host records when the trainee opens a session on it (ssh, su, sudo -i): the session's
 * processes get fresh PIDs and its start time, and the journal says what sshd, su, sudo and
 * logind say. The shell calls `openSession` when it makes the session.
 */
import type { Sys } from '../process';
import type { Session, ShellSession } from '../world';
import { sessionsOn, startsUserManager, userManagersOn } from './processes';
import { uidOfUser } from './uids';
import { hostSpec } from '../world';
import { newPid } from './pids';
import { pidsInUse } from './pidsInUse';
import { bootClockOf } from './machine';
import { userManagerStartLines, userManagerStopLines } from './userManagerJournal';
import { acceptedKey, acceptedKeyType, addressSeen, authorizedKeyTypes, clientKeyTypes, homeIn, recordLogin, recordLogout } from './wtmp';
import { textNow } from './startChecks';
import { netHost } from '../net/topology';
import { formatIpv4 } from '../net/address';

/** The address a host is seen from: its first address in the network spec, or an IP among its names. */
export function addressOf(sys: Sys, host: string): string {
  const fromSpec = hostSpec(sys.config, host)?.network?.addresses?.[0];
  if (fromSpec) return fromSpec;
  const names = sys.config.hosts.find((h) => h.id === host)?.names ?? [];
  return names.find((n) => /^\d{1,3}(\.\d{1,3}){3}$/.test(n)) ?? '127.0.0.1';
}

/**
 * The address `to` sees a connection from `from` come from: the source address of the route
 * between them (a VPN's tunnel address, a NAT's public one), or null when the network has no
 * path between them.
 */
export function seenFrom(sys: Sys, from: string, to: string): string | null {
  return addressSeen(sys.config, from, to);
}

/** The type of the key the client (`sys`, ssh on its host) logs in to `user` on `host` with, from both ends' files. */
function keyTypeFor(sys: Sys, host: string, user: string): string {
  const text = textNow(sys.draft);
  const clientFiles = sys.draft.host(sys.host)?.files ?? {};
  const serverFiles = sys.draft.host(host)?.files ?? {};
  const keys = serverFiles[`${homeIn(serverFiles, user, text)}/.ssh/authorized_keys`];
  return acceptedKeyType(clientKeyTypes(clientFiles, homeIn(clientFiles, sys.user.name, text)), keys ? authorizedKeyTypes(text(keys)) : null);
}

/**
 * PIDs and start time for a session the shell opens on `host` for `user`, and the journal
 * lines that opening writes there. `sys` is the process that opens it (ssh on the laptop, su
 * or sudo on the host itself).
 */
export function openSession(sys: Sys, host: string, user: string, via: ShellSession['via']): { pids: number[]; since: number; manager?: number[]; sshEnv?: Record<string, string> } {
  const draft = sys.draft;
  const taken = pidsInUse(draft, host);
  const firstLogin = startsUserManager(via) && !hasUserLogin(draft.sessions, host, user);
  const count = via === 'ssh' ? 3 : via === 'login' ? 1 : 2;
  const fresh = (): number => {
    const pid = newPid(draft, host, taken);
    taken.add(pid);
    return pid;
  };
  // sshd's privileged process forks first; its PAM session (pam_systemd) starts the user's manager before the user's own sshd and shell.
  const pids: number[] = [fresh()];
  const manager = firstLogin ? [fresh(), fresh()] : undefined;
  for (let i = 1; i < count; i += 1) pids.push(fresh());
  const at = draft.clock;
  if (via === 'ssh') {
    const journal = draft.host(host)?.journal ?? [];
    const sessionNo = 20 + journal.filter((e) => e.identifier === 'systemd-logind' && e.message.startsWith('New session')).length + Math.floor((at - bootClockOf(draft.host(host), hostSpec(draft.config, host), at)) / 86400);
    const port = 32768 + ((draft.next() * 7919) % 28232);
    const logind = draft.host(host)?.services['systemd-logind.service']?.pid ?? undefined;
    const from = seenFrom(sys, sys.host, host) ?? addressOf(sys, sys.host);
    recordLogin(draft, host, user, from);
    // The pty the session gets is the next one of the host's (who, w and ps number them so).
    const tty = `pts/${new Set(sessionsOn(draft.config, host, draft.host(host), draft.sessions, at).map((s) => s.tty)).size}`;
    const server = netHost(draft.config, host)?.interfaces[0]?.address;
    const serverAddress = server === undefined ? addressOf(sys, host) : formatIpv4(server);
    draft.journal(host, { at, unit: 'ssh.service', identifier: 'sshd', pid: pids[0], message: `Accepted publickey for ${user} from ${from} port ${port} ssh2: ${acceptedKey(user, keyTypeFor(sys, host, user))}` });
    draft.journal(host, { at, unit: 'ssh.service', identifier: 'sshd', pid: pids[0], message: `pam_unix(sshd:session): session opened for user ${user} by (uid=0)` });
    const uid = uidOfUser(draft.config, host, user);
    const managerLines = manager ? userManagerStartLines(user, uid, manager[0]!) : null;
    for (const line of managerLines?.before ?? []) draft.journal(host, { at, ...line });
    draft.journal(host, { at, unit: 'systemd-logind.service', identifier: 'systemd-logind', pid: logind, message: `New session ${sessionNo} of user ${user}.` });
    draft.journal(host, { at, unit: `session-${sessionNo}.scope`, identifier: 'systemd', pid: 1, message: `Started Session ${sessionNo} of user ${user}.` });
    for (const line of managerLines?.after ?? []) draft.journal(host, { at, ...line });
    // What sshd 7.6 puts in the session's environment (do_setup_env): both ends of the connection, and the pty.
    return { pids, since: at, ...(manager ? { manager } : {}), sshEnv: { SSH_CLIENT: `${from} ${port} 22`, SSH_CONNECTION: `${from} ${port} ${serverAddress} 22`, SSH_TTY: `/dev/${tty}` } };
  } else if (via === 'su') {
    const by = sys.user.name;
    draft.journal(host, { at, unit: '', identifier: 'su', pid: pids[0], message: `Successful su for ${user} by ${by}` });
    draft.journal(host, { at, unit: '', identifier: 'su', pid: pids[0], message: `+ /dev/pts/0 ${by}:${user}` });
    draft.journal(host, { at, unit: '', identifier: 'su', pid: pids[0], message: `pam_unix(su:session): session opened for user ${user} by ${by}(uid=${sys.user.uid})` });
  } else if (via === 'sudo') {
    draft.journal(host, { at, unit: '', identifier: 'sudo', pid: pids[0], message: `pam_unix(sudo:session): session opened for user ${user} by ${sys.user.name}(uid=0)` });
  }
  return { pids, since: at, ...(manager ? { manager } : {}) };
}

/** Has `user` an open ssh or desktop login on `host` among `sessions` (so a user manager runs)? */
function hasUserLogin(sessions: readonly Session[], host: string, user: string): boolean {
  return sessions.some((s) => s.kind === 'shell' && s.host === host && s.user === user && startsUserManager(s.via));
}

/** What a host records when an ssh session ends (`exit`): sshd and logind's lines, and the login's end in wtmp. */
export function closeSession(sys: Sys, session: ShellSession): void {
  if (session.via !== 'ssh') return;
  const draft = sys.draft;
  const host = session.host;
  const at = draft.clock;
  const journal = draft.host(host)?.journal ?? [];
  const opened = journal.find((e) => e.identifier === 'systemd-logind' && e.at === session.since && e.message.startsWith('New session') && e.message.endsWith(` of user ${session.user}.`));
  const sshd = session.pids?.[0];
  const accepted = journal.find((e) => e.identifier === 'sshd' && e.pid === sshd && e.message.startsWith('Accepted '))?.message.match(/ from (\S+) port (\d+) /);
  if (accepted) {
    draft.journal(host, { at, unit: 'ssh.service', identifier: 'sshd', pid: sshd, message: `Received disconnect from ${accepted[1]} port ${accepted[2]}:11: disconnected by user` });
    draft.journal(host, { at, unit: 'ssh.service', identifier: 'sshd', pid: sshd, message: `Disconnected from user ${session.user} ${accepted[1]} port ${accepted[2]}` });
  }
  draft.journal(host, { at, unit: 'ssh.service', identifier: 'sshd', pid: sshd, message: `pam_unix(sshd:session): session closed for user ${session.user}` });
  const number = opened?.message.split(' ')[2];
  if (number) draft.journal(host, { at, unit: 'systemd-logind.service', identifier: 'systemd-logind', pid: opened?.pid, message: `Removed session ${number}.` });
  // The last login of the user on this host ends: logind stops the user's manager.
  const others = draft.sessions.filter((s) => s !== session);
  if (!hasUserLogin(others, host, session.user)) {
    const manager = userManagersOn(draft.config, host, draft.host(host), draft.sessions, at).find((m) => m.user === session.user);
    if (manager) for (const line of userManagerStopLines(session.user, manager.uid, manager.procs[0]!.pid)) draft.journal(host, { at, ...line });
  }
  recordLogout(draft, host, session.user, session.since);
}
