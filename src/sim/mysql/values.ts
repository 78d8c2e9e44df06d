/**
 * Values as MySQL sends them as text: a DECIMAL(10,3) always with three decimals, a DOUBLE in
 * its shortest form, dates as `2020-05-04 08:35:02`, NULL as null.
 */
import type { ValueType } from './expressions';
import type { CellValue } from './generate';

/** The text of a value of a result column. */
export function cellText(value: CellValue | Uint8Array, type: ValueType): string | null {
  if (value === null) return null;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (typeof value === 'number') {
    switch (type.kind) {
      case 'int':
        return Number.isInteger(value) ? String(value) : String(Math.round(value));
      case 'decimal': {
        const text = value.toFixed(Math.min(30, type.scale ?? 0));
        return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
      }
      case 'double':
        return doubleText(value);
      case 'datetime':
      case 'date':
      case 'time':
      case 'string':
        return Number.isInteger(value) ? String(value) : doubleText(value);
      default:
        return Number.isInteger(value) ? String(value) : doubleText(value);
    }
  }
  return value;
}

/** A double as MySQL prints it: shortest round-trip digits, `1e20` rather than `1e+20`. */
export function doubleText(value: number): string {
  if (!Number.isFinite(value)) return 'NULL';
  const text = String(value);
  return text.replace('e+', 'e');
}

/** Whether the client right-aligns a column (numbers are right-aligned; `any` columns by their values). */
export function isNumericColumn(type: ValueType, values: readonly (CellValue | Uint8Array)[]): boolean {
  if (type.kind === 'int' || type.kind === 'decimal' || type.kind === 'double' || type.kind === 'null') return true;
  if (type.kind !== 'any') return false;
  const present = values.filter((v) => v !== null);
  return present.length > 0 && present.every((v) => typeof v === 'number');
}
