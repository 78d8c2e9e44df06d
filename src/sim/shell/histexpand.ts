/**
 * bash's history expansion on a line typed at the interactive shell, before it is saved or
 * parsed: `!!` (the last command), `!n` (number n, as `history` numbers it), `!-n`, `!string`
 * (the latest that starts with it), `!?string?` (the latest containing it), and the words
 * `!$`, `!^`, `!*` of the last command, or `:N`, `:$`, `:^`, `:*` after an event. Not inside
 * single quotes, nor for a `!` before a blank, `=`, `(` or the end of the line, nor after a
 * backslash. bash prints the expanded line before it runs it; an event it cannot find is
 * `-bash: !x: event not found` and the line neither runs nor goes into the history.
 */

export type Expansion = { kind: 'same' } | { kind: 'expanded'; line: string } | { kind: 'error'; message: string };

/** A command's words as history expansion splits them (blanks outside quotes). */
function wordsOf(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | null = null;
  for (const ch of line) {
    if (quote) {
      word += ch;
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      word += ch;
    } else if (ch === ' ' || ch === '\t') {
      if (word) words.push(word);
      word = '';
    } else word += ch;
  }
  if (word) words.push(word);
  return words;
}

function designate(event: string, designator: string): string | null {
  const words = wordsOf(event);
  if (designator === '$') return words.at(-1) ?? '';
  if (designator === '^') return words[1] ?? null;
  if (designator === '*') return words.slice(1).join(' ');
  if (/^\d+$/.test(designator)) return words[Number(designator)] ?? null;
  return null;
}

/** Expands `line` against the history (oldest first; `base` entries were dropped before it, as bash numbers them). */
export function expandHistory(line: string, history: readonly string[], base = 0): Expansion {
  if (!line.includes('!')) return { kind: 'same' };
  let out = '';
  let changed = false;
  let single = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (ch === '\\' && line[i + 1] === '!') {
      out += '\\!';
      i += 1;
      continue;
    }
    if (ch === "'") single = !single;
    if (ch !== '!' || single) {
      out += ch;
      continue;
    }
    const next = line[i + 1];
    if (next === undefined || next === ' ' || next === '\t' || next === '=' || next === '(' || next === '"') {
      out += ch;
      continue;
    }
    let event: string | undefined;
    let end = i + 1;
    let word: string | null = null;
    if (next === '!') {
      event = history.at(-1);
      end = i + 2;
    } else if (next === '$' || next === '^' || next === '*') {
      event = history.at(-1);
      word = next;
      end = i + 2;
    } else if (/[0-9-]/.test(next)) {
      const m = /^-?\d+/.exec(line.slice(i + 1));
      if (!m) {
        out += ch;
        continue;
      }
      const n = Number(m[0]);
      event = n < 0 ? history.at(n) : history[n - base - 1];
      end = i + 1 + m[0].length;
    } else if (next === '?') {
      const close = line.indexOf('?', i + 2);
      const text = line.slice(i + 2, close < 0 ? undefined : close);
      event = [...history].reverse().find((h) => h.includes(text));
      end = close < 0 ? line.length : close + 1;
    } else {
      const m = /^[^\s:;&|<>()'"]+/.exec(line.slice(i + 1));
      const text = m?.[0] ?? '';
      event = [...history].reverse().find((h) => h.startsWith(text));
      end = i + 1 + text.length;
    }
    const spec = line.slice(i, end);
    if (event === undefined) return { kind: 'error', message: `-bash: ${spec}: event not found` };
    let text = event;
    if (word !== null) {
      const chosen = designate(event, word);
      if (chosen === null) return { kind: 'error', message: `-bash: ${spec}: bad word specifier` };
      text = chosen;
    }
    else {
      const d = /^:(\d+|[$^*])/.exec(line.slice(end));
      if (d) {
        const chosen = designate(event, d[1]!);
        if (chosen === null) return { kind: 'error', message: `-bash: ${spec}${d[0]}: bad word specifier` };
        text = chosen;
        end += d[0].length;
      }
    }
    out += text;
    changed = true;
    i = end - 1;
  }
  return changed ? { kind: 'expanded', line: out } : { kind: 'same' };
}
