/** MySQL's programs: the mysql client, mysqldump, mysqlbinlog, mysqladmin. */
import type { ProgramTable } from '../programs/registry';
import { mysqlProgram } from './mysql-program';
import { mysqldumpProgram } from './mysqldump';
import { mysqlbinlogProgram } from './mysqlbinlog';
import { mysqladminProgram } from './mysqladmin';

export const mysqlPrograms: ProgramTable = {
  mysql: mysqlProgram,
  mysqldump: mysqldumpProgram,
  mysqlbinlog: mysqlbinlogProgram,
  mysqladmin: mysqladminProgram,
};
