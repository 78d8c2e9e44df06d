/** A MySQL server's state on one host. (Owned by src/sim/mysql.) */
export interface MysqlState {
  running: boolean;
}
