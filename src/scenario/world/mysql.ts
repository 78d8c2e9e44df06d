/**
 * A MySQL server on a host: version, accounts and grants, databases with tables and rows (literal
 * or generated from a seed), the binary log (the writes before the incident, with their times)
 * and replication (a replica, possibly delayed, of another host's server). Plain data: the
 * simulation (src/sim/mysql) runs it on a real SQL engine. (Owned by src/sim/mysql.)
 */
import * as v from 'valibot';

const Name = v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(64, 'must be at most 64 characters (MySQL identifiers are)'));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(50_000, 'must be at most 50,000 (a drill holds the rows trainees look at, not a production copy)'));
/** A clock time on the scenario's day (`08:35:02`) or a full date-time (`2020-03-14 10:02:00`). */
const When = v.pipe(v.string(), v.regex(/^(\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(:\d{2})?$|^\d{4}-\d{2}-\d{2}$/, 'must be a clock time like "08:35:02" or a date-time like "2020-03-14 10:02:00"'));
const Value = v.union([v.string(), v.number(), v.boolean(), v.null()]);

/**
 * How one column's values are made for generated rows. Every choice comes from a seeded
 * generator, so the same seed always gives the same rows.
 */
export const ColumnGeneratorSchema = v.union([
  /** 1, 2, 3… (or from `start`). */
  v.strictObject({ serial: v.optional(v.number(), 1) }),
  /** One value of a list (the list itself, or the name of one of the server's `dictionaries`), optionally weighted. */
  v.strictObject({ oneOf: v.union([v.array(Value), v.string()]), weights: v.optional(v.array(v.number())) }),
  /** An e-mail address made from other columns of the row (`first.last@domain`, `flast85@…`), unique within the table. */
  v.strictObject({ email: v.strictObject({ from: v.array(v.string()), domains: v.union([v.array(v.string()), v.string()]) }) }),
  /** A value of another table of the same database, at random (`users.id`) or each in turn (`each: true`: one row per referenced row). */
  v.strictObject({ ref: v.pipe(v.string(), v.regex(/^[^.]+\.[^.]+$/, 'must name a table and a column: "users.id"')), each: v.optional(v.boolean()) }),
  v.strictObject({ int: v.tuple([v.number(), v.number()]) }),
  /** A decimal number in a range, with the column's scale. */
  v.strictObject({ decimal: v.tuple([v.number(), v.number()]) }),
  /**
   * A date-time in a range: spread in row order (`spread`, the default: like `created_at`
   * growing with `id`) or at random (`random`).
   */
  v.strictObject({ datetime: v.tuple([When, When]), order: v.optional(v.picklist(['spread', 'random'])) }),
  /** A date-time some seconds after another column of the row, never past `until` (a draw past it lands between the column's time and `until`). */
  v.strictObject({ after: v.string(), seconds: v.tuple([v.number(), v.number()]), until: v.optional(When) }),
  /**
   * A calendar day (`2020-04-06`): the first `every` rows on `from`, the next `every` on the
   * following day, and so on (`weekdays`: skipping Saturdays and Sundays, as trading days do).
   */
  v.strictObject({
    day: v.strictObject({
      from: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date: "2020-04-06"')),
      every: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 1),
      weekdays: v.optional(v.boolean()),
    }),
  }),
  /** Text with `{n}` (the row number) and `{column}` (another column of the row) filled in. */
  v.strictObject({ template: v.string() }),
  /** Random hexadecimal characters (session tokens). */
  v.strictObject({ hex: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(128)) }),
  /** A bcrypt-shaped password hash (`$2b$10$…`), different for each row. */
  v.strictObject({ passwordHash: v.literal(true) }),
  /** The same value on every row. */
  v.strictObject({ value: Value }),
  /** NULL for this share of rows (0 to 1), otherwise the inner generator. */
  v.strictObject({ nullShare: v.number(), otherwise: v.lazy((): v.GenericSchema => ColumnGeneratorSchema) }),
  /** In a generated binary-log event: the event's own time. */
  v.strictObject({ eventTime: v.literal(true) }),
]);

export const ColumnSpecSchema = v.strictObject({
  name: Name,
  /** MySQL's type as SHOW CREATE TABLE prints it: `int`, `bigint unsigned`, `varchar(255)`, `decimal(10,3)`, `datetime`, `tinyint(1)`, `enum('a','b')`, `text`. */
  type: v.pipe(v.string(), v.regex(/^[a-z]+( ?\(.*\))?( unsigned)?( zerofill)?$/i, 'must be a MySQL column type like "int", "varchar(255)" or "decimal(10,3)"')),
  /** Default: true, except for primary-key columns. */
  nullable: v.optional(v.boolean()),
  /** The default: a value, or the text `CURRENT_TIMESTAMP`. */
  default: v.optional(Value),
  autoIncrement: v.optional(v.boolean()),
  /** `ON UPDATE CURRENT_TIMESTAMP`. */
  onUpdateNow: v.optional(v.boolean()),
  unique: v.optional(v.boolean()),
  comment: v.optional(v.string()),
});

export const ForeignKeySpecSchema = v.strictObject({
  /** Default: `fk_<table>_<column>`. */
  name: v.optional(Name),
  columns: v.array(Name),
  /** `table(column)` or `table(a,b)` in the same database, or `otherdb.table(column)`. */
  references: v.pipe(v.string(), v.regex(/^([^.()]+\.)?[^.()]+\([^()]+\)$/, 'must be like "programmes(id)"')),
  onDelete: v.optional(v.picklist(['CASCADE', 'SET NULL', 'RESTRICT', 'NO ACTION'])),
  onUpdate: v.optional(v.picklist(['CASCADE', 'SET NULL', 'RESTRICT', 'NO ACTION'])),
});

export const IndexSpecSchema = v.strictObject({
  name: v.optional(Name),
  columns: v.array(Name),
  unique: v.optional(v.boolean()),
});

export const TableSpecSchema = v.strictObject({
  name: Name,
  columns: v.pipe(v.array(ColumnSpecSchema), v.minLength(1, 'a table needs at least one column')),
  /** Default: the auto-increment column, if there is one. */
  primaryKey: v.optional(v.array(Name)),
  indexes: v.optional(v.array(IndexSpecSchema)),
  foreignKeys: v.optional(v.array(ForeignKeySpecSchema)),
  comment: v.optional(v.string()),
  /** When the table was created (information_schema.TABLES.CREATE_TIME). */
  createdAt: v.optional(When),
  /** Literal rows: values in column order, or objects by column name (missing columns take their default). */
  rows: v.optional(v.array(v.union([v.array(Value), v.record(v.string(), Value)]))),
  /** Rows generated after the literal ones: how many, from which seed, and how each column is made. */
  generate: v.optional(
    v.strictObject({
      count: Count,
      seed: v.optional(v.string()),
      /** Column → generator; a column left out takes its default (auto-increment counts on). */
      columns: v.record(v.string(), ColumnGeneratorSchema),
    }),
  ),
});

export const DatabaseSpecSchema = v.strictObject({
  name: Name,
  charset: v.optional(v.string()),
  collation: v.optional(v.string()),
  tables: v.optional(v.array(TableSpecSchema)),
});

/**
 * A MySQL account. `grants` are written as SHOW GRANTS prints them:
 * "GRANT ALL PRIVILEGES ON *.* TO `intern`@`%` WITH GRANT OPTION".
 */
export const AccountSpecSchema = v.strictObject({
  user: v.string(),
  /** Host pattern: `%`, `localhost`, `10.0.1.%`. Default `%`. */
  host: v.optional(v.string()),
  /** The password, when the account has one (accounts using `auth_socket` need none). */
  password: v.optional(v.string()),
  /** Whether the trainee knows this password: then the drill types it at `Enter password:` for them. */
  knownToTrainee: v.optional(v.boolean()),
  /** `caching_sha2_password` (8.0's default), `mysql_native_password`, or `auth_socket` (the OS user of the same name, over the local socket). */
  plugin: v.optional(v.picklist(['caching_sha2_password', 'mysql_native_password', 'auth_socket'])),
  grants: v.array(v.string()),
  locked: v.optional(v.boolean()),
});

/** One transaction written to the binary log at a time: literal statements, run on the server's data when the world is built. */
export const BinlogStatementEventSchema = v.strictObject({
  at: When,
  /** The database the statements run in. Default: the server's first database. */
  database: v.optional(v.string()),
  /** One statement or several (one transaction). */
  sql: v.union([v.string(), v.array(v.string())]),
});

/**
 * Many small transactions spread over a time span, each inserting one generated row (sign-ups
 * through the morning), made like the table's own generated rows unless `columns` says otherwise.
 */
export const BinlogGeneratedEventsSchema = v.strictObject({
  from: When,
  until: When,
  count: Count,
  database: v.optional(v.string()),
  table: v.string(),
  seed: v.optional(v.string()),
  columns: v.optional(v.record(v.string(), ColumnGeneratorSchema)),
});

export const BinlogSpecSchema = v.strictObject({
  /** The binary log's base name and the number of the file being written: `binlog` and 42 → `binlog.000042`. */
  basename: v.optional(v.string()),
  file: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(999_999))),
  /** When the current file was started (the server's start or the last rotation). */
  startedAt: v.optional(When),
  /** The time of day (`05:14:07`) of a daily FLUSH BINARY LOGS (a nightly backup's --flush-logs) that rotated the log before the current file. */
  dailyRotationAt: v.optional(v.pipe(v.string(), v.regex(/^\d{1,2}:\d{2}(:\d{2})?$/, 'must be a time of day (HH:MM:SS)'))),
  /** The writes, oldest first. The databases above hold the data as it was before the first of them. */
  events: v.optional(v.array(v.union([BinlogStatementEventSchema, BinlogGeneratedEventsSchema]))),
  /** ROW (8.0's default) or STATEMENT. */
  format: v.optional(v.picklist(['ROW', 'STATEMENT'])),
});

export const ReplicaSpecSchema = v.strictObject({
  /** The host id of the source (master). Its databases and binary log are this replica's too. */
  host: v.string(),
  /** `CHANGE MASTER TO MASTER_DELAY = N`: each event is applied N seconds after the master ran it. */
  delaySeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(86_400 * 7))),
  /** The account the I/O thread logs in with on the master. Default `repl`. */
  user: v.optional(v.string()),
  /** Whether the replica's threads run at the start. Default both. */
  ioRunning: v.optional(v.boolean()),
  sqlRunning: v.optional(v.boolean()),
});

export const MysqlServerSpecSchema = v.strictObject({
  /** Default `8.0.19`. */
  version: v.optional(v.string()),
  /** Default 1 (a replica should set its own). */
  serverId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** Default 3306. */
  port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65_535))),
  /** The systemd unit that runs mysqld. Default `mysql.service`. */
  unit: v.optional(v.string()),
  /** When mysqld last started, if the host's unit does not say (Uptime, the error log). Default two days before the scenario's start. */
  startedAt: v.optional(When),
  /** When `mysqld --initialize` made the data directory (auto.cnf, the server UUID's time). Default: the time in `uuid`, else 30 days before `startedAt`. */
  initializedAt: v.optional(When),
  /** `read_only` (and `super_read_only`) at the start. Default: on for a replica, off otherwise. */
  readOnly: v.optional(v.boolean()),
  superReadOnly: v.optional(v.boolean()),
  /** The server's UUID (`server_uuid`, `Master_UUID` on its replicas). Default: made from the host id. */
  uuid: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a UUID'))),
  accounts: v.optional(v.array(AccountSpecSchema)),
  /** The databases and their data (a replica without its own takes its source's). */
  databases: v.optional(v.array(DatabaseSpecSchema)),
  /** Lists of values that generators pick from by name (`{ "oneOf": "firstNames" }`). */
  dictionaries: v.optional(v.record(v.string(), v.array(Value))),
  binlog: v.optional(BinlogSpecSchema),
  replicaOf: v.optional(ReplicaSpecSchema),
  /** System variables that differ from 8.0.19's defaults (`max_connections`, `innodb_buffer_pool_size`). */
  variables: v.optional(v.record(v.string(), v.union([v.string(), v.number()]))),
});

export type MysqlServerSpec = v.InferOutput<typeof MysqlServerSpecSchema>;
export type MysqlAccountSpec = v.InferOutput<typeof AccountSpecSchema>;
export type MysqlDatabaseSpec = v.InferOutput<typeof DatabaseSpecSchema>;
export type MysqlTableSpec = v.InferOutput<typeof TableSpecSchema>;
export type MysqlColumnSpec = v.InferOutput<typeof ColumnSpecSchema>;
export type MysqlColumnGenerator = v.InferOutput<typeof ColumnGeneratorSchema>;
export type MysqlBinlogEventSpec = v.InferOutput<typeof BinlogStatementEventSchema> | v.InferOutput<typeof BinlogGeneratedEventsSchema>;
export type MysqlReplicaSpec = v.InferOutput<typeof ReplicaSpecSchema>;
