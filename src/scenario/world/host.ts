/**
 * One host of a scenario's world: who can log in, what is on its disks, what runs on it and how
 * it is reached. Generic Linux facts (what `ls` prints, how systemd answers) live in src/sim; this
 * is only what makes this host this host.
 */
import * as v from 'valibot';
import { FileSpecSchema } from './files';
import { SystemSpecSchema, TimeText } from './system';
import { NetworkSpecSchema } from './network';
import { MysqlServerSpecSchema } from './mysql';

export const UserSpecSchema = v.strictObject({
  name: v.string(),
  uid: v.pipe(v.number(), v.integer(), v.minValue(0)),
  gid: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** Default `/home/NAME` (`/root` for root). */
  home: v.optional(v.string()),
  shell: v.optional(v.string()),
  /** Supplementary groups (`sudo`, `adm`, `mysql`): members of `sudo` may use sudo. */
  groups: v.optional(v.array(v.string())),
  gecos: v.optional(v.string()),
});

/**
 * A terminal login the host recorded before the scenario's start (its wtmp and lastlog): what
 * `last` lists and the `Last login:` line ssh prints come from these.
 */
export const LoginSpecSchema = v.strictObject({
  user: v.string(),
  /** The address it came from; default the one the trainee's start host is seen from. */
  from: v.optional(v.string()),
  at: TimeText,
  /** When it ended; absent: it ended 20 minutes after it began. */
  until: v.optional(TimeText),
});

export const HostSpecSchema = v.strictObject({
  hostname: v.string(),
  /** The user the trainee logs in as over ssh (and on their own laptop). */
  login: v.string(),
  users: v.array(UserSpecSchema),
  /** Extra groups beyond each user's own (name → gid). */
  groups: v.optional(v.record(v.string(), v.pipe(v.number(), v.integer(), v.minValue(0)))),
  files: v.optional(v.array(FileSpecSchema)),
  /** Programs installed besides the generic base system (`nginx`, `haproxy`, `mysql`, `nmap`). */
  programs: v.optional(v.array(v.string())),
  system: v.optional(SystemSpecSchema),
  /** Earlier terminal logins, oldest first; without them the host's `login` user had one session a few days before. */
  logins: v.optional(v.array(LoginSpecSchema)),
  network: v.optional(NetworkSpecSchema),
  mysql: v.optional(MysqlServerSpecSchema),
});

export type HostSpec = v.InferOutput<typeof HostSpecSchema>;
export type UserSpec = v.InferOutput<typeof UserSpecSchema>;
export type LoginSpec = v.InferOutput<typeof LoginSpecSchema>;
