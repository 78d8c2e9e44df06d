// @vitest-environment node
/**
 * The importer against a corpus of bad run files (tests/fixtures/runs-bad/, with the code and
 * words each must produce in expected.json), plus the cases too big to keep as files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeRunText, type DecodeResult, type RunProblemCode } from '../../../src/runs/decode';
import { MAX_RUN_BYTES, RUN_FORMAT, encodeRun } from '../../../src/runs/format';
import { mysqlWipe, repoRoot, runOfLines, scenarios } from './support';
import { message, worded } from './worded';

const CORPUS = `${repoRoot}tests/fixtures/runs-bad/`;

interface Expected {
  code: RunProblemCode | 'ok';
  /** A part of the exact message. */
  message?: string;
  migratedFrom?: number;
}

const manifest = JSON.parse(readFileSync(`${CORPUS}expected.json`, 'utf8')) as Record<string, Expected>;
const files = readdirSync(CORPUS).filter((f) => f !== 'expected.json').sort();

/** Reads a fixture as the app does: as text, whatever its bytes. */
const decodeFile = (file: string): DecodeResult => decodeRunText(readFileSync(`${CORPUS}${file}`, 'utf8'), scenarios);

const short = ['curl -i https://tunistocks.tn/dashboard', 'chat: Sami, the dashboard answers 500 for logged-in users.', 'ssh db-master'];

/** Words a message in plain language never has: validator jargon and leaked values. */
const JARGON = /\b(Invalid|Expected|received|undefined|never|NaN|Object|Array|SyntaxError|JSON\.parse)\b|\[object /;

describe('the bad-file corpus', { timeout: 60_000 }, () => {
  it('lists every file in the folder, and only those', () => {
    expect(Object.keys(manifest).sort()).toEqual(files);
  });

  it.each(files)('%s', (file) => {
    const expected = manifest[file]!;
    const result = decodeFile(file);
    if (expected.code === 'ok') {
      expect(result).toMatchObject({ ok: true });
      expect(result.ok && result.migratedFrom).toBe(expected.migratedFrom ?? undefined);
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe(expected.code);
    expect(message(result)).toContain(expected.message);
    expect(message(result)).not.toMatch(JARGON);
  });

  it('never lets a file reach Object.prototype', () => {
    for (const file of ['proto-key.json', 'constructor-key.json']) decodeFile(file);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('files that are accepted', { timeout: 60_000 }, () => {
  it('keeps HTML and script in text exactly as written: it is text, shown as text', () => {
    const result = decodeFile('html-in-text.json');
    if (!result.ok) throw new Error(message(result));
    expect(result.run.trainee).toBe('<svg onload=alert(1)>Eve</svg>');
    expect(result.run.inputs.map((i) => i.text)).toEqual(['<script>alert("run")</script>', '<img src=x onerror="alert(document.cookie)"> Sami, look: </textarea><b>bold</b>', 'curl -i https://tunistocks.tn/dashboard']);
  });

  it('keeps control characters in text exactly as written', () => {
    const result = decodeFile('control-characters.json');
    if (!result.ok) throw new Error(message(result));
    expect(result.run.inputs[0]!.text).toBe('ssh\u0000 db-master');
    expect(result.run.inputs[1]!.text).toContain('\u001b[31m');
    expect(result.run.trainee).toBe('Lina\u0000\u001b]0;title\u0007');
  });

  it('migrates a format 1 file: bare scenario id, commands with a chat flag', () => {
    const result = decodeFile('v1-format.json');
    expect(result).toMatchObject({
      ok: true,
      migratedFrom: 1,
      run: {
        kind: 'outage-drill/run',
        format: RUN_FORMAT,
        scenario: { id: 'mysql-wipe', version: 4 },
        trainee: 'Early tester',
        startedAt: '2025-11-20T09:15:00.000Z',
        inputs: [
          { channel: 'terminal', text: 'curl -i https://tunistocks.tn/dashboard', at: '2025-11-20T09:15:20.000Z', via: 'typed' },
          { channel: 'chat', text: 'Sami, the dashboard is down for logged-in users.', at: '2025-11-20T09:15:40.000Z', via: 'typed' },
          { channel: 'terminal', text: 'ssh db-master', at: '2025-11-20T09:16:00.000Z', via: 'typed' },
        ],
      },
    });
    // The migrated run is a valid run of the current format: written out and read back, it is unchanged.
    if (!result.ok) return;
    expect(decodeRunText(encodeRun(result.run), scenarios)).toEqual({ ok: true, run: result.run, scenario: mysqlWipe });
  });

  it('migrates a format 2 file: the same run, in the current format, not branched from anything, with no review', () => {
    const text = readFileSync(`${CORPUS}v2-format.json`, 'utf8');
    const result = decodeFile('v2-format.json');
    if (!result.ok) throw new Error(message(result));
    expect(result.migratedFrom).toBe(2);
    expect(result.run.format).toBe(RUN_FORMAT);
    expect(result.run.branchedFrom).toBeUndefined();
    expect(result.run.review).toBeUndefined();
    const old = JSON.parse(text) as Record<string, unknown>;
    expect({ ...result.run, format: 2 }).toEqual(old);
    expect(decodeRunText(encodeRun(result.run), scenarios)).toEqual({ ok: true, run: result.run, scenario: mysqlWipe });
  });

  it('keeps where a run branched from, through a file written and read back', () => {
    const result = decodeFile('branched.json');
    if (!result.ok) throw new Error(message(result));
    expect(result.migratedFrom).toBeUndefined();
    expect(result.run.branchedFrom).toEqual({ id: 'parent-run', inputs: 2 });
    expect(decodeRunText(encodeRun(result.run), scenarios)).toEqual({ ok: true, run: result.run, scenario: mysqlWipe });
  });
});

describe('files too big to keep in the corpus', { timeout: 60_000 }, () => {
  const valid = encodeRun(runOfLines(short));

  it('refuses a file over 1 MB before parsing it', () => {
    const text = valid.replace(/\n$/, ' '.repeat(MAX_RUN_BYTES + 1 - valid.length) + '\n');
    expect(text.length).toBe(MAX_RUN_BYTES + 1);
    const result = decodeRunText(text, scenarios);
    expect(result).toMatchObject({ ok: false, problem: { code: 'too-large' } });
    expect(message(result)).toContain('This file is too large to be a run (1001 kB; the limit is 1 MB).');
  });

  it('accepts a file of exactly 1 MB', () => {
    const text = valid.replace(/\n$/, ' '.repeat(MAX_RUN_BYTES - valid.length) + '\n');
    expect(text.length).toBe(MAX_RUN_BYTES);
    expect(decodeRunText(text, scenarios)).toMatchObject({ ok: true });
  });

  it('counts the limit in bytes of UTF-8: 600,000 two-byte characters are 1.2 MB', () => {
    const big = JSON.stringify({ kind: 'outage-drill/run', pad: 'é'.repeat(600_000) });
    expect(big.length).toBeLessThan(MAX_RUN_BYTES);
    expect(worded(decodeRunText(big, scenarios))).toMatchObject({ ok: false, problem: { code: 'too-large', message: expect.stringContaining('(1201 kB; the limit is 1 MB)') } });
  });

  it('refuses 100,000-deep nested objects as well as arrays, without a stack overflow', () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    expect(decodeRunText(deep, scenarios)).toMatchObject({ ok: false, problem: { code: 'too-deep' } });
    const inRun = valid.replace('"inputs": [', `"inputs": [${'['.repeat(40)}${']'.repeat(40)},`);
    expect(decodeRunText(inRun, scenarios)).toMatchObject({ ok: false, problem: { code: 'too-deep' } });
  });

  it('is not fooled by brackets inside strings', () => {
    const run = runOfLines(['chat: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{ \\" [[[[']);
    expect(decodeRunText(encodeRun(run), scenarios)).toMatchObject({ ok: true });
  });

  it('names an input over 10,000 characters', () => {
    const run = runOfLines(short);
    run.inputs[1]!.text = 'x'.repeat(10_001);
    expect(worded(decodeRunText(encodeRun(run), scenarios))).toMatchObject({ ok: false, problem: { code: 'invalid', message: 'This run file is damaged: the field inputs[1].text is longer than 10000 characters.' } });
  });

  it('keeps a hostile value out of the message when it is huge', () => {
    const text = valid.replace('"version": 4', `"version": "${'<b>'.repeat(100_000)}"`);
    const result = decodeRunText(text, scenarios);
    expect(result.ok).toBe(false);
    expect(message(result).length).toBeLessThan(200);
  });
});
