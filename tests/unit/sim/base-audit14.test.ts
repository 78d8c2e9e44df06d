// @vitest-environment node
/**
 * The fourteenth session's base-image findings: the install-time logs a 2020 cloud server has
 * (dpkg, apt, update-alternatives, cloud-init, landscape, unattended-upgrades; a desktop's
 * installer) made from the world's own packages and times, and /etc/ssh's host keys, which the
 * laptop's known_hosts, ssh-keygen and cloud-init's output all agree with.
 */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../src/sim/init';
import { simConfigOf } from '../../../src/engine/simConfig';
import { loadScenarioFile, outputsOn } from '../scoring/support';
import { inputFromLine, replayInputs } from '../../../src/engine/replay';
import { hostKey } from '../../../src/sim/system/hostKeys';
import { readKey, keyFingerprint } from '../../../src/sim/system/sshKeygen';
import { randomArt } from '../../../src/sim/system/randomArt';
import { hmacSha1 } from '../../../src/sim/programs/files/digest';
import { monthlyLog } from '../../../src/sim/system/installLogs';

const wipe = loadScenarioFile('scenarios/mysql-wipe.json');
const T = { timeout: 120_000 };
const world = () => createWorld(simConfigOf(wipe), wipe.startHost, 8 * 3600 + 40 * 60);
/** The drill notes of each step on the laptop. */
const outputsOnNotes = (lines: readonly string[]): string[][] => replayInputs(wipe, lines.map(inputFromLine)).context.steps.map((s) => [...(s.notes ?? [])]);
const b64 = (text: string) => Uint8Array.from(Buffer.from(text, 'base64'));

describe('host keys in /etc/ssh', () => {
  it('every host has the three pairs, root 600 and 644, in the formats ssh-keygen 7.6 wrote', T, () => {
    const w = world();
    for (const [id, host] of Object.entries(w.hosts)) {
      for (const type of ['rsa', 'ecdsa', 'ed25519']) {
        const key = host.files[`/etc/ssh/ssh_host_${type}_key`]!;
        const pub = host.files[`/etc/ssh/ssh_host_${type}_key.pub`]!;
        expect([key.owner, key.group, key.mode, pub.mode], `${id} ${type}`).toEqual(['root', 'root', 0o600, 0o644]);
        expect(pub.content).toMatch(new RegExp(` root@${wipe.world.hosts[id]!.hostname}\\n$`));
      }
      expect(host.files['/etc/ssh/ssh_host_rsa_key']!.content).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n(.{64}\n)+.{1,64}\n-----END RSA PRIVATE KEY-----\n$/);
      expect(host.files['/etc/ssh/ssh_host_ecdsa_key']!.content).toMatch(/^-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI/);
      expect(host.files['/etc/ssh/ssh_host_ed25519_key']!.content).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n/);
    }
  });

  it('the public blobs have the real layouts and lengths', () => {
    const ed = b64(hostKey('web-01', 'ed25519').publicLine.split(' ')[1]!);
    const ec = b64(hostKey('web-01', 'ecdsa').publicLine.split(' ')[1]!);
    const rsa = b64(hostKey('web-01', 'rsa').publicLine.split(' ')[1]!);
    expect([ed.length, ec.length, rsa.length]).toEqual([51, 104, 279]);
    expect(ec[39]).toBe(4); // the uncompressed point's 0x04, after "ecdsa-sha2-nistp256" and "nistp256" and the 65's length
    expect(Buffer.from(rsa.slice(11, 18)).toString('hex')).toBe('00000003010001'); // e = 65537
    expect(readKey('ssh-rsa', hostKey('web-01', 'rsa').publicLine.split(' ')[1]!)!.bits).toBe(2048);
    // The private ed25519 section carries the same public half and the comment.
    const body = b64(hostKey('web-01', 'ed25519').privateText.split('\n').slice(1, -2).join(''));
    expect(Buffer.from(body).includes(Buffer.from(ed.slice(19)))).toBe(true);
    expect(Buffer.from(body).includes(Buffer.from('root@web-01'))).toBe(true);
    expect(hostKey('web-01', 'ed25519').privateText).not.toBe(hostKey('web-02', 'ed25519').privateText);
  });

  it('ssh-keygen -l on a server prints its key; the laptop finds the same key under the name ssh connected to', T, () => {
    const [rsa, ecdsa] = outputsOn(wipe, 'web-01', ['ssh-keygen -l -f /etc/ssh/ssh_host_rsa_key.pub', 'ssh-keygen -l -f /etc/ssh/ssh_host_ecdsa_key.pub']);
    expect(rsa![0]).toMatch(/^2048 SHA256:[A-Za-z0-9+/]{43} root@web-01 \(RSA\)$/);
    expect(ecdsa![0]).toMatch(/^256 SHA256:[A-Za-z0-9+/]{43} root@web-01 \(ECDSA\)$/);
    const fp = ecdsa![0]!.split(' ')[1];
    const [found, typed, all] = outputsOn(wipe, 'laptop', ['ssh-keygen -F web-01.tunistocks.internal', 'ssh-keygen -F web-01; echo $?', 'ssh-keygen -l -f ~/.ssh/known_hosts']);
    expect(found![0]).toMatch(/^# Host web-01\.tunistocks\.internal found: line \d $/);
    expect(found![1]!.split(' ').slice(1, 3).join(' ')).toBe(hostKey('web-01', 'ecdsa').publicLine.split(' ').slice(0, 2).join(' '));
    // ~/.ssh/config's HostName is what ssh hashed; the short name is not in the file (ssh-keygen reads no ssh_config).
    expect(typed).toEqual(['1']);
    expect(all!.some((l) => l.includes(fp!))).toBe(true);
  });

  it('ssh -v shows the server host key ssh-keygen prints, found in known_hosts', T, () => {
    const [v] = outputsOn(wipe, 'laptop', ['ssh -v web-02 true 2>&1']);
    const key = hostKey('web-02', 'ecdsa');
    const fp = keyFingerprint(readKey(key.name, key.publicLine.split(' ')[1]!)!);
    expect(v).toContain(`debug1: Server host key: ecdsa-sha2-nistp256 ${fp}`);
    expect(v).toContain("debug1: Host 'web-02.tunistocks.internal' is known and matches the ECDSA host key.");
    expect(v).toContain('debug1: Found key in /home/intern/.ssh/known_hosts:3');
  });

  it('ssh from a server to a server: the note names the target key’s fingerprint', T, () => {
    const [fp] = outputsOn(wipe, 'db-master', ['ssh-keygen -l -f /etc/ssh/ssh_host_ecdsa_key.pub | cut -d" " -f2']);
    const steps = outputsOnNotes(['ssh web-01', 'ssh db-master true']);
    expect(steps.at(-1)!.join(' ')).toContain(`ECDSA key fingerprint is ${fp![0]}`);
  });

  it('known_hosts keeps its 1110 bytes; each salt and HMAC are real', T, () => {
    const w = world();
    const text = w.hosts.laptop!.files['/home/intern/.ssh/known_hosts']!.content!;
    expect(text.length).toBe(1110);
    const names = ['lb-01', 'web-01', 'web-02', 'db-master', 'db-replica'].map((n) => `${n}.tunistocks.internal`);
    text.trimEnd().split('\n').forEach((line, i) => {
      const [, salt, mac] = /^\|1\|([^|]+)\|(\S+) /.exec(line)!;
      expect(Buffer.from(hmacSha1(b64(salt!), new TextEncoder().encode(names[i]!))).toString('base64')).toBe(mac);
    });
  });
});

describe('install-time logs', () => {
  it('db-master: dpkg, apt and update-alternatives tell the MySQL install at the data directory’s time', T, () => {
    const w = world();
    const files = w.hosts['db-master']!.files;
    const dpkg = Object.entries(files).filter(([p]) => p.startsWith('/var/log/dpkg.log')).map(([, n]) => n.content ?? '').join('');
    expect(dpkg).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d startup archives unpack$/m);
    expect(dpkg).toMatch(/ status installed mysql-server:amd64 8\.0\.19-1ubuntu18\.04$/m);
    expect(dpkg).toMatch(/ trigproc man-db:amd64 2\.8\.3-2ubuntu0\.1 <none>$/m);
    const alt = Object.entries(files).filter(([p]) => p.startsWith('/var/log/alternatives.log')).map(([, n]) => n.content ?? '').join('');
    expect(alt).toContain('link group my.cnf updated to point to /etc/mysql/mysql.cnf');
    expect(files['/var/log/dpkg.log']!.mode).toBe(0o644);
    expect([files['/var/log/apt/term.log']!.group, files['/var/log/apt/term.log']!.mode]).toEqual(['adm', 0o640]);
    expect([files['/var/log/cloud-init.log']!.owner, files['/var/log/cloud-init.log']!.group, files['/var/log/cloud-init.log']!.mode]).toEqual(['syslog', 'adm', 0o640]);
    // Nothing on the host predates its install: the first boot is before the MySQL install.
    const firstBoot = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/.exec(files['/var/log/cloud-init.log']!.content!)![1]!;
    const mysqlAt = /^(\S+ \S+) install mysql-common/m.exec(dpkg)![1]!;
    expect(firstBoot < mysqlAt).toBe(true);
  });

  it('the versions logged are the ones the tools print', T, () => {
    const [version] = outputsOn(wipe, 'lb-01', ['haproxy -v | head -1']);
    expect(version![0]).toContain('1.8.8-1ubuntu0.10');
    const w = world();
    const lb = Object.entries(w.hosts['lb-01']!.files).filter(([p]) => p.startsWith('/var/log/dpkg.log')).map(([, n]) => n.content ?? '').join('');
    expect(lb).toMatch(/ status installed haproxy:amd64 1\.8\.8-1ubuntu0\.10$/m);
    const web = Object.entries(w.hosts['web-01']!.files).filter(([p]) => p.startsWith('/var/log/apt/history.log')).map(([, n]) => n.content ?? '').join('');
    expect(web).toContain('Commandline: apt install nginx');
    expect(web).toMatch(/Install: .*nginx:all \(1\.14\.0-0ubuntu1\.7\)$/m);
    expect(web).toMatch(/^Requested-By: ubuntu \(\d+\)$/m);
  });

  it('cloud-init-output.log shows the host keys’ real fingerprints and randomart', T, () => {
    const [out] = outputsOn(wipe, 'web-02', ['sudo cat /var/log/cloud-init-output.log']);
    const key = hostKey('web-02', 'ecdsa');
    const read = readKey(key.name, key.publicLine.split(' ')[1]!)!;
    const at = out!.indexOf(`${keyFingerprint(read)} root@web-02`);
    expect(at).toBeGreaterThan(0);
    expect(out!.slice(at + 2, at + 13)).toEqual(randomArt(read));
    expect(out![at + 2]).toBe('+---[ECDSA 256]---+');
    expect(out![at + 12]).toBe('+----[SHA256]-----+');
  });

  it('a desktop has /var/log/installer and no cloud-init; servers the reverse', T, () => {
    const w = world();
    expect(Object.hasOwn(w.hosts.laptop!.files, '/var/log/installer/media-info')).toBe(true);
    expect(Object.hasOwn(w.hosts.laptop!.files, '/var/log/cloud-init.log')).toBe(false);
    expect(Object.hasOwn(w.hosts['web-01']!.files, '/var/log/installer')).toBe(false);
    expect(Object.hasOwn(w.hosts['web-01']!.files, '/var/log/landscape/sysinfo.log')).toBe(true);
    const uu = w.hosts['web-01']!.files['/var/log/unattended-upgrades/unattended-upgrades.log']!.content!;
    expect(uu).toMatch(/^2020-05-0\d \d\d:\d\d:\d\d,\d{3} INFO Starting unattended upgrades script$/m);
  });

  it('ls agrees with the content; sizes are bounded', T, () => {
    const [ls, wc] = outputsOn(wipe, 'db-master', ['ls -l /var/log/dpkg.log.1 | cut -d" " -f5', 'wc -c < /var/log/dpkg.log.1']);
    expect(ls).toEqual(wc);
    const w = world();
    for (const host of Object.values(w.hosts)) for (const [path, node] of Object.entries(host.files)) if (/^\/var\/log\/(dpkg|alternatives|apt\/|cloud-init|unattended)/.test(path) && node.content) expect(node.content.length, path).toBeLessThan(20_000);
  });
});

describe('monthly rotation (logrotate from cron.daily, notifempty)', () => {
  it('a month without writes is not rotated; the next write is rotated the day after', () => {
    const day = (d: number, h = 10) => Date.UTC(2020, 0, d) / 1000 + h * 3600;
    const log = monthlyLog([{ at: day(10), text: 'a' }, { at: day(31 + 29 + 10), text: 'b' }], day(5, 0), day(31 + 29 + 31 + 5), 12);
    // Jan's line rotated on 1 Feb 06:25; Feb stayed empty; Mar's line was rotated at the next run after it (11 Mar), the month being new.
    expect(log.rotated.map((r) => r.text)).toEqual(['b\n', 'a\n']);
    expect(log.live.text).toBe('');
  });
});
