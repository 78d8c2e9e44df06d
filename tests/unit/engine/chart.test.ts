import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { drillMachine } from '../../../src/engine/machine';
import { mermaidChart } from '../../../src/engine/chart';

// A string path: under jsdom, import.meta.url's URL is not Node's.
const doc = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../docs/machines.md'), 'utf8');
const charts = [...doc.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('docs/machines.md', () => {
  it('shows the drill machine as it is defined (regenerate the chart with mermaidChart(drillMachine) when this fails)', () => {
    expect(charts[0]).toBe(mermaidChart(drillMachine));
  });

  it('draws every state of the machine and each event it takes', () => {
    const chart = mermaidChart(drillMachine);
    for (const state of Object.keys(drillMachine.root.states)) expect(chart).toContain(state);
    for (const event of ['session.start', 'terminal.submit', 'chat.send', 'hint.request', 'session.pause', 'session.resume', 'debrief.open']) expect(chart).toContain(event);
    expect(chart).toMatch(/investigating --> failed: always \[isFailed\]/);
  });
});
