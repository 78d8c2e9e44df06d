// @vitest-environment node
/** What the CLI prints from a file is shown, never obeyed by the terminal, and never floods it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable, terminalJson } from '../../../src/cli/printable';

/** Everything a terminal obeys or that changes how a line reads without being seen. */
// eslint-disable-next-line no-control-regex
const OBEYED = /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udfff]|[\u{e0000}-\u{e007f}]/u;

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('\u001b', '\u0007', '\u009b', '\u202e', '\u2066', '\n', '\r', 'a', ']', '[', ';', '\ud800', '\u{e0041}', '\u200b'), maxLength: 60 }),
);

describe('printable', { timeout: 30_000 }, () => {
  it('(the test\'s own check catches each kind)', () => {
    for (const ch of ['\u001b', '\u009b', '\u202e', '\u{e0041}', '\ud800', '\n']) expect(ch).toMatch(OBEYED);
    expect('plain – text ✓ 😀').not.toMatch(OBEYED);
  });

  it('writes escape sequences as visible text: a window title, a screen clear, a colour', () => {
    expect(printable('\u001b]0;PWNED\u0007\u001b[2J\u001b[32mALL RUNS SCORED OK')).toBe('\\x1b]0;PWNED\\x07\\x1b[2J\\x1b[32mALL RUNS SCORED OK');
  });

  it('writes an OSC 52 clipboard write, C1 controls and DEL as escapes', () => {
    expect(printable('key\u001b]52;c;cm0gLXJmIH4=\u001b\\')).toBe('key\\x1b]52;c;cm0gLXJmIH4=\\x1b\\');
    expect(printable('a\u009b2Jb\u009d0;x\u009c\u007f')).toBe('a\\x9b2Jb\\x9d0;x\\x9c\\x7f');
  });

  it('shows line breaks and tabs, so a value cannot fake a line of its own', () => {
    expect(printable('web-01\nscenarios/x.json: ok\t\r')).toBe('web-01\\nscenarios/x.json: ok\\t\\r');
  });

  it('shows bidirectional controls, zero-width characters, tag characters and half characters', () => {
    expect(printable('Eve\u202etxt.exe')).toBe('Eve\\u{202e}txt.exe');
    expect(printable('\u2066a\u2069\u200bb\u{e0041}\ud800')).toBe('\\u{2066}a\\u{2069}\\u{200b}b\\u{e0041}\\u{d800}');
  });

  it('keeps ordinary text as it is: accents, Arabic, CJK, emoji', () => {
    const text = 'Amira Ben Salah — أميرة 你好 🚒 ½';
    expect(printable(text)).toBe(text);
  });

  it('clips long text with an ellipsis and its length, reading only the start (100 MB in well under a second)', () => {
    const huge = 'x'.repeat(100_000_000);
    const started = performance.now();
    expect(printable(huge, 40)).toBe(`${'x'.repeat(40)}… (100,000,000 characters in all)`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('counts escapes against the limit, and never splits an escape', () => {
    expect(printable('\u001b'.repeat(10), 9)).toBe('\\x1b\\x1b… (10 characters in all)');
    expect(printable('abc', 3)).toBe('abc');
  });

  it('for any text: nothing obeyed gets through, the length is bounded, and it is idempotent', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 80 }), (text, max) => {
        const shown = printable(text, max);
        expect(shown).not.toMatch(OBEYED);
        expect(shown.length).toBeLessThanOrEqual(max + ` … (${text.length} characters in all)`.length);
        const whole = printable(text);
        expect(printable(whole)).toBe(whole);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('terminalJson', { timeout: 30_000 }, () => {
  it('escapes what JSON.stringify leaves raw (C1, DEL, bidi, separators), as \\u escapes', () => {
    expect(terminalJson({ id: 'a\u009b2J\u202e\u2028\u007f' })).toBe('{\n  "id": "a\\u009b2J\\u202e\\u2028\\u007f"\n}');
    expect(terminalJson(['\u{e0041}'])).toBe('[\n  "\\udb40\\udc41"\n]');
  });

  it('for any value: reads back the same, and nothing obeyed gets through', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), hostile, (value, text) => {
        const data = { value, text };
        const json = terminalJson(data);
        expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/); // eslint-disable-line no-control-regex
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(data)));
      }),
      { numRuns: 1_000 },
    );
  });
});
