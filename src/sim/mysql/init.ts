/** A host's MySQL server at the scenario's start. (Owned by src/sim/mysql.) */
import type { HostSpec } from '../../scenario/world';
import type { SimConfig } from '../world';
import type { MysqlState } from './state';

export function initialMysql(_config: SimConfig, _host: string, spec: HostSpec, _startClock: number): MysqlState | undefined {
  return spec.mysql ? { running: true } : undefined;
}
