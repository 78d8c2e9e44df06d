/**
 * Accounts and their privileges: which account a login matches (MySQL's host-pattern order), and
 * CREATE USER, DROP USER, ALTER USER, RENAME USER, SET PASSWORD, GRANT and REVOKE on them.
 */
import { identName, isIdent, isOp, isWord, type Token } from './lexer';
import type { AccountState } from './state';
import { addGrant, allows, cachedPrivileges, grantLines, privilegesOf, readPrivilegeList, readTarget, removeGrant, type Privileges } from './grants';

const NO_GRANTS: readonly string[] = [];
import { mysqlErrors, syntaxError, type MysqlError } from './errors';

/** Whether a MySQL host pattern (`%`, `10.0.1.%`, `localhost`, `db-%`) matches a client host or address. */
export function hostMatches(pattern: string, host: string, address: string | null): boolean {
  const test = (value: string) => {
    // Linear wildcard matching (% and _), case-insensitive as host names are.
    const p = pattern.toLowerCase();
    const t = value.toLowerCase();
    let i = 0;
    let j = 0;
    let star = -1;
    let mark = 0;
    while (j < t.length) {
      if (i < p.length && (p[i] === '_' || p[i] === t[j])) {
        i += 1;
        j += 1;
      } else if (i < p.length && p[i] === '%') {
        star = i;
        mark = j;
        i += 1;
      } else if (star >= 0) {
        i = star + 1;
        mark += 1;
        j = mark;
      } else return false;
    }
    while (p[i] === '%') i += 1;
    return i === p.length;
  };
  if (pattern === 'localhost') return host === 'localhost';
  return test(host) || (address !== null && test(address));
}

/** MySQL sorts accounts most specific host first (no wildcards before wildcards, `%` last), then non-empty users first. */
function specificity(account: AccountState): number {
  const host = account.host;
  if (host === '%' || host === '') return 3;
  if (/[%_]/.test(host)) return 2;
  return 1;
}

/** The account a login as `user` from `host` matches, or null. */
export function matchAccount(accounts: readonly AccountState[], user: string, host: string, address: string | null): AccountState | null {
  const candidates = accounts.filter((a) => (a.user === user || a.user === '') && hostMatches(a.host, host, address));
  candidates.sort((a, b) => specificity(a) - specificity(b) || (a.user === '' ? 1 : 0) - (b.user === '' ? 1 : 0) || b.host.length - a.host.length);
  return candidates[0] ?? null;
}

export function accountPrivileges(accounts: readonly AccountState[], account: { user: string; host: string }): Privileges {
  const found = accounts.find((a) => a.user === account.user && a.host === account.host);
  return cachedPrivileges(found?.grants ?? NO_GRANTS);
}

interface AccountName {
  user: string;
  host: string;
}

/** `'user'@'host'`, `user@host`, `` `u`@`h` ``, `user` (host `%`), CURRENT_USER[()] at tokens[i]. */
function accountAt(tokens: readonly Token[], i: number, current: AccountName): { name: AccountName; next: number } | null {
  const t = tokens[i];
  if (isWord(t, 'CURRENT_USER')) {
    const next = isOp(tokens[i + 1], '(') && isOp(tokens[i + 2], ')') ? i + 3 : i + 1;
    return { name: current, next };
  }
  if (!t || !(isIdent(t) || t.kind === 'string')) return null;
  const user = t.kind === 'string' ? t.value : identName(t);
  // 'user'@'host' is lexed as a string then a @var when the host is quoted: `@'host'` → var token.
  const n = tokens[i + 1];
  if (n?.kind === 'var' && n.text.startsWith('@')) return { name: { user, host: n.text.slice(1).replace(/^['"`](.*)['"`]$/, '$1') }, next: i + 2 };
  if (isOp(n, '@')) {
    const h = tokens[i + 2];
    if (!h || !(isIdent(h) || h.kind === 'string')) return null;
    return { name: { user, host: h.kind === 'string' ? h.value : identName(h) }, next: i + 3 };
  }
  return { name: { user, host: '%' }, next: i + 1 };
}

function accountList(tokens: readonly Token[], i: number, current: AccountName): { names: AccountName[]; next: number } | null {
  const names: AccountName[] = [];
  let j = i;
  for (;;) {
    const one = accountAt(tokens, j, current);
    if (!one) return null;
    names.push(one.name);
    j = one.next;
    if (isOp(tokens[j], ',')) {
      j += 1;
      continue;
    }
    return { names, next: j };
  }
}

const text = (a: AccountName) => `'${a.user}'@'${a.host}'`;

export type AccountOutcome = { ok: true; accounts: AccountState[]; affected: number; warnings: string[] } | { ok: false; error: MysqlError };

/** Whether a statement is an account statement. */
export function isAccountStatement(tokens: readonly Token[]): boolean {
  const [a, b] = tokens;
  return (isWord(a, 'CREATE', 'DROP', 'ALTER', 'RENAME') && isWord(b, 'USER')) || isWord(a, 'GRANT', 'REVOKE') || (isWord(a, 'SET') && isWord(b, 'PASSWORD'));
}

/** Runs an account statement for `actor` (whose privileges are `privs`). */
export function runAccountStatement(sql: string, tokens: readonly Token[], accounts: readonly AccountState[], actor: AccountName, privs: Privileges): AccountOutcome {
  const list = [...accounts];
  const find = (a: AccountName) => list.findIndex((x) => x.user === a.user && x.host === a.host);
  const fail = (at: number): AccountOutcome => ({ ok: false, error: syntaxError(sql, tokens[at]?.start ?? sql.length) });
  const needCreateUser = () => !allows(privs, 'CREATE USER');
  const [a, b] = tokens;
  if (isWord(a, 'CREATE') && isWord(b, 'USER')) {
    if (needCreateUser()) return { ok: false, error: mysqlErrors.needPrivilege('CREATE USER') };
    let i = 2;
    const ifNotExists = isWord(tokens[i], 'IF') && isWord(tokens[i + 1], 'NOT') && isWord(tokens[i + 2], 'EXISTS');
    if (ifNotExists) i += 3;
    const one = accountAt(tokens, i, actor);
    if (!one) return fail(i);
    let j = one.next;
    let password: string | null = null;
    let plugin: AccountState['plugin'] = 'caching_sha2_password';
    if (isWord(tokens[j], 'IDENTIFIED')) {
      j += 1;
      if (isWord(tokens[j], 'WITH')) {
        const p = tokens[j + 1];
        const name = p?.kind === 'string' ? p.value : p ? p.text.toLowerCase() : '';
        if (name === 'mysql_native_password' || name === 'caching_sha2_password' || name === 'auth_socket') plugin = name;
        j += 2;
      }
      if (isWord(tokens[j], 'BY')) {
        const pw = tokens[j + 1];
        if (pw?.kind !== 'string') return fail(j + 1);
        password = pw.value;
        j += 2;
      }
    }
    if (find(one.name) >= 0) {
      if (ifNotExists) return { ok: true, accounts: list, affected: 0, warnings: [`Note|3163|Authorization ID ${text(one.name)} already exists.`] };
      return { ok: false, error: mysqlErrors.operationFailed('CREATE USER', text(one.name)) };
    }
    list.push({ user: one.name.user, host: one.name.host, password, plugin, grants: grantLines(one.name.user, one.name.host, privilegesOf([])), locked: false, known: true });
    return { ok: true, accounts: list, affected: 0, warnings: [] };
  }
  if (isWord(a, 'DROP') && isWord(b, 'USER')) {
    if (needCreateUser()) return { ok: false, error: mysqlErrors.needPrivilege('CREATE USER') };
    let i = 2;
    const ifExists = isWord(tokens[i], 'IF') && isWord(tokens[i + 1], 'EXISTS');
    if (ifExists) i += 2;
    const names = accountList(tokens, i, actor);
    if (!names || names.next !== tokens.length) return fail(names?.next ?? i);
    const missing = names.names.filter((n) => find(n) < 0);
    if (missing.length && !ifExists) return { ok: false, error: mysqlErrors.operationFailed('DROP USER', missing.map(text).join(',')) };
    for (const n of names.names) {
      const at = find(n);
      if (at >= 0) list.splice(at, 1);
    }
    return { ok: true, accounts: list, affected: 0, warnings: missing.map((n) => `Note|3162|Authorization ID ${text(n)} does not exist.`) };
  }
  if (isWord(a, 'RENAME') && isWord(b, 'USER')) {
    if (needCreateUser()) return { ok: false, error: mysqlErrors.needPrivilege('CREATE USER') };
    const from = accountAt(tokens, 2, actor);
    if (!from || !isWord(tokens[from.next], 'TO')) return fail(from?.next ?? 2);
    const to = accountAt(tokens, from.next + 1, actor);
    if (!to) return fail(from.next + 1);
    const at = find(from.name);
    if (at < 0 || find(to.name) >= 0) return { ok: false, error: mysqlErrors.operationFailed('RENAME USER', text(from.name)) };
    const account = list[at]!;
    list[at] = { ...account, user: to.name.user, host: to.name.host, grants: grantLines(to.name.user, to.name.host, privilegesOf(account.grants)) };
    return { ok: true, accounts: list, affected: 0, warnings: [] };
  }
  if ((isWord(a, 'ALTER') && isWord(b, 'USER')) || (isWord(a, 'SET') && isWord(b, 'PASSWORD'))) {
    let target: AccountName = actor;
    let password: string | null | undefined;
    let lock: boolean | undefined;
    if (isWord(a, 'SET')) {
      let i = 2;
      if (isWord(tokens[i], 'FOR')) {
        const one = accountAt(tokens, i + 1, actor);
        if (!one) return fail(i + 1);
        target = one.name;
        i = one.next;
      }
      if (!isOp(tokens[i], '=') || tokens[i + 1]?.kind !== 'string') return fail(i);
      password = tokens[i + 1]!.value;
    } else {
      let i = 2;
      if (isWord(tokens[i], 'IF') && isWord(tokens[i + 1], 'EXISTS')) i += 2;
      const one = accountAt(tokens, i, actor);
      if (!one) return fail(i);
      target = one.name;
      let j = one.next;
      while (j < tokens.length) {
        if (isWord(tokens[j], 'IDENTIFIED')) {
          j += 1;
          if (isWord(tokens[j], 'WITH')) j += 2;
          if (isWord(tokens[j], 'BY')) {
            if (tokens[j + 1]?.kind !== 'string') return fail(j + 1);
            password = tokens[j + 1]!.value;
            j += 2;
          }
        } else if (isWord(tokens[j], 'ACCOUNT') && isWord(tokens[j + 1], 'LOCK', 'UNLOCK')) {
          lock = isWord(tokens[j + 1], 'LOCK');
          j += 2;
        } else if (isWord(tokens[j], 'PASSWORD') && isWord(tokens[j + 1], 'EXPIRE')) {
          j += 2;
          while (j < tokens.length && !isWord(tokens[j], 'ACCOUNT', 'IDENTIFIED')) j += 1;
        } else return fail(j);
      }
    }
    const self = target.user === actor.user && target.host === actor.host;
    if (!self && needCreateUser()) return { ok: false, error: mysqlErrors.needPrivilege('CREATE USER') };
    const at = find(target);
    if (at < 0) return { ok: false, error: mysqlErrors.operationFailed('ALTER USER', text(target)) };
    list[at] = { ...list[at]!, password: password === undefined ? list[at]!.password : password, locked: lock ?? list[at]!.locked, known: password === undefined ? list[at]!.known : true };
    return { ok: true, accounts: list, affected: 0, warnings: [] };
  }
  if (isWord(a, 'GRANT') || isWord(a, 'REVOKE')) {
    const grant = isWord(a, 'GRANT');
    if (isWord(tokens[1], 'PROXY')) return { ok: true, accounts: list, affected: 0, warnings: [] };
    const privList = readPrivilegeList(tokens, 1);
    if (!privList) return fail(1);
    let i = privList.next;
    // REVOKE ALL PRIVILEGES, GRANT OPTION FROM user
    if (!grant && privList.all && isWord(tokens[i], 'FROM')) {
      const names = accountList(tokens, i + 1, actor);
      if (!names) return fail(i + 1);
      for (const n of names.names) {
        const at = find(n);
        if (at < 0) return { ok: false, error: mysqlErrors.noSuchGrant(n.user, n.host) };
        list[at] = { ...list[at]!, grants: grantLines(n.user, n.host, privilegesOf([])) };
      }
      return { ok: true, accounts: list, affected: 0, warnings: [] };
    }
    if (!isWord(tokens[i], 'ON')) return fail(i);
    const target = readTarget(tokens, i + 1, null);
    if (!target) return fail(i + 1);
    i = target.next;
    if (!isWord(tokens[i], grant ? 'TO' : 'FROM')) return fail(i);
    const names = accountList(tokens, i + 1, actor);
    if (!names) return fail(i + 1);
    let grantOption = false;
    let j = names.next;
    if (grant && isWord(tokens[j], 'WITH') && isWord(tokens[j + 1], 'GRANT') && isWord(tokens[j + 2], 'OPTION')) {
      grantOption = true;
      j += 3;
    }
    if (grant && isWord(tokens[j], 'IDENTIFIED')) return fail(j);
    if (j !== tokens.length) return fail(j);
    const level = target.target;
    const canGrant = level.level === 'global' ? privs.global.grantOption : level.level === 'database' ? privs.global.grantOption || Boolean(privs.databases.get(level.database)?.grantOption) : privs.global.grantOption || Boolean(privs.databases.get(level.database)?.grantOption) || Boolean(privs.tables.get(`${level.database}\0${level.table}`)?.grantOption);
    if (!canGrant) {
      const db = level.level === 'global' ? '' : level.database;
      return { ok: false, error: level.level === 'global' ? mysqlErrors.needPrivilege('GRANT OPTION') : mysqlErrors.dbAccessDenied(actor.user, actor.host, db) };
    }
    for (const n of names.names) {
      const at = find(n);
      if (at < 0) return { ok: false, error: grant ? { code: 1410, state: '42000', message: 'You are not allowed to create a user with GRANT' } : mysqlErrors.noSuchGrant(n.user, n.host) };
      const current = privilegesOf(list[at]!.grants);
      const parsed = { privileges: privList.privileges, all: privList.all, target: level, grantOption, proxy: false };
      if (grant) addGrant(current, parsed);
      else if (!removeGrant(current, parsed)) return { ok: false, error: mysqlErrors.noSuchGrant(n.user, n.host) };
      list[at] = { ...list[at]!, grants: grantLines(n.user, n.host, current) };
    }
    return { ok: true, accounts: list, affected: 0, warnings: [] };
  }
  return fail(0);
}
