// XLSX off the page's thread: reading 100,000 rows takes seconds, writing
// them tens of seconds, either would freeze the page. Classic worker:
// ExcelJS's bundle is a UMD script.
//   in:  {op: 'read', bytes: ArrayBuffer}         out: {rows} | {error}
//   in:  {op: 'write', header: [], rows: [[]]}    out: {buffer} | {error}
/* global ExcelJS, importScripts */
importScripts('vendor/exceljs.min.js');

function cellText(cell) {
  const v = cell.value;
  if (v == null) return '';
  if (typeof v === 'string') return v;
  try {
    return cell.text ?? String(v);
  } catch {
    return String(v);
  }
}

async function read(bytes) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.worksheets[0];
  const rows = [];
  if (ws) {
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: false }, (row) => {
      const out = [];
      for (let c = 1; c <= width; c++) out.push(cellText(row.getCell(c)));
      rows.push(out);
    });
  }
  return rows;
}

// One sheet: header row in bold and frozen, every cell a string (so that zip
// codes and order numbers keep their leading zeros).
async function write(header, rows) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'doro';
  const ws = wb.addWorksheet('doro');
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (v == null ? '' : String(v))));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return wb.xlsx.writeBuffer();
}

self.onmessage = async (e) => {
  try {
    if (e.data.op === 'read') {
      self.postMessage({ rows: await read(e.data.bytes) });
    } else {
      // ExcelJS hands back a Buffer (a view, maybe into a larger pool): send
      // exactly its bytes.
      const view = new Uint8Array(await write(e.data.header, e.data.rows));
      const buffer = view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
      self.postMessage({ buffer }, [buffer]);
    }
  } catch (err) {
    self.postMessage({ error: err.message || String(err) });
  }
};
