// @vitest-environment node
/**
 * Fuzzing the importer. Whatever text or data comes in (random strings, random JSON, anything
 * JavaScript can stringify, valid runs with fields dropped, types swapped and hostile keys
 * added), decoding never throws, never touches Object.prototype, and refuses with a typed
 * problem in words; and every valid run survives export → import unchanged.
 *
 * The generated inputs add up to GENERATED (at least 10,000, as the issue asks).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeRunData, decodeRunText, type DecodeResult } from '../../../src/runs/decode';
import { encodeRun } from '../../../src/runs/format';
import { mysqlWipe, scenarios, validRun } from './support';
import { message } from './worded';

// A run that decodes is replayed on the simulated world (sql.js MySQL included), which costs
// far more than parsing: the counts that reach a replay are sized for a loaded 2-core machine.
const RUNS = {
  strings: 5_000,
  json: 3_000,
  anything: 1_500,
  data: 300,
  mutated: 150,
  damagedText: 150,
  roundTrip: 40,
};
const GENERATED = Object.values(RUNS).reduce((sum, n) => sum + n, 0);
const TIMEOUT = 60_000;
/** A damaged run that still decodes is replayed: up to 1 s a case leaves room for a 2-core machine running other suites beside this one. */
const REPLAYED_TIMEOUT = Math.max(RUNS.mutated, RUNS.damagedText) * 1_000;

const SENTINEL = 'fuzzPolluted';
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

/** Decodes, and checks what must hold for any input at all. */
function decodeChecked(text: string): DecodeResult {
  const result = decodeRunText(text, scenarios);
  expectSound(result);
  return result;
}

function expectSound(result: DecodeResult) {
  if (result.ok) {
    expect(result.run.kind).toBe('outage-drill/run');
  } else {
    expect(result.problem.code).toMatch(/^[a-z-]+$/);
    expect(message(result)).toMatch(/^[A-Z].*\.$/s);
  }
  expect(({} as Record<string, unknown>)[SENTINEL]).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
}

afterAll(() => {
  expect(GENERATED).toBeGreaterThanOrEqual(10_000);
});

describe('decoding anything', { timeout: TIMEOUT }, () => {
  it('never throws on arbitrary strings', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', '\\', ':', ',', ' ', '1', 'a', '\uFEFF'), maxLength: 200 }),
      fc.json().chain((j) => fc.nat(j.length).map((cut) => j.slice(0, cut))),
    );
    fc.assert(fc.property(text, (t) => void decodeChecked(t)), { numRuns: RUNS.strings });
  });

  it('never throws on any JSON text', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 6 }), (t) => void decodeChecked(t)), { numRuns: RUNS.json });
  });

  it('never throws on anything JavaScript can stringify', () => {
    const anything = fc.anything({ maxDepth: 4, withBoxedValues: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withObjectString: true });
    fc.assert(
      fc.property(anything, (value) => {
        let text: string;
        try {
          text = JSON.stringify(value) ?? String(value);
        } catch {
          text = String(value);
        }
        decodeChecked(text);
      }),
      { numRuns: RUNS.anything },
    );
  });

  it('never throws on data handed over already parsed (as local storage does)', () => {
    const data = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.anything({ maxDepth: 3, withNullPrototype: true }), validRun.map((r) => ({ ...r, format: 1 })));
    fc.assert(fc.property(data, (d) => expectSound(decodeRunData(d, scenarios))), { numRuns: RUNS.data });
  });
});

/** Where a value sits in a JSON tree. */
type Path = (string | number)[];

function pathsOf(value: unknown, path: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [path];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return [path, ...entries.flatMap(([k, v]) => pathsOf(v, [...path, k]))];
}

function at(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

/** Sets an own property, even one named `__proto__` (plain assignment would set the prototype instead). */
function defineOwn(target: object, key: string | number, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

type Mutation = { kind: 'drop' | 'swap'; pick: number; value: unknown } | { kind: 'add'; pick: number; key: string; value: unknown };

const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype');
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat(), value: fc.constant(null) }),
  fc.record({ kind: fc.constant('swap' as const), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    kind: fc.constant('add' as const),
    pick: fc.nat(),
    key: fc.oneof(hostileKey, fc.constantFrom('extra', 'score', 'outcome', 'toString', 'hasOwnProperty', 'kind', 'format', 'inputs'), fc.string({ maxLength: 8 })),
    value: fc.oneof(fc.constant({ [SENTINEL]: true }), fc.constant({ prototype: { [SENTINEL]: true } }), fc.jsonValue({ maxDepth: 2 })),
  }),
);

/** A fresh copy of JSON data (JSON.parse keeps a `__proto__` key as an own property). */
const copy = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/** Applies mutations to a copy of the run's JSON data. */
function mutate(data: unknown, mutations: readonly Mutation[]): unknown {
  let root = copy(data);
  for (const original of mutations) {
    const m = { ...original, value: copy(original.value) };
    const paths = pathsOf(root);
    const path = paths[m.pick % paths.length]!;
    if (m.kind === 'add') {
      const objects = paths.filter((p) => {
        const node = at(root, p);
        return typeof node === 'object' && node !== null && !Array.isArray(node);
      });
      if (objects.length === 0) continue;
      defineOwn(at(root, objects[m.pick % objects.length]!) as object, m.key, m.value);
    } else if (path.length === 0) {
      root = m.kind === 'swap' ? m.value : undefined;
    } else {
      const parent = at(root, path.slice(0, -1)) as Record<string | number, unknown> & unknown[];
      const key = path[path.length - 1]!;
      if (m.kind === 'swap') defineOwn(parent, key, m.value);
      else if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    }
  }
  return root;
}

/** A key able to reach a prototype, as a real key (inside a JSON string every quote is escaped, so this never matches text). */
const FORBIDDEN_KEY = /[{,]"(__proto__|constructor|prototype)":/;

describe('decoding damaged runs', { timeout: REPLAYED_TIMEOUT }, () => {
  it('refuses or accepts mutated runs without throwing, and refuses every hostile key', () => {
    fc.assert(
      fc.property(validRun, fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (run, mutations, pretty) => {
        const data = mutate(run, mutations);
        const compact = JSON.stringify(data) ?? '';
        const result = decodeChecked(pretty ? JSON.stringify(data, null, 2) ?? '' : compact);
        if (FORBIDDEN_KEY.test(compact)) expect(result.ok).toBe(false);
        // Whatever is accepted is a valid run: written out again, it reads back the same.
        if (result.ok) expect(decodeRunText(encodeRun(result.run), scenarios)).toEqual({ ok: true, run: result.run, scenario: mysqlWipe });
      }),
      { numRuns: RUNS.mutated },
    );
  });

  it('never throws on run files cut short, spliced or sprinkled with characters', () => {
    const damage = fc.oneof(
      fc.nat().map((n) => (t: string) => t.slice(0, n % t.length)),
      fc.tuple(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 4 })).map(([n, s]) => (t: string) => t.slice(0, n % t.length) + s + t.slice(n % t.length)),
      fc.tuple(fc.nat(), fc.nat({ max: 20 })).map(([n, len]) => (t: string) => t.slice(0, n % t.length) + t.slice((n % t.length) + len)),
    );
    fc.assert(
      fc.property(validRun, fc.array(damage, { minLength: 1, maxLength: 3 }), (run, damages) => {
        void decodeChecked(damages.reduce((text, d) => d(text), encodeRun(run)));
      }),
      { numRuns: RUNS.damagedText },
    );
  });
});

describe('valid runs', { timeout: TIMEOUT }, () => {
  it('round-trip: export → import gives the same run', () => {
    fc.assert(
      fc.property(validRun, (run) => {
        expect(decodeChecked(encodeRun(run))).toEqual({ ok: true, run, scenario: mysqlWipe });
      }),
      { numRuns: RUNS.roundTrip },
    );
  });
});
