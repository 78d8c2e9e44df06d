import { loadSqlEngine } from './src/sim/mysql/sql-engine';
await loadSqlEngine();
import { readFileSync } from 'node:fs';
import { parseScenarioText } from './src/scenario/load';
import { inputFromLine, traceInputs } from './src/engine/replay';
const r = parseScenarioText(readFileSync('scenarios/mysql-wipe.json', 'utf8'));
if (!r.ok) { console.log(JSON.stringify(r.problems).slice(0, 3000)); process.exit(1); }
const lines = readFileSync(0, 'utf8').split('\n').filter(Boolean);
const { snapshot } = traceInputs(r.scenario, lines.map(inputFromLine));
for (const s of snapshot.context.steps) { console.log(`[${s.channel}] ${s.prompt} ${s.input}  {${s.actions}}`); for (const o of s.output.slice(0, 12)) console.log('   ', o); for (const n of s.notes ?? []) console.log('  NOTE', n); }
