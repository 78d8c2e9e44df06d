/**
 * How runs sit in the browser's storage (storage version 2): one key per run, so two tabs
 * never write over each other's runs, and a record that cannot be used is simply never
 * written again: it stays where it is, byte for byte.
 *
 *   outage-drill:run:<id>   {"version": 2, "run": <a run file>, "migratedFrom"?: {"scenarioVersion": n}}
 *   outage-drill:current    the id of the run in progress (also kept per tab in sessionStorage)
 *
 * Read but no longer written: `outage-drill` (version 1: every run in one record) and
 * `outage-drill:set-aside:N` (what version 1 set aside). Their runs move to their own keys.
 */
import type { UnusableReason } from './notices';

export const STORAGE_VERSION = 2;
export const LEGACY_KEY = 'outage-drill';
export const RUN_KEY_PREFIX = 'outage-drill:run:';
export const CURRENT_KEY = 'outage-drill:current';
export const SET_ASIDE_PREFIX = 'outage-drill:set-aside:';

export const runKey = (id: string): string => `${RUN_KEY_PREFIX}${id}`;

/** What a key holds, by its name: a run record, or a version-1 record read for its runs. */
export type KeyRole = 'run' | 'bundle' | 'set-aside' | 'pointer' | 'other';

export function roleOf(key: string): KeyRole {
  if (key.startsWith(RUN_KEY_PREFIX)) return 'run';
  if (key === LEGACY_KEY) return 'bundle';
  if (key.startsWith(SET_ASIDE_PREFIX)) return 'set-aside';
  if (key === CURRENT_KEY) return 'pointer';
  return 'other';
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type Parsed = { ok: true; data: unknown } | { ok: false; reason: UnusableReason };

/** JSON.parse that drops keys able to reach a prototype; very deep nesting is a reason, not a crash. */
export function parseStored(raw: string): Parsed {
  try {
    return { ok: true, data: JSON.parse(raw, (key, value: unknown) => (FORBIDDEN_KEYS.has(key) ? undefined : value)) };
  } catch (error) {
    return { ok: false, reason: { code: error instanceof RangeError ? 'too-deep' : 'not-json' } };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A run record as read: the run's data (not yet decoded) and the scenario version it was first made on, if it was migrated. */
export type RunRecord = { ok: true; data: unknown; migratedFrom?: number } | { ok: false; reason: UnusableReason };

export function readRunRecord(raw: string): RunRecord {
  const parsed = parseStored(raw);
  if (!parsed.ok) return parsed;
  const record = parsed.data;
  if (!isObject(record) || typeof record.version !== 'number' || !Number.isInteger(record.version) || !('run' in record)) {
    return { ok: false, reason: { code: 'not-ours' } };
  }
  if (record.version > STORAGE_VERSION) return { ok: false, reason: { code: 'newer-storage', version: record.version } };
  const from = isObject(record.migratedFrom) ? record.migratedFrom.scenarioVersion : undefined;
  return typeof from === 'number' && Number.isInteger(from) && from >= 1 ? { ok: true, data: record.run, migratedFrom: from } : { ok: true, data: record.run };
}

/** The text of a run record. */
export function writeRunRecord(run: unknown, migratedFrom?: number): string {
  return JSON.stringify(migratedFrom === undefined ? { version: STORAGE_VERSION, run } : { version: STORAGE_VERSION, run, migratedFrom: { scenarioVersion: migratedFrom } });
}

/**
 * A version-1 record: `{ state: { current, past: [...] }, version: 1 }`. Runs leave it one
 * at a time (see `withoutEntries`); what is left in it is kept as it was.
 */
export interface Bundle {
  /** The whole record, so that rewriting it keeps every field it had. */
  record: Record<string, unknown>;
  /** Each run in it, `past` first, then the run in progress: the parsed values themselves (entries are told apart by identity). */
  entries: unknown[];
}

export type BundleRead = { ok: true; bundle: Bundle } | { ok: false; reason: UnusableReason };

export function readBundle(data: unknown): BundleRead {
  if (!isObject(data) || !isObject(data.state) || typeof data.version !== 'number') return { ok: false, reason: { code: 'not-ours' } };
  if (data.version > 1) return { ok: false, reason: { code: 'newer-storage', version: data.version } };
  const { state } = data;
  if (!Array.isArray(state.past)) return { ok: false, reason: { code: 'not-ours' } };
  const entries: unknown[] = [...(state.past as unknown[])];
  if (state.current !== null && state.current !== undefined) entries.push(state.current);
  return { ok: true, bundle: { record: data, entries } };
}

/**
 * The bundle with some entries taken out, and its text (null when no entry is left: the key
 * can go). Throws a RangeError when what is left cannot be written as JSON (nested too deep).
 */
export function withoutEntries(bundle: Bundle, gone: ReadonlySet<unknown>): { text: string | null; bundle: Bundle } {
  const state = bundle.record.state as Record<string, unknown>;
  const past = (state.past as unknown[]).filter((entry) => !gone.has(entry));
  const current = state.current !== undefined && gone.has(state.current) ? null : (state.current ?? null);
  const record = { ...bundle.record, state: { ...state, past, current } };
  const entries = bundle.entries.filter((entry) => !gone.has(entry));
  return { text: entries.length === 0 ? null : JSON.stringify(record), bundle: { record, entries } };
}

/** The id a run's data claims, if any (used before it is decoded, to match duplicates). */
export function claimedId(data: unknown): string | undefined {
  return isObject(data) && typeof data.id === 'string' ? data.id : undefined;
}

/** Why a write was refused: the quota, or anything else (storage disabled, a security policy). */
export function writeFailure(error: unknown): 'full' | 'refused' {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const code = typeof (error as { code?: unknown })?.code === 'number' ? (error as { code: number }).code : 0;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014 ? 'full' : 'refused';
}
