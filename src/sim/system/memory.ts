/**
 * A host's memory as /proc/meminfo would give it to free and top: the scenario's figures at
 * its start, then what changed: a stopped unit's processes give their memory back, a started
 * one takes it. `used` counts the units' resident memory; the rest is the kernel and the page
 * cache.
 */
import type { HostState, SimConfig } from '../world';
import { hostSpec } from '../world';
import { kibOf } from './sizes';
import { memoryTotalKib, bootClockOf } from './machine';
import { unitsOf } from './units';
import { isRunning, type ServiceState } from './state';
import { servicesAtStart } from './journal';

export interface MemoryFigures {
  totalKib: number;
  usedKib: number;
  freeKib: number;
  sharedKib: number;
  buffersKib: number;
  cacheKib: number;
  availableKib: number;
  swapTotalKib: number;
  swapUsedKib: number;
}

function unitsRss(config: SimConfig, host: string, services: Readonly<Record<string, ServiceState>>): number {
  let total = 0;
  for (const def of unitsOf(config, host)) {
    const s = Object.hasOwn(services, def.name) ? services[def.name] : undefined;
    if (!isRunning(s)) continue;
    total += def.rssKiB + (def.workers ? def.workers.rssKiB * s!.workers.length : 0);
  }
  return total;
}

/** The host's memory now. */
export function memoryOf(config: SimConfig, host: string, state: HostState | undefined, clock: number): MemoryFigures {
  const spec = hostSpec(config, host);
  const mem = spec?.system?.memory;
  const totalKib = memoryTotalKib(spec);
  const boot = bootClockOf(state, spec, clock);
  const atStart = unitsRss(config, host, servicesAtStart(config, host, boot));
  const now = unitsRss(config, host, state?.services ?? {});
  const usedAtStart = mem?.used !== undefined ? kibOf(mem.used) : Math.round(totalKib * 0.06) + atStart;
  const cache = Math.min(kibOf(mem?.buffCache, Math.round(totalKib * 0.3)), totalKib);
  const usedKib = Math.max(0, Math.min(totalKib - cache, usedAtStart - atStart + now));
  const sharedKib = kibOf(mem?.shared, Math.round(totalKib * 0.004));
  const freeKib = Math.max(0, totalKib - usedKib - cache);
  const buffersKib = Math.round(cache * 0.06);
  const reclaimable = Math.max(0, cache - sharedKib);
  const availableKib = Math.min(totalKib, freeKib + Math.round(reclaimable * 0.86));
  const swap = spec?.system?.swap;
  const swapTotalKib = kibOf(swap?.total, 0);
  return { totalKib, usedKib, freeKib, sharedKib, buffersKib, cacheKib: cache - buffersKib, availableKib, swapTotalKib, swapUsedKib: Math.min(swapTotalKib, kibOf(swap?.used, 0)) };
}
