/**
 * What changes on its own as simulated time passes, host by host: each ticker is given the
 * draft and the clock interval (from, to]. Add one per subsystem that has timers.
 */
import type { Draft } from './draft';
import { tickMysql } from './mysql/tick';
import { tickCron } from './system/cron';

export type Ticker = (draft: Draft, from: number, to: number) => void;

export const tickers: readonly Ticker[] = [tickMysql, tickCron];

/** Lives through the time up to `clock` on the draft: every ticker over (draft.clock, clock], then the clock moves. */
export function passTime(draft: Draft, clock: number): void {
  if (clock <= draft.clock) return;
  for (const tick of tickers) tick(draft, draft.clock, clock);
  draft.clock = clock;
}
