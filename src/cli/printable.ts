/**
 * Text from outside (a scenario or run file, a commands file, the command line) made safe to
 * write on a terminal. Every line the CLI prints goes through here, so a file cannot retitle the
 * window, clear the screen, write the clipboard (OSC 52), fake a message or flood the terminal.
 */

/** Longest line the CLI prints for a message; longer text is clipped with a length note. */
export const MAX_LINE_CHARS = 2_000;

/**
 * Characters that change how the rest of a line reads without being seen: Arabic letter mark,
 * Mongolian vowel separator, zero-width characters and directional marks, line and paragraph
 * separators, bidirectional embeddings, overrides and isolates, invisible operators, the
 * byte-order mark, interlinear annotations.
 */
function isInvisible(cp: number): boolean {
  return (
    cp === 0x061c ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0xfeff ||
    (cp >= 0xfff9 && cp <= 0xfffb) ||
    (cp >= 0xe0000 && cp <= 0xe007f) // tag characters: invisible copies of ASCII
  );
}

const NAMED: ReadonlyMap<number, string> = new Map([
  [0x09, '\\t'],
  [0x0a, '\\n'],
  [0x0d, '\\r'],
]);

/** How a code point is written: itself, or an escape when a terminal would obey it or hide it. */
function shown(cp: number, keepTabs = false): string {
  if (keepTabs && cp === 0x09) return '\t';
  const named = NAMED.get(cp);
  if (named !== undefined) return named;
  // C0 controls (ESC starts every escape sequence), DEL and C1 controls (0x9b is a one-byte CSI).
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return `\\x${cp.toString(16).padStart(2, '0')}`;
  // Lone surrogates (half of a character) and the invisible ones.
  if ((cp >= 0xd800 && cp <= 0xdfff) || isInvisible(cp)) return `\\u{${cp.toString(16)}}`;
  return String.fromCodePoint(cp);
}

/**
 * `text` as it may be printed: controls, escape sequences and invisible or direction-changing
 * characters are written as visible escapes (`\x1b]0;title\x07`, `\u{202e}`), never obeyed;
 * text longer than `max` characters (after escaping) is cut with `…` and its full length.
 * Reads at most about `max` characters of `text`, however long it is. Idempotent.
 */
export function printable(text: string, max = MAX_LINE_CHARS, keepTabs = false): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const piece = shown(cp, keepTabs);
    if (out.length + piece.length > max) return `${out}… (${text.length.toLocaleString('en-US')} characters in all)`;
    out += piece;
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

/**
 * Writes lines to a stream, each one made printable, each ending in a newline. `keepTabs`: a
 * transcript's tabs are the tools' own column spacing (dig, stat, du) and harmless, so they stay.
 */
export function writeLines(stream: NodeJS.WritableStream, lines: readonly string[], options: { keepTabs?: boolean } = {}): void {
  if (lines.length > 0) stream.write(`${lines.map((line) => printable(line, MAX_LINE_CHARS, options.keepTabs)).join('\n')}\n`);
}

/**
 * JSON for a terminal: `JSON.stringify` already escapes C0 controls; this also escapes DEL, C1
 * controls and the invisible characters, as `\uXXXX`. The value read back is the same.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g, (ch) =>
    ch.split('').map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  );
}
