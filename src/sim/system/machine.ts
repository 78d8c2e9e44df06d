/**
 * A host's fixed hardware and OS facts with Ubuntu 18.04's defaults: kernel, CPUs, memory,
 * the root disk, when it booted. A host the scenario says nothing about is a small, healthy VM.
 */
import type { HostSpec } from '../../scenario/world';
import type { HostState } from '../world';
import { kibOf } from './sizes';

/** How long a host has been up when its spec does not say: 12 days, 3:05. */
export const DEFAULT_UPTIME_SECONDS = 12 * 86400 + 3 * 3600 + 5 * 60;
export const DEFAULT_KERNEL = '4.15.0-99-generic';
export const DEFAULT_KERNEL_BUILD = '#100-Ubuntu SMP Wed Apr 22 20:32:56 UTC 2020';
/** A 4 GB VM: what /proc/meminfo's MemTotal says. */
export const DEFAULT_MEMORY_KIB = 4_039_436;
/** The unit that stands for the system manager itself; its state holds the boot time. */
export const INIT_SCOPE = 'init.scope';

export function kernelOf(spec: HostSpec | undefined): string {
  return spec?.system?.kernel ?? DEFAULT_KERNEL;
}

export function kernelBuildOf(spec: HostSpec | undefined): string {
  return spec?.system?.kernelBuild ?? DEFAULT_KERNEL_BUILD;
}

export function archOf(spec: HostSpec | undefined): string {
  return spec?.system?.arch ?? 'x86_64';
}

export function cpuModelOf(spec: HostSpec | undefined): string {
  return spec?.system?.cpuModel ?? 'Intel Xeon Processor (Skylake, IBRS)';
}

/** What the machine is: a KVM guest unless the spec declares real hardware. */
export interface Machine {
  /** `systemd-detect-virt`: `kvm`, or `none` on real hardware. */
  virtualization: 'kvm' | 'none';
  /** The kernel's `DMI:` line. */
  dmi: string;
  /** hostnamectl's chassis and icon. */
  chassis: 'vm' | 'laptop' | 'desktop' | 'server';
}

export function machineOf(spec: HostSpec | undefined): Machine {
  const hw = spec?.system?.hardware;
  if (!hw) return { virtualization: 'kvm', dmi: 'QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.10.2-1ubuntu1 04/01/2014', chassis: 'vm' };
  return { virtualization: 'none', dmi: `${hw.vendor} ${hw.product}/${hw.product}, BIOS ${hw.bios}`, chassis: hw.chassis };
}

export function memoryTotalKib(spec: HostSpec | undefined): number {
  return kibOf(spec?.system?.memory?.total, DEFAULT_MEMORY_KIB);
}

export function loadOf(spec: HostSpec | undefined): readonly [number, number, number] {
  return spec?.system?.load ?? [0.08, 0.03, 0.01];
}

/** The device the root filesystem is on (`/dev/vda1`). */
export function rootDeviceOf(spec: HostSpec | undefined): string {
  return spec?.system?.disks?.find((d) => d.mount === '/')?.device ?? '/dev/vda1';
}

/** Clock seconds at which a host booted (negative: days before the scenario's day). */
export function bootClockOf(host: HostState | undefined, spec: HostSpec | undefined, fallbackNow = 0): number {
  const scope = host && Object.hasOwn(host.services, INIT_SCOPE) ? host.services[INIT_SCOPE] : undefined;
  return scope ? scope.since : fallbackNow - (spec?.system?.uptimeSeconds ?? DEFAULT_UPTIME_SECONDS);
}
