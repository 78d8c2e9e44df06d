/**
 * What changes on its own as simulated time passes, host by host: each ticker is given the
 * draft and the clock interval (from, to]. Add one per subsystem that has timers.
 */
import type { Draft } from './draft';
import { tickMysql } from './mysql/tick';
import { tickCron } from './system/cron';

export type Ticker = (draft: Draft, from: number, to: number) => void;

export const tickers: readonly Ticker[] = [tickMysql, tickCron];
