/**
 * The small template language of an app's bodies and queries (scenario data): `{{name}}` and
 * `{{name.field}}` for values, `{{count query}}` for a result's rows, `{{#each query}}…{{/each}}`
 * repeated for each row (its columns by name inside, and Handlebars' `@first`/`@last`),
 * `{{#if x}}…{{/if}}` and `{{#unless x}}…{{/unless}}` on a value or `@first`/`@last` (so a JSON list
 * needs no trailing comma: `{{#unless @last}},{{/unless}}`). Values are escaped for where they go: HTML,
 * JSON or an SQL string literal. Output is bounded.
 */

export type TemplateValue = string | number | null;
export type Row = Readonly<Record<string, TemplateValue>>;

export interface TemplateScope {
  /** Plain values: `requestId`, `token`, `form.email`, `user.email`. */
  values: ReadonlyMap<string, TemplateValue>;
  /** Query results by query name, rows as column → value. */
  results: ReadonlyMap<string, readonly Row[]>;
}

export type Escape = 'html' | 'json' | 'sql' | 'none';

/** Longest text a template may produce. */
const MAX_OUTPUT = 200_000;

function escapeValue(value: TemplateValue, escape: Escape): string {
  if (escape === 'sql') {
    if (value === null) return 'NULL';
    if (typeof value === 'number') return String(value);
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  }
  const text = value === null ? '' : String(value);
  if (escape === 'html') return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  if (escape === 'json') return JSON.stringify(text).slice(1, -1);
  return text;
}

function lookupValue(name: string, scope: TemplateScope, row: Row | null): TemplateValue | undefined {
  if (row && Object.hasOwn(row, name)) return row[name];
  if (scope.values.has(name)) return scope.values.get(name)!;
  const dot = name.indexOf('.');
  if (dot > 0) {
    const rows = scope.results.get(name.slice(0, dot));
    const first = rows?.[0];
    const column = name.slice(dot + 1);
    if (first && Object.hasOwn(first, column)) return first[column];
    if (rows) return null;
  }
  return undefined;
}

/** Fills a template. Unknown names become empty (as Handlebars leaves them). */
export function fillTemplate(template: string, scope: TemplateScope, escape: Escape): string {
  let out = '';
  const render = (text: string, row: Row | null, depth: number, place: { first: boolean; last: boolean } | null = null): void => {
    let i = 0;
    while (i < text.length && out.length < MAX_OUTPUT) {
      const open = text.indexOf('{{', i);
      if (open < 0) {
        out += text.slice(i);
        return;
      }
      out += text.slice(i, open);
      const close = text.indexOf('}}', open + 2);
      if (close < 0) {
        out += text.slice(open);
        return;
      }
      const tag = text.slice(open + 2, close).trim();
      i = close + 2;
      const each = /^#each\s+(\S+)$/.exec(tag);
      if (each && depth < 3) {
        const endTag = '{{/each}}';
        const end = text.indexOf(endTag, i);
        const inner = end < 0 ? text.slice(i) : text.slice(i, end);
        const rows = scope.results.get(each[1]!) ?? [];
        rows.forEach((r, n) => {
          if (out.length < MAX_OUTPUT) render(inner, r, depth + 1, { first: n === 0, last: n === rows.length - 1 });
        });
        i = end < 0 ? text.length : end + endTag.length;
        continue;
      }
      const test = /^#(if|unless)\s+(\S+)$/.exec(tag);
      if (test) {
        const endTag = `{{/${test[1]}}}`;
        const end = text.indexOf(endTag, i);
        const inner = end < 0 ? text.slice(i) : text.slice(i, end);
        const name = test[2]!;
        const value = name === '@first' ? place?.first : name === '@last' ? place?.last : lookupValue(name, scope, row);
        const truthy = value !== undefined && value !== null && value !== false && value !== '' && value !== 0;
        if (truthy === (test[1] === 'if')) render(inner, row, depth, place);
        i = end < 0 ? text.length : end + endTag.length;
        continue;
      }
      const count = /^count\s+(\S+)$/.exec(tag);
      if (count) {
        out += String(scope.results.get(count[1]!)?.length ?? 0);
        continue;
      }
      const value = lookupValue(tag, scope, row);
      out += value === undefined ? (escape === 'sql' ? 'NULL' : '') : escapeValue(value, escape);
    }
  };
  render(template, null, 0);
  return out.slice(0, MAX_OUTPUT);
}

/** Text given as one string or lines, as one string. */
export function textOf(text: string | readonly string[] | undefined): string {
  if (text === undefined) return '';
  return typeof text === 'string' ? text : text.join('\n');
}
