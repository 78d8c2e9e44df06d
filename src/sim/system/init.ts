/** The systemd units a host starts with. (Owned by the system programs.) */
import type { HostSpec } from '../../scenario/world';
import type { SimConfig } from '../world';
import type { ServiceState } from './state';

export function initialServices(_config: SimConfig, _host: string, _spec: HostSpec, _startClock: number): Record<string, ServiceState> {
  return {};
}
