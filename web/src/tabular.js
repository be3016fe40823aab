// Reading and writing delimited text (CSV/TSV) as the usual Korean Excel
// exports make it: UTF-8 (with or without a BOM) or CP949, quoted fields per
// RFC 4180, LF or CRLF. Pure functions, no DOM: tested under node.

// Decodes file bytes. 'auto' takes UTF-8 when the bytes are valid UTF-8 and
// CP949 otherwise (a CP949 file of Korean text is almost never valid UTF-8).
// The WHATWG 'euc-kr' decoder is CP949 (windows-949), extensions included.
export function decodeBytes(bytes, encoding = 'auto') {
  if (encoding === 'utf-8' || encoding === 'auto') {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
    } catch (e) {
      if (encoding === 'utf-8') {
        return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'UTF-8' };
      }
    }
  }
  return { text: new TextDecoder('euc-kr').decode(bytes), encoding: 'CP949' };
}

// The delimiter of the first line: the one of tab, comma and semicolon found
// most often outside quotes (tab wins ties: addresses are full of commas).
export function detectDelimiter(text) {
  const counts = { '\t': 0, ',': 0, ';': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c in counts) counts[c]++;
  }
  if (counts['\t'] > 0 && counts['\t'] >= counts[',']) return '\t';
  if (counts[','] === 0 && counts[';'] === 0) return '\t';  // one column: any will do
  return counts[','] >= counts[';'] ? ',' : ';';
}

// Parses delimited text into rows of fields. A quoted field may hold the
// delimiter, newlines and doubled quotes. A final empty line is not a row.
export function parseDelimited(text, delimiter) {
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  let quoted = false;
  let fieldStarted = false;  // a row with only an empty field is still a row when it had a delimiter
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      // Copy a run of plain characters at once (fast on long fields).
      let j = text.indexOf('"', i);
      if (j < 0) j = n;
      field += text.slice(i, j);
      i = j;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      fieldStarted = true;
      i++;
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      if (fieldStarted || row.length > 1) rows.push(row);  // a blank line is no row
      row = [];
      field = '';
      fieldStarted = false;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      // A run up to the next special character.
      let j = i + 1;
      while (j < n) {
        const d = text[j];
        if (d === delimiter || d === '\n' || d === '\r' || d === '"') break;
        j++;
      }
      field += text.slice(i, j);
      fieldStarted = true;
      i = j;
    }
  }
  if (fieldStarted || field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// Pasted labels: one per line, blank lines dropped, surrounding spaces kept
// out (a label's own inner spacing is the engine's business).
export function parseLines(text) {
  return text
    .split(/\r\n|\n|\r/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

// Splits parsed rows into a header and data rows of the header's width (short
// rows padded, extra fields kept with made-up column names).
export function toTable(rows, hasHeader) {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  let header;
  let data;
  if (hasHeader && rows.length > 0) {
    header = rows[0].slice();
    data = rows.slice(1);
  } else {
    header = [];
    data = rows;
  }
  for (let c = 0; c < width; c++) {
    if (header[c] === undefined || header[c] === '') header[c] = `column${c + 1}`;
  }
  for (const r of data) while (r.length < width) r.push('');
  return { header, rows: data };
}

const ADDRESS_HEADER = /주소|address|addr|label|라벨|배송지|도로명/i;

// The column most likely to hold the address: a header that says so, else
// the column with the longest text on average in the first rows.
export function guessAddressColumn(header, rows) {
  const named = header.findIndex((h) => ADDRESS_HEADER.test(h));
  if (named >= 0) return named;
  let best = 0;
  let bestLen = -1;
  const sample = rows.slice(0, 200);
  for (let c = 0; c < header.length; c++) {
    let len = 0;
    for (const r of sample) len += (r[c] ?? '').length;
    if (len > bestLen) {
      bestLen = len;
      best = c;
    }
  }
  return best;
}

// One CSV field, quoted when it must be.
function csvField(value) {
  const s = value == null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// Rows as CSV text with CRLF line ends and a UTF-8 BOM, so that Excel opens
// Korean text correctly when the file is double-clicked.
export function toCsv(header, rows) {
  const lines = [header.map(csvField).join(',')];
  for (const r of rows) lines.push(r.map(csvField).join(','));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
