/**
 * The system tools agree with each other: one process table and one unit state behind
 * systemctl, ps, pgrep, top, free, the journal and the sockets the network answers on.
 */
import { describe, expect, it } from 'vitest';
import { run, systemConfig } from './system-fixture';
import { listeningSockets, socketFor } from '../../../src/sim/system/sockets';

const mainPid = (status: readonly string[]) => Number(/Main PID: (\d+)/.exec(status.join('\n'))?.[1]);

describe('one process table behind every tool', () => {
  it('the PID systemctl status shows is the one ps, pgrep, pidof and top show', () => {
    const { steps } = run(['ssh web', 'systemctl status nginx', 'ps -o pid= -C nginx', 'pgrep -o nginx', 'pidof nginx', 'top -b -n 1 | grep nginx', 'systemctl show -p MainPID --value nginx']);
    const pid = mainPid(steps[1]!.output);
    expect(pid).toBe(640);
    expect(steps[2]!.output.map((l) => Number(l.trim()))).toContain(pid);
    expect(steps[3]!.output).toEqual([String(pid)]);
    expect(steps[4]!.output[0]!.split(' ').map(Number)).toContain(pid);
    expect(steps[5]!.output.some((l) => l.trimStart().startsWith(`${pid} root`))).toBe(true);
    expect(steps[6]!.output).toEqual([String(pid)]);
  });

  it('after a restart, status, ps and the journal change together', () => {
    const { steps } = run(['ssh web', 'sudo systemctl restart nginx', 'systemctl status nginx', 'ps -o pid=,ppid=,comm= -C nginx', 'sudo journalctl -u nginx -n 2']);
    const pid = mainPid(steps[2]!.output);
    expect(pid).not.toBe(640);
    const rows = steps[3]!.output.map((l) => l.trim().split(/\s+/));
    expect(rows.map((r) => Number(r[0]))).not.toContain(640);
    expect(rows.find((r) => r[1] === '1')![0]).toBe(String(pid));
    // The workers in the CGroup tree are the master's children in ps.
    const tree = steps[2]!.output.filter((l) => /[├└]─\d+ nginx: worker/.test(l)).map((l) => Number(/─(\d+)/.exec(l)![1]));
    expect(rows.filter((r) => r[1] === String(pid)).map((r) => Number(r[0]))).toEqual(tree);
    expect(steps[4]!.output.at(-1)).toMatch(/systemd\[1\]: Started A high performance web server and a reverse proxy server\.$/);
  });

  it('a stopped unit is inactive everywhere: systemctl, ps, pgrep, top, free and its ports', () => {
    const before = run(['ssh web', 'free -m']);
    const { steps, world } = run(['ssh web', 'sudo systemctl stop shop-app', 'systemctl is-active shop-app', 'ps aux', 'pgrep node; echo $?', 'top -b -n 1', 'free -m', 'systemctl list-units --type=service --all shop-app.service --no-legend']);
    expect(steps[2]!.output).toEqual(['inactive']);
    expect(steps[3]!.output.some((l) => l.includes('/srv/shop/server.js'))).toBe(false);
    expect(steps[4]!.output).toEqual(['1']);
    expect(steps[5]!.output.some((l) => / node$/.test(l))).toBe(false);
    const used = (lines: readonly string[]) => Number(lines[1]!.split(/\s+/)[2]);
    // Its 96 MiB of resident memory are free again.
    expect(used(before.steps[1]!.output) - used(steps[6]!.output)).toBe(96);
    expect(steps[7]!.output).toEqual(['shop-app.service loaded inactive dead Shop storefront']);
    expect(socketFor(systemConfig, 'web', world.hosts.web, 'tcp', 8000, '127.0.0.1')).toBeNull();
    expect(listeningSockets(systemConfig, 'web', world.hosts.web).some((s) => s.unit === 'shop-app.service')).toBe(false);
  });

  it('killing a main process is seen by systemd: nginx dies for good, the app is started again', () => {
    const { steps, world } = run(['ssh web', 'sudo kill 640', 'systemctl is-active nginx', 'sudo kill -9 702', 'systemctl status shop-app', 'sudo journalctl -u shop-app -n 8']);
    expect(steps[2]!.output).toEqual(['inactive']);
    const pid = mainPid(steps[4]!.output);
    expect(pid).not.toBe(702);
    expect(world.hosts.web!.services['shop-app.service']).toMatchObject({ active: 'active', pid });
    expect(steps[5]!.output.slice(1, 4).map((l) => l.slice(16))).toEqual([
      'shop-web systemd[1]: shop-app.service: Main process exited, code=killed, status=9/KILL',
      "shop-web systemd[1]: shop-app.service: Failed with result 'signal'.",
      'shop-web systemd[1]: shop-app.service: Service hold-off time over, scheduling restart.',
    ]);
  });

  it('a killed worker is replaced by its master', () => {
    const { steps } = run(['ssh web', 'sudo kill 641', 'pgrep -P 640']);
    expect(steps[2]!.output).toHaveLength(2);
    expect(steps[2]!.output).not.toContain('641');
    expect(steps[2]!.output).toContain('642');
  });

  it('a process the scenario runs in a unit goes when that unit stops, and a restart does not bring it back', () => {
    const { steps } = run(['ssh web', 'pgrep -a rsync', 'sudo systemctl restart cron', 'pgrep rsync; echo $?', 'ssh db', 'pgrep -f backup.sh']);
    expect(steps[1]!.output).toEqual(['3950 /usr/bin/rsync -a /srv/shop/media/ /backup/media/']);
    expect(steps[3]!.output).toEqual(['1']);
  });

  it('the trainee\'s own sessions are in ps, who and w with the same terminal', () => {
    const { steps } = run(['ssh web', 'ps -o pid=,tty=,args= -u ana', 'who', 'w -h']);
    const rows = steps[1]!.output.map((l) => l.trim().split(/\s+/));
    const shell = rows.find((r) => r[2] === '-bash')!;
    expect(shell[1]).toBe('pts/0');
    expect(steps[2]!.output[0]).toMatch(/^ana {6}pts\/0 /);
    expect(steps[3]!.output[0]).toMatch(/^ana {6}pts\/0 /);
  });

  it('every line of a grep over ps is a line of ps, or the grep itself', () => {
    const { steps } = run(['ssh web', 'ps aux', 'ps aux | grep nginx']);
    const all = steps[1]!.output.map((l) => l.replace(/ ps aux$/, ''));
    const lines = steps[2]!.output;
    expect(lines.at(-1)).toMatch(/ grep --color=auto nginx$/);
    for (const line of lines.slice(0, -1)) expect(all.some((l) => l === line || line.endsWith('ps aux'))).toBe(true);
  });

  it('uptime, w and top say the same first line', () => {
    const { steps } = run(['ssh db', 'uptime', 'w | head -1', 'top -b -n 1 | head -1']);
    expect(steps[2]!.output[0]).toBe(steps[1]!.output[0]);
    expect(steps[3]!.output[0]).toBe(`top -${steps[1]!.output[0]}`);
  });

  it('free and top agree on memory, df -h on disk', () => {
    const { steps } = run(['ssh db', 'free', 'top -b -n 1 | head -4 | tail -1', 'df /var/lib/mysql']);
    const [, total, used, free] = steps[1]!.output[1]!.split(/\s+/);
    expect(steps[2]!.output[0]).toBe(`KiB Mem : ${total!.padStart(8)} total, ${free!.padStart(8)} free, ${used!.padStart(8)} used, ${steps[1]!.output[1]!.split(/\s+/)[5]!.padStart(8)} buff/cache`);
    expect(steps[3]!.output[1]).toMatch(/^\/dev\/sdb1 +205375464 +64024600 +130848720 +33% \/var\/lib\/mysql$/);
  });
});
