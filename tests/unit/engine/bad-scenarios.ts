/**
 * The corpus of broken scenarios in tests/fixtures/scenarios-bad/: one defect per file, each a
 * change to tests/fixtures/scenarios/minimal.json. Shared by the loader's tests and the CLI's.
 */
/** Each broken fixture: the JSON path its first problem names, and words of the message. */
export const expectedProblems: Record<string, { path: string; message: RegExp }> = {
  'wrong-type.json': { path: '$.actions[0].minutes', message: /Expected number but received "one"/ },
  'unknown-host-in-pattern.json': { path: '$.actions[0].patterns[0]', message: /names a host "web-99" that is not in \$\.hosts/ },
  'unknown-fact-in-when.json': { path: '$.endings[0].when.appRestart', message: /names a fact "appRestart" that is not declared/ },
  'unknown-negated-fact.json': { path: '$.actions[1].requires["!appRestart"]', message: /names a fact "appRestart"/ },
  'unknown-fact-in-set.json': { path: '$.actions[1].effects[0].set.appRestart', message: /sets a fact "appRestart"/ },
  'bad-regex.json': { path: '$.actions[2].patterns[0]', message: /is not a valid regular expression/ },
  'duplicate-id.json': { path: '$.actions[1].id', message: /repeats the action id "ping-web"/ },
  'missing-field.json': { path: '$.title', message: /Expected "title" but received undefined/ },
  'not-json.json': { path: '$', message: /is not valid JSON/ },
  'newer-format.json': { path: '$.format', message: /is format 3, newer than this version of Outage Drill reads \(2\)/ },
  'format-1.json': { path: '$.format', message: /is format 1, whose outputs were canned text: .*set "format": 2/ },
  'output-on-a-shell-action.json': { path: '$.actions[0].output', message: /is only for chat actions: what a command prints comes from the world/ },
  'unknown-world-key.json': { path: '$.world.hosts["web-01"].ram', message: /received "ram"/ },
  'unknown-key.json': { path: '$.actions[0].colour', message: /received "colour"/ },
  'unknown-action-in-timeline.json': { path: '$.timeline.events[1].actions[0]', message: /names an action "restart-ap"/ },
  'bad-clock.json': { path: '$.clock.start', message: /must be a clock time like "08:40"/ },
  'unknown-rule.json': { path: '$.actions[1].breaks[0].rule', message: /names a rule "ask-frist"/ },
  'start-host-without-world.json': { path: '$.startHost', message: /must be a host the world describes/ },
  'wrong-kind.json': { path: '$.kind', message: /Expected "outage-drill\/scenario"/ },
};
