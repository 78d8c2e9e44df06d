// @vitest-environment node
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { drillMachine } from '../../../src/engine/machine';
import { mermaidChart } from '../../../src/engine/chart';
import { timetableMachine } from '../../../src/engine/timetable';
import { unitMachine } from '../../../src/sim/machines/unit';
import { sqlThreadMachine } from '../../../src/sim/machines/sqlThread';
import { scheduledWritesMachine } from '../../../src/sim/machines/scheduledWrites';
import { mysqlWipe } from './support';

// A string path (the doc is read the same way under any environment).
const doc = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../docs/machines.md'), 'utf8');
const charts = [...doc.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);

/** Every unit's machine has the same chart (its guards read the unit's own facts): drawn from any one. */
const anyUnit = unitMachine({ name: 'nginx.service', kind: 'nginx', execReload: ['/usr/sbin/nginx -s reload'], exitedAtBoot: false, restart: 'on-failure' });

/** The machines docs/machines.md shows, in its order. */
const documented: [string, AnyStateMachine][] = [
  ['the drill session', drillMachine],
  ['a systemd unit', anyUnit],
  ["a replica's SQL thread", sqlThreadMachine],
  ["a source's scheduled writes", scheduledWritesMachine],
  ["mysql-wipe's timetable", timetableMachine(mysqlWipe)],
];

describe('docs/machines.md', () => {
  it('shows every machine as it is defined (regenerate a chart with mermaidChart(machine) when this fails)', () => {
    expect(charts).toHaveLength(documented.length);
    documented.forEach(([name, machine], i) => expect(charts[i], name).toBe(mermaidChart(machine)));
  });

  it('draws every state of the drill machine and each event it takes', () => {
    const chart = mermaidChart(drillMachine);
    for (const state of Object.keys(drillMachine.root.states)) expect(chart).toContain(state);
    for (const event of ['session.start', 'terminal.submit', 'chat.send', 'hint.request', 'session.pause', 'session.resume', 'debrief.open']) expect(chart).toContain(event);
    expect(chart).toMatch(/investigating --> failed: always \[isFailed\]/);
  });

  it('draws nested states inside their parent, and each region of a parallel machine apart', () => {
    const unit = mermaidChart(anyUnit);
    expect(unit).toMatch(/state active \{\n\s+running\n\s+exited\n\s+reloading\n\s+\[\*\] --> running\n\s+\}/);
    expect(unit).toContain('running --> deactivating: unit.restart');
    expect(unit).toContain('activating --> failed: always [configBroken]');
    const timetable = mermaidChart(timetableMachine(mysqlWipe));
    expect(timetable.match(/^\s+--$/gm)).toHaveLength(mysqlWipe.events.length - 1);
    for (const event of mysqlWipe.events) expect(timetable).toContain(`state "${event.id}" as`);
    expect(timetable).toContain('clock.advance [isDue]');
  });
});
