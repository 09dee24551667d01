import { parse } from 'csv-parse/sync';
import { ValidationFailedError } from '../common/domain-errors.js';

const REQUIRED_COLUMNS = ['order_ref_1', 'field', 'value'];
const OPTIONAL_COLUMNS = ['note', 'source'];

const csvError = (message: string) => new ValidationFailedError([{ field: 'csv', messages: [message] }]);

/**
 * Reads a corrections CSV (RFC 4180: comma-separated, `"` quotes, quoted fields may hold commas,
 * doubled quotes and newlines; a UTF-8 BOM is ignored) into rows shaped like the JSON batch. The
 * header row names the columns: order_ref_1, field, value, and optionally note and source. CSV has
 * no null, so an empty `value` cell clears the field and an empty note or source is absent.
 */
export function parseCorrectionsCsv(text: string): Record<string, unknown>[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true });
  } catch (error) {
    throw csvError(`the CSV could not be read: ${(error as Error).message}`);
  }
  if (records.length === 0) throw csvError('the CSV is empty: expected a header row order_ref_1,field,value,note');
  const header = records[0].map((name) => name.trim().toLowerCase());
  const unknown = header.filter((name) => ![...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].includes(name));
  const missing = REQUIRED_COLUMNS.filter((name) => !header.includes(name));
  if (unknown.length > 0 || missing.length > 0 || new Set(header).size !== header.length) {
    throw csvError(
      'the header row must name the columns order_ref_1, field, value and optionally note and source, ' +
        'once each, separated by commas' +
        (missing.length ? `; missing: ${missing.join(', ')}` : '') +
        (unknown.length ? `; unknown: ${unknown.join(', ')}` : ''),
    );
  }
  return records.slice(1).map((cells) => {
    const row: Record<string, unknown> = {};
    header.forEach((name, i) => {
      const cell = cells[i];
      if (name === 'value') row.value = cell === '' ? null : cell;
      else if (cell !== '' || REQUIRED_COLUMNS.includes(name)) row[name] = cell;
    });
    return row;
  });
}
