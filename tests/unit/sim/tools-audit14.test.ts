// @vitest-environment node
/**
 * The fourteenth audit's tool findings, as Ubuntu 18.04's tools print them: sudo's NOPASSWD
 * rule in /etc/sudoers.d, umask and the modes it gives, `type`/`command -v` with aliases,
 * history expansion, procps's /bin/kill under sudo, ssh's port, `journalctl --disk-usage`,
 * `ps axjf`, lastlog, logger, command-not-found's spelling suggestions and status's journal tail.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, outputsOn } from '../scoring/support';
import { expandHistory } from '../../../src/sim/shell/histexpand';
import { inputFromLine, replayInputs } from '../../../src/engine/replay';

const wipe = loadScenarioFile('scenarios/mysql-wipe.json');
const T = { timeout: 120_000 };
const laptop = (lines: readonly string[]) => outputsOn(wipe, wipe.startHost, lines);
const web = (lines: readonly string[]) => outputsOn(wipe, 'web-01', lines);

describe('sudo: a NOPASSWD rule from /etc/sudoers.d, so no password is asked', () => {
  it('sudo -l lists the %sudo rule and the NOPASSWD one; the files hold them', T, () => {
    const [list, dir, rule] = web(['sudo -l', 'ls -ld /etc/sudoers.d', 'sudo grep intern /etc/sudoers.d/90-cloud-init-users']);
    expect(list!.slice(-3)).toEqual(['User intern may run the following commands on web-01:', '    (ALL : ALL) ALL', '    (ALL : ALL) NOPASSWD: ALL']);
    expect(dir![0]).toMatch(/^drwxr-xr-x 2 root root 4096 /);
    expect(rule).toEqual(['# User rules for intern', 'intern ALL=(ALL:ALL) NOPASSWD:ALL']);
  });

  it('a sudo command logs its COMMAND line and PAM session lines, nothing about a password', T, () => {
    const [before, , after, lines] = web(['sudo grep -c "[p]am_unix(sudo:auth" /var/log/auth.log', 'sudo true', 'sudo grep -c "[p]am_unix(sudo:auth" /var/log/auth.log', 'sudo grep -A2 "[C]OMMAND=/bin/true$" /var/log/auth.log']);
    expect(after).toEqual(before);
    expect(lines!.map((l) => l.replace(/^.* sudo: /, ''))).toEqual(['  intern : TTY=pts/0 ; PWD=/home/intern ; USER=root ; COMMAND=/bin/true', 'pam_unix(sudo:session): session opened for user root by intern(uid=0)', 'pam_unix(sudo:session): session closed for user root']);
  });
});

describe('umask', () => {
  it('a user with their own group gets 0002 (pam_umask, USERGROUPS_ENAB); root 0022', T, () => {
    const [mask, symbolic, rootMask, , ls] = laptop(['umask', 'umask -S', 'sudo -i umask', 'touch f; mkdir d', 'ls -ld f d']);
    expect(mask).toEqual(['0002']);
    expect(symbolic).toEqual(['u=rwx,g=rwx,o=rx']);
    expect(rootMask).toEqual(['0022']);
    expect(ls![0]).toMatch(/^drwxrwxr-x 2 intern intern 4096 .* d$/);
    expect(ls![1]).toMatch(/^-rw-rw-r-- 1 intern intern +0 .* f$/);
  });

  it('umask 027 masks what the shell makes next', T, () => {
    const out = laptop(['umask 027', 'umask', 'echo x > g; ls -l g', 'umask -p']);
    expect(out[1]).toEqual(['0027']);
    expect(out[2]![0]).toMatch(/^-rw-r----- 1 intern intern 2 /);
    expect(out[3]).toEqual(['umask 0027']);
  });
});

describe('type and command -v know the aliases of ~/.bashrc', () => {
  it('type ll, type ls, type -a, type -t, command -v', T, () => {
    const out = laptop(['type ll', 'type cd', 'type ls', 'type -a ls', 'type -t ll', 'command -v ll', 'command -v cd', 'type -a kill', "bash -c 'type ll'"]);
    expect(out[0]).toEqual(["ll is aliased to `ls -alF'"]);
    expect(out[1]).toEqual(['cd is a shell builtin']);
    expect(out[2]).toEqual(["ls is aliased to `ls --color=auto'"]);
    expect(out[3]).toEqual(["ls is aliased to `ls --color=auto'", 'ls is /bin/ls']);
    expect(out[4]).toEqual(['alias']);
    expect(out[5]).toEqual(["alias ll='ls -alF'"]);
    expect(out[6]).toEqual(['cd']);
    expect(out[7]).toEqual(['kill is a shell builtin', 'kill is /bin/kill']);
    expect(out[8]).toEqual(['bash: line 0: type: ll: not found']);
  });
});

describe('history expansion', () => {
  it('!! and sudo !!: the expanded line is printed, then run', T, () => {
    const out = laptop(['echo one two', '!!', 'kill -HUP 99999', 'sudo !!', '!nosuch', 'history 2']);
    expect(out[1]).toEqual(['echo one two', 'one two']);
    expect(out[2]).toEqual(['-bash: kill: (99999) - No such process']);
    expect(out[3]).toEqual(['sudo kill -HUP 99999', 'kill: (99999): No such process']);
    expect(out[4]).toEqual(['-bash: !nosuch: event not found']);
    // The failed line is not saved; the expanded one is.
    expect(out[5]!.map((l) => l.replace(/^ *\d+ {2}/, ''))).toEqual(['sudo kill -HUP 99999', 'history 2']);
  });

  it('the drill recognises the line bash ran: `sudo !!` is the restart it expands to', T, () => {
    const steps = replayInputs(wipe, ['ssh web-01', 'systemctl restart nginx', 'sudo !!', '!nosuch'].map(inputFromLine)).context.steps;
    expect(steps[2]!.output[0]).toBe('sudo systemctl restart nginx');
    expect(steps[2]!.actions).toContain('restart-nginx');
    expect(steps[3]!.actions).toEqual([]);
  });

  it('the designators and events', () => {
    const h = ['ls /etc', 'echo a b c', 'cat /etc/hosts'];
    expect(expandHistory('vi !$', h)).toEqual({ kind: 'expanded', line: 'vi /etc/hosts' });
    expect(expandHistory('!-2', h)).toEqual({ kind: 'expanded', line: 'echo a b c' });
    expect(expandHistory('!2', h)).toEqual({ kind: 'expanded', line: 'echo a b c' });
    expect(expandHistory('!ec:2', h)).toEqual({ kind: 'expanded', line: 'b' });
    expect(expandHistory('!?hosts?', h)).toEqual({ kind: 'expanded', line: 'cat /etc/hosts' });
    expect(expandHistory('echo !*', h)).toEqual({ kind: 'expanded', line: 'echo /etc/hosts' });
    expect(expandHistory("echo 'a!b' a! != x", h)).toEqual({ kind: 'same' });
    expect(expandHistory('!9', h)).toEqual({ kind: 'error', message: '-bash: !9: event not found' });
    // Entries dropped past HISTSIZE keep the numbering: with 10 gone, entry 11 is the first.
    expect(expandHistory('!11', h, 10)).toEqual({ kind: 'expanded', line: 'ls /etc' });
  });
});

describe('sudo runs programs, never builtins', () => {
  it('sudo kill is procps /bin/kill; sudo cd is not found', T, () => {
    const out = laptop(['sudo kill -HUP 99999', 'sudo cd /tmp', '/bin/kill 99999']);
    expect(out[0]).toEqual(['kill: (99999): No such process']);
    expect(out[1]).toEqual(['sudo: cd: command not found']);
    expect(out[2]).toEqual(['kill: (99999): No such process']);
  });
});

describe('ssh connects to -p or Port, where something must listen', () => {
  it('nothing on the port: refused (on a port the firewall lets through) or timed out (where it drops)', T, () => {
    const out = web(['ssh -p 2222 web-01', 'ssh -p 2222 db-master', "printf 'Host db-master\\n  Port 2222\\n' > ~/.ssh/config; ssh db-master"]);
    expect(out[0]).toEqual(['ssh: connect to host web-01 port 2222: Connection refused']);
    expect(out[1]).toEqual(['ssh: connect to host db-master port 2222: Connection timed out']);
    expect(out[2]).toEqual(['ssh: connect to host db-master port 2222: Connection timed out']);
  });

  it('the name ssh prints is the config\'s HostName (the laptop maps web-01 to its FQDN)', T, () => {
    const [out, ok] = laptop(['ssh -p 2222 web-01', 'ssh -p 22 web-01 hostname']);
    expect(out).toEqual(['ssh: connect to host web-01.tunistocks.internal port 2222: Connection timed out']);
    expect(ok).toEqual(['web-01']);
  });
});

describe('ps in BSD job format and forests', () => {
  it('ps axjf: the j columns, workers under their master in its group and session', T, () => {
    const [out] = web(['ps axjf']);
    expect(out![0]).toBe(' PPID   PID  PGID   SID TTY      TPGID STAT   UID   TIME COMMAND');
    const master = out!.find((l) => / nginx: master process/.test(l))!;
    const pid = master.trim().split(/\s+/)[1]!;
    expect(master).toMatch(new RegExp(`^ +1 +${pid} +${pid} +${pid} \\? +-1 Ss +0 +\\d+:\\d\\d nginx: master`));
    const worker = out!.find((l) => /\\_ nginx: worker process/.test(l))!;
    expect(worker).toMatch(new RegExp(`^ +${pid} +\\d+ +${pid} +${pid} \\? +-1 S +33 `));
    const ps = out!.find((l) => l.endsWith('\\_ ps axjf'))!;
    const [, psPid, psPgid, , , tpgid] = ps.trim().split(/\s+/);
    expect(psPgid).toBe(psPid);
    expect(tpgid).toBe(psPid);
  });

  it('ps -ef --forest, ps auxf and --sort=-%mem', T, () => {
    const [forest, auxf, sorted] = web(['ps -ef --forest', 'ps auxf', 'ps -eo pid,ppid,cmd --sort=-%mem']);
    expect(forest!.some((l) => /^www-data .* \\_ nginx: worker process$/.test(l))).toBe(true);
    expect(auxf!.some((l) => /^www-data .* \\_ nginx: worker process$/.test(l))).toBe(true);
    expect(sorted![0]).toBe('  PID  PPID CMD');
    expect(sorted![1]).toMatch(/node \/srv\/tunistocks/);
  });
});

describe('journalctl --disk-usage against the files', () => {
  it('the persistent journal\'s files add up to what journalctl says, du rounds up', T, () => {
    const [usage, files, du] = web(['journalctl --disk-usage', 'sudo ls -l /var/log/journal/*/', 'sudo du -sh /var/log/journal']);
    const count = files!.filter((l) => l.endsWith('.journal')).length;
    expect(count).toBeGreaterThanOrEqual(4);
    expect(usage).toEqual([`Archived and active journals take up ${count * 8}.0M in the file system.`]);
    expect(du).toEqual([`${count * 8 + 1}M\t/var/log/journal`]);
  });
});

describe('lastlog, logger, pstree', () => {
  it('lastlog: every account, the latest login where there is one, as last has it', T, () => {
    const [all, mine, last] = web(['lastlog', 'lastlog -u intern', 'last -1 intern']);
    expect(all![0]).toBe('Username         Port     From             Latest');
    expect(all![1]).toBe(`root${' '.repeat(39)}**Never logged in**`);
    expect(mine![1]).toMatch(/^intern {11}pts\/0 {4}10\.8\.0\.14 {8}Mon May {2}4 08:40:\d\d \+0000 2020$/);
    expect(last![0]).toMatch(/^intern +pts\/0 +10\.8\.0\.14 +Mon May {2}4 08:40 /);
  });

  it('logger writes to the journal and syslog under the user\'s name or -t', T, () => {
    const out = web(['logger test one', 'logger -t myapp -p user.err two', 'sudo tail -2 /var/log/syslog', 'journalctl -t myapp -p err --no-pager']);
    expect(out[0]).toEqual([]);
    expect(out[2]![0]).toMatch(/^May {2}4 08:\d\d:\d\d web-01 intern: test one$/);
    expect(out[2]![1]).toMatch(/^May {2}4 08:\d\d:\d\d web-01 myapp: two$/);
    expect(out[3]!.at(-1)).toMatch(/ web-01 myapp: two$/);
  });
});

describe("command-not-found's database knows installed commands and the archive's", () => {
  it('a typo of an installed command gets the spelling suggestion; sl can be installed', T, () => {
    const [sytemctl, grpe, sl, zzzz] = laptop(['sytemctl', 'grpe', 'sl', 'zzzz']);
    expect(sytemctl).toEqual(['', "Command 'sytemctl' not found, did you mean:", '', "  command 'systemctl' from deb systemd", '', 'Try: sudo apt install <deb name>', '']);
    expect(grpe).toEqual(['', "Command 'grpe' not found, did you mean:", '', "  command 'grep' from deb grep", '', 'Try: sudo apt install <deb name>', '']);
    expect(sl).toEqual(['', "Command 'sl' not found, but can be installed with:", '', 'sudo apt install sl', '']);
    expect(zzzz).toEqual(['zzzz: command not found']);
  });
});

describe("systemctl status's journal tail after a restart", () => {
  it('only what the unit logged since its last start, the end of what journalctl -u shows', T, () => {
    const [, status, journal] = web(['sudo systemctl restart tunistocks-app', 'systemctl status tunistocks-app --no-pager', 'journalctl -u tunistocks-app -n 10 --no-pager']);
    const tail = status!.slice(status!.indexOf('') + 1);
    expect(tail[0]).toMatch(/^May 04 08:\d\d:\d\d web-01 systemd\[1\]: Starting /);
    expect(tail.some((l) => l.includes('May 01'))).toBe(false);
    expect(journal!.slice(-tail.length)).toEqual(tail);
  });
});
