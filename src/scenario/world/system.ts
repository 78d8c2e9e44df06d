/**
 * What a host runs and what it is made of: the OS release, the kernel, CPUs, memory, disks and
 * systemd units. (Owned by the system programs: systemctl, journalctl, ps, free, df, uptime.)
 */
import * as v from 'valibot';

export const SystemSpecSchema = v.strictObject({
  /** Seconds the host had been up at the scenario's start clock. */
  uptimeSeconds: v.optional(v.pipe(v.number(), v.minValue(0))),
});

export type SystemSpec = v.InferOutput<typeof SystemSpecSchema>;
