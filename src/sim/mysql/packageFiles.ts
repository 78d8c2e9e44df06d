/**
 * The configuration files Oracle's MySQL APT repository packages (mysql-common and
 * mysql-community-server 8.0.19 for bionic) put in /etc/mysql, besides mysqld.cnf: the server's
 * mysql.cnf, which update-alternatives makes /etc/mysql/my.cnf (priority 200, over
 * mysql-common's my.cnf.fallback at 100), and the client's conf.d/mysql.cnf. Their text is
 * Oracle's packaging/deb-in/extra files with the community product name (empty) filled in.
 */

/** The GPL header Oracle's 8.0.19 packaging files open with (copyright years as in that release). */
function oracleHeader(firstYear: number): string[] {
  return [
    `# Copyright (c) ${firstYear}, 2019, Oracle and/or its affiliates. All rights reserved.`,
    '#',
    '# This program is free software; you can redistribute it and/or modify',
    '# it under the terms of the GNU General Public License, version 2.0,',
    '# as published by the Free Software Foundation.',
    '#',
    '# This program is also distributed with certain software (including',
    '# but not limited to OpenSSL) that is licensed under separate terms,',
    '# as designated in a particular file or component or in included license',
    '# documentation.  The authors of MySQL hereby grant you an additional',
    '# permission to link the program and your derivative works with the',
    '# separately licensed software that they have included with MySQL.',
    '#',
    '# This program is distributed in the hope that it will be useful,',
    '# but WITHOUT ANY WARRANTY; without even the implied warranty of',
    '# MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the',
    '# GNU General Public License, version 2.0, for more details.',
    '#',
    '# You should have received a copy of the GNU General Public License',
    '# along with this program; if not, write to the Free Software',
    '# Foundation, Inc., 51 Franklin St, Fifth Floor, Boston, MA  02110-1301 USA',
    '',
  ];
}

const text = (lines: readonly string[]): string => `${lines.join('\n')}\n`;

/** /etc/mysql/mysql.cnf (mysql-community-server): what my.cnf is on a server host. */
export const MYSQL_CNF = text([...oracleHeader(2016), '!includedir /etc/mysql/conf.d/', '!includedir /etc/mysql/mysql.conf.d/']);

/** /etc/mysql/my.cnf.fallback (mysql-common): my.cnf when no server is installed. */
export const MY_CNF_FALLBACK = text([
  ...oracleHeader(2015),
  '#',
  '# The MySQL  Server configuration file.',
  '#',
  '# For explanations see',
  '# http://dev.mysql.com/doc/mysql/en/server-system-variables.html',
  '',
  '# * IMPORTANT: Additional settings that can override those from this file!',
  "#   The files must end with '.cnf', otherwise they'll be ignored.",
  '#',
  '!includedir /etc/mysql/conf.d/',
]);

/** /etc/mysql/conf.d/mysql.cnf (mysql-common): the client's own, empty [mysql] section. */
export const CLIENT_MYSQL_CNF = text([
  ...oracleHeader(2015),
  '#',
  '# The MySQL  Client configuration file.',
  '#',
  '# For explanations see',
  '# http://dev.mysql.com/doc/mysql/en/server-system-variables.html',
  '',
  '[mysql]',
]);

/** Where update-alternatives keeps the my.cnf link, and what the server's postinst points it at. */
export const MY_CNF_ALTERNATIVE = '/etc/alternatives/my.cnf';
