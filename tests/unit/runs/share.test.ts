// @vitest-environment node
/**
 * Share links: the run file, deflated, base64url, in the URL fragment. A link that arrives
 * whole opens the same run; a damaged one (cut short, changed, not base64, garbage, a zip
 * bomb) gives a plain message and never throws.
 */
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShareFragment, encodeShareFragment, isShareFragment, SHARE_PREFIX } from '../../../src/runs/share';
import { encodeRun, MAX_RUN_BYTES } from '../../../src/runs/format';
import { mysqlWipe, runOfLines, scenarios, validRun } from './support';
import { worded } from './worded';

const DAMAGED = 'This link is damaged: part of it is missing or changed. Ask for the link again, or for the run as a file.';
const TOO_LARGE = 'This link carries more than a run can hold (over 1 MB): it was not opened.';

/** The decoder's answer with a refusal's sentence, as the reader sees it. */
const decodeWorded = async (hash: string, list: typeof scenarios) => worded(await decodeShareFragment(hash, list));

const damaged = { ok: false, problem: { code: 'not-json', message: DAMAGED } };
const tooLarge = { ok: false, problem: { code: 'too-large', message: TOO_LARGE } };

/** A fragment carrying these bytes, deflated or not, as a hand-made link would. */
const fragmentOf = (bytes: Uint8Array): string => `#${SHARE_PREFIX}${Buffer.from(bytes).toString('base64url')}`;

const run = runOfLines(mysqlWipe.referencePath, { trainee: 'Amel' });

describe('a share link that arrives whole', { timeout: 60_000 }, () => {
  it('opens the same run', async () => {
    const fragment = await encodeShareFragment(run);
    expect(fragment).toMatch(/^run=[A-Za-z0-9_-]+$/);
    expect(isShareFragment(`#${fragment}`)).toBe(true);
    expect(await decodeWorded(`#${fragment}`, scenarios)).toEqual({ ok: true, run, scenario: mysqlWipe });
    expect(await decodeWorded(fragment, scenarios)).toEqual({ ok: true, run, scenario: mysqlWipe });
  });

  it('is the run file, deflated: far shorter than the file', async () => {
    const fragment = await encodeShareFragment(run);
    expect(fragment.length).toBeLessThan(encodeRun(run).length / 2);
  });

  // 150 runs decoded and replayed: about 20 s on an idle machine, over a minute on a loaded one.
  it('round-trips any valid run', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(validRun, async (r) => {
        expect(await decodeWorded(`#${await encodeShareFragment(r)}`, scenarios)).toEqual({ ok: true, run: r, scenario: mysqlWipe });
      }),
      { numRuns: 150 },
    );
  });

  it('only claims fragments that start with run=', () => {
    expect(isShareFragment('#run=abc')).toBe(true);
    expect(isShareFragment('#history')).toBe(false);
    expect(isShareFragment('')).toBe(false);
  });
});

describe('a damaged share link', { timeout: 60_000 }, () => {
  it('cut short anywhere: says the link is damaged', async () => {
    const fragment = await encodeShareFragment(run);
    for (let length = SHARE_PREFIX.length; length < fragment.length - 1; length += 7) {
      expect(await decodeWorded(`#${fragment.slice(0, length)}`, scenarios)).toEqual(damaged);
    }
    expect(await decodeWorded(`#${fragment.slice(0, -2)}`, scenarios)).toEqual(damaged);
  });

  it('with a character changed anywhere: never throws, and says the link is damaged (or, rarely, what is wrong with the run)', async () => {
    const fragment = await encodeShareFragment(run);
    const messages: string[] = [];
    for (let i = SHARE_PREFIX.length; i < fragment.length; i += 1) {
      const changed = `${fragment.slice(0, i)}${fragment[i] === 'A' ? 'g' : 'A'}${fragment.slice(i + 1)}`;
      const result = await decodeWorded(`#${changed}`, scenarios);
      if (!result.ok) messages.push(result.problem.message);
    }
    // Raw deflate has no checksum: a change inside the text of an input can still inflate to a run.
    expect(messages.length).toBeGreaterThan((fragment.length - SHARE_PREFIX.length) * 0.9);
    const plain = messages.filter((m) => m === DAMAGED || /^This run (file is damaged|cannot be replayed|is for a scenario|has no valid format number)|^This is not an Outage Drill run/.test(m));
    expect(plain).toEqual(messages);
    expect(messages.filter((m) => m === DAMAGED).length).toBeGreaterThan(messages.length * 0.8);
  });

  it('empty, or not base64 at all: says the link is damaged', async () => {
    for (const hash of ['', '#', '#run=', 'run=', '#run=%%%%', '#run=abc def', '#run=ab+/cd==', '#run=日本語', '#run=A', '#run=AAAAA', `#run=${'<script>'}`]) {
      expect(await decodeWorded(hash, scenarios)).toEqual(damaged);
    }
  });

  it('valid base64 of garbage: says the link is damaged (or, when the garbage inflates to a bare JSON value, that it holds no run)', async () => {
    const notAnObject = { ok: false, problem: { code: 'wrong-kind', message: 'This is not an Outage Drill run: a run file is a JSON object.' } };
    // [227, 50, 0, 0] is raw deflate of "\n0": valid JSON, and not a run.
    expect(await decodeWorded(fragmentOf(Uint8Array.from([227, 50, 0, 0])), scenarios)).toEqual(notAnObject);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (bytes) => {
        expect([damaged, tooLarge, notAnObject]).toContainEqual(await decodeWorded(fragmentOf(bytes), scenarios));
      }),
      { numRuns: 300 },
    );
  });

  it('garbage, deflated: says the link is damaged, or that it holds no run', async () => {
    const notARun = { ok: false, problem: { code: 'wrong-kind', message: expect.stringMatching(/^This is not an Outage Drill run/) } };
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (bytes) => {
        const result = await decodeWorded(fragmentOf(deflateRawSync(bytes)), scenarios);
        if (result.ok || result.problem.code === 'wrong-kind') expect(result).toEqual(notARun);
        else expect(result).toEqual(damaged);
      }),
      { numRuns: 300 },
    );
  });

  it('deflated text that is not a run: says the link is damaged, or what the run lacks', async () => {
    expect(await decodeWorded(fragmentOf(deflateRawSync('not json at all')), scenarios)).toEqual(damaged);
    expect(await decodeWorded(fragmentOf(deflateRawSync('   ')), scenarios)).toEqual(damaged);
    expect(await decodeWorded(fragmentOf(deflateRawSync('['.repeat(1000))), scenarios)).toEqual(damaged);
    expect(await decodeWorded(fragmentOf(deflateRawSync('{"kind":"outage-drill/scenario"}')), scenarios)).toMatchObject({ ok: false, problem: { code: 'wrong-kind' } });
  });

  it('a zip bomb (a small link inflating to over 1 MB): says it is too large, without inflating it all', async () => {
    const justOver = fragmentOf(deflateRawSync(Buffer.alloc(MAX_RUN_BYTES + 1, 0x20)));
    expect(await decodeWorded(justOver, scenarios)).toEqual(tooLarge);

    const bomb = fragmentOf(deflateRawSync(Buffer.alloc(50_000_000, 0x20)));
    expect(bomb.length).toBeLessThan(100_000);
    const started = performance.now();
    expect(await decodeWorded(bomb, scenarios)).toEqual(tooLarge);
    expect(performance.now() - started).toBeLessThan(2_000);

    const paddedRun = fragmentOf(deflateRawSync(encodeRun(run).replace(/\n$/, ' '.repeat(2 * MAX_RUN_BYTES))));
    expect(await decodeWorded(paddedRun, scenarios)).toEqual(tooLarge);
  });

  it('longer than any real link: says the link is damaged, without decoding it', async () => {
    expect(await decodeWorded(`#run=${'A'.repeat(2_000_001)}`, scenarios)).toEqual(damaged);
  });
});
