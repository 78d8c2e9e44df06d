/**
 * The colleague's replies on team chat: the reply of the chat action a message is, its variants
 * chosen by the facts, with `{{time}}`, `{{clock}}`, `{{secondsUntil 09:35:02}}` and `{{$group}}`
 * (a named group of the pattern that matched) filled in.
 */
import type { Output } from '../scenario/schema';
import { holds } from './conditions';
import { clockText, parseClock } from './clock';
import type { Recognised } from './recognise';
import type { World } from './world';

function lines(text: string | readonly string[]): string[] {
  if (text === '') return [];
  return typeof text === 'string' ? text.split('\n') : text.flatMap((t) => t.split('\n'));
}

function filled(line: string, found: Recognised, world: World): string {
  if (!line.includes('{{')) return line;
  return line.replace(/\{\{\s*(\$?\w+)(?:\s+([\d:]+))?\s*\}\}/g, (whole, name: string, arg?: string) => {
    if (name.startsWith('$')) return found.where.groups?.[name.slice(1)] ?? '';
    switch (name) {
      case 'clock':
        return clockText(world.clock, true);
      case 'time':
        return clockText(world.clock);
      case 'secondsUntil':
        return String(Math.max(0, parseClock(arg ?? '00:00') - world.clock));
      default:
        return whole;
    }
  });
}

/** The first variant of an output whose condition holds, as lines. */
function chosen(output: Output | undefined, found: Recognised, world: World): string[] {
  if (output === undefined || output.length === 0) return [];
  if (typeof output === 'string' || typeof output[0] === 'string') return lines(output as string | string[]);
  for (const variant of output as { when?: Record<string, never>; text: string | string[] }[]) {
    if (holds(variant.when, world.facts, found.where)) return lines(variant.text);
  }
  return [];
}

export function replyTo(found: Recognised, world: World): string[] {
  return chosen(found.action.output, found, world).map((line) => filled(line, found, world));
}
