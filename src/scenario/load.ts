import * as v from 'valibot';
import { PSEUDO_FACTS, ScenarioSchema, SCENARIO_FORMAT, type Condition, type Scenario } from './schema';

/** One thing wrong with a scenario file: where (a JSON path such as `$.actions[3].minutes`) and what. */
export interface ScenarioProblem {
  path: string;
  message: string;
}

/** Largest scenario file read, in bytes (the bundled one is under 100 kB). */
export const MAX_SCENARIO_BYTES = 5_000_000;

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

/** `path` followed by one key: `.name` when the key is an identifier, `["!name"]` otherwise. */
function member(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function jsonPath(keys: readonly (string | number)[]): string {
  return keys.reduce<string>(member, '$');
}

/**
 * Validates unknown JSON as a scenario: first what is refused outright (a run file, keys that
 * reach a prototype), then its shape, then its cross-references (hosts, actions, rules and facts
 * named elsewhere must exist; patterns must compile). Never throws. The engine compiles the
 * regular expressions as it runs them: see src/engine/scenarioRegexes.ts.
 */
export function parseScenario(data: unknown): ScenarioResult {
  const refused = refusedBeforeShape(data);
  if (refused.length) return { ok: false, problems: refused };
  const format = typeof data === 'object' && data !== null && Object.hasOwn(data, 'format') ? (data as { format: unknown }).format : undefined;
  if (typeof format === 'number' && format > SCENARIO_FORMAT) {
    return { ok: false, problems: [{ path: '$.format', message: `is format ${format}, newer than this version of Outage Drill reads (${SCENARIO_FORMAT})` }] };
  }
  if (format === 1) {
    return {
      ok: false,
      problems: [
        {
          path: '$.format',
          message:
            'is format 1, whose outputs were canned text: this version plays format 2, where a simulated world answers every command. Describe the hosts in a `world` section, drop the actions\' outputs, and set "format": 2 (docs/scenario-format.md says how; scenarios/mysql-wipe.json is a worked example)',
        },
      ],
    };
  }
  const parsed = v.safeParse(ScenarioSchema, data);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.issues.map((issue) => ({
        path: jsonPath((issue.path ?? []).map((item) => item.key as string | number)),
        message: issue.message,
      })),
    };
  }
  const problems = crossCheck(parsed.output);
  return problems.length ? { ok: false, problems } : { ok: true, scenario: parsed.output };
}

/** Formats problems as the lines an author reads: `file: $.path: message`. */
export function describeProblems(file: string, problems: readonly ScenarioProblem[]): string {
  return problems.map((p) => `${file}: ${p.path}: ${p.message}`).join('\n');
}

/** Parses a scenario from text (a file's contents, a UTF-8 byte-order mark allowed), reporting bad JSON the same way. */
export function parseScenarioText(text: string): ScenarioResult {
  if (text.length > MAX_SCENARIO_BYTES) return { ok: false, problems: [{ path: '$', message: `is larger than a scenario may be (${MAX_SCENARIO_BYTES / 1_000_000} MB)` }] };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, problems: [{ path: '$', message: `is not valid JSON (${(error as Error).message})` }] };
  }
  return parseScenario(data);
}

function crossCheck(s: Scenario): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  const hostIds = new Set(s.hosts.map((h) => h.id));
  const actionIds = new Set<string>();
  const ruleIds = new Set(s.rules.map((r) => r.id));
  const facts = new Set(Object.keys(s.facts));

  const checkCondition = (path: string, when: Condition | undefined) => {
    for (const key of Object.keys(when ?? {})) {
      const name = key.replace(/^!/, '');
      if (!facts.has(name) && !PSEUDO_FACTS.has(name) && !name.startsWith("$")) problem(member(path, key), `names a fact "${name}" that is not declared in $.facts`);
    }
  };
  const checkSet = (path: string, set: Record<string, unknown>) => {
    for (const key of Object.keys(set)) {
      if (!facts.has(key)) problem(member(path, key), `sets a fact "${key}" that is not declared in $.facts`);
      else if (Object.hasOwn(s.observe ?? {}, key)) problem(member(path, key), `sets "${key}", which is read off the world ($.observe): the next step would overwrite it`);
    }
  };
  const checkOutput = (path: string, output: unknown) => {
    if (Array.isArray(output)) output.forEach((o, i) => typeof o === 'object' && o && checkCondition(`${path}[${i}].when`, (o as { when?: Condition }).when));
  };
  const seen = new Set<string>();
  s.hosts.forEach((h, i) => {
    if (seen.has(h.id)) problem(`$.hosts[${i}].id`, `repeats the host id "${h.id}"`);
    seen.add(h.id);
  });
  if (!hostIds.has(s.startHost)) problem('$.startHost', `names a host "${s.startHost}" that is not in $.hosts`);
  else if (!Object.hasOwn(s.world.hosts, s.startHost)) problem('$.startHost', 'must be a host the world describes (in $.world.hosts): the trainee starts in its shell');
  for (const id of Object.keys(s.world.hosts)) if (!hostIds.has(id)) problem(member('$.world.hosts', id), `is not a host of $.hosts`);
  s.hosts.forEach((h, i) => {
    if (!h.external && !Object.hasOwn(s.world.hosts, h.id)) problem(`$.hosts[${i}]`, `is neither external nor described in $.world.hosts`);
  });
  for (const [name, o] of Object.entries(s.observe ?? {})) {
    const at = member('$.observe', name);
    if (!facts.has(name)) problem(at, `observes a fact "${name}" that is not declared in $.facts (declare it with its value at the start)`);
    const host = 'rows' in o ? o.rows.host : 'replication' in o ? o.replication.host : 'missing' in o ? o.missing.host : undefined;
    if (host !== undefined && !s.world.hosts[host]?.mysql) problem(at, `reads the MySQL server of "${host}", which has none in $.world.hosts`);
    const listed = 'file' in o ? { key: 'file', hosts: o.file.hosts } : 'signedIn' in o ? { key: 'signedIn', hosts: o.signedIn.hosts } : null;
    listed?.hosts?.forEach((h, j) => Object.hasOwn(s.world.hosts, h) || problem(`${at}.${listed.key}.hosts[${j}]`, `names a host "${h}" that is not in $.world.hosts`));
  }

  s.actions.forEach((a, i) => {
    const at = `$.actions[${i}]`;
    if (actionIds.has(a.id)) problem(`${at}.id`, `repeats the action id "${a.id}"`);
    actionIds.add(a.id);
    a.hosts?.forEach((h, j) => hostIds.has(h) || problem(`${at}.hosts[${j}]`, `names a host "${h}" that is not in $.hosts`));
    const hasKeywords = a.keywords !== undefined && Object.keys(a.keywords).length > 0;
    if (a.keywords !== undefined && a.channel !== 'chat') problem(`${at}.keywords`, 'is only for chat actions: commands are recognised by their patterns');
    if (a.patterns.length === 0 && !(a.channel === 'chat' && hasKeywords)) problem(`${at}.patterns`, a.channel === 'chat' ? 'needs at least one pattern, or keywords' : 'needs at least one pattern');
    a.offerWhen?.forEach((c, j) => checkCondition(`${at}.offerWhen[${j}]`, c));
    if (a.offerWhen !== undefined && a.channel === 'chat') problem(`${at}.offerWhen`, 'is for the actions menu, which offers commands, not chat messages');
    a.patterns.forEach((p, j) => {
      if (a.channel === 'shell') {
        for (const token of p.split(/\s+/)) {
          for (const alt of token.split('|')) {
            if (alt.startsWith('@') && alt !== '@*' && !hostIds.has(alt.slice(1))) problem(`${at}.patterns[${j}]`, `names a host "${alt.slice(1)}" that is not in $.hosts`);
            if (alt.startsWith('$') && !Object.hasOwn(s.targets, alt.slice(1))) problem(`${at}.patterns[${j}]`, `names a target "${alt.slice(1)}" that is not in $.targets`);
          }
        }
      } else {
        // A first syntax check that needs no lazy chunk (this runs before the app's first screen);
        // RE2, which the engine matches with, is checked by src/engine/scenarioRegexes.ts (drill check, the tests).
        try {
          new RegExp(p, 'i');
        } catch (error) {
          problem(`${at}.patterns[${j}]`, `is not a valid regular expression (${(error as Error).message})`);
        }
      }
    });
    checkCondition(`${at}.requires`, a.requires);
    checkOutput(`${at}.output`, a.output);
    if (a.channel === 'chat' && a.output === undefined) problem(`${at}.output`, 'is the colleague\'s reply: a chat action needs one');
    if (a.channel !== 'chat' && a.output !== undefined) problem(`${at}.output`, 'is only for chat actions: what a command prints comes from the world');
    a.effects?.forEach((e, j) => {
      checkCondition(`${at}.effects[${j}].when`, e.when);
      checkSet(`${at}.effects[${j}].set`, e.set);
    });
    a.breaks?.forEach((b, j) => {
      if (!ruleIds.has(b.rule)) problem(`${at}.breaks[${j}].rule`, `names a rule "${b.rule}" that is not in $.rules`);
      checkCondition(`${at}.breaks[${j}].when`, b.when);
    });
  });
  if (!s.actions.some((a) => a.channel === 'chat')) problem('$.actions', 'needs at least one chat action (messages to the colleague)');
  const hintIds = new Set<string>();
  s.hints?.forEach((h, i) => {
    if (hintIds.has(h.id)) problem(`$.hints[${i}].id`, `repeats the hint id "${h.id}"`);
    hintIds.add(h.id);
    checkCondition(`$.hints[${i}].when`, h.when);
  });
  s.events.forEach((e, i) => {
    checkCondition(`$.events[${i}].when`, e.when);
    checkSet(`$.events[${i}].set`, e.set ?? {});
  });
  s.endings.forEach((e, i) => checkCondition(`$.endings[${i}].when`, e.when));
  problems.push(...injectProblems(s, actionIds, checkCondition, checkSet));
  s.timeline.events.forEach((e, i) =>
    e.actions.forEach((id, j) => actionIds.has(id) || problem(`$.timeline.events[${i}].actions[${j}]`, `names an action "${id}" that is not in $.actions`)),
  );
  const measureIds = new Set<string>();
  s.postmortem?.measures.forEach((m, i) => {
    if (measureIds.has(m.id)) problem(`$.postmortem.measures[${i}].id`, `repeats the measure id "${m.id}"`);
    measureIds.add(m.id);
    if (Object.keys(m.keywords).length === 0) problem(`$.postmortem.measures[${i}].keywords`, 'needs at least one word or phrase: a trainee\'s postmortem is matched against them');
  });
  return problems;
}

/**
 * The facilitator's injects and prompts: ids once each, conditions and sets on declared facts
 * (never an observed one: the world would overwrite it at the next step), a window that opens
 * before it closes, responses naming real actions, and an inject that changes something.
 */
function injectProblems(
  s: Scenario,
  actionIds: ReadonlySet<string>,
  checkCondition: (path: string, when: Condition | undefined) => void,
  checkSet: (path: string, set: Record<string, unknown>) => void,
): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  const ids = new Set<string>();
  s.injects?.forEach((inject, i) => {
    const at = `$.injects[${i}]`;
    if (ids.has(inject.id)) problem(`${at}.id`, `repeats the inject id "${inject.id}"`);
    ids.add(inject.id);
    checkCondition(`${at}.availableWhen`, inject.availableWhen);
    if (inject.set) checkSet(`${at}.set`, inject.set);
    if (inject.notBefore !== undefined && inject.notAfter !== undefined && parseClockText(inject.notBefore) > parseClockText(inject.notAfter)) {
      problem(`${at}.notBefore`, `is after notAfter (${inject.notBefore} > ${inject.notAfter}): the inject could never be fired`);
    }
    if (!inject.chat && !inject.notice && !inject.set && !inject.unavailable) problem(at, 'changes nothing: give it a chat message, a notice, facts to set or an absence of the colleague');
    const response = inject.response;
    if (response) {
      response.actions?.forEach((id, j) => actionIds.has(id) || problem(`${at}.response.actions[${j}]`, `names an action "${id}" that is not in $.actions`));
      response.doneWhen?.forEach((when, j) => checkCondition(`${at}.response.doneWhen[${j}]`, when));
      if (!response.actions?.length && !response.doneWhen?.length) problem(`${at}.response`, 'needs actions or doneWhen: what counts as responding');
    }
  });
  const promptIds = new Set<string>();
  s.prompts?.forEach((p, i) => {
    if (promptIds.has(p.id)) problem(`$.prompts[${i}].id`, `repeats the prompt id "${p.id}"`);
    promptIds.add(p.id);
  });
  return problems;
}

/** `"08:40"` or `"08:40:30"` to seconds (the schema has checked the shape). */
function parseClockText(text: string): number {
  const [h = 0, m = 0, sec = 0] = text.split(':').map(Number);
  return h * 3600 + m * 60 + sec;
}

/** Keys that reach an object's prototype in JavaScript. The validator drops them silently, so they are refused here, by name. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What is refused before the shape is looked at: a run file (a common mix-up), and any key that
 * reaches an object's prototype (a fact, target or program named `constructor` would otherwise
 * vanish, and lookups by that name would find JavaScript's own). Walks without recursion.
 */
function refusedBeforeShape(data: unknown): ScenarioProblem[] {
  // A run file (it has no actions); a scenario with only its kind wrong is reported by the schema.
  const record = typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {};
  if (Object.hasOwn(record, 'kind') && (record as { kind: unknown }).kind === 'outage-drill/run' && !Object.hasOwn(record, 'actions')) {
    return [{ path: '$.kind', message: 'is "outage-drill/run": this is a run, not a scenario (to score a run: npm run drill -- score FILE)' }];
  }
  const problems: ScenarioProblem[] = [];
  const stack: [unknown, string][] = [[data, '$']];
  while (stack.length > 0 && problems.length < 20) {
    const [value, path] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i -= 1) stack.push([value[i], `${path}[${i}]`]);
      continue;
    }
    const children: [unknown, string][] = [];
    for (const [key, child] of Object.entries(value)) {
      if (PROTOTYPE_KEYS.has(key)) problems.push({ path: member(path, key), message: `is a name no scenario may use ("${key}" is JavaScript's own): rename it` });
      else children.push([child, member(path, key)]);
    }
    stack.push(...children.reverse());
  }
  return problems;
}
