// XLSX through ExcelJS (npm `exceljs`, its browser bundle embedded in the
// binary when the build found web/node_modules, as vendor/exceljs.min.js).
// Both directions run in a worker (xlsx_worker.js), which loads the ~1 MB
// bundle only when an XLSX is read or written.

export function looksLikeXlsx(bytes) {
  // A ZIP file starts with PK\3\4.
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

function inWorker(message, transfer = []) {
  return new Promise((resolve, reject) => {
    const worker = new Worker('xlsx_worker.js');
    worker.onmessage = (e) => {
      worker.terminate();
      if (e.data.error) reject(new Error(e.data.error));
      else resolve(e.data);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'XLSX worker failed'));
    };
    worker.postMessage(message, transfer);
  });
}

// The first worksheet as rows of display text (what Excel shows in a cell:
// formulas by their result, dates as formatted).
export async function readXlsx(bytes) {
  const copy = bytes.slice().buffer;  // transferred: the caller keeps its bytes
  return (await inWorker({ op: 'read', bytes: copy }, [copy])).rows;
}

// The rows as a one-sheet workbook (ArrayBuffer).
export async function writeXlsx(header, rows) {
  return (await inWorker({ op: 'write', header, rows })).buffer;
}
