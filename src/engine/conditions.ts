/**
 * Scenario conditions (`{"masterData": "wiped", "!dump": "replica", "$table": ["users"]}`): every
 * key must hold, against the world's facts and where the step happened.
 */
import { PSEUDO_FACTS, type Condition, type FactValue } from '../scenario/schema';

/** Where a step happened, readable in conditions as pseudo-facts. */
export interface Where {
  /** The host the command ran on. */
  host: string;
  mode: 'shell' | 'mysql';
  /** The MySQL server and database a statement ran on. */
  mysqlHost: string | null;
  db: string | null;
  /** Named groups of the SQL or chat pattern that matched, readable as `$name` (lower-cased). */
  groups?: Readonly<Record<string, string | undefined>>;
}

export function holds(when: Condition | undefined, facts: Readonly<Record<string, FactValue>>, where?: Where): boolean {
  if (!when) return true;
  for (const [key, expected] of Object.entries(when)) {
    const negate = key.startsWith('!');
    const name = negate ? key.slice(1) : key;
    let actual: FactValue | undefined;
    if (name.startsWith('$')) actual = where?.groups?.[name.slice(1)]?.toLowerCase() ?? '';
    else if (PSEUDO_FACTS.has(name)) actual = where ? (where[name as 'host' | 'mode' | 'mysqlHost' | 'db'] ?? '') : undefined;
    else actual = Object.hasOwn(facts, name) ? facts[name] : undefined;
    const match = Array.isArray(expected) ? expected.includes(actual as FactValue) : actual === expected;
    if (match === negate) return false;
  }
  return true;
}
