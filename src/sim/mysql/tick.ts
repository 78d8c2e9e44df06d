/** MySQL's work while time passes: a delayed replica's SQL thread applying events. (Owned by src/sim/mysql.) */
import type { Draft } from '../draft';

export function tickMysql(_draft: Draft, _from: number, _to: number): void {}
