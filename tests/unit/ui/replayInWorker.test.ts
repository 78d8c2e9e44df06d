/**
 * The app's replay runner, with a stand-in for the Web Worker (jsdom has none; the real one runs
 * in the browser journeys, tests/e2e/hostile.spec.ts): the worker is given the job, its budget
 * counts from when it says it started, and it is stopped past the budget, on cancel, or once it
 * has answered.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportJob, ReplayAnswer } from '../../../src/store/drill';
import { createWorkerReplay, REPLAY_BUDGET_MS } from '../../../src/ui/replayInWorker';
import type { ReplayMessage, ReplayRequest } from '../../../src/ui/replayWorker';
import { mysqlWipe, runOfLines } from '../runs/support';

/** A worker that does what the test tells it to. */
class StandInWorker {
  onmessage: ((event: MessageEvent<ReplayMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  received: ReplayRequest[] = [];
  terminated = false;
  postMessage(request: ReplayRequest) {
    this.received.push(request);
  }
  terminate() {
    this.terminated = true;
  }
  says(message: ReplayMessage) {
    this.onmessage?.({ data: message } as MessageEvent<ReplayMessage>);
  }
}

const job: ImportJob = { source: 'link', hash: '#run=abc' };
const opened: ReplayAnswer = { kind: 'opened', run: runOfLines(['ssh db-master']) };

let worker: StandInWorker;
const runner = (budgetMs?: number) => createWorkerReplay({ spawn: () => worker as unknown as Worker, ...(budgetMs !== undefined ? { budgetMs } : {}) });

beforeEach(() => {
  vi.useFakeTimers();
  worker = new StandInWorker();
});
afterEach(() => vi.useRealTimers());

describe('replay in a worker', () => {
  it('gives the worker the job and the shipped scenarios, and answers with what it posts; then stops it', async () => {
    const answer = runner()(job, [mysqlWipe], new AbortController().signal);
    expect(worker.received).toEqual([{ job, scenarios: [mysqlWipe] }]);
    worker.says({ kind: 'started' });
    worker.says({ kind: 'answered', answer: opened });
    expect(await answer).toEqual(opened);
    expect(worker.terminated).toBe(true);
  });

  it(`past the budget (${REPLAY_BUDGET_MS} ms of worker time, counted from its start), stops the worker: too slow`, async () => {
    let settled: ReplayAnswer | null = null;
    void runner()(job, [mysqlWipe], new AbortController().signal).then((a) => (settled = a));
    await vi.advanceTimersByTimeAsync(10_000); // loading its chunk is not counted
    expect(settled).toBeNull();
    worker.says({ kind: 'started' });
    await vi.advanceTimersByTimeAsync(REPLAY_BUDGET_MS - 1);
    expect(settled).toBeNull();
    expect(worker.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toEqual({ kind: 'too-slow' });
    expect(worker.terminated).toBe(true);
    worker.says({ kind: 'answered', answer: opened }); // too late: already answered
    expect(settled).toEqual({ kind: 'too-slow' });
  });

  it('a cancel stops the worker at once', async () => {
    const cancel = new AbortController();
    const answer = runner()(job, [mysqlWipe], cancel.signal);
    worker.says({ kind: 'started' });
    cancel.abort();
    expect(await answer).toEqual({ kind: 'cancelled' });
    expect(worker.terminated).toBe(true);
    const before = new AbortController();
    before.abort();
    worker = new StandInWorker();
    expect(await runner()(job, [mysqlWipe], before.signal)).toEqual({ kind: 'cancelled' });
    expect(worker.received).toEqual([]);
  });

  it('a worker that fails, never starts, or cannot be made: a failure in words, never a throw', async () => {
    const failing = runner()(job, [mysqlWipe], new AbortController().signal);
    worker.onerror?.({ message: 'Uncaught RangeError: Invalid string length', preventDefault: () => {} } as ErrorEvent);
    expect(await failing).toEqual({ kind: 'failed', detail: 'the replay worker failed (Uncaught RangeError: Invalid string length)' });
    worker = new StandInWorker();
    const silent = runner()(job, [mysqlWipe], new AbortController().signal);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await silent).toEqual({ kind: 'failed', detail: 'the replay worker did not start' });
    const none = createWorkerReplay({
      spawn: () => {
        throw new ReferenceError('Worker is not defined');
      },
    });
    expect(await none(job, [mysqlWipe], new AbortController().signal)).toEqual({ kind: 'failed', detail: 'the replay worker could not start (ReferenceError)' });
  });
});
