/**
 * An append-only list shared by successive worlds: each world holds the list and its own length,
 * and sees only the items before that length. Appending after the last item pushes onto the same
 * array (no copy); appending to an older world's view (after an undo) copies once and branches.
 * Worlds stay immutable from the outside while a run of N writes costs O(N), not O(N²).
 */

export interface SharedList<T> {
  readonly items: T[];
}

export interface ListView<T> {
  readonly list: SharedList<T>;
  readonly length: number;
}

export function emptyView<T>(): ListView<T> {
  return { list: { items: [] }, length: 0 };
}

/** The view with one more item. */
export function append<T>(view: ListView<T>, item: T): ListView<T> {
  if (view.length === view.list.items.length) {
    view.list.items.push(item);
    return { list: view.list, length: view.length + 1 };
  }
  const items = view.list.items.slice(0, view.length);
  items.push(item);
  return { list: { items }, length: items.length };
}

export function at<T>(view: ListView<T>, index: number): T | undefined {
  return index >= 0 && index < view.length ? view.list.items[index] : undefined;
}

export function itemsOf<T>(view: ListView<T>): readonly T[] {
  return view.length === view.list.items.length ? view.list.items : view.list.items.slice(0, view.length);
}

/** True when `older` is a prefix of `newer` (the same list, not longer). */
export function isPrefix<T>(older: ListView<T>, newer: ListView<T>): boolean {
  if (older.length > newer.length) return false;
  if (older.list === newer.list) return true;
  for (let i = 0; i < older.length; i += 1) if (older.list.items[i] !== newer.list.items[i]) return false;
  return true;
}
