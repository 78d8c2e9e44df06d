/**
 * A machine's chart as Mermaid (`stateDiagram-v2`), read from the machine's own definition:
 * its states (nested and parallel ones too), initial and final states, and every event's
 * transitions, guards named. Used by docs/machines.md (a test holds the document to what this
 * prints, so it cannot drift).
 *
 * Mermaid's state names are global to a chart: a state whose key is used twice in a machine
 * (`pending` in each region of a timetable) is drawn under its path (`late_pending`) with its own
 * key as label. In a machine with composite states, the transitions are listed after every state
 * is placed, so that an arrow never places a nested state at the top.
 */
import type { AnyStateMachine, StateNode } from 'xstate';

type Node = StateNode<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- any machine

function label(event: string, guard: string | undefined): string {
  return guard ? `${event} [${guard}]` : event;
}

function guardName(t: { guard?: unknown }): string | undefined {
  const g = t.guard as { type?: string } | string | undefined;
  return typeof g === 'string' ? g : g?.type;
}

function allNodes(node: Node): Node[] {
  return (Object.values(node.states) as Node[]).flatMap((child) => [child, ...allNodes(child)]);
}

export function mermaidChart(machine: AnyStateMachine): string {
  const root = machine.root as unknown as Node;
  const counts = new Map<string, number>();
  for (const node of allNodes(root)) counts.set(node.key, (counts.get(node.key) ?? 0) + 1);
  const plain = (key: string) => /^\w+$/.test(key) && counts.get(key) === 1;
  const nameOf = (node: Node): string => (plain(node.key) ? node.key : node.path.join('_').replace(/\W/g, '_'));
  const flat = allNodes(root).every((node) => !Object.keys(node.states).length);
  const lines = ['stateDiagram-v2'];
  const nested: string[] = [];
  const edges = (child: Node, out: string[], indent: string) => {
    for (const t of child.always ?? []) {
      for (const target of t.target ?? []) out.push(`${indent}${nameOf(child)} --> ${nameOf(target)}: always${guardName(t) ? ` [${guardName(t)}]` : ''}`);
    }
    for (const [event, transitions] of child.transitions) {
      for (const t of transitions) {
        const targets = t.target ?? [child];
        for (const target of targets) out.push(`${indent}${nameOf(child)} --> ${nameOf(target)}: ${label(event, guardName(t))}`);
      }
    }
    if (child.type === 'final') out.push(`${indent}${nameOf(child)} --> [*]`);
  };
  const walk = (node: Node, indent: string, depth: number) => {
    const children = Object.values(node.states) as Node[];
    // Inside a composite, each state is named there, so Mermaid draws it inside (a region: in its own part).
    const declare = (child: Node) => {
      if (!plain(child.key)) lines.push(`${indent}state "${child.key}" as ${nameOf(child)}`);
      else if (depth > 0 && !Object.keys(child.states).length) lines.push(`${indent}${nameOf(child)}`);
    };
    if (node.type !== 'parallel') children.forEach(declare);
    if (node.initial?.target?.[0]) lines.push(`${indent}[*] --> ${nameOf(node.initial.target[0])}`);
    children.forEach((child, i) => {
      if (node.type === 'parallel' && i > 0) lines.push(`${indent}--`);
      if (node.type === 'parallel') declare(child);
      if (Object.keys(child.states).length) {
        lines.push(`${indent}state ${nameOf(child)} {`);
        walk(child, `${indent}  `, depth + 1);
        lines.push(`${indent}}`);
      }
      if (flat) edges(child, lines, indent);
      else edges(child, nested, '  ');
    });
  };
  if (root.type === 'parallel') {
    lines.push(`  state ${root.id} {`);
    walk(root, '    ', 1);
    lines.push('  }');
  } else walk(root, '  ', 0);
  return `${[...lines, ...nested].join('\n')}\n`;
}
