/**
 * The app's login checks the password against the row's bcrypt hash, as its own source does
 * (`bcrypt.compare(req.body.password, user.password_hash)`): after the restore the test account
 * logs in with its password and nobody logs in with a wrong one.
 */
import { describe, expect, it } from 'vitest';
import bcrypt from 'bcryptjs';
import { mysqlWipe, outputsOn } from '../scoring/support';
import { bcryptMatches } from '../../../src/sim/net/http/password';

const restore = ['ssh db-master', 'mysqldump -h db-replica tunistocks > /tmp/r.sql', 'mysql tunistocks < /tmp/r.sql', 'exit'];
const login = (email: string, password: string) => `curl -s -i -d email=${email} -d password=${password} https://tunistocks.tn/api/v1/login`;
const browser = mysqlWipe.world.hosts[mysqlWipe.startHost]!.network!.browser!;

describe('the app checks passwords with bcrypt', () => {
  it('after the restore: the right password gets a session cookie, a wrong one 401 and no cookie, an unknown email 401', () => {
    // A signed-in page after the restore ends the run (the site is back): one login per run.
    const after = (line: string) => outputsOn(mysqlWipe, mysqlWipe.startHost, [...restore, line])[restore.length]!;
    const wrong = after(login(browser.account!.email, 'Beta-test-2019'));
    const unknown = after(login('nobody@example.tn', 'x'));
    const good = after(login(browser.account!.email, browser.account!.password));
    expect(good![0]).toBe('HTTP/1.1 200 OK');
    expect(good!.some((l) => /^Set-Cookie: tunistocks\.sid=[0-9a-f]{64}; Path=\/; HttpOnly$/.test(l))).toBe(true);
    expect(wrong![0]).toBe('HTTP/1.1 401 Unauthorized');
    expect(wrong!.some((l) => l.startsWith('Set-Cookie'))).toBe(false);
    expect(wrong!.at(-1)).toBe('{"error":"Wrong email or password."}');
    expect(unknown![0]).toBe('HTTP/1.1 401 Unauthorized');
  }, 240_000);

  it('every scenario account the browser types in has a bcrypt hash of its password in the users table', () => {
    const users = mysqlWipe.world.hosts['db-master']!.mysql!.databases!.flatMap((d) => d.tables ?? []).find((t) => t.name === 'users')!;
    const rows = (users.rows ?? []) as readonly Record<string, unknown>[];
    const row = rows.find((r) => r.email === browser.account!.email)!;
    expect(bcrypt.compareSync(browser.account!.password, String(row.password_hash))).toBe(true);
  }, 60_000);

  it('bcryptMatches: real bcrypt; malformed hashes and non-strings match nothing', () => {
    const hash = bcrypt.hashSync('s3cret', '$2b$04$abcdefghijklmnopqrstuu');
    expect(bcryptMatches('s3cret', hash)).toBe(true);
    expect(bcryptMatches('s3cret!', hash)).toBe(false);
    expect(bcryptMatches('s3cret', hash)).toBe(true);
    expect(bcryptMatches('s3cret', 'plain')).toBe(false);
    expect(bcryptMatches('s3cret', null)).toBe(false);
    expect(bcryptMatches('s3cret', `${hash.slice(0, -1)}!`)).toBe(false);
  });
});
