// @vitest-environment node
/**
 * df against du: a disk other than `/` is as full as the world's files on it (du -sx of its
 * mount point) plus what ext4 itself takes, its Avail is Size − Used − the reserved blocks, and
 * du -x does not cross into another filesystem; `/` (the OS, not modelled file by file) moves by
 * what the run writes there. Checked over every scenario the drill ships and the fixtures.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/scenario/schema';
import { loadScenarioFile, outputsOn, scenarioFiles } from '../scoring/support';
import { ext4Geometry } from '../../../src/sim/system/ext4';
import { humanCeil } from '../../../src/sim/system/sizes';
import { lintScenario } from '../../../src/cli/lint';

/** df's row for a mount: [size, used, avail] in KiB. */
function dfRow(lines: readonly string[], mount: string): [number, number, number] {
  const row = lines.find((l) => l.split(/\s+/)[5] === mount);
  if (!row) throw new Error(`no df row for ${mount}: ${lines.join('\n')}`);
  const [, size, used, avail] = row.split(/\s+/);
  return [Number(size), Number(used), Number(avail)];
}

const shellHosts = (scenario: Scenario) => Object.keys(scenario.world.hosts).filter((id) => scenario.world.hosts[id]!.login);

describe.each(scenarioFiles)('%s: df and du agree', (file) => {
  const scenario = loadScenarioFile(file);
  it('every disk off / is what du -sx of its mount point sums (within 1 % + 100 MB), and Avail is Size − Used − reserved', { timeout: 120_000 }, () => {
    for (const host of shellHosts(scenario)) {
      const mounts = (scenario.world.hosts[host]!.system?.disks ?? []).map((d) => d.mount).filter((m) => m !== '/');
      const out = outputsOn(scenario, host, ['df', ...mounts.map((m) => `sudo du -sx ${m}`)]);
      const df = out[0]!;
      mounts.forEach((mount, i) => {
        const du = Number(out[i + 1]![0]!.split('\t')[0]);
        expect(Number.isFinite(du), `${host}: du -sx ${mount}: ${out[i + 1]!.join(' ')}`).toBe(true);
        const [size, used, avail] = dfRow(df, mount);
        expect(Math.abs(used - du), `${host} ${mount}: df Used ${used}, du ${du}`).toBeLessThanOrEqual(du * 0.01 + 100 * 1024);
        const type = scenario.world.hosts[host]!.system!.disks!.find((d) => d.mount === mount)!.type ?? 'ext4';
        const reserved = size - used - avail;
        if (type === 'ext4') {
          expect(reserved, `${host} ${mount}: reserved`).toBeGreaterThanOrEqual(Math.floor(size * 0.05));
          expect(reserved, `${host} ${mount}: reserved`).toBeLessThanOrEqual(Math.ceil(size * 0.053) + 16 * 1024);
        } else expect(reserved, `${host} ${mount}: ${type} reserves nothing`).toBe(0);
      });
      // `/` as declared keeps Avail = Size − Used − 5 %.
      const [size, used, avail] = dfRow(df, '/');
      expect(size - used - avail, `${host} /`).toBe(Math.floor(size * 0.05));
    }
  });

  it('du -x / leaves out every other filesystem', { timeout: 120_000 }, () => {
    for (const host of shellHosts(scenario)) {
      const mounts = (scenario.world.hosts[host]!.system?.disks ?? []).map((d) => d.mount).filter((m) => m !== '/');
      const [all, x, ...under] = outputsOn(scenario, host, ['sudo du -s /', 'sudo du -sx /', ...mounts.map((m) => `sudo du -s ${m}`)]);
      const kib = (lines: readonly string[]) => Number(lines[0]!.split('\t')[0]);
      const others = under.reduce((n, lines) => n + kib(lines), 0);
      expect(kib(x!), host).toBeLessThanOrEqual(kib(all!) - others);
    }
  });
});

describe('ext4 as mkfs.ext4 (e2fsprogs 1.44) makes it and Linux 4.15 counts it', () => {
  it('50 GiB, empty: Size 49G, Used 53M (52 MiB of reserved GDT blocks in 13 groups, and lost+found)', () => {
    const g = ext4Geometry(50 * 1024 ** 3);
    expect(humanCeil(g.sizeKib * 1024)).toBe('49G');
    expect(g.metadataKib).toBe(13 * 1024 * 4 + 20);
    expect(humanCeil(g.metadataKib * 1024)).toBe('53M');
    expect(g.inodes).toBe(400 * 8192);
    // 5 % of the partition's blocks, and the kernel's own reserve of 4096 blocks.
    expect(g.reservedKib).toBe(Math.floor(13_107_200 * 0.05) * 4 + 4096 * 4);
  });
  it('196 GiB: the 1 GiB journal and the inode tables leave 192G; 15 groups hold superblock copies (60 MiB)', () => {
    const g = ext4Geometry(196 * 1024 ** 3);
    expect(humanCeil(g.sizeKib * 1024)).toBe('192G');
    expect(g.metadataKib).toBe(15 * 1024 * 4 + 20);
  });
});

describe('mysql-wipe: the database disks, a dump on /', () => {
  const scenario = loadScenarioFile('scenarios/mysql-wipe.json');
  it('db-master: df of /var/lib/mysql is the data directory and 60M of ext4, and df -i counts its files', { timeout: 60_000 }, () => {
    const [dfh, du, dfi, find] = outputsOn(scenario, 'db-master', ['df -h /var/lib/mysql', 'sudo du -sh /var/lib/mysql', 'df -i /var/lib/mysql', 'sudo find /var/lib/mysql | wc -l']);
    expect(du![0]).toBe('216M\t/var/lib/mysql');
    expect(dfh![1]).toMatch(/^\/dev\/vdb1\s+192G\s+276M\s+182G\s+1% \/var\/lib\/mysql$/);
    // Inodes 1–10 (the root directory among them) and lost+found, then every file under the mount point.
    expect(Number(dfi![1]!.split(/\s+/)[2])).toBe(11 + Number(find![0]) - 1);
  });
  it('df / grows by what mysqldump writes to /tmp and shrinks back when it is removed', { timeout: 60_000 }, () => {
    const [before, , ls, after, , gone] = outputsOn(scenario, 'db-master', ['df /', 'sudo mysqldump --all-databases > /tmp/x.sql', 'ls -s /tmp/x.sql', 'df /', 'rm /tmp/x.sql', 'df /']);
    const usedOf = (lines: readonly string[]) => dfRow(lines, '/')[1];
    const blocks = Number(ls![0]!.split(' ')[0]);
    expect(blocks).toBeGreaterThan(100);
    expect(usedOf(after!) - usedOf(before!)).toBe(blocks);
    expect(usedOf(gone!)).toBe(usedOf(before!));
  });
  it('drill check fails a disk off / declared fuller than its files', () => {
    const hosts = structuredClone(scenario.world.hosts);
    hosts['db-master']!.system!.disks!.find((d) => d.mount === '/var/lib/mysql')!.used = '21G';
    const problems = lintScenario({ ...scenario, world: { ...scenario.world, hosts } }, []);
    expect(problems.filter((p) => p.includes('disks['))).toEqual([
      expect.stringContaining('$.world.hosts.db-master.system.disks[1].used: 21G on /var/lib/mysql is in no file of the world there'),
    ]);
  });
});
