/**
 * The scenario file format (see docs/scenario-format.md). A scenario is pure data: the world
 * (every host's files, services, network and databases, which src/sim runs), the steps that
 * matter with their costs, the facts read off the world, the real timeline, the rules a careful
 * responder follows, and the debrief text. What a command prints is never written here: the
 * simulated world answers it.
 *
 * This module only describes shapes. `load.ts` turns unknown JSON into a `Scenario` or a
 * list of errors, each with a JSON path.
 */
import * as v from 'valibot';
import { WorldSpecSchema } from './world';

/** The format version this build reads. Bump it and add a migration when the shape changes. */
export const SCENARIO_FORMAT = 2;

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'));
const Clock = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'must be a clock time like "08:40"'));
const Text = v.union([v.string(), v.array(v.string())]);
const FactValue = v.union([v.string(), v.number(), v.boolean()]);
const Minutes = v.pipe(v.number(), v.minValue(0, 'cannot be negative'), v.maxValue(24 * 60, 'is more than a day'));

/**
 * Conditions: every key must hold. `fact: value` (equal), `fact: [a, b]` (any of), `"!fact": value`
 * (not equal). Besides declared facts: `host` (where the command ran), `mode` (`shell` or
 * `mysql`), `mysqlHost` and `db` (the MySQL server and database a statement ran on), and `$group`
 * for a named group of the regular expression that matched (lower-cased).
 */
/** The names conditions may use besides declared facts and `$group`s. */
export const PSEUDO_FACTS: ReadonlySet<string> = new Set(['host', 'mode', 'mysqlHost', 'db']);

const Condition = v.record(v.string(), v.union([FactValue, v.array(FactValue)]));

const Variant = v.strictObject({
  when: v.optional(Condition),
  text: Text,
});
/** A colleague's reply: plain text, or variants tried in order (the first whose `when` holds is said). */
const Output = v.union([Text, v.array(Variant)]);

const Host = v.strictObject({
  id: Id,
  name: v.string(),
  /** Other ways a trainee may name this host: hostnames, IP addresses, FQDNs. */
  names: v.array(v.string()),
  role: v.string(),
  /** True for hosts outside the company (Google's DNS, Facebook): reached over the internet, no shell. Every other host has an entry in `world.hosts`. */
  external: v.optional(v.boolean()),
});

const Program = v.strictObject({
  /** Options that take a value (`-h db-master`, `-hdb-master`, `--host=db-master`). */
  valueOptions: v.optional(v.array(v.string())),
  /** Long or alternative spellings mapped to one canonical option: `{"--head": "-I"}`. */
  optionAliases: v.optional(v.record(v.string(), v.string())),
  /** The option naming the MySQL/remote host; absent or `localhost` means the current host. */
  hostOption: v.optional(v.string()),
  /** Minutes a step that runs this program costs when no action names it (default `costs.unknown`); a pipeline costs its dearest program. */
  minutes: v.optional(Minutes),
});

const Breach = v.strictObject({
  rule: Id,
  when: v.optional(Condition),
});

/** Words and phrases with a weight (`{"restart mysql": 3, "restart": 1}`): what a text of some kind says (src/engine/intent.ts). */
const Keywords = v.record(v.pipe(v.string(), v.regex(/\S/, 'must not be blank'), v.maxLength(60, 'is longer than 60 characters')), v.pipe(v.number(), v.minValue(0.1, 'must be at least 0.1'), v.maxValue(10, 'is more than 10')));

const Action = v.strictObject({
  id: Id,
  /** What the menu shows, in a trainee's words. */
  label: v.string(),
  /** Menu group. */
  group: v.string(),
  /** The command the menu runs, exactly as it would be typed. */
  command: v.string(),
  /** How it is typed: shell patterns (see docs) for `shell`; case-insensitive regular expressions for `sql` (a statement, at mysql> or in `mysql -e`) and `chat` (team chat). */
  channel: v.picklist(['shell', 'sql', 'chat']),
  patterns: v.array(v.string()),
  /** Where it counts: shell host ids, or MySQL server host ids for `sql` actions. Empty or absent: anywhere. */
  hosts: v.optional(v.array(Id)),
  /** Minutes the step costs (typing it, waiting for it, reading what it says). */
  minutes: Minutes,
  /** Only counts as this action when this holds (the world still answers the command; the next action whose pattern matches may count). */
  requires: v.optional(Condition),
  /** The colleague's reply, for `chat` actions (required there). Shell and SQL output always comes from the world. */
  output: v.optional(Output),
  /** Facts set after it runs; the first matching variant's `set` applies. */
  effects: v.optional(v.array(v.strictObject({ when: v.optional(Condition), set: v.record(v.string(), FactValue) }))),
  /** Rules of careful practice this action breaks (see `rules`). */
  breaks: v.optional(v.array(Breach)),
  /** One line for the menu's help and the debrief: what this step is for. */
  teaches: v.optional(v.string()),
  /**
   * For `chat` actions: what a message of this kind says, as words and phrases with a weight
   * (`{"restart mysql": 3, "restart": 1}`). A message is the chat action whose words weigh the
   * most (a matching pattern adds 1), if that is 1 or more; ties go to the earlier action.
   */
  keywords: v.optional(Keywords),
  /**
   * When the actions menu offers it: once any of these holds (what the trainee has found so far).
   * Absent: whenever it counts where the trainee stands. Typing it works either way.
   */
  offerWhen: v.optional(v.array(Condition)),
});

/**
 * A hint the trainee can ask for, in three tiers: a nudge (a question), a pointer (where to
 * look, and why), then the command. The first hint whose `when` holds is the one given.
 */
const Hint = v.strictObject({
  id: Id,
  when: v.optional(Condition),
  nudge: v.string(),
  pointer: v.string(),
  /** What to do, with the exact command and where to type it ("on db-master: cat ~/.mysql_history"). */
  command: v.string(),
});

const ScheduledEvent = v.strictObject({
  id: Id,
  at: Clock,
  when: v.optional(Condition),
  set: v.optional(v.record(v.string(), FactValue)),
  /** A line added to the transcript when it happens (what a watching system would log). */
  notice: v.optional(Text),
});

const FactName = v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9]*$/, 'must be a fact name (letters and digits)'));

/**
 * A fact read off the simulated world after every step, instead of being set by actions: what
 * the servers really hold decides it, whatever command changed them.
 */
const Observation = v.union([
  /** Rows in a MySQL table: `empty` when it holds none (or is gone), `present` otherwise. */
  v.strictObject({
    rows: v.strictObject({ host: Id, database: v.string(), table: v.string() }),
    empty: FactValue,
    present: FactValue,
  }),
  /** A replica's SQL or I/O thread. */
  v.strictObject({
    replication: v.strictObject({ host: Id, thread: v.picklist(['sql', 'io']) }),
    running: FactValue,
    stopped: FactValue,
  }),
  /** Whether a file on one of these hosts (any file, when `under` is absent) contains this text: a dump holding the rows, say. */
  v.strictObject({
    file: v.strictObject({ hosts: v.optional(v.array(Id)), under: v.optional(v.array(v.pipe(v.string(), v.startsWith('/')))), contains: v.pipe(v.string(), v.minLength(1)) }),
    present: FactValue,
    absent: FactValue,
  }),
  /**
   * Whether an app (on these hosts; any, when absent) has served a page that needs a login to a
   * signed-in user with a 2xx status: the logged-in path works, seen from outside. An anonymous
   * request (a 302 to the login page, a 401) does not count.
   */
  v.strictObject({
    signedIn: v.strictObject({ hosts: v.optional(v.array(Id)) }),
    present: FactValue,
    absent: FactValue,
  }),
  /** How many rows of a table, as it was just before `before` (a clock time), it does not hold now: the harm left. A number. */
  v.strictObject({
    missing: v.strictObject({ host: Id, database: v.string(), table: v.string(), before: Clock }),
  }),
]);

const Ending = v.strictObject({
  id: Id,
  outcome: v.picklist(['resolved', 'failed']),
  when: Condition,
  title: v.string(),
  text: Text,
});

const TimelineKind = v.picklist([
  'impact',
  'detection',
  'red-herring',
  'escalation',
  'diagnosis',
  'root-cause',
  'mitigation',
  'verification',
]);

const TimelineEvent = v.strictObject({
  id: Id,
  at: Clock,
  who: v.string(),
  what: v.string(),
  kind: TimelineKind,
  /** Trainee actions that count as doing this event. */
  actions: v.array(Id),
});

const Rule = v.strictObject({
  id: Id,
  title: v.string(),
  why: v.string(),
  severity: v.picklist(['warning', 'serious', 'critical']),
});

const Lesson = v.strictObject({
  id: Id,
  title: v.string(),
  text: v.string(),
});

const Points = v.pipe(v.number(), v.minValue(0, 'cannot be negative'), v.maxValue(100, 'is more than 100 points'));
const Grade = v.picklist(['A', 'B', 'C', 'D', 'F']);
/** Points lost for each minute (or part of one) later than the team, up to `max` (also what "never" costs). */
const LatePenalty = v.strictObject({ perMinute: v.optional(Points), max: v.optional(Points) });

/**
 * How runs of this scenario are scored (see docs/scoring.md). Optional, and every field in it is
 * optional: what is left out keeps the defaults named in src/scoring/config.ts.
 */
export const ScoringSchema = v.strictObject({
  rootCause: v.optional(LatePenalty),
  mitigation: v.optional(LatePenalty),
  recovery: v.optional(LatePenalty),
  communication: v.optional(LatePenalty),
  redHerrings: v.optional(v.strictObject({ perStep: v.optional(Points), max: v.optional(Points) })),
  safety: v.optional(
    v.strictObject({
      warning: v.optional(Points),
      serious: v.optional(Points),
      critical: v.optional(Points),
      max: v.optional(Points),
      /** The best grade a run that breaks a critical rule can get, however fast it was. */
      criticalGradeCap: v.optional(Grade),
    }),
  ),
  /** Points lost by a run that stopped before the site was back (in progress). */
  unfinished: v.optional(Points),
  /** The most missed responses to the facilitator's injects cost in all (each costs its inject's `response.points`). */
  injects: v.optional(v.strictObject({ max: v.optional(Points) })),
  /**
   * Data the run left lost: a numeric fact of `observe` (a `missing` observation), what its rows
   * are in a trainee's words, points per missing row and at most, and what would have saved them.
   */
  dataLoss: v.optional(
    v.strictObject({
      fact: v.string(),
      rows: v.string(),
      perRow: v.optional(Points),
      max: v.optional(Points),
      remedy: v.optional(v.string()),
    }),
  ),
  /** Lowest total for each grade; below D is F. */
  grades: v.optional(
    v.pipe(
      v.strictObject({ A: Points, B: Points, C: Points, D: Points }),
      v.check((g) => g.A > g.B && g.B > g.C && g.C > g.D, 'must go down from A to D'),
    ),
  ),
  /**
   * Timeline event id → what must hold in the world after a trainee's step for it to count as
   * doing that event (typing the restore before there is a dump does not restore anything).
   */
  doneWhen: v.optional(v.record(Id, Condition)),
  /**
   * Steps a good responder must take before a moment of the timeline (protect the last good copy
   * before restoring from it). Done when any of `doneWhen` holds after a step that comes before
   * the first step performing the `before` event; missing one costs its `points`.
   */
  criticalSteps: v.optional(
    v.array(
      v.strictObject({
        id: Id,
        /** What to do, as an instruction: "Protect the last good copy". */
        title: v.string(),
        /** Any one of these conditions, after a step, means it was done. */
        doneWhen: v.pipe(v.array(Condition), v.minLength(1, 'needs at least one condition')),
        /** The timeline event it must come before. */
        before: Id,
        /** Why it matters, said to a trainee who missed it. */
        why: v.string(),
        points: Points,
      }),
    ),
  ),
  /** Points a hint costs by the highest tier the trainee asked for, and at most for all hints. */
  hints: v.optional(v.strictObject({ nudge: v.optional(Points), pointer: v.optional(Points), command: v.optional(Points), max: v.optional(Points) })),
  /** Debrief lesson id → what in a run shows it: rules broken, actions done, timeline events, red herrings, impact. */
  lessons: v.optional(
    v.record(
      Id,
      v.strictObject({
        rules: v.optional(v.array(Id)),
        actions: v.optional(v.array(Id)),
        events: v.optional(v.array(Id)),
        redHerrings: v.optional(v.boolean()),
        impact: v.optional(v.boolean()),
        criticalSteps: v.optional(v.array(Id)),
      }),
    ),
  ),
});

/**
 * The team's own postmortem of the incident, as its source wrote it: what a trainee's postmortem
 * is shown beside once written. Each corrective or preventive measure lists the words that name it
 * (`keywords`, as chat actions do): a trainee's action line whose words weigh 2 or more names it.
 */
const TeamPostmortem = v.strictObject({
  summary: v.string(),
  impact: v.string(),
  rootCause: v.string(),
  resolution: v.string(),
  measures: v.array(
    v.strictObject({
      id: Id,
      text: v.string(),
      keywords: Keywords,
    }),
  ),
});

/**
 * A complication the facilitator of a session can throw in (docs/scenario-format.md, "Injects"):
 * when it may be fired, and what it changes in the world. Fired from the facilitator's console
 * (`inject <id>` on the facilitator channel), at the simulated clock of that moment.
 */
const Inject = v.strictObject({
  id: Id,
  /** The facilitator's label for it. */
  title: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  /** One line for the facilitator's console: what it does. */
  description: v.string(),
  /** It may be fired only while this holds (facts, as elsewhere). */
  availableWhen: v.optional(Condition),
  /** It may be fired only from this clock time, and up to this one. */
  notBefore: v.optional(Clock),
  notAfter: v.optional(Clock),
  /** Once fired, it comes back by itself every this many simulated minutes until the run ends. */
  repeatEveryMinutes: v.optional(v.pipe(v.number(), v.minValue(1, 'must be at least 1'), v.maxValue(24 * 60, 'is more than a day'))),
  /** A message arriving on team chat from someone (`{{time}}`, `{{clock}}` are filled in). */
  chat: v.optional(v.strictObject({ from: v.pipe(v.string(), v.minLength(1, 'must not be empty')), text: Text })),
  /** Lines the world prints, as the tool that prints them would (a monitoring alert). */
  notice: v.optional(Text),
  /** Facts set when it is fired. */
  set: v.optional(v.record(v.string(), FactValue)),
  /** The colleague is away for these minutes: every chat message meanwhile gets `reply` (`{{back}}` is when they are back) and performs no chat action. */
  unavailable: v.optional(v.strictObject({ minutes: v.pipe(v.number(), v.minValue(1, 'must be at least 1'), v.maxValue(24 * 60, 'is more than a day')), reply: Text })),
  /**
   * What a good response is, scored only when present: one of `actions` performed, or one of
   * `doneWhen` holding after a trainee's step, finished within `withinMinutes` of the inject
   * (each time it comes back, again). Missed, it costs `points`; `why` says why it mattered.
   */
  response: v.optional(
    v.strictObject({
      actions: v.optional(v.array(Id)),
      doneWhen: v.optional(v.array(Condition)),
      withinMinutes: v.pipe(v.number(), v.minValue(1, 'must be at least 1'), v.maxValue(24 * 60, 'is more than a day')),
      points: Points,
      why: v.string(),
    }),
  ),
});

/** A question the facilitator may put to the room ("What is the blast radius?"). */
const FacilitatorPrompt = v.strictObject({ id: Id, text: v.pipe(v.string(), v.minLength(1, 'must not be empty')) });

export const ScenarioSchema = v.strictObject({
  format: v.literal(SCENARIO_FORMAT),
  kind: v.literal('outage-drill/scenario'),
  id: Id,
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  title: v.string(),
  summary: v.string(),
  source: v.optional(v.string()),
  date: v.strictObject({ iso: v.string(), note: v.string() }),
  /** How the scenario settles what its source leaves inconsistent or unsaid. */
  notes: v.array(v.string()),
  clock: v.strictObject({
    start: Clock,
    timezone: v.string(),
  }),
  briefing: v.strictObject({
    title: v.string(),
    role: v.string(),
    situation: v.array(v.string()),
    observations: v.array(v.string()),
    goal: v.string(),
  }),
  /** The colleague on team chat. Chat messages go through the `chat` actions; their output is the reply. */
  colleague: v.strictObject({ name: v.string(), role: v.string(), greeting: v.string() }),
  startHost: Id,
  hosts: v.array(Host),
  /** Every host's files, users, services, network and databases: what the simulation runs (src/scenario/world). */
  world: WorldSpecSchema,
  /** Named sets of URLs (`$site-home` in patterns). Compared without scheme and trailing slash. */
  targets: v.record(v.string(), v.array(v.string())),
  programs: v.record(v.string(), Program),
  facts: v.record(v.string(), FactValue),
  /** Facts read off the world after every step (each must be declared in `facts`, with its value at the start). */
  observe: v.optional(v.record(FactName, Observation)),
  costs: v.strictObject({
    /** Minutes a command no action names costs (typing it and reading what it says). */
    unknown: Minutes,
    /** Minutes of the shell's own built-ins: cd, pwd, echo, export, history, clear, exit. */
    builtin: Minutes,
    /**
     * How fast a trainee types on team chat, in characters a minute: a message then costs its
     * typing (at most a minute: longer is a paste) on top of its chat action's minutes (waiting
     * for the reply and reading it). Without it a message costs only its action's minutes.
     */
    chatCharactersPerMinute: v.optional(v.pipe(v.number(), v.minValue(1, 'must be 1 or more'))),
  }),
  actions: v.array(Action),
  /** Hints, in the order they are tried: the first whose `when` holds is given. Optional. */
  hints: v.optional(v.array(Hint)),
  events: v.array(ScheduledEvent),
  endings: v.array(Ending),
  timeline: v.strictObject({
    impactStart: Clock,
    detectedAt: Clock,
    impactEnd: Clock,
    events: v.array(TimelineEvent),
  }),
  /** The seed's own path, as typed inputs: replaying it must reproduce the timeline's clock. */
  referencePath: v.array(v.string()),
  rules: v.array(Rule),
  debrief: v.strictObject({
    rootCause: v.string(),
    lessons: v.array(Lesson),
  }),
  /** The team's real postmortem, shown beside the trainee's own (optional). */
  postmortem: v.optional(TeamPostmortem),
  /** Optional tuning of the score and links from the debrief's lessons to what a run did. */
  scoring: v.optional(ScoringSchema),
  /** Optional: complications a session's facilitator can fire (see `Inject`). */
  injects: v.optional(v.array(Inject)),
  /** Optional: the facilitator's question bank, to put to the room. */
  prompts: v.optional(v.array(FacilitatorPrompt)),
});

export type Scenario = v.InferOutput<typeof ScenarioSchema>;
export type ScenarioAction = Scenario['actions'][number];
export type ScenarioHost = Scenario['hosts'][number];
export type Condition = v.InferOutput<typeof Condition>;
export type FactValue = v.InferOutput<typeof FactValue>;
export type Output = v.InferOutput<typeof Output>;
export type Observation = v.InferOutput<typeof Observation>;
export type TimelineEvent = Scenario['timeline']['events'][number];
export type Hint = NonNullable<Scenario['hints']>[number];
export type Rule = Scenario['rules'][number];
export type ScoringSection = v.InferOutput<typeof ScoringSchema>;
export type TeamPostmortem = v.InferOutput<typeof TeamPostmortem>;
export type PostmortemMeasure = TeamPostmortem['measures'][number];
export type Inject = v.InferOutput<typeof Inject>;
export type FacilitatorPrompt = v.InferOutput<typeof FacilitatorPrompt>;
