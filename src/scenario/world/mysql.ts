/**
 * A MySQL server on a host: version, accounts and grants, databases with tables and rows, the
 * binary log and replication. (Owned by src/sim/mysql.)
 */
import * as v from 'valibot';

export const MysqlServerSpecSchema = v.strictObject({
  version: v.optional(v.string()),
});

export type MysqlServerSpec = v.InferOutput<typeof MysqlServerSpecSchema>;
