/**
 * The kernel's own threads as `ps` lists them on a 4.15 kernel (`[kthreadd]`, `[ksoftirqd/0]`,
 * one set per CPU, the root filesystem's journal thread): PIDs in the order the kernel starts
 * them at boot.
 */

export interface KernelThread {
  pid: number;
  name: string;
  /** ps's STAT: `S` sleeping, `I<` idle high-priority worker, `SN` nice. */
  stat: string;
}

/** The kernel threads of a host with `cpus` CPUs whose root filesystem is on `rootDevice` (`/dev/vda1`). */
export function kernelThreads(cpus: number, rootDevice: string): KernelThread[] {
  const list: KernelThread[] = [];
  let pid = 2;
  const add = (name: string, stat: string) => list.push({ pid: pid++, name, stat });
  add('kthreadd', 'S');
  pid += 1; // 3: kworker/0:0, gone soon after boot
  add('kworker/0:0H', 'I<');
  pid += 1;
  add('mm_percpu_wq', 'I<');
  add('ksoftirqd/0', 'S');
  add('rcu_sched', 'I');
  add('rcu_bh', 'I');
  add('migration/0', 'S');
  add('watchdog/0', 'S');
  add('cpuhp/0', 'S');
  for (let cpu = 1; cpu < cpus; cpu += 1) {
    add(`cpuhp/${cpu}`, 'S');
    add(`watchdog/${cpu}`, 'S');
    add(`migration/${cpu}`, 'S');
    add(`ksoftirqd/${cpu}`, 'S');
    pid += 1;
    add(`kworker/${cpu}:0H`, 'I<');
  }
  for (const [name, stat] of [
    ['kdevtmpfs', 'S'], ['netns', 'I<'], ['rcu_tasks_kthre', 'S'], ['kauditd', 'S'], ['khungtaskd', 'S'], ['oom_reaper', 'S'],
    ['writeback', 'I<'], ['kcompactd0', 'S'], ['ksmd', 'SN'], ['khugepaged', 'SN'], ['crypto', 'I<'], ['kintegrityd', 'I<'],
    ['kblockd', 'I<'], ['ata_sff', 'I<'], ['md', 'I<'], ['edac-poller', 'I<'], ['devfreq_wq', 'I<'], ['watchdogd', 'S'],
  ] as const) add(name, stat);
  pid += 2;
  add('kswapd0', 'S');
  add('ecryptfs-kthrea', 'S');
  pid = Math.max(pid, 40 + 2 * cpus);
  for (const [name, stat] of [['kthrotld', 'I<'], ['acpi_thermal_pm', 'I<'], ['scsi_eh_0', 'S'], ['scsi_tmf_0', 'I<'], ['scsi_eh_1', 'S'], ['scsi_tmf_1', 'I<']] as const) add(name, stat);
  pid += 5;
  add('ipv6_addrconf', 'I<');
  pid += 8;
  add('kstrp', 'I<');
  pid += 16;
  add('charger_manager', 'I<');
  pid += 50;
  for (let cpu = cpus - 1; cpu >= 0; cpu -= 1) add(`kworker/${cpu}:1H`, 'I<');
  pid += 80;
  const disk = rootDevice.replace(/^\/dev\//, '').replace(/\//g, '!');
  add(`jbd2/${disk}-8`, 'S');
  add('ext4-rsv-conver', 'I<');
  return list;
}
