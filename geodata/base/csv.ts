/** CSV (RFC 4180: quoted fields, "" inside quotes, commas and newlines inside quotes, CRLF or LF). Pure. */

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (field !== '') throw new Error(`CSV: stray quote in unquoted field at offset ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
    i += 1;
  }
  if (quoted) throw new Error('CSV: unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Rows as objects keyed by the header; checks that the wanted columns exist and widths match. */
export function csvRecords(text: string, wanted: readonly string[], label: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error(`${label}: empty CSV`);
  for (const w of wanted) if (!header.includes(w)) throw new Error(`${label}: missing column "${w}"`);
  return rows
    .filter((r) => !(r.length === 1 && r[0] === ''))
    .map((r, n) => {
      if (r.length !== header.length) {
        throw new Error(`${label}: row ${n + 2} has ${r.length} fields, expected ${header.length}`);
      }
      const o: Record<string, string> = {};
      header.forEach((h, k) => (o[h] = r[k] ?? ''));
      return o;
    });
}
