/**
 * The file programs agree with each other and with the world: what one writes another sees on
 * that host only; sizes, owners and inode numbers are the same whichever program shows them;
 * removing really removes; a log that grows with the clock grows in every view.
 */
import { describe, expect, it } from 'vitest';
import { advanceTo } from '../../../src/sim/terminal';
import { filesConfig, run } from './files-fixture';

const lastOf = (steps: { output: string[] }[]) => steps[steps.length - 1]!.output;

describe('a file written on a host', () => {
  it('is listed by ls on that host and on no other', () => {
    const { steps, world } = run(['echo hello > /tmp/mine.txt', 'ls /tmp', 'ssh web-7', 'ls /tmp', 'exit', 'ssh store-2 ls /tmp/mine.txt']);
    // Every host's /tmp also holds systemd's private directories.
    const own = (lines: readonly string[]) => lines.join(' ').split(/\s+/).filter((n) => n !== '' && !n.startsWith('systemd-private-'));
    expect(own(steps[1]!.output)).toEqual(['mine.txt']);
    expect(own(steps[3]!.output)).toEqual([]);
    expect(steps[5]!.output).toEqual(["ls: cannot access '/tmp/mine.txt': No such file or directory"]);
    expect(Object.keys(world.hosts.web!.files).some((p) => p.endsWith('mine.txt'))).toBe(false);
  });

  it('belongs to whoever wrote it', () => {
    const { steps } = run(['touch a', 'sudo touch b', "stat -c '%U %G %a' a b"]);
    expect(lastOf(steps)).toEqual(['kim kim 664', 'root root 644']);
  });
});

describe('permissions', () => {
  it('a file behind a directory you may not search is out of reach for every program, and root reaches it', () => {
    const lines = ['cat /opt/vault/key', 'head -1 /opt/vault/key', 'grep k /opt/vault/key', 'wc -c /opt/vault/key', 'md5sum /opt/vault/key', 'cp /opt/vault/key /tmp/', 'ls /opt/vault/key', 'stat /opt/vault/key', 'echo x > /opt/vault/new', 'echo x | tee /opt/vault/new'];
    const { steps } = run(lines);
    steps.forEach((step, i) => expect(step.output.join('\n'), lines[i]).toMatch(/Permission denied/));
    const asRoot = run(lines.slice(0, 5).map((l) => `sudo ${l}`)).steps;
    asRoot.forEach((step, i) => expect(step.output.join('\n'), `sudo ${lines[i]}`).not.toMatch(/Permission denied/));
  });
});

describe('sizes, times and numbers', () => {
  const files = ['report.txt', 'run.sh', 'empty.txt', 'data/temps.csv', 'my notes.txt', 'old.log.gz', 'latest'];

  it('are the same in ls -l, stat, du -b and find -printf', () => {
    for (const f of files) {
      const q = `'${f}'`;
      const { steps } = run([`ls -l ${q}`, `stat -c %s ${q}`, `du -b ${q}`, `find ${q} -printf '%s\\n'`]);
      const lsSize = steps[0]!.output[0]!.split(/ +/)[4];
      expect(steps[1]!.output[0], f).toBe(lsSize);
      expect(steps[2]!.output[0]!.split('\t')[0], f).toBe(lsSize);
      expect(steps[3]!.output[0], f).toBe(lsSize);
    }
  });

  it('give the same inode in ls -i, stat and find, and mv keeps it', () => {
    const { steps } = run(['ls -i report.txt', 'stat -c %i report.txt', "find report.txt -printf '%i\\n'", 'mv report.txt data/moved.txt', 'stat -c %i data/moved.txt']);
    const inode = steps[0]!.output[0]!.split(' ')[0];
    expect(steps[1]!.output[0]).toBe(inode);
    expect(steps[2]!.output[0]).toBe(inode);
    expect(steps[4]!.output[0]).toBe(inode);
  });

  it('make ls -l total and du agree: a directory is its own 4 KiB plus its entries', () => {
    const { steps } = run(['ls -l data/2021', 'du -s data/2021', 'ls -la data', 'du -S -s data']);
    const total = Number(steps[0]!.output[0]!.replace('total ', ''));
    expect(Number(steps[1]!.output[0]!.split('\t')[0])).toBe(total + 4);
    // -la counts . and .. as well; du -S counts the directory and its files, not its subdirectories.
    const withDots = Number(steps[2]!.output[0]!.replace('total ', ''));
    expect(Number(steps[3]!.output[0]!.split('\t')[0])).toBe(withDots - 4 - 4);
  });

  it('show a log that grows: more bytes and a later mtime once its line is written', () => {
    const before = run(['ssh web-7']);
    const lsBefore = run(['ls -l /var/log/nginx/access.log', 'stat -c %s /var/log/nginx/access.log'], before.world);
    expect(lsBefore.steps[0]!.output[0]).toBe('-rw-r----- 1 www-data adm 67 Jun 14 09:00 /var/log/nginx/access.log');
    const later = advanceTo(filesConfig, lsBefore.world, 9 * 3600 + 45 * 60);
    const lsAfter = run(['ls -l /var/log/nginx/access.log', 'stat -c %s /var/log/nginx/access.log', 'cat /var/log/nginx/access.log', 'find /var/log/nginx -mmin -10'], later);
    expect(lsAfter.steps[0]!.output[0]).toBe('-rw-r----- 1 www-data adm 140 Jun 14 09:40 /var/log/nginx/access.log');
    expect(lsAfter.steps[1]!.output[0]).toBe('140');
    expect(lsAfter.steps[2]!.output).toHaveLength(2);
    expect(lsAfter.steps[3]!.output).toEqual(['/var/log/nginx/access.log']);
  });
});

describe('changes are real', () => {
  it('rm removes the file from the world, and cat and find no longer see it', () => {
    const { steps, world } = run(['rm report.txt', 'cat report.txt', 'find . -name report.txt']);
    expect(world.hosts.desk!.files['/home/kim/report.txt']).toBeUndefined();
    expect(steps[1]!.output).toEqual(['cat: report.txt: No such file or directory']);
    expect(steps[2]!.output).toEqual([]);
  });

  it('rm -r removes everything below, and only that', () => {
    const { world } = run(['rm -r data']);
    const left = Object.keys(world.hosts.desk!.files).filter((p) => p.startsWith('/home/kim'));
    expect(left.some((p) => p.startsWith('/home/kim/data'))).toBe(false);
    expect(left).toContain('/home/kim/report.txt');
  });

  it('a copy has the same text and a link shows its target', () => {
    const { steps } = run(['cp report.txt /tmp/r', 'cat /tmp/r', 'cat report.txt', 'cat latest']);
    expect(steps[1]!.output).toEqual(steps[2]!.output);
    expect(steps[3]!.output).toEqual(steps[2]!.output);
  });

  it('a copy of a growing log is the log as it was when copied', () => {
    const { world } = run(['ssh web-7', 'cp /var/log/nginx/access.log /tmp/snap.log']);
    const later = advanceTo(filesConfig, world, 10 * 3600);
    const { steps } = run(['cat /tmp/snap.log', 'cat /var/log/nginx/access.log'], later);
    expect(steps[0]!.output).toHaveLength(1);
    expect(steps[1]!.output).toHaveLength(2);
  });

  it('a directory made with mkdir -p is found by find and listed by ls -R alike', () => {
    const { steps } = run(['mkdir -p x/y/z', 'touch x/y/f', 'find x -type f', 'find x -type d', 'ls -R x']);
    expect(steps[2]!.output).toEqual(['x/y/f']);
    expect(steps[3]!.output).toEqual(['x', 'x/y', 'x/y/z']);
    expect(steps[4]!.output).toEqual(['x:', 'y', '', 'x/y:', 'f  z', '', 'x/y/z:']);
  });

  it('what failed changed nothing', () => {
    const before = run([]).world;
    const { world } = run(['rm -f /etc/passwd', 'mv /srv/shared/theirs.txt /tmp/', 'cp report.txt /etc/', 'chmod 777 /etc/passwd', 'mkdir /etc/x', 'touch /etc/y', 'ln -s a /etc/z']);
    expect(world.hosts.desk!.files).toEqual(before.hosts.desk!.files);
  });
});

describe('compressed and copied data', () => {
  const many = Array.from({ length: 40 }, () => 'report.txt data/temps.csv run.sh').join(' ');

  it('gzip makes a repetitive file much smaller, and zcat gives back the very bytes', () => {
    const { steps } = run([`cat ${many} > big.txt`, 'md5sum < big.txt', 'ls -l big.txt', 'gzip big.txt', 'ls -l big.txt.gz', 'zcat big.txt.gz | md5sum', 'gzip -l big.txt.gz']);
    const original = Number(steps[2]!.output[0]!.split(/ +/)[4]);
    const compressed = Number(steps[4]!.output[0]!.split(/ +/)[4]);
    expect(compressed).toBeLessThan(original / 10);
    expect(compressed).toBeGreaterThan(20);
    expect(steps[5]!.output).toEqual(steps[1]!.output);
    const listed = steps[6]!.output[1]!.trim().split(/ +/);
    expect(Number(listed[0])).toBe(compressed);
    expect(Number(listed[1])).toBe(original);
  });

  it('a file piped through gzip into a file is the same .gz file gzip makes itself', () => {
    const { steps } = run(['cat report.txt | gzip > a.gz', 'zcat a.gz | md5sum', 'md5sum < report.txt', 'file a.gz']);
    expect(steps[1]!.output).toEqual(steps[2]!.output);
    expect(steps[3]!.output[0]).toMatch(/^a\.gz: gzip compressed data/);
  });

  it('scp puts the file on that host only and leaves the source', () => {
    const { steps, world } = run(['scp report.txt store-2:/tmp/', 'ls report.txt', 'ssh store-2 md5sum /tmp/report.txt', 'md5sum report.txt', 'ssh web-7 ls /tmp']);
    expect(steps[1]!.output).toEqual(['report.txt']);
    expect(steps[2]!.output[0]!.split(' ')[0]).toBe(steps[3]!.output[0]!.split(' ')[0]);
    expect(steps[4]!.output.join(' ').split(/\s+/).filter((n) => n !== '' && !n.startsWith('systemd-private-'))).toEqual([]);
    expect(world.hosts.store!.files['/tmp/report.txt']!.owner).toBe('kim');
    expect(world.hosts.desk!.files['/tmp/report.txt']).toBeUndefined();
  });

  it('a tar archive extracted elsewhere holds the same files with the same sums', () => {
    const { steps } = run(['tar czf /tmp/d.tgz data', 'mkdir /tmp/x', 'cd /tmp/x && tar xzf /tmp/d.tgz', 'cd /tmp/x && md5sum data/temps.csv data/2021/temps.csv', 'md5sum data/temps.csv data/2021/temps.csv', 'find /tmp/x -type f | cat']);
    expect(steps[3]!.output).toEqual(steps[4]!.output);
    expect(steps[5]!.output).toEqual(['/tmp/x/data/2021/temps.csv', '/tmp/x/data/temps.csv']);
  });
});
