/**
 * SQLite's errors in MySQL's words: `no such column: x` is ERROR 1054 naming the clause it was
 * in, `UNIQUE constraint failed` is ERROR 1062 with the duplicate value and the key, and so on.
 * Constraint errors that need a row (which value, which row) are worked out by the caller that
 * knows the rows; this maps what the message alone tells.
 */
import { mysqlErrors, syntaxError, type MysqlError } from './errors';
import type { Node } from './tree';
import { flatten } from './tree';
import { identName, isIdent } from './lexer';

/** The clause a column name first appears in, as MySQL names it in ERROR 1054. */
export function clauseOf(nodes: readonly Node[], column: string): string {
  const tokens = flatten(nodes);
  const bare = column.includes('.') ? column.slice(column.lastIndexOf('.') + 1) : column;
  let clause = 'field list';
  for (const token of tokens) {
    if (token.kind === 'word') {
      if (token.value === 'WHERE') clause = 'where clause';
      else if (token.value === 'ORDER') clause = 'order clause';
      else if (token.value === 'GROUP') clause = 'group statement';
      else if (token.value === 'HAVING') clause = 'having clause';
      else if (token.value === 'ON') clause = 'on clause';
      else if (token.value === 'SELECT' || token.value === 'SET') clause = 'field list';
    }
    if (isIdent(token) && identName(token).toLowerCase() === bare.toLowerCase()) return clause;
  }
  return 'field list';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Maps a SQLite error raised while running a translated statement. */
export function sqliteError(error: unknown, env: { sql: string; database: string | null }, nodes: readonly Node[]): MysqlError {
  const message = messageOf(error);
  let m = /^no such column: (.+)$/.exec(message);
  if (m) {
    const column = m[1]!.replace(/^(.*)\.(.*)$/, '$1.$2');
    return mysqlErrors.unknownColumn(column, clauseOf(nodes, column));
  }
  m = /^ambiguous column name: (.+)$/.exec(message);
  if (m) {
    const column = m[1]!.replace(/^main\./, '');
    const bare = column.slice(column.lastIndexOf('.') + 1);
    const clause = clauseOf(nodes, bare);
    return mysqlErrors.ambiguousColumn(bare, clause === 'field list' ? 'field list' : clause);
  }
  m = /^no such function: (.+)$/.exec(message);
  if (m) return env.database === null ? mysqlErrors.noDatabase() : mysqlErrors.unknownFunction(`${env.database}.${m[1]}`);
  m = /^wrong number of arguments to function (\w+)\(\)$/.exec(message);
  if (m) return mysqlErrors.wrongArguments(m[1]!);
  if (/misuse of (aggregate|window) function/.test(message) || /aggregate functions are not allowed/.test(message)) return { code: 1111, state: 'HY000', message: 'Invalid use of group function' };
  if (/RE2JS|regular expression|missing closing|invalid (escape|character class|repeat)/i.test(message)) return mysqlErrors.regexpIllegal();
  m = /^near "(.*)": syntax error$/.exec(message);
  if (m) {
    const at = env.sql.toLowerCase().indexOf(m[1]!.toLowerCase());
    return syntaxError(env.sql, at >= 0 ? at : env.sql.length);
  }
  if (/incomplete input/.test(message)) return syntaxError(env.sql, env.sql.length);
  if (/datatype mismatch/.test(message)) return { code: 1366, state: 'HY000', message: 'Incorrect integer value for column at row 1' };
  if (/too many terms in compound SELECT|too many columns/.test(message)) return { code: 1117, state: 'HY000', message: 'Too many columns' };
  if (/interrupted|out of memory/i.test(message)) return { code: 1041, state: 'HY000', message: 'Out of memory; check if mysqld or some other process uses all available memory; if not, you may have to use \'ulimit\' to allow mysqld to use more memory or you can add more swap space' };
  return { code: 1105, state: 'HY000', message: `Unknown error: ${message}` };
}
