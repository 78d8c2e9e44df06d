// @vitest-environment node
/**
 * Numbers the sixth blind audit found disagreeing with each other or with the real software:
 * ping's rtt summary, a listening socket's Send-Q against net.core.somaxconn, HAProxy's httplog
 * connection counts, a master process's CPU time against its workers', df's Used against du,
 * and the haproxy package's error pages. Each is checked over every scenario the drill ships.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/scenario/schema';
import { loadScenarioFile, outputsOn, scenarioFiles } from '../scoring/support';
import { rttLine } from '../../../src/sim/net/ping';

const hostsOf = (scenario: Scenario) => Object.keys(scenario.world.hosts);

describe.each(scenarioFiles)('%s: listening sockets and the kernel', (file) => {
  const scenario = loadScenarioFile(file);
  it('Send-Q of every LISTEN socket is at most net.core.somaxconn, which sysctl prints', { timeout: 60_000 }, () => {
    for (const host of hostsOf(scenario)) {
      const [ss, sysctl] = outputsOn(scenario, host, ['sudo ss -tln', 'sysctl -n net.core.somaxconn']);
      const somaxconn = Number(sysctl![0]);
      expect(somaxconn, host).toBe(128);
      for (const row of ss!.filter((l) => l.startsWith('LISTEN'))) {
        expect(Number(row.split(/\s+/)[2]), `${host}: ${row}`).toBeLessThanOrEqual(somaxconn);
      }
    }
  });
});

describe('Send-Q is the backlog the program asked for, capped by the kernel', () => {
  const scenario = loadScenarioFile('scenarios/mysql-wipe.json');
  const sendQ = (host: string, port: string) => {
    const [ss] = outputsOn(scenario, host, ['sudo ss -tln']);
    return ss!.filter((l) => l.startsWith('LISTEN') && l.split(/\s+/)[3]!.endsWith(`:${port}`)).map((l) => Number(l.split(/\s+/)[2]));
  };
  it('HAProxy (backlog 3000), nginx and node (511), mysqld (back_log 151) get 128; mysqlx keeps 70', { timeout: 60_000 }, () => {
    expect(sendQ('lb-01', '443')).toEqual([128]);
    expect(sendQ('web-01', '80')).toEqual([128]);
    expect(sendQ('web-01', '3000')).toEqual([128]);
    expect(sendQ('db-master', '3306')).toEqual([128]);
    expect(sendQ('db-master', '33060')).toEqual([70]);
    expect(sendQ('db-master', '22')).toEqual([128, 128]);
    expect(sendQ('db-master', '53')).toEqual([128]);
  });
});

/** `actconn/feconn/beconn/srv_conn/retries` of every httplog line, with its `backend/server`. */
const HTTPLOG = /\] \S+ (\S+)\/(\S+) -?\d+\/-?\d+\/-?\d+\/-?\d+\/\+?-?\d+ \d{3} \+?\d+ \S+ \S+ \S{4} (\d+)\/(\d+)\/(\d+)\/(\d+)\/\+?(\d+) \d+\/\d+ "/;

describe.each(scenarioFiles)('%s: HAProxy httplog connection counts', (file) => {
  const scenario = loadScenarioFile(file);
  it('actconn ≥ feconn ≥ beconn ≥ srv_conn, and a request that reached a server counts itself', { timeout: 60_000 }, () => {
    let checked = 0;
    for (const host of hostsOf(scenario)) {
      // The log as shipped, then after requests through the balancer (when this host is one).
      const [, log] = outputsOn(scenario, host, ['for i in 1 2 3 4 5 6; do curl -sk -o /dev/null https://127.0.0.1/ ; curl -s -o /dev/null http://127.0.0.1/; done', 'sudo cat /var/log/haproxy.log']);
      for (const line of log!) {
        const m = HTTPLOG.exec(line);
        if (!m) continue;
        checked += 1;
        const [act, fe, be, srv] = [m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number];
        expect(act, line).toBeGreaterThanOrEqual(fe);
        expect(fe, line).toBeGreaterThanOrEqual(be);
        expect(be, line).toBeGreaterThanOrEqual(srv);
        if (m[2] !== '<NOSRV>') {
          expect(be, line).toBeGreaterThanOrEqual(1);
          expect(srv, line).toBeGreaterThanOrEqual(1);
        }
      }
    }
    const balancers = hostsOf(scenario).filter((h) => JSON.stringify(scenario.world.hosts[h]).includes('haproxy'));
    if (balancers.length > 0) expect(checked).toBeGreaterThan(10);
  });
});

/** `3.06` → 3060 µs (ping's printed sample, at its precision); `0.080` → 80. */
const micros = (text: string) => Math.round(Number(text) * 1000);
/** The step of the printed sample: ping prints 3, 2, 1 or 0 decimals by size. */
const stepOf = (text: string) => 10 ** (3 - (text.split('.')[1]?.length ?? 0));

describe.each(scenarioFiles)('%s: ping\'s summary follows from its samples', (file) => {
  const scenario = loadScenarioFile(file);
  const hosts = hostsOf(scenario);
  it('for any -c and any host: min and max are printed samples, avg between, mdev iputils\' deviation of them', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.constantFrom(...hosts), fc.constantFrom(...hosts), (count, from, to) => {
        const target = scenario.world.hosts[to]!.hostname ?? to;
        const [out] = outputsOn(scenario, from, [`ping -c ${count} ${target}`]);
        const samples = out!.map((l) => / time=(\S+) ms$/.exec(l)?.[1]).filter((t): t is string => t !== undefined);
        const summary = out!.map((l) => /^rtt min\/avg\/max\/mdev = (\S+)\/(\S+)\/(\S+)\/(\S+) ms$/.exec(l)).find((m) => m !== null);
        if (samples.length === 0) {
          expect(summary, out!.join('\n')).toBeUndefined();
          return;
        }
        expect(samples, out!.join('\n')).toHaveLength(count);
        const [min, avg, max, mdev] = summary!.slice(1).map(micros) as [number, number, number, number];
        const printed = samples.map(micros);
        const step = Math.max(...samples.map(stepOf));
        // The summary has µs; each sample is the same time cut to its printed precision.
        expect(Math.min(...printed), out!.join('\n')).toBe(Math.floor(min / stepOf(samples[printed.indexOf(Math.min(...printed))]!)) * stepOf(samples[printed.indexOf(Math.min(...printed))]!));
        expect(Math.max(...printed), out!.join('\n')).toBe(Math.floor(max / stepOf(samples[printed.indexOf(Math.max(...printed))]!)) * stepOf(samples[printed.indexOf(Math.max(...printed))]!));
        expect(avg).toBeGreaterThanOrEqual(min);
        expect(avg).toBeLessThanOrEqual(max);
        const mean = printed.reduce((a, b) => a + b, 0) / count;
        expect(avg).toBeGreaterThanOrEqual(Math.floor(mean) - 1);
        expect(avg).toBeLessThanOrEqual(mean + step);
        // iputils: llsqrt(floor(Σt²/n) − floor(Σt/n)²), the population deviation give or take the
        // truncated mean (at most 2·avg µs² more) and the samples' printed precision.
        const sd = Math.sqrt(printed.reduce((a, t) => a + (t - mean) ** 2, 0) / count);
        expect(mdev, out!.join('\n')).toBeGreaterThanOrEqual(Math.max(0, sd - step - 1));
        expect(mdev, out!.join('\n')).toBeLessThanOrEqual(Math.sqrt((sd + step) ** 2 + 2 * avg) + 1);
      }),
      { numRuns: 12, seed: 6 },
    );
  });

  it('the rtt line is iputils\' arithmetic on the round trips', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 500_000 }), { minLength: 1, maxLength: 20 }), (times) => {
        const n = BigInt(times.length);
        const sum = times.reduce((a, t) => a + BigInt(t), 0n) / n;
        const sum2 = times.reduce((a, t) => a + BigInt(t) * BigInt(t), 0n) / n;
        const mdev = Math.floor(Math.sqrt(Number(sum2 - sum * sum)));
        const ms = (us: number) => `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;
        expect(rttLine(times)).toBe(`rtt min/avg/max/mdev = ${ms(Math.min(...times))}/${ms(Number(sum))}/${ms(Math.max(...times))}/${ms(mdev)} ms`);
      }),
    );
  });
});

/** `1:05` or `1-02:03:04` (ps's TIME) → seconds. */
function seconds(time: string): number {
  const [days, rest] = time.includes('-') ? time.split('-') : ['0', time];
  return rest!.split(':').map(Number).reduce((a, b) => a * 60 + b, 0) + Number(days) * 86400;
}

describe.each(scenarioFiles)('%s: a master process idles while its workers work', (file) => {
  const scenario = loadScenarioFile(file);
  it('every master\'s TIME is below its workers\' total (or both are nothing)', { timeout: 60_000 }, () => {
    let masters = 0;
    for (const host of hostsOf(scenario)) {
      const [table] = outputsOn(scenario, host, ['ps -eo pid=,ppid=,time=,comm=']);
      const rows = table!.map((l) => l.trim().split(/\s+/)).map(([pid, ppid, time, comm]) => ({ pid: Number(pid), ppid: Number(ppid), time: seconds(time!), comm: comm! }));
      for (const master of rows.filter((r) => r.ppid === 1 && /^(nginx|haproxy|php-fpm|apache2)/.test(r.comm))) {
        const workers = rows.filter((r) => r.ppid === master.pid && r.comm === master.comm);
        if (workers.length === 0) continue;
        masters += 1;
        const total = workers.reduce((a, w) => a + w.time, 0);
        expect(master.time, `${host}: ${master.comm} ${master.pid} ${master.time}s, workers ${total}s`).toBeLessThanOrEqual(total);
        if (total > 0) expect(master.time, `${host}: ${master.comm}`).toBeLessThan(total);
      }
    }
    if (JSON.stringify(scenario.world).includes('haproxy')) expect(masters).toBeGreaterThan(0);
  });
});
