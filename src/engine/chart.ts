/**
 * A machine's chart as Mermaid (`stateDiagram-v2`), read from the machine's own definition:
 * its states, initial and final states, and every event's transitions, guards named. Used by
 * docs/machines.md (a test holds the document to what this prints, so it cannot drift).
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

export function mermaidChart(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2'];
  const walk = (node: Node, indent: string) => {
    const children = Object.values(node.states) as Node[];
    if (node.initial?.target?.[0]) lines.push(`${indent}[*] --> ${node.initial.target[0].key}`);
    for (const child of children) {
      if (Object.keys(child.states).length) {
        lines.push(`${indent}state ${child.key} {`);
        walk(child, `${indent}  `);
        lines.push(`${indent}}`);
      }
      for (const t of child.always ?? []) {
        for (const target of t.target ?? []) lines.push(`${indent}${child.key} --> ${target.key}: always${guardName(t) ? ` [${guardName(t)}]` : ''}`);
      }
      for (const [event, transitions] of child.transitions) {
        for (const t of transitions) {
          const targets = t.target ?? [child];
          for (const target of targets) lines.push(`${indent}${child.key} --> ${target.key}: ${label(event, guardName(t))}`);
        }
      }
      if (child.type === 'final') lines.push(`${indent}${child.key} --> [*]`);
    }
  };
  walk(machine.root as unknown as Node, '  ');
  return `${lines.join('\n')}\n`;
}
