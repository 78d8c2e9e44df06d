/**
 * An HTML page as `w3m -dump` shows it: the text of the body (no tags, no title, no scripts or
 * styles), headings and paragraphs as blocks separated by a blank line, list items with a
 * bullet, form fields as `[          ]`, buttons as `[Label]`, entities decoded, lines wrapped at
 * 80 columns. Enough for the pages a drill's site serves; bounded on any input.
 */

const BLOCK = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'form', 'table', 'tr', 'section', 'header', 'footer', 'nav', 'main', 'article', 'pre', 'blockquote', 'center', 'hr', 'label', 'dl', 'dt', 'dd', 'body', 'html']);
const SPACED = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'form', 'table', 'pre', 'blockquote', 'hr']);
const HIDDEN = new Set(['head', 'script', 'style', 'title', 'noscript', 'template']);
const ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['nbsp', ' '], ['middot', '·'], ['mdash', '—'], ['ndash', '–'], ['copy', '©'], ['hellip', '…'], ['rarr', '→'], ['laquo', '«'], ['raquo', '»'], ['euro', '€'],
]);

/** Longest page text rendered (a bound). */
const MAX_INPUT = 200_000;
const WIDTH = 80;

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Math.min(0x10ffff, parseInt(name.slice(2), 16) || 0x3f));
    if (name.startsWith('#')) return String.fromCodePoint(Math.min(0x10ffff, Number(name.slice(1)) || 0x3f));
    return ENTITIES.get(name.toLowerCase()) ?? m;
  });
}

function attribute(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decode(m[2] ?? m[3] ?? m[4] ?? '') : null;
}

function wrap(line: string): string[] {
  if (line.length <= WIDTH) return [line];
  const indent = /^\s*(• )?/.exec(line)![0].replace('•', ' ');
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > WIDTH) {
      out.push(current);
      current = indent + word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current.trim() !== '') out.push(current);
  return out;
}

/** The lines w3m -dump prints for an HTML document. */
export function dumpHtml(html: string): string[] {
  const source = html.slice(0, MAX_INPUT);
  const lines: string[] = [];
  let line = '';
  let hidden = 0;
  let pre = false;
  let listDepth = 0;
  const flush = () => {
    const text = pre ? line : line.replace(/[ \t\n\r\f]+/g, ' ').replace(/^ +| +$/g, '');
    if (text !== '') lines.push(...(pre ? text.split('\n') : wrap(text)));
    line = '';
  };
  const blank = () => {
    flush();
    if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
  };
  const tokens = source.split(/(<!--[\s\S]*?-->|<[^>]*>)/);
  for (const token of tokens) {
    if (token.startsWith('<!--')) continue;
    if (token.startsWith('<')) {
      const m = /^<\s*(\/)?\s*([a-zA-Z0-9]+)/.exec(token);
      if (!m) continue;
      const closing = m[1] === '/';
      const name = m[2]!.toLowerCase();
      if (HIDDEN.has(name)) {
        hidden = Math.max(0, hidden + (closing ? -1 : 1));
        continue;
      }
      if (hidden > 0) continue;
      if (name === 'br') {
        flush();
        continue;
      }
      if (name === 'pre') {
        blank();
        pre = !closing;
        continue;
      }
      if (name === 'ul' || name === 'ol') listDepth = Math.max(0, listDepth + (closing ? -1 : 1));
      if (name === 'li' && !closing) {
        flush();
        line = `${'\u00a0\u00a0\u00a0\u00a0'.repeat(Math.max(0, listDepth - 1))}\u00a0\u00a0• `;
        continue;
      }
      if (name === 'input' && !closing) {
        const type = (attribute(token, 'type') ?? 'text').toLowerCase();
        if (type === 'hidden') continue;
        const value = attribute(token, 'value') ?? '';
        if (type === 'submit' || type === 'button') line += `[${value || 'Submit'}]`;
        else if (type === 'checkbox') line += '[ ]';
        else if (type === 'radio') line += '( )';
        else line += ` [${(type === 'password' ? '*'.repeat(value.length) : value).padEnd(Math.min(40, Number(attribute(token, 'size') ?? 20) || 20), '\u00a0')}] `;
        continue;
      }
      if (name === 'button') {
        line += closing ? '] ' : ' [';
        continue;
      }
      if (name === 'img' && !closing) {
        const alt = attribute(token, 'alt');
        if (alt) line += `[${alt}]`;
        continue;
      }
      if (name === 'hr') {
        blank();
        lines.push('━'.repeat(WIDTH));
        continue;
      }
      if (name === 'td' || name === 'th') {
        if (!closing) line += ' ';
        continue;
      }
      if (BLOCK.has(name)) {
        if (SPACED.has(name)) blank();
        else flush();
      }
      continue;
    }
    if (hidden > 0) continue;
    line += pre ? decode(token) : decode(token.replace(/[ \t\n\r\f]+/g, ' ')).replace(/\u00a0/g, ' ');
  }
  flush();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  while (lines.length && lines[0] === '') lines.shift();
  // Spaces a field or a bullet keeps were held as no-break spaces while words were joined.
  return lines.map((l) => l.replace(/ +$/, '').replace(/\u00a0/g, ' ')).slice(0, 2000);
}
