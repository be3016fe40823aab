// The operator page end to end: a real `doro serve` (built-in demo database)
// on loopback, driven in Debian's headless Chromium by playwright-core.
// Expected answers come from the API itself (POST /v1/refine/batch), so the
// test checks what the page does with them, not the engine.
//
//   DORO_BIN=build/doro DORO_WEB_ARTIFACTS=build/web-artifacts node --test web/test/
//
// Skips (saying so) when DORO_BIN is unset; with it set, a missing Chromium
// is a failure. Screenshots and downloads go to DORO_WEB_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseDelimited, toCsv } from '../src/tabular.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const DORO = process.env.DORO_BIN;
const ARTIFACTS = path.resolve(process.env.DORO_WEB_ARTIFACTS ?? path.join(os.tmpdir(), 'doro-web-artifacts'));
const CHROMIUM = process.env.DORO_CHROMIUM ?? '/usr/bin/chromium';
const skip = DORO ? false : 'DORO_BIN is not set (the path of a built doro)';

const demoLabels = fs.readFileSync(path.join(repo, 'data/demo/labels.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '');

let server;
let base;
let context;
let page;
let tmp;

function startServer() {
  return new Promise((resolve, reject) => {
    server = spawn(path.resolve(DORO), ['serve', '--host', '127.0.0.1', '--port', '0', '--threads', '2'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    const timer = setTimeout(() => reject(new Error(`doro serve did not start: ${log}`)), 30000);
    server.stderr.on('data', (d) => {
      log += d;
      const m = /serving on (http:\/\/[\d.]+:\d+)/.exec(log);
      if (m && !base) {
        clearTimeout(timer);
        base = m[1];
        resolve();
      }
    });
    server.on('exit', (code) => reject(new Error(`doro serve exited ${code}: ${log}`)));
  });
}

async function api(labels) {
  const out = [];
  for (let i = 0; i < labels.length; i += 5000) {
    const res = await fetch(`${base}/v1/refine/batch`, { method: 'POST', body: JSON.stringify({ addresses: labels.slice(i, i + 5000) }) });
    assert.equal(res.status, 200);
    out.push(...(await res.json()).results);
  }
  return out;
}

function countsOf(answers) {
  const c = {};
  for (const a of answers) {
    const k = a.status === 'ok' ? (a.warnings.length ? 'warn' : 'ok') : a.reason;
    c[k] = (c[k] ?? 0) + 1;
  }
  return c;
}

async function shot(name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

async function summaryCounts() {
  return page.$$eval('#summary li', (lis) =>
    Object.fromEntries(lis.map((li) => [li.dataset.category, Number(li.querySelector('.count').textContent.replace(/\D/g, ''))])));
}

async function runAndWait() {
  await page.click('#run');
  await page.waitForFunction(() => document.body.dataset.state === 'done', null, { timeout: 300000 });
}

async function download(buttonId, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(buttonId)]);
  const file = path.join(ARTIFACTS, name);
  await dl.saveAs(file);
  return { file, suggested: dl.suggestedFilename() };
}

function readCsv(file) {
  const bytes = fs.readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV starts with a UTF-8 BOM');
  return parseDelimited(bytes.toString('utf8'), ',');
}

async function loadFile(name, contents) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, contents);
  await page.setInputFiles('#file', file);
  await page.waitForFunction((n) => document.getElementById('loaded-msg').textContent.includes(`${n},`), name);
}

// A CSV as an operator's export has it: an order id with leading zeros, the
// address not first, a memo with commas and quotes.
function ordersTable(labels) {
  const header = ['주문번호', '받는 분', '배송지 주소', '메모'];
  // 똠 and 햏 are CP949 extension syllables (not in EUC-KR's 2,350).
  const rows = labels.map((l, i) => [String(i + 1).padStart(6, '0'), `고객 ${i + 1}`, l, i % 3 === 0 ? '문 앞, "부재 시" 경비실' : '똠햏상사']);
  return { header, rows };
}

before(async () => {
  if (skip) return;
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doro-web-'));
  await startServer();
  const { chromium } = await import('playwright-core');
  context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1366, height: 800 },
    locale: 'ko-KR',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // The page must need nothing but the server: any other request fails the test.
  await page.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
  await page.goto(base + '/');
  await page.waitForFunction(() => document.body.dataset.ready === '1');
});

after(async () => {
  if (context) await context.close();
  if (server) server.kill('SIGTERM');
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('paste, run, summary, filter, pick a candidate, download CSV', { skip }, async () => {
  const expected = await api(demoLabels);
  await page.fill('#paste', demoLabels.join('\n'));
  await page.click('#use-paste');
  await shot('01-pasted');
  await runAndWait();
  await shot('02-results');

  assert.deepEqual(await summaryCounts(), countsOf(expected));
  // Every row's answer as the API gave it (the table is virtualised: check the rows drawn).
  const drawn = await page.$$eval('#body tr.r', (trs) => trs.map((tr) => ({ row: Number(tr.dataset.row), road: tr.children[2].textContent, cat: tr.dataset.category })));
  assert.ok(drawn.length >= 10);
  for (const d of drawn) assert.equal(d.road, expected[d.row].roadAddr, `row ${d.row}`);

  // Filter: only the ambiguous rows.
  const ambiguous = expected.map((a, i) => (a.reason === 'ambiguous' ? i : -1)).filter((i) => i >= 0);
  assert.ok(ambiguous.length > 0, 'the demo labels have an ambiguous one');
  await page.selectOption('#filter', 'ambiguous');
  const shown = await page.$$eval('#body tr.r', (trs) => trs.map((tr) => Number(tr.dataset.row)));
  assert.deepEqual(shown, ambiguous);
  await shot('03-filter-ambiguous');

  // Pick the second candidate of the first ambiguous row.
  const row = ambiguous[0];
  const cands = expected[row].candidates;
  assert.ok(cands.length >= 2);
  await page.click(`#body tr[data-row="${row}"] td.act button`);
  await page.waitForSelector('#edit[open]');
  await shot('04-candidates');
  await page.click('#edit-cands button[data-candidate="1"]');
  await page.waitForFunction(() => !document.getElementById('edit').open);
  const picked = (await api([cands[1].roadAddr ?? cands[1].roadAddrPart1]))[0];
  assert.equal(picked.status, 'ok');
  await page.selectOption('#filter', 'edited');
  assert.equal(await page.textContent(`#body tr[data-row="${row}"] td:nth-child(3)`), picked.roadAddr);
  await shot('05-picked');
  await page.selectOption('#filter', '');

  const { file, suggested } = await download('#download-csv', 'paste.csv');
  assert.equal(suggested, 'labels_doro.csv');
  const [header, ...rows] = readCsv(file);
  assert.deepEqual(header.slice(0, 4), ['label', 'status', 'reason', 'roadAddr']);
  assert.equal(rows.length, demoLabels.length);
  const col = (name) => header.indexOf(name);
  rows.forEach((r, i) => {
    assert.equal(r[0], demoLabels[i].trim());
    const want = i === row ? picked : expected[i];
    assert.equal(r[col('roadAddr')], want.roadAddr, `row ${i}`);
    assert.equal(r[col('zipNo')], want.zipNo, `row ${i}`);
    assert.equal(r[col('engAddr')], want.engAddr, `row ${i}`);
    assert.equal(r[col('status')], want.status, `row ${i}`);
    assert.equal(r[col('corrected')], i === row ? 'picked' : '');
  });
});

test('keyboard: arrows move, Enter opens the row, Escape closes', { skip }, async () => {
  await page.focus('#viewport');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getAttribute('#body tr.cursor', 'data-row'), '1');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#edit[open]');
  assert.equal(await page.textContent('#edit-input'), demoLabels[1].trim());
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('edit').open);
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search');
});

test('correct a row by hand: the typed address is checked and its zip and English filled in', { skip }, async () => {
  const expected = await api(demoLabels);
  const row = expected.findIndex((a) => a.reason === 'no_road');
  assert.ok(row >= 0);
  const typed = expected.find((a) => a.status === 'ok').roadAddrPart1;
  const check = (await api([typed]))[0];
  await page.selectOption('#filter', 'no_road');
  await page.click(`#body tr[data-row="${row}"] td.act button`);
  await page.waitForSelector('#edit[open]');
  await page.fill('#edit-manual', typed);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.getElementById('edit').open);
  await page.selectOption('#filter', 'edited');
  const cells = await page.$$eval(`#body tr[data-row="${row}"] td`, (tds) => tds.map((td) => td.textContent));
  // Columns by their key: deliveryAddr is shown only when some answer has one.
  const keys = await page.$$eval('#head th', (ths) => ths.map((th) => th.dataset.key));
  const cell = (key) => cells[keys.indexOf(key)];
  assert.equal(cell('roadAddr'), check.roadAddr);
  assert.equal(cell('zipNo'), check.zipNo);
  assert.equal(cell('engAddr'), check.engAddr);
  assert.match(cell('status'), /확인됨|verified/);
  await shot('05b-corrected');
  // And back.
  await page.click(`#body tr[data-row="${row}"] td.act button`);
  await page.click('#edit-revert');
  await page.selectOption('#filter', 'no_road');
  assert.ok(await page.$(`#body tr[data-row="${row}"]`));
  await page.selectOption('#filter', '');
});

test('a file dropped on the page is loaded', { skip }, async () => {
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['주소,id\n"170, Toegye-ro, Jung-gu, Seoul",1\n'], 'dropped.csv', { type: 'text/csv' }));
    document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.getElementById('loaded-msg').textContent.includes('dropped.csv'));
  assert.equal(await page.$eval('#column', (s) => s.value), '0');
  assert.equal(await page.textContent('#body tr.r td:nth-child(2)'), '170, Toegye-ro, Jung-gu, Seoul');
});

let utf8Download;

test('CSV upload (UTF-8): the address column is found, other columns come back unchanged', { skip }, async () => {
  const { header, rows } = ordersTable(demoLabels);
  const expected = await api(demoLabels);
  await loadFile('orders.csv', toCsv(header, rows).slice(1));  // as written by tools without a BOM
  assert.equal(await page.$eval('#column', (s) => s.value), '2');
  assert.match(await page.textContent('#loaded-msg'), /UTF-8/);
  await runAndWait();
  assert.deepEqual(await summaryCounts(), countsOf(expected));
  await shot('06-csv-utf8');
  const { file, suggested } = await download('#download-csv', 'orders_utf8.csv');
  assert.equal(suggested, 'orders_doro.csv');
  const [outHeader, ...out] = readCsv(file);
  assert.deepEqual(outHeader.slice(0, 4), header);
  assert.equal(out.length, rows.length);
  out.forEach((r, i) => {
    assert.deepEqual(r.slice(0, 4), rows[i], `row ${i} original columns`);
    assert.equal(r[outHeader.indexOf('roadAddr')], expected[i].roadAddr);
  });
  utf8Download = fs.readFileSync(file);
});

test('CSV upload (CP949, tab-separated): decoded as CP949, same download as the UTF-8 file', { skip }, async () => {
  const { header, rows } = ordersTable(demoLabels);
  const utf8 = [header, ...rows].map((r) => r.join('\t')).join('\r\n') + '\r\n';
  const cp949 = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP949'], { input: utf8 });
  assert.notDeepEqual(cp949, Buffer.from(utf8));
  await loadFile('orders.tsv', cp949);
  assert.match(await page.textContent('#loaded-msg'), /CP949/);
  assert.equal(await page.$eval('#column', (s) => s.options[s.selectedIndex].text), '배송지 주소');
  await runAndWait();
  await shot('07-csv-cp949');
  const { file } = await download('#download-csv', 'orders_cp949.csv');
  assert.ok(utf8Download, 'the UTF-8 test ran first');
  assert.ok(fs.readFileSync(file).equals(utf8Download), 'the same rows and answers as from the UTF-8 file');
});

test('XLSX upload and download', { skip }, async () => {
  const ExcelJS = (await import('exceljs')).default;
  const { header, rows } = ordersTable(demoLabels);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('orders');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  await loadFile('orders.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
  assert.match(await page.textContent('#loaded-msg'), /XLSX/);
  assert.equal(await page.$eval('#column', (s) => s.value), '2');
  await runAndWait();
  const expected = await api(demoLabels);
  const { file, suggested } = await download('#download-xlsx', 'orders.xlsx');
  assert.equal(suggested, 'orders_doro.xlsx');
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(file);
  const sheet = back.worksheets[0];
  const got = [];
  sheet.eachRow((r) => got.push(r.values.slice(1).map((v) => (v == null ? '' : String(v)))));
  const outHeader = got[0];
  assert.deepEqual(outHeader.slice(0, 4), header);
  got.slice(1).forEach((r, i) => {
    assert.deepEqual(r.slice(0, 4), rows[i].map(String), `row ${i}`);
    assert.equal(r[outHeader.indexOf('roadAddr')] ?? '', expected[i].roadAddr);
  });
});

test('100,000 rows: progress, cancel, continue, search, sort, the page stays responsive', { skip }, async () => {
  const N = 100000;
  const labels = Array.from({ length: N }, (_, i) => demoLabels[i % demoLabels.length]);
  const { header, rows } = ordersTable(labels);
  await loadFile('big.csv', toCsv(header, rows));
  assert.match(await page.textContent('#loaded-msg'), /100,000|100000/);
  // Record every progress value and the longest pause of the event loop.
  await page.evaluate(() => {
    window.progressSeen = [];
    new MutationObserver(() => window.progressSeen.push(Number(document.getElementById('progress').value)))
      .observe(document.getElementById('progress'), { attributes: true });
    window.maxGap = 0;
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      window.maxGap = Math.max(window.maxGap, now - last);
      last = now;
      window.ticker = setTimeout(tick, 10);
    };
    tick();
  });
  const started = Date.now();
  await page.click('#run');
  await page.waitForFunction(() => window.progressSeen.some((v) => v > 0));
  await shot('08-progress');
  await page.click('#cancel');
  await page.waitForFunction(() => document.body.dataset.state === 'cancelled');
  const afterCancel = await summaryCounts();
  assert.ok(afterCancel.pending > 0 && afterCancel.pending < N, `pending after cancel: ${afterCancel.pending}`);
  assert.match(await page.textContent('#progress-text'), /취소|Cancelled/);
  await shot('09-cancelled');

  await runAndWait();  // continues with the pending rows only
  const seconds = (Date.now() - started) / 1000;
  const counts = await summaryCounts();
  assert.equal(counts.pending, undefined);
  assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), N);
  const seen = await page.evaluate(() => window.progressSeen);
  assert.ok(new Set(seen).size >= 3, 'progress moved in steps');
  const maxGap = await page.evaluate(() => {
    const g = window.maxGap;
    window.maxGap = 0;
    return g;
  });
  console.log(`# 100,000 rows refined through the page in ${seconds.toFixed(1)} s (cancel and continue included); longest event-loop pause while refining ${Math.round(maxGap)} ms`);

  // Virtualised: a hundred thousand rows in the view, a screenful in the DOM.
  assert.ok((await page.$$('#body tr.r')).length < 100);
  await page.fill('#search', 'Toegye');
  const toegye = labels.filter((l) => l.toLowerCase().includes('toegye')).length;
  await page.waitForFunction((n) => document.getElementById('shown').textContent.replace(/\D/g, '').startsWith(String(n)), toegye);
  await page.fill('#search', '');
  await page.click('#head th:nth-child(3) button');  // sort by road address
  await page.waitForSelector('#head th[aria-sort=ascending]');
  const roads = await page.$$eval('#body tr.r td:nth-child(3)', (tds) => tds.map((td) => td.textContent));
  // Non-decreasing, comparing digit runs as numbers and the rest by code point.
  const chunks = (s) => s.toLowerCase().match(/\d+|\D+/g) ?? [];
  const compare = (a, b) => {
    const x = chunks(a), y = chunks(b);
    for (let k = 0; k < Math.min(x.length, y.length); k++) {
      const nx = /^\d/.test(x[k]) && /^\d/.test(y[k]);
      const d = nx ? Number(x[k]) - Number(y[k]) : x[k] < y[k] ? -1 : x[k] > y[k] ? 1 : 0;
      if (d !== 0) return d;
    }
    return x.length - y.length;
  };
  assert.ok(roads.length > 10);
  for (let k = 1; k < roads.length; k++) assert.ok(compare(roads[k - 1], roads[k]) <= 0, `${roads[k - 1]} <= ${roads[k]}`);
  const sortGap = await page.evaluate(() => {
    clearTimeout(window.ticker);
    return window.maxGap;
  });
  console.log(`# longest event-loop pause while searching and sorting 100,000 rows: ${Math.round(sortGap)} ms`);
  fs.writeFileSync(path.join(ARTIFACTS, 'big-run.txt'),
    `rows ${N}\nseconds ${seconds.toFixed(1)}\nmax_event_loop_gap_refining_ms ${Math.round(maxGap)}\nmax_event_loop_gap_search_sort_ms ${Math.round(sortGap)}\n`);
  await shot('10-big-sorted');
});

test('a failing server: the rows of a failed chunk are marked, the others kept, and a second run sends only those', { skip }, async () => {
  // 1,200 rows are three chunks; the one holding row 700 always fails.
  const labels = Array.from({ length: 1200 }, (_, i) => (i === 700 ? 'row 700, 170, Toegye-ro' : demoLabels[i % demoLabels.length]));
  await page.evaluate(() => { document.getElementById('inputs-box').open = true; });
  await page.fill('#paste', labels.join('\n'));
  await page.click('#use-paste');
  let sent = 0;
  await page.route(`${base}/v1/refine/batch`, (route) => {
    sent += JSON.parse(route.request().postData()).addresses.length;
    return route.request().postData().includes('row 700,')
      ? route.fulfill({ status: 503, contentType: 'application/json', body: '{"status":"error","code":503,"message":"busy"}' })
      : route.continue();
  });
  await runAndWait();
  const failed = await summaryCounts();
  assert.equal(failed.error, 500);
  assert.equal(failed.pending, undefined);
  assert.match(await page.textContent('#message'), /503/);
  await shot('12-errors');
  await page.unroute(`${base}/v1/refine/batch`);
  sent = 0;
  await page.route(`${base}/v1/refine/batch`, (route) => {
    sent += JSON.parse(route.request().postData()).addresses.length;
    return route.continue();
  });
  await runAndWait();
  await page.unroute(`${base}/v1/refine/batch`);
  assert.equal(sent, 500, 'only the failed rows are sent again');
  const counts = await summaryCounts();
  assert.equal(counts.error, undefined);
  assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), 1200);
});

test('English toggle', { skip }, async () => {
  await page.fill('#search', 'Toegye');
  await page.waitForSelector('#body tr[data-category=ambiguous]');
  const statusText = () => page.textContent('#body tr[data-category=ambiguous] td.status');
  assert.match(await statusText(), /답 없음.*여러 주소 가능/);
  await page.click('#lang');
  assert.match(await statusText(), /No answer.*Several addresses fit/);
  assert.equal(await page.textContent('h1'), 'doro address cleaning');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.selectOption('#filter', '');
  await page.fill('#search', 'Toegye');
  await page.waitForTimeout(300);
  await shot('11-english');
  await page.click('#lang');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
});

test('a build without the XLSX bundle: the page says so instead of failing', { skip }, async () => {
  // What a build without web/node_modules embeds: the same page, no vendor/.
  const real = await (await fetch(`${base}/assets.json`)).json();
  await page.route(`${base}/assets.json`, (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify(real.filter((a) => !a.startsWith('vendor/'))) }));
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready === '1');
  const wb = new (await import('exceljs')).default.Workbook();
  wb.addWorksheet('a').addRow(['주소']);
  await page.setInputFiles('#file', { name: 'x.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(await wb.xlsx.writeBuffer()) });
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await page.textContent('#message'), /XLSX/);
  await page.unroute(`${base}/assets.json`);
});
