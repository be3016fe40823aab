// XLSX through ExcelJS (npm `exceljs`, its browser bundle embedded in the
// binary when the build found web/node_modules). Loaded on first use only:
// the bundle is ~1 MB and most jobs are CSV.

const BUNDLE = 'vendor/exceljs.min.js';
let loading = null;

// Resolves to the ExcelJS namespace, or rejects when this build has no bundle.
export function loadExcelJS() {
  if (globalThis.ExcelJS) return Promise.resolve(globalThis.ExcelJS);
  if (loading) return loading;
  loading = new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = BUNDLE;
    s.onload = () => (globalThis.ExcelJS ? resolve(globalThis.ExcelJS) : reject(new Error('ExcelJS did not load')));
    s.onerror = () => {
      loading = null;
      reject(new Error('no XLSX support in this build'));
    };
    document.head.appendChild(s);
  });
  return loading;
}

export async function xlsxAvailable() {
  try {
    const res = await fetch(BUNDLE, { method: 'GET', headers: { Range: 'bytes=0-0' } });
    return res.ok;
  } catch {
    return false;
  }
}

export function looksLikeXlsx(bytes) {
  // A ZIP file starts with PK\3\4.
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

// The first worksheet as rows of display text (what Excel shows in a cell:
// formulas by their result, dates as formatted).
export async function readXlsx(bytes) {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const width = ws.columnCount;
  const rows = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const out = [];
    for (let c = 1; c <= width; c++) out.push(cellText(row.getCell(c)));
    rows.push(out);
  });
  return rows;
}

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

// A workbook of one sheet: header row in bold, every cell a string (so that
// zip codes and building numbers keep their leading zeros).
export async function writeXlsx(header, rows) {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'doro';
  const ws = wb.addWorksheet('doro');
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (v == null ? '' : String(v))));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return wb.xlsx.writeBuffer();
}
