/**
 * What a host runs and what it is made of: the kernel, CPUs, memory, disks, the systemd units
 * the scenario adds to the base Ubuntu system, and other processes. (Owned by the system
 * programs: systemctl, journalctl, ps, top, free, df, uptime.) Everything is optional: a host
 * without a `system` entry is a small, healthy Ubuntu 18.04 machine.
 *
 * Sizes are strings with a binary unit, as `df -h` and `free -h` print them: "78G", "3.9G",
 * "512M", "812K" (K = 1024 bytes).
 */
import * as v from 'valibot';

/** A size with a binary unit: "78G", "3.9G", "512M", "812K", "1T", or a number of bytes. */
export const SizeSchema = v.union([
  v.pipe(v.string(), v.regex(/^(0|\d+(\.\d+)?[KMGT])$/, 'must be a size like "512M", "3.9G" or "78G" (K, M, G, T are powers of 1024)')),
  v.pipe(v.number(), v.integer(), v.minValue(0)),
]);

/** A point in time: a clock time on the scenario's day ("06:25:01") or an ISO date-time ("2020-05-01T17:00:12"). */
export const TimeText = v.pipe(v.string(), v.regex(/^(\d{1,2}:\d{2}(:\d{2})?|\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?)$/, 'must be a clock time like "06:25:01" or a date-time like "2020-05-01T17:00:12"'));

/**
 * Where a unit accepts connections while it runs: "0.0.0.0:80", "127.0.0.1:3000", ":::80"
 * (IPv6, any address), "[::1]:3306", or an object for UDP and the listen backlog that `ss`
 * shows. The network programs read these with the unit's state: a stopped unit refuses.
 */
export const ListenSchema = v.union([
  v.string(),
  v.strictObject({
    address: v.string(),
    proto: v.optional(v.picklist(['tcp', 'udp'])),
    /** The accept queue length `ss -tln` shows in Send-Q (nginx 511, sshd 128, mysqld 151). */
    backlog: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  }),
]);

/** Child processes a unit's main process starts: nginx's workers, HAProxy's worker. */
export const WorkerSpecSchema = v.strictObject({
  /** How many (nginx: `worker_processes auto` = one per CPU). */
  count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64))),
  /** Their command line as ps shows it: "nginx: worker process". */
  command: v.optional(v.string()),
  user: v.optional(v.string()),
  /** Resident memory of each. */
  memory: v.optional(SizeSchema),
});

/** A line the unit's program wrote to the journal (stdout/stderr), at a time. */
export const JournalLineSchema = v.strictObject({
  at: TimeText,
  text: v.string(),
  /** syslog priority 0 (emerg) … 7 (debug); default 6 (info). */
  priority: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(7))),
});

/** A line the unit's program writes again every `every` seconds (a failing request retried by clients), until `until` or the clock. */
export const JournalRepeatSchema = v.strictObject({
  from: TimeText,
  until: v.optional(TimeText),
  every: v.pipe(v.number(), v.minValue(1, 'must be at least one second')),
  text: v.string(),
  priority: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(7))),
});

/** The kinds of daemon the simulation knows how to run (defaults for commands, messages, users). */
export const UnitKindSchema = v.picklist(['nginx', 'mysql', 'haproxy', 'app', 'generic']);

export const UnitSpecSchema = v.strictObject({
  /** The full unit name: "nginx.service", "tunistocks-app.service". */
  name: v.pipe(v.string(), v.regex(/^[A-Za-z0-9:_.@-]+\.service$/, 'must be a service unit name like "nginx.service"')),
  /** What kind of daemon it is; by default guessed from the name (nginx, mysql, haproxy), else generic. */
  kind: v.optional(UnitKindSchema),
  /** Other names it answers to ("mysqld.service"). */
  aliases: v.optional(v.array(v.string())),
  /** systemd's Description= ("A high performance web server and a reverse proxy server"). */
  description: v.optional(v.string()),
  documentation: v.optional(v.array(v.string())),
  /** systemd's Type=: forking (nginx), notify (mysqld, haproxy), simple (most apps). */
  type: v.optional(v.picklist(['simple', 'forking', 'notify', 'oneshot'])),
  /** ExecStart=, as written in the unit file. */
  execStart: v.optional(v.string()),
  /** The version of the runtime ExecStart runs (`/usr/bin/node`), as `node -v` prints it without its `v`: "12.16.3". */
  runtimeVersion: v.optional(v.pipe(v.string(), v.regex(/^\d+\.\d+\.\d+$/, 'must be a version like "12.16.3"'))),
  execStartPre: v.optional(v.string()),
  /** ExecReload=; a unit without one cannot be reloaded. */
  execReload: v.optional(v.string()),
  execStop: v.optional(v.string()),
  /** Restart=: whether systemd starts it again when its main process dies (default: as the package ships it). */
  restart: v.optional(v.picklist(['no', 'always', 'on-failure'])),
  /** User= the main process runs as (default root). */
  user: v.optional(v.string()),
  /** The main process: its name (`comm`, as pgrep matches it) and command line as ps shows it. */
  main: v.optional(v.strictObject({ name: v.optional(v.string()), command: v.optional(v.string()) })),
  workers: v.optional(WorkerSpecSchema),
  /** Resident memory of the main process. */
  memory: v.optional(SizeSchema),
  /**
   * Average CPU use of the main process, in percent of one CPU (ps's %CPU); of its workers together
   * when it has some (nginx, HAProxy's master-worker): the master itself idles.
   */
  cpu: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(400))),
  /** Threads of the main process (systemd's Tasks counts them). */
  threads: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
  /** The unit file: default /lib/systemd/system/NAME for packaged daemons, /etc/systemd/system/NAME for the rest. */
  unitFile: v.optional(v.pipe(v.string(), v.startsWith('/', 'must be an absolute path'))),
  /** `systemctl is-enabled`: enabled (default), disabled, static, masked. */
  enabled: v.optional(v.picklist(['enabled', 'disabled', 'static', 'masked'])),
  vendorPreset: v.optional(v.picklist(['enabled', 'disabled'])),
  /** The unit's state at the scenario's start (default active). */
  state: v.optional(v.picklist(['active', 'inactive', 'failed'])),
  /** When it entered that state (default: a minute after boot). */
  since: v.optional(TimeText),
  /** The main process's PID at the start (for logs in the scenario that name it); otherwise chosen at boot. */
  pid: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(4194304))),
  /** PIDs of the workers at the start, in order. */
  workerPids: v.optional(v.array(v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(4194304)))),
  listen: v.optional(v.array(ListenSchema)),
  /** sd_notify STATUS= of a running notify daemon (MySQL: "Server is operational"). */
  status: v.optional(v.string()),
  /** The name its own journal lines carry (`nginx[812]`); default the program's name. */
  identifier: v.optional(v.string()),
  /** Journal lines the program wrote (besides systemd's own start/stop messages). */
  journal: v.optional(v.array(JournalLineSchema)),
  /** Journal lines it keeps writing at a steady pace (they stop when the unit is stopped or restarted). */
  journalRepeat: v.optional(v.array(JournalRepeatSchema)),
  /** Lines the program writes to the journal each time it starts ("Listening on 127.0.0.1:3000"). */
  startLog: v.optional(v.array(v.string())),
});

/** A process that is not a unit's (a cron job, another admin's session, a stuck backup). */
export const ProcessSpecSchema = v.strictObject({
  /** The command line as ps shows it. */
  command: v.string(),
  /** `comm` (pgrep's and top's name); default the command's program name. */
  name: v.optional(v.string()),
  user: v.optional(v.string()),
  pid: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(4194304))),
  ppid: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** The unit whose cgroup it is in (`cron.service` for a cron job): stopping that unit ends it too. */
  unit: v.optional(v.string()),
  /** `?` (default) or a terminal such as `pts/1`. */
  tty: v.optional(v.string()),
  started: v.optional(TimeText),
  memory: v.optional(SizeSchema),
  cpu: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(400))),
});

/** A mounted filesystem, as `df` shows it. */
export const DiskSpecSchema = v.strictObject({
  device: v.string(),
  mount: v.pipe(v.string(), v.startsWith('/', 'must be an absolute path')),
  /** ext4 (default), xfs, vfat… */
  type: v.optional(v.string()),
  /** On `/`, df's Size; elsewhere the partition's (an ext4 one shows a little less: its metadata and journal). */
  size: SizeSchema,
  /**
   * What the world does not model file by file there. On `/` (the OS), df's Used as it is at the
   * start (default 6.1G); files the run writes there add to it. Elsewhere df's Used is what the
   * world's files there take plus the filesystem's own, and this adds only files not in the world
   * (default none): `drill check` fails a scenario where it is more than du's rounding hides.
   */
  used: v.optional(SizeSchema),
  /** Inodes in total and used (`df -i`); default one per 16 KiB, and used in proportion. */
  inodes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  inodesUsed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

export const SystemSpecSchema = v.strictObject({
  /** Seconds the host had been up at the scenario's start clock. */
  uptimeSeconds: v.optional(v.pipe(v.number(), v.minValue(0))),
  /** `uname -r` (default 4.15.0-99-generic). */
  kernel: v.optional(v.string()),
  /** `uname -v` (default `#100-Ubuntu SMP Wed Apr 22 20:32:56 UTC 2020`). */
  kernelBuild: v.optional(v.string()),
  /** `uname -m` (default x86_64). */
  arch: v.optional(v.string()),
  cpus: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(256))),
  cpuModel: v.optional(v.string()),
  /**
   * The machine, when it is not the default KVM guest (QEMU's i440FX PC): its DMI vendor, product
   * and BIOS as the kernel prints them, and its chassis as `hostnamectl` names it.
   */
  hardware: v.optional(
    v.strictObject({
      vendor: v.pipe(v.string(), v.minLength(1)),
      product: v.pipe(v.string(), v.minLength(1)),
      bios: v.pipe(v.string(), v.minLength(1)),
      chassis: v.picklist(['laptop', 'desktop', 'server']),
    }),
  ),
  /** Load averages over 1, 5 and 15 minutes. */
  load: v.optional(v.tuple([v.number(), v.number(), v.number()])),
  memory: v.optional(
    v.strictObject({
      total: SizeSchema,
      /** Used at the scenario's start, the units' processes included (stopping a unit frees its share). */
      used: v.optional(SizeSchema),
      buffCache: v.optional(SizeSchema),
      shared: v.optional(SizeSchema),
    }),
  ),
  swap: v.optional(v.strictObject({ total: SizeSchema, used: v.optional(SizeSchema) })),
  /** Real filesystems (the tmpfs ones every host has are added from the memory size). */
  disks: v.optional(v.array(DiskSpecSchema)),
  /** The scenario's own services, on top of the base Ubuntu ones (ssh, cron, rsyslog, systemd-*). */
  units: v.optional(v.array(UnitSpecSchema)),
  /** Processes that are not units'. */
  processes: v.optional(v.array(ProcessSpecSchema)),
  /** The PID the kernel hands out next at the scenario's start, roughly (default 20000). */
  nextPid: v.optional(v.pipe(v.number(), v.integer(), v.minValue(300), v.maxValue(4000000))),
});

export type SystemSpec = v.InferOutput<typeof SystemSpecSchema>;
export type UnitSpec = v.InferOutput<typeof UnitSpecSchema>;
export type UnitKind = v.InferOutput<typeof UnitKindSchema>;
export type ProcessSpec = v.InferOutput<typeof ProcessSpecSchema>;
export type DiskSpec = v.InferOutput<typeof DiskSpecSchema>;
export type ListenSpec = v.InferOutput<typeof ListenSchema>;
export type SizeSpec = v.InferOutput<typeof SizeSchema>;
