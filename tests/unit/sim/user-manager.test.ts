// @vitest-environment node
/**
 * Per-user systemd (systemd 237 with pam_systemd in sshd's and the desktop's PAM stacks): a user's
 * first login on a host starts user@UID.service (`systemd --user` and its `(sd-pam)`), ps, top,
 * systemctl and the journal agree on it, and the last logout stops it. sudo's PAM stack on
 * Ubuntu 18.04 has no pam_systemd, so `sudo -i` starts no manager for root. Checked on the
 * shipped scenario, and over every scenario file for every host the trainee can log into.
 */
import { describe, expect, it } from 'vitest';
import { inputFromLine, replayInputs } from '../../../src/engine/replay';
import type { Scenario } from '../../../src/scenario/schema';
import { loadScenarioFile, scenarioFiles } from '../scoring/support';

/** Each line's output, in order, after replaying `lines` on a fresh start of `scenario`. */
function outputs(scenario: Scenario, lines: readonly string[]): string[][] {
  const steps = replayInputs(scenario, lines.map(inputFromLine)).context.steps;
  return steps.slice(-lines.length).map((s) => [...s.output]);
}

interface PsRow { pid: number; ppid: number; user: string; args: string }

function psRows(lines: readonly string[]): PsRow[] {
  return lines.flatMap((l) => {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(l);
    return m ? [{ pid: Number(m[1]), ppid: Number(m[2]), user: m[3]!, args: m[4]! }] : [];
  });
}

const PS = 'ps -eo pid=,ppid=,user=,args=';
const WIPE = loadScenarioFile('scenarios/mysql-wipe.json');

describe('ssh lb-01 starts user@1001.service for intern', () => {
  const lines = ['ssh lb-01', 'systemctl status user@1001.service', 'systemctl list-units --type=service --state=running', 'ps aux', PS, 'top -b -n 1', 'sudo journalctl --no-pager', 'journalctl -u user@1001.service --no-pager', 'systemctl status'];
  const [, status, units, aux, ps, top, journal, unitJournal, overview] = outputs(WIPE, lines);
  const rows = psRows(ps!);
  const manager = rows.filter((r) => r.args === '/lib/systemd/systemd --user');
  const sdPam = rows.filter((r) => r.args === '(sd-pam)');

  it('runs one `systemd --user`, a child of PID 1, and its `(sd-pam)`, both owned by intern', () => {
    expect(manager).toHaveLength(1);
    expect(sdPam).toHaveLength(1);
    expect(manager[0]).toMatchObject({ ppid: 1, user: 'intern' });
    expect(sdPam[0]).toMatchObject({ ppid: manager[0]!.pid, user: 'intern' });
    expect(aux!.some((l) => new RegExp(`^intern +${manager[0]!.pid} .* \\? +Ss +\\S+ +0:00 /lib/systemd/systemd --user$`).test(l))).toBe(true);
    expect(aux!.some((l) => new RegExp(`^intern +${sdPam[0]!.pid} .* \\? +S +\\S+ +0:00 \\(sd-pam\\)$`).test(l))).toBe(true);
  });

  it('forks the manager after sshd\'s privileged process and before the user\'s sshd and shell, as pam_systemd does', () => {
    const priv = rows.find((r) => r.args === 'sshd: intern [priv]')!;
    const own = rows.find((r) => r.args === 'sshd: intern@pts/0')!;
    expect(priv.pid).toBeLessThan(manager[0]!.pid);
    expect(sdPam[0]!.pid).toBeLessThan(own.pid);
  });

  it('systemctl status shows the unit active with the same PIDs', () => {
    const pid = manager[0]!.pid;
    expect(status!.slice(0, 10)).toEqual([
      '● user@1001.service - User Manager for UID 1001',
      '   Loaded: loaded (/lib/systemd/system/user@.service; static; vendor preset: enabled)',
      expect.stringMatching(/^ {3}Active: active \(running\) since Mon 2020-05-04 08:40:\d\d GMT; \d+s ago$/),
      ` Main PID: ${pid} (systemd)`,
      expect.stringMatching(/^ {3}Status: "Startup finished in \d+ms\."$/),
      // user@.service has TasksMax=infinity: systemctl prints no limit.
      '    Tasks: 2',
      '   CGroup: /user.slice/user-1001.slice/user@1001.service',
      `           ├─${pid} /lib/systemd/systemd --user`,
      `           └─${sdPam[0]!.pid} (sd-pam)`,
      '',
    ]);
  });

  it('list-units lists it among the running services', () => {
    expect(units).toContain('user@1001.service           loaded active running User Manager for UID 1001');
  });

  it('top has both processes with the PIDs ps has', () => {
    expect(top!.some((l) => new RegExp(`^\\s*${manager[0]!.pid} intern +20 +0 .* systemd$`).test(l))).toBe(true);
    expect(top!.some((l) => new RegExp(`^\\s*${sdPam[0]!.pid} intern +20 +0 .* \\(sd-pam\\)$`).test(l))).toBe(true);
  });

  it('the overview tree puts the manager beside the session scope in user-1001.slice', () => {
    const at = overview!.indexOf('           │ └─user-1001.slice');
    expect(at).toBeGreaterThan(0);
    expect(overview!.slice(at + 1, at + 4)).toEqual(['           │   ├─user@1001.service', `           │   │ ├─${manager[0]!.pid} /lib/systemd/systemd --user`, `           │   │ └─${sdPam[0]!.pid} (sd-pam)`]);
    expect(overview![at + 4]).toMatch(/^ {11}│ {3}└─session-\d+\.scope$/);
  });

  it('the journal has systemd 237\'s and logind\'s lines for the first login, in their order', () => {
    const from = journal!.findLastIndex((l) => / sshd\[\d+\]: pam_unix\(sshd:session\): session opened for user intern by \(uid=0\)$/.test(l));
    expect(from).toBeGreaterThan(0);
    const body = journal!.slice(from + 1, from + 13).map((l) => l.replace(/^May 04 08:40:\d\d lb-01 /, ''));
    const m = manager[0]!.pid;
    const session = /New session (\d+) of user intern\./.exec(body[2] ?? '')?.[1];
    expect(session).toBeDefined();
    expect(body).toEqual([
      'systemd[1]: Created slice User Slice of intern.',
      'systemd[1]: Starting User Manager for UID 1001...',
      expect.stringMatching(new RegExp(`^systemd-logind\\[\\d+\\]: New session ${session} of user intern\\.$`)),
      `systemd[1]: Started Session ${session} of user intern.`,
      `systemd[${m}]: pam_unix(systemd-user:session): session opened for user intern by (uid=0)`,
      `systemd[${m}]: Reached target Timers.`,
      `systemd[${m}]: Reached target Paths.`,
      `systemd[${m}]: Reached target Sockets.`,
      `systemd[${m}]: Reached target Basic System.`,
      `systemd[${m}]: Reached target Default.`,
      expect.stringMatching(new RegExp(`^systemd\\[${m}\\]: Startup finished in \\d+ms\\.$`)),
      'systemd[1]: Started User Manager for UID 1001.',
    ]);
    // The status line's number agrees with the journal's "Startup finished".
    const ms = /Startup finished in (\d+)ms/.exec(body[10] ?? '')?.[1];
    expect(status).toContain(`   Status: "Startup finished in ${ms}ms."`);
  });

  it('journalctl -u user@1001.service has the manager\'s own lines and PID 1\'s about it, not the slice\'s', () => {
    expect(unitJournal!.some((l) => l.endsWith('systemd[1]: Starting User Manager for UID 1001...'))).toBe(true);
    expect(unitJournal!.some((l) => l.endsWith('systemd[1]: Started User Manager for UID 1001.'))).toBe(true);
    expect(unitJournal!.some((l) => l.endsWith(`systemd[${manager[0]!.pid}]: Reached target Default.`))).toBe(true);
    expect(unitJournal!.some((l) => l.includes('Created slice'))).toBe(false);
    expect(unitJournal!.some((l) => l.includes('sshd['))).toBe(false);
  });
});

describe('the last logout stops the manager; a later login starts a new one', () => {
  const lines = ['ssh lb-01', PS, 'exit', 'ssh lb-01', PS, 'sudo journalctl --no-pager', 'systemctl status user@1001.service'];
  const out = outputs(WIPE, lines);
  const first = psRows(out[1]!).find((r) => r.args === '/lib/systemd/systemd --user')!;
  const second = psRows(out[4]!).filter((r) => r.args === '/lib/systemd/systemd --user');

  it('the journal says PID 1 stopped user@1001.service and removed the slice after logind removed the session', () => {
    const journal = out[5]!.map((l) => l.replace(/^May 04 \d\d:\d\d:\d\d lb-01 /, ''));
    const closed = journal.findIndex((l) => /^sshd\[\d+\]: pam_unix\(sshd:session\): session closed for user intern$/.test(l));
    expect(closed).toBeGreaterThan(0);
    const p = first.pid;
    expect(journal.slice(closed + 1, closed + 14)).toEqual([
      expect.stringMatching(/^systemd-logind\[\d+\]: Removed session \d+\.$/),
      'systemd[1]: Stopping User Manager for UID 1001...',
      `systemd[${p}]: Stopped target Default.`,
      `systemd[${p}]: Stopped target Basic System.`,
      `systemd[${p}]: Stopped target Timers.`,
      `systemd[${p}]: Stopped target Sockets.`,
      `systemd[${p}]: Stopped target Paths.`,
      `systemd[${p}]: Reached target Shutdown.`,
      `systemd[${p}]: Starting Exit the Session...`,
      `systemd[${p}]: pam_unix(systemd-user:session): session closed for user intern`,
      'systemd[1]: Stopped User Manager for UID 1001.',
      'systemd[1]: Removed slice User Slice of intern.',
      expect.stringMatching(/^sshd\[\d+\]: Accepted publickey for intern from /),
    ]);
  });

  it('the new login has one manager again, with new PIDs, and status agrees', () => {
    expect(second).toHaveLength(1);
    expect(second[0]!.pid).toBeGreaterThan(first.pid);
    expect(out[6]).toContain(` Main PID: ${second[0]!.pid} (systemd)`);
  });
});

describe('logins before the start started and stopped their manager too', () => {
  it('lb-01\'s earlier login of intern has the manager\'s start and stop lines, its PID after sshd\'s', () => {
    const [, journal] = outputs(WIPE, ['ssh lb-01', 'sudo journalctl --no-pager -o short-unix']);
    const text = journal!.map((l) => l.replace(/^\S+ lb-01 /, ''));
    const accepted = text.findIndex((l) => /^sshd\[\d+\]: Accepted publickey for intern /.test(l));
    expect(accepted).toBeGreaterThan(0);
    const sshd = Number(/^sshd\[(\d+)\]/.exec(text[accepted]!)![1]);
    const body = text.slice(accepted + 2, accepted + 4);
    expect(body).toEqual(['systemd[1]: Created slice User Slice of intern.', 'systemd[1]: Starting User Manager for UID 1001...']);
    const own = text.find((l) => l.startsWith('systemd[') && l.endsWith(': pam_unix(systemd-user:session): session opened for user intern by (uid=0)'));
    expect(own).toBe(`systemd[${sshd + 1}]: pam_unix(systemd-user:session): session opened for user intern by (uid=0)`);
    const closed = text.findIndex((l) => l === `sshd[${sshd}]: pam_unix(sshd:session): session closed for user intern`);
    expect(closed).toBeGreaterThan(accepted);
    expect(text.slice(closed + 2, closed + 3)).toEqual(['systemd[1]: Stopping User Manager for UID 1001...']);
    expect(text.slice(closed + 9, closed + 13)).toEqual([`systemd[${sshd + 1}]: Starting Exit the Session...`, `systemd[${sshd + 1}]: pam_unix(systemd-user:session): session closed for user intern`, 'systemd[1]: Stopped User Manager for UID 1001.', 'systemd[1]: Removed slice User Slice of intern.']);
  });
});

describe('sudo -i and su start no manager for root (no pam_systemd in their PAM stacks on 18.04)', () => {
  const lines = ['ssh lb-01', 'sudo -i', PS, 'systemctl list-units --type=service --no-legend', 'journalctl --no-pager', 'systemctl status user@0.service', 'exit', PS, 'sudo su -', PS];
  const out = outputs(WIPE, lines);

  it('only intern\'s manager runs, with root\'s shell open', () => {
    for (const ps of [out[2]!, out[9]!]) {
      const managers = psRows(ps).filter((r) => r.args === '/lib/systemd/systemd --user' || r.args === '(sd-pam)');
      expect(managers.map((r) => r.user)).toEqual(['intern', 'intern']);
    }
    expect(out[3]!.some((l) => l.startsWith('user@0.service'))).toBe(false);
    expect(out[3]!.some((l) => l.startsWith('user@1001.service'))).toBe(true);
    expect(out[4]!.some((l) => l.includes('User Manager for UID 0') || l.includes('User Slice of root'))).toBe(false);
    expect(out[5]).toEqual(['Unit user@0.service could not be found.']);
  });

  it('leaving root\'s shell keeps intern\'s manager, with the same PIDs', () => {
    const pids = (ps: readonly string[]) => psRows(ps).filter((r) => r.args === '/lib/systemd/systemd --user').map((r) => r.pid);
    expect(pids(out[7]!)).toEqual(pids(out[2]!));
    expect(pids(out[9]!)).toEqual(pids(out[2]!));
  });
});

describe.each(scenarioFiles)('%s: every host the trainee logs into has one consistent user manager', (file) => {
  it('ps, systemctl status, list-units, the overview tree, top and the journal agree', { timeout: 120_000 }, () => {
    const scenario = loadScenarioFile(file);
    let checked = 0;
    for (const host of Object.keys(scenario.world.hosts)) {
      const viaSsh = scenario.startHost !== host;
      const probe = ['id -u', 'id -un', PS, 'systemctl list-units --type=service --state=running --no-legend', 'systemctl status user@$(id -u).service', 'systemctl status', 'top -b -n 1', 'sudo journalctl --no-pager -u user@$(id -u).service'];
      const lines = [...(viaSsh ? [`ssh ${host}`] : []), ...probe];
      const out = outputs(scenario, lines).slice(viaSsh ? 1 : 0);
      const uid = out[0]![0] ?? '';
      const user = out[1]![0] ?? '';
      // A host the trainee cannot reach (or log into) from the start host is not logged into.
      if (!/^\d+$/.test(uid) || out[0]!.length !== 1) continue;
      const where = `${file} ${host} (${user}, uid ${uid})`;
      const rows = psRows(out[2]!);
      const manager = rows.filter((r) => r.args === '/lib/systemd/systemd --user');
      const sdPam = rows.filter((r) => r.args === '(sd-pam)');
      if (uid === '0') {
        // pam_systemd starts no manager for a root login either way; the check is for users.
        continue;
      }
      checked += 1;
      const mine = manager.filter((r) => r.user === user);
      expect(mine, `${where}: one systemd --user`).toHaveLength(1);
      const m = mine[0]!;
      expect(m.ppid, where).toBe(1);
      const pam = sdPam.filter((r) => r.ppid === m.pid);
      expect(pam.map((r) => r.user), `${where}: its (sd-pam)`).toEqual([user]);
      // No manager for a user with no login, none twice.
      expect(new Set(manager.map((r) => r.user)).size, where).toBe(manager.length);
      expect(out[3]!.filter((l) => l.startsWith(`user@${uid}.service `)), where).toEqual([expect.stringMatching(new RegExp(`^user@${uid}\\.service +loaded active running User Manager for UID ${uid}$`))]);
      const status = out[4]!;
      expect(status[0], where).toBe(`● user@${uid}.service - User Manager for UID ${uid}`);
      expect(status, where).toContain(` Main PID: ${m.pid} (systemd)`);
      expect(status, where).toContain(`   CGroup: /user.slice/user-${uid}.slice/user@${uid}.service`);
      expect(status, where).toContain(`           ├─${m.pid} /lib/systemd/systemd --user`);
      expect(status, where).toContain(`           └─${pam[0]!.pid} (sd-pam)`);
      const tree = out[5]!;
      const slice = tree.findIndex((l) => l.endsWith(`─user-${uid}.slice`));
      expect(slice, `${where}: overview`).toBeGreaterThan(0);
      expect(tree[slice + 1], where).toMatch(new RegExp(`─user@${uid}\\.service$`));
      expect(tree[slice + 2], where).toMatch(new RegExp(`─${m.pid} /lib/systemd/systemd --user$`));
      expect(out[6]!.some((l) => new RegExp(`^\\s*${m.pid} ${user.slice(0, 8)}\\+? .* systemd$`).test(l)), `${where}: top`).toBe(true);
      // A login the trainee made now is in the journal with the manager's start; one open before the start may predate the journal.
      const journal = out[7]!;
      if (viaSsh && !journal.some((l) => l.includes('is not in the sudoers file'))) {
        // Earlier logins started and stopped theirs; the one running now is the only one not stopped.
        const started = journal.filter((l) => l.endsWith(`systemd[1]: Started User Manager for UID ${uid}.`)).length;
        const stopped = journal.filter((l) => l.endsWith(`systemd[1]: Stopped User Manager for UID ${uid}.`)).length;
        expect(started - stopped, `${where}: journal`).toBe(1);
        expect(journal.filter((l) => / systemd\[\d+\]: Startup finished in /.test(l)).at(-1), `${where}: journal`).toContain(`systemd[${m.pid}]: Startup finished in `);
      }
    }
    expect(checked, `${file}: hosts checked`).toBeGreaterThan(0);
  });
});
