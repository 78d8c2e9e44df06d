/**
 * The units logind has systemd make for logins (systemd 237): a slice per logged-in user
 * (`user-UID.slice`), the user's manager (`user@UID.service`, from /lib/systemd/system/user@.service)
 * and a scope per session (`session-N.scope`), all made from the host's sessions and process
 * table, so `systemctl status`, `list-units` and ps agree.
 */
import type { Sys } from '../process';
import { sessionsOn, startsUserManager, userManagersOn, type Proc } from './processes';
import { uidOfUser } from './uids';
import { USER_STARTUP_MS } from './userManagerJournal';
import { systemdTime } from '../time';
import { systemdAgo } from './relative';
import { TASKS_LIMIT, canReadJournal, treeLines, unitJournal } from './unitStatus';
import { shortLine } from './journal';

/** logind's UserTasksMax on 18.04: 33% of pid_max (32768). */
const USER_TASKS_LIMIT = 10813;

export interface LoginSlice {
  user: string;
  uid: number;
  since: number;
  manager: { unit: string; since: number; procs: Proc[] } | null;
  scopes: { unit: string; number: number; since: number; procs: Proc[] }[];
}

/** The logind session number a login got (from its "New session N" journal line), or a stable stand-in. */
function sessionNumber(sys: Sys, user: string, since: number, first: Proc | undefined): number {
  const journal = sys.draft.host(sys.host)?.journal ?? [];
  const line = journal.find((e) => e.identifier === 'systemd-logind' && e.at === since && e.message.startsWith('New session') && e.message.endsWith(` of user ${user}.`));
  const n = line ? Number(/New session (\d+)/.exec(line.message)?.[1]) : NaN;
  return Number.isFinite(n) ? n : 1 + (first ? first.pid % 97 : 0);
}

/** The users' slices on this host, by uid: each with its manager and its session scopes (su and sudo stay in the login's scope). */
export function loginSlices(sys: Sys): LoginSlice[] {
  const state = sys.draft.host(sys.host);
  const sessions = sessionsOn(sys.config, sys.host, state, sys.draft.sessions, sys.clock);
  const managers = userManagersOn(sys.config, sys.host, state, sys.draft.sessions, sys.clock);
  const slices = new Map<number, LoginSlice>();
  let scope: LoginSlice['scopes'][number] | null = null;
  for (const s of sessions) {
    if (startsUserManager(s.session.via) || scope === null) {
      const uid = uidOfUser(sys.config, sys.host, s.session.user);
      let slice = slices.get(uid);
      if (!slice) {
        const m = managers.find((x) => x.uid === uid);
        slice = { user: s.session.user, uid, since: s.since, manager: m ? { unit: m.unit, since: m.since, procs: m.procs } : null, scopes: [] };
        slices.set(uid, slice);
      }
      const number = sessionNumber(sys, s.session.user, s.since, s.procs[0]);
      scope = { unit: `session-${number}.scope`, number, since: s.since, procs: [] };
      slice.scopes.push(scope);
    }
    scope.procs.push(...s.procs);
  }
  for (const slice of slices.values()) for (const sc of slice.scopes) sc.procs.sort((a, b) => a.pid - b.pid);
  return [...slices.values()].sort((a, b) => a.uid - b.uid);
}

export interface LoginUnitRow {
  name: string;
  sub: 'running' | 'active';
  description: string;
}

/** The rows `systemctl list-units` has for the logins: slices, managers and scopes. */
export function loginUnitRows(sys: Sys): LoginUnitRow[] {
  const rows: LoginUnitRow[] = [];
  for (const slice of loginSlices(sys)) {
    rows.push({ name: `user-${slice.uid}.slice`, sub: 'active', description: `User Slice of ${slice.user}` });
    if (slice.manager) rows.push({ name: slice.manager.unit, sub: 'running', description: `User Manager for UID ${slice.uid}` });
    for (const sc of slice.scopes) rows.push({ name: sc.unit, sub: 'running', description: `Session ${sc.number} of user ${slice.user}` });
  }
  return rows;
}

/** The cgroup tree lines of one user's slice, under `prefix` (the slice's own line not included). */
export function sliceTree(slice: LoginSlice, prefix: string): string[] {
  const lines: string[] = [];
  const children: { label: string; procs: Proc[] }[] = [];
  if (slice.manager) children.push({ label: slice.manager.unit, procs: slice.manager.procs });
  for (const sc of slice.scopes) children.push({ label: sc.unit, procs: sc.procs });
  children.forEach((c, i) => {
    const last = i === children.length - 1;
    lines.push(`${prefix}${last ? '└─' : '├─'}${c.label}`);
    lines.push(...treeLines(c.procs, `${prefix}${last ? '  ' : '│ '}`));
  });
  return lines;
}

function activeLine(sys: Sys, state: string, since: number): string {
  const at = sys.epochAt(since);
  return `   Active: ${state} since ${systemdTime(at, sys.config.timezone)}; ${systemdAgo(sys.now() - at)}`;
}

function journalTail(sys: Sys, unit: string, lines: number): string[] {
  if (!canReadJournal(sys)) return [];
  const records = unitJournal(sys, unit, lines);
  return records.length ? ['', ...records.map((r) => shortLine(sys.config, r, sys.hostname))] : [];
}

/** `systemctl status` of a login unit (user@UID.service, user-UID.slice, session-N.scope), or null when no login has it. */
export function loginUnitStatus(sys: Sys, name: string, lines: number): string[] | null {
  const cg = '           ';
  for (const slice of loginSlices(sys)) {
    const slicePath = `/user.slice/user-${slice.uid}.slice`;
    if (slice.manager && name === slice.manager.unit) {
      const m = slice.manager;
      return [
        `● ${m.unit} - User Manager for UID ${slice.uid}`,
        '   Loaded: loaded (/lib/systemd/system/user@.service; static; vendor preset: enabled)',
        activeLine(sys, 'active (running)', m.since),
        ` Main PID: ${m.procs[0]!.pid} (systemd)`,
        `   Status: "Startup finished in ${USER_STARTUP_MS}ms."`,
        // user@.service has TasksMax=infinity, and systemctl prints no limit then.
        `    Tasks: ${m.procs.length}`,
        `   CGroup: ${slicePath}/${m.unit}`,
        ...treeLines(m.procs, cg),
        ...journalTail(sys, m.unit, lines),
      ];
    }
    if (name === `user-${slice.uid}.slice`) {
      const tasks = (slice.manager?.procs.length ?? 0) + slice.scopes.reduce((n, sc) => n + sc.procs.length, 0);
      return [
        `● ${name} - User Slice of ${slice.user}`,
        `   Loaded: loaded (/run/systemd/transient/${name}; transient)`,
        'Transient: yes',
        activeLine(sys, 'active', slice.since),
        `    Tasks: ${tasks} (limit: ${USER_TASKS_LIMIT})`,
        `   CGroup: ${slicePath}`,
        ...sliceTree(slice, cg),
        ...journalTail(sys, name, lines),
      ];
    }
    const sc = slice.scopes.find((x) => x.unit === name);
    if (sc) {
      return [
        `● ${name} - Session ${sc.number} of user ${slice.user}`,
        `   Loaded: loaded (/run/systemd/transient/${name}; transient)`,
        'Transient: yes',
        activeLine(sys, 'active (running)', sc.since),
        `    Tasks: ${sc.procs.length} (limit: ${TASKS_LIMIT})`,
        `   CGroup: ${slicePath}/${name}`,
        ...treeLines(sc.procs, cg),
        ...journalTail(sys, name, lines),
      ];
    }
  }
  return null;
}

/** The login unit a process of the trainee's is in (its session's scope or the user's manager), by PID. */
export function loginUnitOfPid(sys: Sys, pid: number): string | null {
  for (const slice of loginSlices(sys)) {
    if (slice.manager?.procs.some((p) => p.pid === pid)) return slice.manager.unit;
    const sc = slice.scopes.find((x) => x.procs.some((p) => p.pid === pid));
    if (sc) return sc.unit;
  }
  return null;
}
