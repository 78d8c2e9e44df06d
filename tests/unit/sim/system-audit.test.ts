/**
 * What the second audit found wrong in the base image and the shell, as the real tools print it:
 * /dev's character devices (coreutils 8.28's ls and stat, file 5.32), bash 4.4's `cd -`,
 * net-tools' `hostname -I`, sudo 1.8.21's log lines and its own "command not found".
 */
import { describe, expect, it } from 'vitest';
import { run, out } from './system-fixture';

const WEB = ['ssh web'];

describe('/dev holds the character devices every program expects', () => {
  it('ls -l shows /dev/null as a device with its numbers, made when the host booted', () => {
    const booted = out([...WEB, 'uptime -s']); // 2021-02-27 09:58:00
    expect(booted).toBe('2021-02-27 09:58:00');
    expect(out([...WEB, 'ls -l /dev/null'])).toBe('crw-rw-rw- 1 root root 1, 3 Feb 27 09:58 /dev/null');
  });

  it('reading /dev/null gives nothing, at once, as a file or as standard input', () => {
    const { steps } = run([...WEB, 'cat /dev/null; echo $?', 'wc -c < /dev/null', 'cat < /dev/null | wc -l']);
    expect(steps[1]!.output).toEqual(['0']);
    expect(steps[2]!.output).toEqual(['0']);
    expect(steps[3]!.output).toEqual(['0']);
  });

  it('file and stat call it a character special file', () => {
    expect(out([...WEB, 'file /dev/null /dev/zero'])).toBe('/dev/null: character special (1/3)\n/dev/zero: character special (1/5)');
    const stat = out([...WEB, 'stat /dev/null']).split('\n');
    expect(stat[1]).toBe('  Size: 0         \tBlocks: 0          IO Block: 4096   character special file');
    expect(stat[2]).toMatch(/^Device: 6h\/6d\tInode: \d+ +Links: 1 {5}Device type: 1,3$/);
    expect(stat[3]).toBe('Access: (0666/crw-rw-rw-)  Uid: (    0/    root)   Gid: (    0/    root)');
    expect(out([...WEB, 'stat -c %F:%t:%T /dev/urandom'])).toBe('character special file:1:9');
  });

  it('the bytes of /dev/urandom are the drill\'s note, not an invented empty read', () => {
    const { steps } = run([...WEB, 'head -c 16 /dev/urandom | xxd']);
    expect(steps[1]!.notes).toContain('Not simulated in this drill: reading the device /dev/urandom.');
  });
});

describe('bash and sudo say what they say', () => {
  it('cd - prints the directory it goes back to, and fails before any cd', () => {
    const { steps } = run([...WEB, 'cd -', 'cd /tmp', 'cd -', 'pwd', 'cd -']);
    expect(steps[1]!.output).toEqual(['-bash: cd: OLDPWD not set']);
    expect(steps[3]!.output).toEqual(['/home/ana']);
    expect(steps[4]!.output).toEqual(['/home/ana']);
    expect(steps[5]!.output).toEqual(['/tmp']);
  });

  it('hostname -I lists the host\'s addresses, each followed by a space', () => {
    expect(run([...WEB, 'hostname -I']).steps[1]!.output).toEqual(['10.1.0.5 ']);
  });

  it('sudo of a command that is not installed is sudo\'s error, in a pipe too', () => {
    expect(run([...WEB, 'sudo netstat -tlnp | grep 80']).steps[1]!.output).toEqual(['sudo: netstat: command not found']);
  });

  it('sudo logs its command with the user padded to 8 columns, then PAM\'s session lines', () => {
    const lines = out([...WEB, 'sudo whoami', 'sudo journalctl -n 4 --no-pager']).split('\n').slice(-4);
    expect(lines.map((l) => l.replace(/^\w{3} \d\d \d\d:\d\d:\d\d shop-web /, ''))).toEqual([
      'sudo: pam_unix(sudo:session): session opened for user root by ana(uid=0)',
      'sudo: pam_unix(sudo:session): session closed for user root',
      'sudo:      ana : TTY=pts/0 ; PWD=/home/ana ; USER=root ; COMMAND=/bin/journalctl -n 4 --no-pager',
      'sudo: pam_unix(sudo:session): session opened for user root by ana(uid=0)',
    ]);
});
});
