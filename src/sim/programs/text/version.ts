/** The lines after `prog (GNU coreutils) 8.28` in every coreutils --version. */
export const COREUTILS_VERSION_TAIL = `Copyright (C) 2017 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.`;
