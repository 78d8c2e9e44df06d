// @vitest-environment node
/**
 * The files a host is set up with, as the fifth blind audit missed them: the netplan file
 * (cloud-init's on a server, NetworkManager's on a desktop), ~/.ssh on the servers, and the ssh
 * session's environment. On
 * the kite fixture, and for every host of every scenario the drill ships, the netplan file agrees
 * with `ip -4 a` and `ip route`, and SSH_CONNECTION and SSH_TTY with `ss`, `who` and `tty`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KITE_KEY, out, run } from './world-files-fixture';
import { parseScenarioText } from '../../../src/scenario/load';
import { inputFromLine, replayInputs } from '../../../src/engine/replay';
import { repoRoot } from '../scoring/support';

const CLOUD_INIT_HEADER = [
  '# This file is generated from information provided by the datasource.  Changes',
  "# to it will not persist across an instance reboot.  To disable cloud-init's",
  '# network configuration capabilities, write a file',
  '# /etc/cloud/cloud.cfg.d/99-disable-network-config.cfg with the following:',
  '# network: {config: disabled}',
];

describe('the machine: a laptop is real hardware, a server a KVM guest', () => {
  it('hostnamectl names the chassis, and only a guest has a Virtualization line', () => {
    const laptop = out(['hostnamectl']).split('\n');
    expect(laptop.slice(0, 3)).toEqual(['   Static hostname: kite-laptop', '         Icon name: computer-laptop', '           Chassis: laptop']);
    expect(laptop.some((l) => l.includes('Virtualization'))).toBe(false);
    const app = out(['ssh app', 'hostnamectl']).split('\n');
    expect(app).toContain('         Icon name: computer-vm');
    expect(app).toContain('    Virtualization: kvm');
  });

  it('systemd-detect-virt and systemctl show agree with it', () => {
    expect(out(['systemd-detect-virt; echo "exit $?"'])).toBe('none\nexit 1');
    expect(out(['ssh app', 'systemd-detect-virt; echo "exit $?"'])).toBe('kvm\nexit 0');
    expect(out(['systemd-detect-virt -c -q; echo $?'])).toBe('1');
    expect(out(['systemctl show -p Virtualization'])).toBe('Virtualization=');
    expect(out(['systemctl show'])).not.toContain('Virtualization');
    expect(out(['ssh app', 'systemctl show -p Virtualization'])).toBe('Virtualization=kvm');
  });

  it('the kernel log boots the declared hardware and names the host’s own interface', () => {
    const laptop = out(['dmesg']);
    expect(laptop).toContain('DMI: Dell Inc. XPS 13 9370/XPS 13 9370, BIOS 1.12.1 02/10/2020');
    expect(laptop).toContain('wlp3s0: renamed from wlan0');
    expect(laptop).toMatch(/Command line: BOOT_IMAGE=\/boot\/vmlinuz-\S+ root=UUID=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} ro quiet splash vt\.handoff=1/);
    expect(laptop).not.toMatch(/KVM|kvm|virtio/);
    const app = out(['ssh app', 'dmesg']);
    expect(app).toContain('Hypervisor detected: KVM');
    expect(app).toContain('systemd[1]: Detected virtualization kvm.');
    expect(app).toContain('virtio_net virtio0 ens3: renamed from eth0');
  });
});

describe('programs the server image lacks', () => {
  it('command-not-found names sysstat’s package for iostat and sar', () => {
    const step = run(['ssh app', 'iostat -x 1']).steps.at(-1)!;
    expect(step.output).toEqual(['', "Command 'iostat' not found, but can be installed with:", '', 'sudo apt install sysstat', '']);
    expect(step.missing).toEqual(['iostat']);
    expect(out(['ssh app', 'sar 2>&1 | head -3'])).toBe("\nCommand 'sar' not found, but can be installed with:\n");
  });
});

describe('what /etc/crontab runs', () => {
  it('run-parts has the server image’s scripts; a desktop has no mdadm', () => {
    expect(out(['ssh app', 'ls /etc/cron.daily | tr "\\n" " "'])).toBe('apport apt-compat bsdmainutils dpkg logrotate man-db mdadm mlocate passwd popularity-contest update-notifier-common ');
    expect(out(['ls /etc/cron.daily | grep -c mdadm'])).toBe('0');
    expect(out(['ls -A /etc/cron.hourly /etc/cron.monthly'])).toBe('/etc/cron.hourly:\n.placeholder\n\n/etc/cron.monthly:\n.placeholder');
    expect(out(['ls -l /etc/cron.daily/logrotate'])).toBe('-rwxr-xr-x 1 root root 372 Aug 21  2017 /etc/cron.daily/logrotate');
    expect(out(['cat /etc/cron.daily/logrotate | wc -c'])).toBe('372');
  });

  it('a text file the drill holds no text for is text to file(1) and to the drill’s note', () => {
    expect(out(['file /etc/cron.daily/dpkg /var/backups/dpkg.status.0 /var/log/wtmp'])).toBe(
      '/etc/cron.daily/dpkg:       POSIX shell script, ASCII text executable\n/var/backups/dpkg.status.0: ASCII text\n/var/log/wtmp:              data',
    );
    expect(out(['cat /var/backups/dpkg.status.0'])).toBe('');
    const step = run(['cat /etc/cron.daily/dpkg']).steps.at(-1)!;
    expect(step.notes.join('\n')).toBe('Not simulated in this drill: the text of /etc/cron.daily/dpkg (1176 bytes).');
  });
});

describe('netplan', () => {
  it('a server has cloud-init’s file: its static address, gateway, DNS and route', () => {
    expect(out(['ssh app', 'cat /etc/netplan/50-cloud-init.yaml'])).toBe([
      ...CLOUD_INIT_HEADER,
      'network:',
      '    ethernets:',
      '        ens3:',
      '            addresses:',
      '            - 10.5.1.20/24',
      '            gateway4: 10.5.1.1',
      '            match:',
      '                macaddress: 52:54:00:4b:01:20',
      '            nameservers:',
      '                addresses:',
      '                - 10.5.0.2',
      '                - 10.5.0.3',
      '                search:',
      '                - kite.internal',
      '            routes:',
      '            -   to: 10.5.9.0/24',
      '                via: 10.5.1.254',
      '            set-name: ens3',
      '    version: 2',
    ].join('\n'));
    expect(out(['ssh app', 'ls -l /etc/netplan'])).toBe('total 4\n-rw-r--r-- 1 root root 784 Feb 12 00:00 50-cloud-init.yaml');
  });

  it('a host declared by its address alone gets the interface ip shows', () => {
    const text = out(['ssh db', 'grep -E "ens3:|- |gateway4" /etc/netplan/50-cloud-init.yaml']);
    expect(text).toBe('        ens3:\n            - 10.5.2.10/24\n            gateway4: 10.5.2.1');
  });

  it('a desktop install leaves the links to NetworkManager', () => {
    expect(out(['ls /etc/netplan; cat /etc/netplan/01-network-manager-all.yaml'])).toBe('01-network-manager-all.yaml\n# Let NetworkManager manage all devices on this system\nnetwork:\n  version: 2\n  renderer: NetworkManager');
  });
});

describe('the ssh session’s environment', () => {
  it('names both ends of the connection and the pty, as sshd sets them', () => {
    const env = out(['ssh app', 'env']).split('\n');
    const client = env.find((l) => l.startsWith('SSH_CLIENT='))!;
    const port = /^SSH_CLIENT=10\.7\.0\.6 (\d+) 22$/.exec(client)![1]!;
    expect(env.filter((l) => l.startsWith('SSH_'))).toEqual([`SSH_CLIENT=10.7.0.6 ${port} 22`, `SSH_CONNECTION=10.7.0.6 ${port} 10.5.1.20 22`, 'SSH_TTY=/dev/pts/0']);
    expect(out(['ssh app', 'echo $SSH_CONNECTION; printenv SSH_TTY; tty'])).toBe(`10.7.0.6 ${port} 10.5.1.20 22\n/dev/pts/0\n/dev/pts/0`);
  });

  it('agrees with who, ss and sshd’s log', () => {
    const [connection, who, estab, accepted] = out(['ssh app', 'echo $SSH_CONNECTION; who; ss -tn | grep ESTAB; sudo journalctl -u ssh --no-pager | tail -2 | head -1']).split('\n');
    const [from, port, server] = connection!.split(' ');
    expect(who).toBe(`noor     pts/0        2020-06-11 09:20 (${from})`);
    expect(estab!.split(/\s+/).slice(3)).toEqual([`${server}:22`, `${from}:${port}`, '']);
    expect(accepted).toContain(`Accepted publickey for noor from ${from} port ${port} ssh2:`);
  });

  it('a second hop (the agent forwarded) is seen from the first server; the laptop’s own terminal has none', () => {
    expect(out(['ssh -A app', 'ssh db', 'env | grep ^SSH_C'])).toMatch(/^SSH_CLIENT=10\.5\.1\.20 \d+ 22\nSSH_CONNECTION=10\.5\.1\.20 \d+ 10\.5\.2\.10 22$/);
    expect(out(['env | grep -c ^SSH_; tty'])).toBe('0\n/dev/pts/0');
  });

  it('sudo’s env_reset drops them, for a command and for sudo -i; tty without a terminal says so', () => {
    expect(out(['ssh app', 'sudo env | grep -c SSH_'])).toBe('0');
    expect(out(['ssh app', 'sudo -i', 'env | grep -c SSH_'])).toBe('0');
    expect(out(['ssh app', 'echo | tty; echo $?'])).toBe('not a tty\n1');
  });
});

describe('~/.ssh on the servers', () => {
  it('holds authorized_keys with the laptop’s key, 700 and 600, and ls, cat, stat and wc agree', () => {
    expect(out(['ssh app', 'ls -la ~/.ssh'])).toBe('total 12\ndrwx------ 2 noor noor 4096 Mar  2 10:37 .\ndrwxr-xr-x 3 noor noor 4096 Feb 12 00:00 ..\n-rw------- 1 noor noor   98 Mar  2 10:37 authorized_keys');
    expect(out(['ssh app', 'cat ~/.ssh/authorized_keys'])).toBe(KITE_KEY);
    expect(out(['ssh app', 'stat -c "%a %U %s %Y" ~/.ssh ~/.ssh/authorized_keys; wc -c < ~/.ssh/authorized_keys'])).toBe('700 noor 4096 1583145422\n600 noor 98 1583145422\n98');
  });

  it('sshd logs the type of that key, before the start and now', () => {
    const accepted = out(['ssh app', 'sudo journalctl -u ssh --no-pager | grep Accepted']).split('\n');
    expect(accepted).toHaveLength(2);
    for (const line of accepted) expect(line).toMatch(/ssh2: ED25519 SHA256:/);
  });
});

const scenarioFiles = [...readdirSync(`${repoRoot}scenarios`).filter((f) => f.endsWith('.json')).map((f) => `scenarios/${f}`), 'tests/fixtures/scenarios/minimal.json'];

describe.each(scenarioFiles)('%s: the netplan file agrees with ip on every server', (file) => {
  it('same interfaces, addresses and default gateway', { timeout: 60_000 }, () => {
    const parsed = parseScenarioText(readFileSync(`${repoRoot}${file}`, 'utf8'));
    if (!parsed.ok) throw new Error(file);
    const scenario = parsed.scenario;
    for (const host of Object.keys(scenario.world.hosts)) {
      const start = scenario.startHost === host ? [] : [`ssh ${host}`];
      const snapshot = replayInputs(scenario, [...start, 'ls /etc/netplan', 'cat /etc/netplan/50-cloud-init.yaml', 'ip -4 a', 'ip route show default'].map(inputFromLine));
      const [ls, yaml, ip, route] = snapshot.context.steps.slice(-4).map((s) => s.output);
      if (ls!.join() === '01-network-manager-all.yaml') continue;
      expect(ls, host).toEqual(['50-cloud-init.yaml']);
      const names = yaml!.filter((l) => /^ {8}\S+:$/.test(l)).map((l) => l.trim().slice(0, -1));
      const inet = ip!.map((l) => /^ {4}inet (\S+) .*scope global (dynamic )?(\S+)$/.exec(l)).filter((m) => m !== null && !m[3]!.startsWith('tun'));
      expect(names, host).toEqual(inet.map((m) => m![3]));
      const addresses = yaml!.filter((l) => /^ {12}- \d/.test(l)).map((l) => l.trim().slice(2));
      const ipAddresses = inet.filter((m) => !m![2]).map((m) => m![1]);
      expect(addresses, host).toEqual(ipAddresses);
      const gateway = yaml!.find((l) => l.includes('gateway4:'))?.split(': ')[1];
      const via = /^default via (\S+) dev \S+ proto static/.exec(route![0] ?? '')?.[1];
      expect(gateway, host).toBe(via);
    }
  });
});

describe.each(scenarioFiles)('%s: an ssh session’s environment agrees with who and ss on every host', (file) => {
  it('SSH_CONNECTION is the connection ss lists, SSH_TTY the pty who and tty name', { timeout: 60_000 }, () => {
    const parsed = parseScenarioText(readFileSync(`${repoRoot}${file}`, 'utf8'));
    if (!parsed.ok) throw new Error(file);
    const scenario = parsed.scenario;
    for (const host of Object.keys(scenario.world.hosts)) {
      if (host === scenario.startHost) continue;
      const snapshot = replayInputs(scenario, [`ssh ${host}`, 'echo "$SSH_CONNECTION|$SSH_TTY|$(tty)"', 'who', 'ss -tn'].map(inputFromLine));
      const [env, who, ss] = snapshot.context.steps.slice(-3).map((s) => s.output);
      const [connection, sshTty, tty] = env![0]!.split('|');
      const [from, port, server, local] = connection!.split(' ');
      expect(local, host).toBe('22');
      expect(sshTty, host).toBe(tty);
      expect(who!.some((l) => l.split(/\s+/)[1] === tty!.slice(5) && l.endsWith(`(${from})`)), `${host}: ${who!.join(' / ')}`).toBe(true);
      expect(ss!.some((l) => l.includes(` ${server}:22 `) && l.includes(` ${from}:${port} `)), `${host}: ${connection}`).toBe(true);
    }
  });
});

describe.each(scenarioFiles)('%s: the trainee’s key is the one the servers accept', (file) => {
  it('authorized_keys lists the laptop’s public key on every server; known_hosts is as long as ls says', { timeout: 60_000 }, () => {
    const parsed = parseScenarioText(readFileSync(`${repoRoot}${file}`, 'utf8'));
    if (!parsed.ok) throw new Error(file);
    const scenario = parsed.scenario;
    const laptop = replayInputs(scenario, ['cat ~/.ssh/id_*.pub 2>/dev/null', 'ls -l ~/.ssh/known_hosts 2>/dev/null | cut -d" " -f5; wc -c < ~/.ssh/known_hosts 2>/dev/null'].map(inputFromLine));
    const [pub, sizes] = laptop.context.steps.map((s) => s.output);
    if (sizes!.length === 2) expect(sizes![1], 'known_hosts: wc -c against ls -l').toBe(sizes![0]);
    for (const host of Object.keys(scenario.world.hosts)) {
      if (host === scenario.startHost) continue;
      const snapshot = replayInputs(scenario, [`ssh ${host}`, 'stat -c "%a %U" ~/.ssh ~/.ssh/authorized_keys; whoami', 'cat ~/.ssh/authorized_keys'].map(inputFromLine));
      const [modes, keys] = snapshot.context.steps.slice(-2).map((s) => s.output);
      const user = modes!.at(-1);
      expect(modes!.slice(0, 2), host).toEqual([`700 ${user}`, `600 ${user}`]);
      if (pub!.length) expect(keys, host).toContain(pub![0]);
      expect(keys!.every((k) => /^(ssh-(rsa|ed25519|dss)|ecdsa-\S+) \S+ \S+@\S+$/.test(k)), host).toBe(true);
    }
  });
});
