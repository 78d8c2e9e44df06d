/**
 * Password checks as a web app makes them: bcrypt, by the bcryptjs library (the one the
 * scenario's Node apps require). A compare at cost 10 takes tens of milliseconds, so answers are
 * kept per (password, hash) in a small bounded memo: a replay that logs in again costs nothing.
 */
import bcrypt from 'bcryptjs';

const MEMO_LIMIT = 64;
const memo = new Map<string, boolean>();

/** True when `hash` is a bcrypt hash of `password`; a malformed hash matches nothing. */
export function bcryptMatches(password: string, hash: unknown): boolean {
  if (typeof hash !== 'string' || !/^\$2[abxy]\$\d\d\$[./A-Za-z0-9]{53}$/.test(hash)) return false;
  const key = `${hash}\u0000${password}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const answer = bcrypt.compareSync(password, hash);
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
  memo.set(key, answer);
  return answer;
}
