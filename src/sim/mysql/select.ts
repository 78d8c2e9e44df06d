/**
 * SELECT in SQLite's words: the FROM clause's tables resolved to their storage (`db`.`t` becomes
 * the SQLite table "db.t" under the name the query uses), `*` expanded from the catalog, UNION
 * members unwrapped, and each result column named and typed as MySQL names and types it.
 */
import { identName, isIdent, isWord, type Token } from './lexer';
import { buildTree, endOf, findWord, nodeIsOp, nodeIsWord, splitCommas, startOf, tokenOf, type Node } from './tree';
import { columnValueType, headerOf, translateExpression, translateOrderList, TranslateError, type ExpressionEnv, type Scope, type ScopeColumn, type ScopeSource, type ValueType } from './expressions';
import { sqliteIdent, storageName } from './catalog';
import { mysqlErrors, syntaxError } from './errors';
import type { Catalog } from './database';

export interface ResultColumn {
  name: string;
  type: ValueType;
  /** The table column it shows, when it shows one directly. */
  origin?: { database: string; table: string; column: string };
}

/** A table a statement touches. */
export interface TableUse {
  database: string;
  table: string;
}

/** A table of a system schema (information_schema, mysql, performance_schema): made on demand from the server's state. */
export interface SystemTable {
  database: string;
  name: string;
  columns: readonly ScopeColumn[];
}

export interface QueryEnv extends ExpressionEnv {
  catalog: Catalog;
  /** Tables read, for privilege checks. */
  reads: TableUse[];
  /** System tables the statement names: filled in before it runs. */
  systemTables: Map<string, SystemTable>;
  /** A system table by schema and name, or undefined (the schema names are case-insensitive). */
  systemTable(database: string, name: string): SystemTable | undefined;
  /** Common table expressions in scope (WITH name AS (…)). */
  ctes: Map<string, ScopeColumn[]>;
}

export interface SelectTranslation {
  sql: string;
  columns: ResultColumn[];
}

export const SYSTEM_SCHEMAS = ['information_schema', 'mysql', 'performance_schema', 'sys'];

export function isSystemSchema(name: string): boolean {
  return SYSTEM_SCHEMAS.includes(name.toLowerCase());
}

function fail(env: QueryEnv, at: number): never {
  throw new TranslateError(syntaxError(env.sql, at));
}

const CLAUSE_WORDS = ['FROM', 'WHERE', 'GROUP', 'HAVING', 'WINDOW', 'ORDER', 'LIMIT', 'FOR', 'LOCK', 'INTO', 'PROCEDURE', 'UNION'];
const JOIN_WORDS = ['JOIN', 'INNER', 'CROSS', 'LEFT', 'RIGHT', 'NATURAL', 'STRAIGHT_JOIN', 'OUTER'];
const SELECT_MODIFIERS = ['ALL', 'DISTINCTROW', 'HIGH_PRIORITY', 'STRAIGHT_JOIN', 'SQL_SMALL_RESULT', 'SQL_BIG_RESULT', 'SQL_BUFFER_RESULT', 'SQL_NO_CACHE', 'SQL_CACHE', 'SQL_CALC_FOUND_ROWS'];

/** A table named in a statement: its database (the current one when not written) and name. */
export function resolveTableName(env: QueryEnv, parts: readonly string[], at: number): { database: string; table: string } {
  if (parts.length === 1) {
    if (env.database === null) throw new TranslateError(mysqlErrors.noDatabase());
    return { database: env.database, table: parts[0]! };
  }
  if (parts.length === 2) return { database: parts[0]!, table: parts[1]! };
  return fail(env, at);
}

/** A dotted name at nodes[i] (`t`, `db.t`). */
export function dottedName(nodes: readonly Node[], i: number): { parts: string[]; next: number } | null {
  const first = tokenOf(nodes[i]);
  if (!isIdent(first)) return null;
  const parts = [identName(first)];
  let j = i + 1;
  while (nodeIsOp(nodes[j], '.') && isIdent(tokenOf(nodes[j + 1]))) {
    parts.push(identName(tokenOf(nodes[j + 1])!));
    j += 2;
  }
  return { parts, next: j };
}

/** Resolves a table to its SQLite storage and columns; throws MySQL's error when it does not exist. */
export function tableSource(env: QueryEnv, parts: readonly string[], alias: string | null, at: number): { sql: string; source: ScopeSource } {
  if (parts.length === 1 && env.ctes.has(parts[0]!)) {
    const name = parts[0]!;
    return { sql: `${sqliteIdent(name)}${alias ? ` AS ${sqliteIdent(alias)}` : ''}`, source: { alias: alias ?? name, database: null, table: name, columns: env.ctes.get(name)! } };
  }
  const { database, table } = resolveTableName(env, parts, at);
  if (isSystemSchema(database)) {
    const system = env.systemTable(database, table);
    if (!system) {
      if (database.toLowerCase() === 'information_schema') throw new TranslateError({ code: 1109, state: '42S02', message: `Unknown table '${table.toUpperCase()}' in information_schema` });
      throw new TranslateError(mysqlErrors.noSuchTable(database, table));
    }
    const storage = storageName(system.database, system.name);
    env.systemTables.set(storage, system);
    env.reads.push({ database: system.database, table: system.name });
    return { sql: `temp.${sqliteIdent(storage)} AS ${sqliteIdent(alias ?? table)}`, source: { alias: alias ?? table, database: system.database, table: system.name, columns: system.columns } };
  }
  const def = env.catalog.tables.get(storageName(database, table));
  if (!def) throw new TranslateError(mysqlErrors.noSuchTable(database, table));
  env.reads.push({ database, table });
  const name = alias ?? table;
  return {
    sql: `${sqliteIdent(storageName(database, table))} AS ${sqliteIdent(name)}`,
    source: { alias: name, database, table, columns: def.columns.map((c) => ({ name: c.name, type: columnValueType(c.type, c.nullable) })) },
  };
}

/** `[AS] alias` at nodes[i]. */
function aliasAt(nodes: readonly Node[], i: number, env: QueryEnv): { alias: string | null; next: number } {
  if (nodeIsWord(nodes[i], 'AS')) {
    const t = tokenOf(nodes[i + 1]);
    if (!t || !(isIdent(t) || t.kind === 'string')) fail(env, nodes[i + 1] ? startOf(nodes[i + 1]!) : env.sql.length);
    return { alias: t.kind === 'string' ? t.value : identName(t), next: i + 2 };
  }
  const t = tokenOf(nodes[i]);
  if (t && (t.kind === 'quoted' || (t.kind === 'word' && !RESERVED_AFTER_TABLE.has(t.value)))) return { alias: identName(t), next: i + 1 };
  return { alias: null, next: i };
}

const RESERVED_AFTER_TABLE = new Set([...CLAUSE_WORDS, ...JOIN_WORDS, 'ON', 'USING', 'USE', 'FORCE', 'IGNORE', 'SET', 'VALUES', 'PARTITION', 'AS', 'WHERE', 'AND', 'OR']);

/** Skips index hints: USE|FORCE|IGNORE INDEX|KEY [FOR …] (list). */
function skipHints(nodes: readonly Node[], i: number): number {
  let j = i;
  while (nodeIsWord(nodes[j], 'USE', 'FORCE', 'IGNORE') && nodeIsWord(nodes[j + 1], 'INDEX', 'KEY')) {
    j += 2;
    if (nodeIsWord(nodes[j], 'FOR')) {
      j += 1;
      if (nodeIsWord(nodes[j], 'GROUP', 'ORDER')) j += 2;
      else j += 1;
    }
    if (nodes[j]?.kind === 'group') j += 1;
  }
  return j;
}

/** The FROM clause (or an UPDATE's / DELETE's table list): SQLite text and the sources it brings into scope. */
export function translateTableRefs(nodes: readonly Node[], env: QueryEnv, scope: Scope): string {
  const out: string[] = [];
  let i = 0;
  let expectFactor = true;
  while (i < nodes.length) {
    const node = nodes[i]!;
    if (expectFactor) {
      if (node.kind === 'group') {
        const first = tokenOf(node.children[0]);
        if (isWord(first, 'SELECT', 'WITH') || node.children[0]?.kind === 'group') {
          const inner = translateQuery(node.children, env, { sources: [], parent: scope.parent });
          const { alias, next } = aliasAt(nodes, i + 1, env);
          if (!alias) throw new TranslateError({ code: 1248, state: '42000', message: 'Every derived table must have its own alias' });
          addSource(scope, { alias, database: null, table: null, columns: inner.columns.map((c) => ({ name: c.name, type: c.type })) });
          out.push(`(${inner.sql}) AS ${sqliteIdent(alias)}`);
          i = next;
        } else {
          out.push(`(${translateTableRefs(node.children, env, scope)})`);
          i += 1;
        }
      } else {
        const name = dottedName(nodes, i);
        if (!name) fail(env, startOf(node));
        let j = name.next;
        if (nodeIsWord(nodes[j], 'PARTITION') && nodes[j + 1]?.kind === 'group') j += 2;
        const { alias, next } = aliasAt(nodes, j, env);
        const { sql, source } = tableSource(env, name.parts, alias, startOf(node));
        addSource(scope, source);
        out.push(sql);
        i = skipHints(nodes, next);
      }
      expectFactor = false;
      continue;
    }
    if (nodeIsOp(node, ',')) {
      out.push(',');
      expectFactor = true;
      i += 1;
      continue;
    }
    if (nodeIsWord(node, ...JOIN_WORDS)) {
      const words: string[] = [];
      while (nodeIsWord(nodes[i], ...JOIN_WORDS)) {
        const w = tokenOf(nodes[i])!.value;
        words.push(w === 'STRAIGHT_JOIN' ? 'JOIN' : w);
        i += 1;
        if (w === 'JOIN' || w === 'STRAIGHT_JOIN') break;
      }
      if (words[words.length - 1] !== 'JOIN') fail(env, nodes[i] ? startOf(nodes[i]!) : env.sql.length);
      out.push(words.join(' '));
      expectFactor = true;
      continue;
    }
    if (nodeIsWord(node, 'ON')) {
      let j = i + 1;
      while (j < nodes.length && !nodeIsWord(nodes[j], ...JOIN_WORDS) && !nodeIsOp(nodes[j], ',')) j += 1;
      if (j === i + 1) fail(env, nodes[j] ? startOf(nodes[j]!) : env.sql.length);
      out.push(`ON ${translateExpression(nodes.slice(i + 1, j), env, scope).sql}`);
      i = j;
      continue;
    }
    if (nodeIsWord(node, 'USING') && nodes[i + 1]?.kind === 'group') {
      const group = nodes[i + 1] as Extract<Node, { kind: 'group' }>;
      out.push(`USING (${splitCommas(group.children).map((p) => sqliteIdent(identName(tokenOf(p[0]) ?? fail(env, group.open.start)))).join(', ')})`);
      i += 2;
      continue;
    }
    fail(env, startOf(node));
  }
  if (expectFactor) fail(env, nodes.length ? endOf(nodes[nodes.length - 1]!) : env.sql.length);
  return out.join(' ');
}

function addSource(scope: Scope, source: ScopeSource) {
  if (scope.sources.some((s) => s.alias === source.alias)) throw new TranslateError(mysqlErrors.notUniqueAlias(source.alias));
  scope.sources.push(source);
}

interface SelectItem {
  sql: string;
  column: ResultColumn;
}

function selectItems(nodes: readonly Node[], env: QueryEnv, scope: Scope): SelectItem[] {
  const items: SelectItem[] = [];
  for (const part of splitCommas(nodes)) {
    if (part.length === 0) fail(env, nodes.length ? startOf(nodes[0]!) : env.sql.length);
    if (part.length === 1 && nodeIsOp(part[0], '*')) {
      if (scope.sources.length === 0) throw new TranslateError(mysqlErrors.noTablesUsed());
      for (const source of scope.sources) for (const c of source.columns) items.push({ sql: `${sqliteIdent(source.alias)}.${sqliteIdent(c.name)}`, column: { name: c.name, type: c.type, origin: source.database && source.table ? { database: source.database, table: source.table, column: c.name } : undefined } });
      continue;
    }
    const star = starOf(part);
    if (star) {
      const source = scope.sources.find((s) => s.alias === star.alias && (star.database === null || s.database === star.database));
      if (!source) throw new TranslateError(mysqlErrors.unknownTable(star.alias));
      for (const c of source.columns) items.push({ sql: `${sqliteIdent(source.alias)}.${sqliteIdent(c.name)}`, column: { name: c.name, type: c.type } });
      continue;
    }
    let body = part;
    let alias: string | null = null;
    const last = tokenOf(part[part.length - 1]);
    if (part.length >= 2 && nodeIsWord(part[part.length - 2], 'AS') && last && (isIdent(last) || last.kind === 'string')) {
      alias = last.kind === 'string' ? last.value : identName(last);
      body = part.slice(0, -2);
    } else if (part.length >= 2 && last && (last.kind === 'quoted' || last.kind === 'string' || (last.kind === 'word' && !isExpressionTail(last))) && !nodeIsOp(part[part.length - 2], '.', '+', '-', '*', '/', '=', '<', '>', '<=', '>=', '<>', '!=', '%', '||', '&&') && !nodeIsWord(part[part.length - 2], 'AS', 'IS', 'NOT', 'AND', 'OR', 'LIKE', 'IN', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE', 'INTERVAL', 'DISTINCT', 'BINARY', 'COLLATE', 'DIV', 'MOD', 'XOR', 'REGEXP', 'RLIKE', 'ESCAPE')) {
      alias = last.kind === 'string' ? last.value : identName(last);
      body = part.slice(0, -1);
    }
    const translated = translateExpression(body, env, scope);
    const origin = originOf(body, scope);
    // information_schema's columns come back under their own (upper-case) names, however they were typed.
    const name = alias ?? (origin?.database === 'information_schema' ? origin.column : headerOf(env, body));
    items.push({ sql: `${translated.sql} AS ${sqliteIdent(name)}`, column: { name, type: translated.type, origin } });
  }
  return items;
}

/** Words that end an expression (so a word after them is not an alias). */
function isExpressionTail(token: Token): boolean {
  return ['NULL', 'TRUE', 'FALSE', 'END', 'UNKNOWN', 'ASC', 'DESC', 'CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_USER', 'LOCALTIME', 'LOCALTIMESTAMP'].includes(token.value) || ['SECOND', 'MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR', 'MICROSECOND'].includes(token.value);
}

function starOf(part: readonly Node[]): { database: string | null; alias: string } | null {
  if (part.length === 3 && isIdent(tokenOf(part[0])) && nodeIsOp(part[1], '.') && nodeIsOp(part[2], '*')) return { database: null, alias: identName(tokenOf(part[0])!) };
  if (part.length === 5 && isIdent(tokenOf(part[0])) && nodeIsOp(part[1], '.') && isIdent(tokenOf(part[2])) && nodeIsOp(part[3], '.') && nodeIsOp(part[4], '*')) return { database: identName(tokenOf(part[0])!), alias: identName(tokenOf(part[2])!) };
  return null;
}

function originOf(body: readonly Node[], scope: Scope): ResultColumn['origin'] {
  const names = body.every((n, i) => (i % 2 === 0 ? isIdent(tokenOf(n)) : nodeIsOp(n, '.'))) && body.length % 2 === 1 ? body.filter((_n, i) => i % 2 === 0).map((n) => identName(tokenOf(n)!)) : null;
  if (!names || names.length > 3) return undefined;
  const column = names[names.length - 1]!;
  const alias = names.length >= 2 ? names[names.length - 2]! : null;
  const source = scope.sources.find((s) => (alias === null || s.alias === alias) && s.columns.some((c) => c.name.toLowerCase() === column.toLowerCase()));
  if (!source?.database || !source.table) return undefined;
  return { database: source.database, table: source.table, column: source.columns.find((c) => c.name.toLowerCase() === column.toLowerCase())!.name };
}

/** One SELECT (no UNION): `SELECT … [FROM …] [WHERE …] [GROUP BY …] [HAVING …] [ORDER BY …] [LIMIT …]`. */
function translateSelectBlock(nodes: readonly Node[], env: QueryEnv, parent: Scope | null): SelectTranslation {
  if (!nodeIsWord(nodes[0], 'SELECT')) fail(env, nodes[0] ? startOf(nodes[0]) : env.sql.length);
  let i = 1;
  let distinct = false;
  while (nodeIsWord(nodes[i], 'DISTINCT', ...SELECT_MODIFIERS)) {
    if (nodeIsWord(nodes[i], 'DISTINCT', 'DISTINCTROW')) distinct = true;
    i += 1;
  }
  const clauses = new Map<string, number>();
  for (let j = i; j < nodes.length; j += 1) {
    const t = tokenOf(nodes[j]);
    if (t?.kind === 'word' && CLAUSE_WORDS.includes(t.value) && !clauses.has(t.value)) clauses.set(t.value, j);
  }
  const ends = [...clauses.values(), nodes.length].sort((a, b) => a - b);
  const range = (word: string, skip = 1): Node[] | null => {
    const at = clauses.get(word);
    if (at === undefined) return null;
    const end = ends.find((e) => e > at) ?? nodes.length;
    return nodes.slice(at + skip, end);
  };
  const listEnd = ends.find((e) => e >= i) ?? nodes.length;
  const listNodes = nodes.slice(i, listEnd);
  if (listNodes.length === 0) fail(env, nodes[i] ? startOf(nodes[i]!) : env.sql.length);
  if (clauses.has('INTO')) throw new TranslateError(null, 'SELECT … INTO (files and variables)');
  if (clauses.has('PROCEDURE')) throw new TranslateError(null, 'SELECT … PROCEDURE');
  const scope: Scope = { sources: [], parent };
  const parts: string[] = [];
  const from = range('FROM');
  let fromSql = '';
  if (from) {
    if (from.length === 0) fail(env, clauses.get('FROM')! + 1 < nodes.length ? startOf(nodes[clauses.get('FROM')! + 1]!) : env.sql.length);
    if (!(from.length === 1 && nodeIsWord(from[0], 'DUAL'))) fromSql = ` FROM ${translateTableRefs(from, env, scope)}`;
  }
  const items = selectItems(listNodes, env, scope);
  parts.push(`SELECT ${distinct ? 'DISTINCT ' : ''}${items.map((it) => it.sql).join(', ')}${fromSql}`);
  const where = range('WHERE');
  if (where) {
    if (where.length === 0) fail(env, env.sql.length);
    parts.push(`WHERE ${translateExpression(where, env, scope).sql}`);
  }
  const group = range('GROUP');
  if (group) {
    if (!nodeIsWord(group[0], 'BY')) fail(env, group[0] ? startOf(group[0]) : env.sql.length);
    const withIndex = group.findIndex((n, k) => nodeIsWord(n, 'WITH') && nodeIsWord(group[k + 1], 'ROLLUP'));
    if (withIndex >= 0) throw new TranslateError(null, 'GROUP BY … WITH ROLLUP');
    parts.push(`GROUP BY ${translateOrderList(group.slice(1), env, scopeWithAliases(scope, items))}`);
  }
  const having = range('HAVING');
  if (having) parts.push(`HAVING ${translateExpression(having, env, scopeWithAliases(scope, items)).sql}`);
  const order = range('ORDER');
  if (order) {
    if (!nodeIsWord(order[0], 'BY')) fail(env, order[0] ? startOf(order[0]) : env.sql.length);
    parts.push(`ORDER BY ${translateOrderList(order.slice(1), env, scopeWithAliases(scope, items))}`);
  }
  const limit = range('LIMIT');
  if (limit) parts.push(`LIMIT ${limitText(limit, env)}`);
  return { sql: parts.join(' '), columns: items.map((it) => it.column) };
}

/** Select-list aliases usable in GROUP BY, HAVING and ORDER BY. */
function scopeWithAliases(scope: Scope, items: SelectItem[]): Scope {
  return { sources: [...scope.sources, { alias: '\u0000aliases', database: null, table: null, columns: items.map((it) => ({ name: it.column.name, type: it.column.type })) }], parent: scope.parent };
}

/** LIMIT n | LIMIT m, n | LIMIT n OFFSET m, with numbers only (as MySQL requires). */
export function limitText(nodes: readonly Node[], env: QueryEnv): string {
  const text = nodes.map((n) => {
    const t = tokenOf(n);
    if (!t) fail(env, startOf(n));
    if (t.kind === 'number' && /^\d+$/.test(t.text)) return t.text;
    if (t.kind === 'op' && t.value === ',') return ',';
    if (t.kind === 'word' && t.value === 'OFFSET') return 'OFFSET';
    if (t.kind === 'var') {
      const value = env.uservar(t.value);
      if (typeof value === 'number' && Number.isInteger(value)) return String(value);
    }
    return fail(env, t.start);
  });
  if (!/^\d+( , \d+| OFFSET \d+)?$/.test(text.join(' '))) fail(env, startOf(nodes[0] ?? { kind: 'token', token: { kind: 'op', text: '', value: '', start: env.sql.length, end: env.sql.length } }));
  return text.join(' ').replace(' , ', ', ');
}

/** A whole query: WITH, UNION and parenthesised members included. */
export function translateQuery(nodes: readonly Node[], env: QueryEnv, parent: Scope | null): SelectTranslation {
  let body = nodes;
  const withParts: string[] = [];
  if (nodeIsWord(body[0], 'WITH')) {
    let i = 1;
    const recursive = nodeIsWord(body[i], 'RECURSIVE');
    if (recursive) i += 1;
    for (;;) {
      const name = tokenOf(body[i]);
      if (!isIdent(name)) fail(env, body[i] ? startOf(body[i]!) : env.sql.length);
      i += 1;
      let columnNames: string[] | null = null;
      if (body[i]?.kind === 'group' && nodeIsWord(body[i + 1], 'AS')) {
        columnNames = splitCommas((body[i] as Extract<Node, { kind: 'group' }>).children).map((p) => identName(tokenOf(p[0]) ?? fail(env, startOf(body[i]!))));
        i += 1;
      }
      if (!nodeIsWord(body[i], 'AS') || body[i + 1]?.kind !== 'group') fail(env, body[i] ? startOf(body[i]!) : env.sql.length);
      const inner = translateQuery((body[i + 1] as Extract<Node, { kind: 'group' }>).children, env, parent);
      const columns = inner.columns.map((c, k) => ({ name: columnNames?.[k] ?? c.name, type: c.type }));
      env.ctes.set(identName(name), columns);
      withParts.push(`${sqliteIdent(identName(name))}${columnNames ? ` (${columnNames.map(sqliteIdent).join(', ')})` : ''} AS (${inner.sql})`);
      i += 2;
      if (nodeIsOp(body[i], ',')) {
        i += 1;
        continue;
      }
      break;
    }
    body = body.slice(i);
    if (withParts.length && recursive) withParts[0] = `RECURSIVE ${withParts[0]}`;
  }
  const members: { nodes: readonly Node[]; op: string }[] = [];
  let current: Node[] = [];
  let op = '';
  for (let i = 0; i < body.length; i += 1) {
    if (nodeIsWord(body[i], 'UNION')) {
      members.push({ nodes: current, op });
      current = [];
      op = 'UNION';
      if (nodeIsWord(body[i + 1], 'ALL', 'DISTINCT')) {
        if (nodeIsWord(body[i + 1], 'ALL')) op = 'UNION ALL';
        i += 1;
      }
      continue;
    }
    current.push(body[i]!);
  }
  members.push({ nodes: current, op });
  let columns: ResultColumn[] = [];
  const sqlParts: string[] = [];
  members.forEach((member, index) => {
    let translated: SelectTranslation;
    const head = member.nodes[0];
    if (member.nodes.length === 1 && head?.kind === 'group') {
      translated = translateQuery(head.children, env, parent);
      if (members.length > 1) translated = { ...translated, sql: `SELECT * FROM (${translated.sql})` };
    } else if (member.nodes.length > 1 && head?.kind === 'group' && members.length === 1) {
      // (SELECT …) ORDER BY … LIMIT …
      const inner = translateQuery(head.children, env, parent);
      const rest = member.nodes.slice(1);
      const orderAt = findWord(rest, ['ORDER']);
      const limitAt = findWord(rest, ['LIMIT']);
      const tail: string[] = [];
      const scope: Scope = { sources: [{ alias: '\u0000inner', database: null, table: null, columns: inner.columns.map((c) => ({ name: c.name, type: c.type })) }], parent };
      if (orderAt >= 0) tail.push(`ORDER BY ${translateOrderList(rest.slice(orderAt + 2, limitAt > orderAt ? limitAt : undefined), env, scope)}`);
      if (limitAt >= 0) tail.push(`LIMIT ${limitText(rest.slice(limitAt + 1), env)}`);
      translated = { sql: `SELECT * FROM (${inner.sql}) ${tail.join(' ')}`, columns: inner.columns };
    } else translated = translateSelectBlock(member.nodes, env, parent);
    if (index === 0) columns = translated.columns;
    else if (translated.columns.length !== columns.length) throw new TranslateError({ code: 1222, state: '21000', message: 'The used SELECT statements have a different number of columns' });
    sqlParts.push(`${member.op ? `${member.op} ` : ''}${translated.sql}`);
  });
  return { sql: `${withParts.length ? `WITH ${withParts.join(', ')} ` : ''}${sqlParts.join(' ')}`, columns };
}

/** Builds the node tree of a statement's tokens, or throws MySQL's syntax error. */
export function treeOf(env: { sql: string }, tokens: readonly Token[]): Node[] {
  const tree = buildTree(tokens);
  if (!tree.ok) throw new TranslateError(syntaxError(env.sql, Number.isFinite(tree.at) ? tree.at : env.sql.length));
  return tree.nodes;
}
