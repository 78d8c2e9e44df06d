import { describe, expect, it } from 'vitest';
import { sqlEngine, sqlEngineLoaded } from '../../../src/sim/mysql/sql-engine';

describe('the SQL engine', () => {
  it('is loaded by the shared setup and runs SQL synchronously', () => {
    expect(sqlEngineLoaded()).toBe(true);
    const db = new (sqlEngine().Database)();
    expect(db.exec('SELECT 1 + 1')[0]!.values).toEqual([[2]]);
    db.close();
  });
});
