/**
 * The world section of a format-2 scenario: every host's files, users, services, network and
 * databases. The simulation (src/sim) turns it into a running world; nothing here is code.
 */
import * as v from 'valibot';
import { HostSpecSchema } from './host';
import { NetworkWorldSpecSchema } from './network';

export const WorldSpecSchema = v.strictObject({
  /** Host id (as in the scenario's `hosts`) → what is on it. Hosts outside the company need no entry. */
  hosts: v.record(v.string(), HostSpecSchema),
  /** DNS zones and the hosts on the internet: the network beyond any one host. */
  network: v.optional(NetworkWorldSpecSchema),
});

export type WorldSpec = v.InferOutput<typeof WorldSpecSchema>;
export type { HostSpec, UserSpec, LoginSpec } from './host';
export type { FileSpec, TimedLine, RepeatSpec } from './files';
export type { SystemSpec, UnitSpec, UnitKind, ProcessSpec, DiskSpec, ListenSpec, SizeSpec } from './system';
export type { NetworkSpec, NetworkWorldSpec } from './network';
export type { MysqlServerSpec } from './mysql';
