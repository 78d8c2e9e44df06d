// @vitest-environment node
/**
 * The CLI reads what it is given with a bound: only regular files, at most the limit plus one
 * byte. A FIFO, /dev/zero, a directory or a huge file each get one plain line, quickly, with
 * little memory. Cases that would hang if they regressed run in a real process with a timeout.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../../src/cli/check';
import { readTextFile, refusalReason } from '../../../src/cli/files';
import { play } from '../../../src/cli/play';
import { score } from '../../../src/cli/score';
import { CliError } from '../../../src/cli/scenarios';
import { drill, inProcess, lines, repoRoot } from './drill';

const workDir = mkdtempSync(join(tmpdir(), 'drill-bounds-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const fifo = join(workDir, 'run.fifo');
execFileSync('mkfifo', [fifo]);
const folder = join(workDir, 'a-folder.json');
mkdirSync(folder);

/** A sparse file of `bytes` bytes: takes no disk, and reading it all would take the memory. */
function sparseFile(name: string, bytes: number): string {
  const file = join(workDir, name);
  const fd = openSync(file, 'w');
  closeSync(fd);
  execFileSync('truncate', ['-s', String(bytes), file]);
  return file;
}

/** Heap and buffers grown by `work`, in bytes, and how long it took, in ms. */
async function cost<T>(work: () => T | Promise<T>): Promise<{ value: T; bytes: number; ms: number }> {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started, bytes: used() - before };
}

const MB = 1_000_000;

describe('drill score refuses what is not a regular file, at once', { timeout: 30_000 }, () => {
  it('/dev/zero: one line, under 10 s and 64 MB', async () => {
    const { value: result, ms, bytes } = await cost(() => inProcess(score, ['/dev/zero']));
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual(['/dev/zero: cannot read it: it is a device, not a regular file']);
    expect(ms).toBeLessThan(10_000);
    expect(bytes).toBeLessThan(64 * MB);
  });

  it('a FIFO no one writes to: one line, and the process ends (a real process)', { timeout: 120_000 }, () => {
    const result = drill(['score', fifo, 'tests/fixtures/runs/seed.json']);
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual([`${fifo}: cannot read it: it is a named pipe (FIFO), not a regular file`]);
    expect(result.stdout).toMatch(/seed\.json\s+The team on the day/);
  });

  it('a directory', async () => {
    const result = await inProcess(score, [folder]);
    expect(lines(result.stderr)).toEqual([`${folder}: cannot read it: it is a directory, not a regular file`]);
  });

  it('a 3 GB file: refused by its size, without reading it (under 10 s and 64 MB)', async () => {
    const file = sparseFile('huge-run.json', 3_000 * MB);
    const { value: result, ms, bytes } = await cost(() => inProcess(score, [file]));
    expect(lines(result.stderr)).toEqual([`${file}: too large to read (3000 MB; the limit is 1 MB)`]);
    expect(ms).toBeLessThan(10_000);
    expect(bytes).toBeLessThan(64 * MB);
  });
});

describe('drill check refuses them too', { timeout: 30_000 }, () => {
  it('a FIFO, /dev/zero, a directory and a 6 MB scenario, each in one line, and still checks the good file (a real process)', { timeout: 120_000 }, () => {
    const big = sparseFile('big-scenario.json', 6 * MB);
    const result = drill(['check', fifo, '/dev/zero', folder, big, 'tests/fixtures/scenarios/minimal.json']);
    expect(result.status).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `${fifo}: cannot read it: it is a named pipe (FIFO), not a regular file`,
      '/dev/zero: cannot read it: it is a device, not a regular file',
      `${folder}: cannot read it: it is a directory, not a regular file`,
      `${big}: too large to read (6 MB; the limit is 5 MB)`,
    ]);
    expect(lines(result.stdout)).toEqual([expect.stringMatching(/^tests\/fixtures\/scenarios\/minimal\.json: ok/)]);
  });
});

describe('drill play bounds its commands', { timeout: 30_000 }, () => {
  it('--commands /dev/zero or a FIFO: one line each', async () => {
    await expect(inProcess(play, ['--scenario', 'mysql-wipe', '--commands', '/dev/zero'])).rejects.toThrow(new CliError('/dev/zero: cannot read it: it is a device, not a regular file'));
    await expect(inProcess(play, ['--scenario', 'mysql-wipe', '--commands', fifo])).rejects.toThrow(new CliError(`${fifo}: cannot read it: it is a named pipe (FIFO), not a regular file`));
  });

  it('--scenario naming a FIFO: one line', async () => {
    await expect(inProcess(play, ['--scenario', fifo])).rejects.toThrow(new CliError(`${fifo}: cannot read it: it is a named pipe (FIFO), not a regular file`));
  });

  it('stdin from /dev/zero stops at the limit (a real process, which would otherwise read until it runs out of memory)', { timeout: 120_000 }, () => {
    const zero = openSync('/dev/zero', 'r');
    try {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'play', '--scenario', 'mysql-wipe'], {
        cwd: repoRoot,
        stdio: [zero, 'pipe', 'pipe'],
        encoding: 'utf8',
        timeout: 90_000,
      });
      expect(result.status).toBe(1);
      expect(lines(result.stderr)).toEqual(['drill: stdin: too large to read (over the limit of 1 MB)']);
    } finally {
      closeSync(zero);
    }
  });

  it('more than 5,000 lines is more than a run can hold', async () => {
    const file = join(workDir, 'many.txt');
    writeFileSync(file, 'pwd\n'.repeat(5_001));
    await expect(inProcess(play, ['--scenario', 'mysql-wipe', '--commands', file])).rejects.toThrow(new CliError(`${file}: has 5001 lines; a run holds at most 5000 inputs`));
  });
});

describe('readTextFile', { timeout: 30_000 }, () => {
  it('reads a file of exactly the limit, and refuses one byte more', () => {
    const file = join(workDir, 'ten.txt');
    writeFileSync(file, '0123456789');
    expect(readTextFile(file, 10)).toEqual({ ok: true, text: '0123456789' });
    expect(readTextFile(file, 9)).toEqual({ ok: false, refusal: { kind: 'too-large', bytes: 10, limit: 9 } });
  });

  it('reads past a size of 0 when a file says so and is not empty (/proc), still bounded', () => {
    if (!existsSync('/proc/self/status')) return;
    const read = readTextFile('/proc/self/status', 100_000);
    expect(read.ok && read.text).toMatch(/^Name:/);
    expect(readTextFile('/proc/self/status', 10)).toEqual({ ok: false, refusal: { kind: 'too-large', bytes: null, limit: 10 } });
  });

  it('words every refusal in one line', () => {
    expect(refusalReason({ kind: 'unreadable', code: 'EACCES' })).toBe('cannot read the file (EACCES)');
    expect(refusalReason({ kind: 'not-a-file', is: 'socket' })).toBe('cannot read it: it is a socket, not a regular file');
    expect(refusalReason({ kind: 'too-large', bytes: 1_500, limit: 1_000 })).toBe('too large to read (2 kB; the limit is 1 kB)');
    expect(refusalReason({ kind: 'too-large', bytes: null, limit: 5 * MB })).toBe('too large to read (over the limit of 5 MB)');
  });
});

describe('a check of the whole corpus still works after the bounds', { timeout: 30_000 }, () => {
  it('the bundled scenario checks ok', async () => {
    const result = await inProcess(check, ['scenarios/mysql-wipe.json']);
    expect(result.status).toBe(0);
  });
});
