// The operator page: wires the input panels, the runner, the summary, the
// virtualised results table and the correction dialog together. Data logic
// lives in tabular.js / results.js / refine.js; this file is DOM only.

import { setLang, lang, t, reasonText, reasonShort, warningText, knownReasons, num } from './i18n.js';
import { decodeBytes, detectDelimiter, parseDelimited, parseLines, toTable, guessAddressColumn, toCsv } from './tabular.js';
import { Job, categoryOf } from './results.js';
import { Runner, refineOne } from './refine.js';
import { looksLikeXlsx, readXlsx, writeXlsx } from './xlsx.js';

const $ = (id) => document.getElementById(id);

const state = {
  job: null,
  source: null,      // {kind:'paste'} | {kind:'file', name, bytes, xlsxRows?}
  encoding: '',
  runner: null,
  view: [],          // row indexes shown, in order
  filter: '',
  search: '',
  sortKey: '',
  ascending: true,
  cursor: 0,         // position in view
  editing: -1,       // row index in the dialog
  xlsx: false,       // this build embeds the XLSX library
  started: 0,
};

// ---------------------------------------------------------------- language

function applyLang() {
  document.documentElement.lang = lang();
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of document.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  $('lang').textContent = t('langButton');
  $('lang').lang = lang() === 'ko' ? 'en' : 'ko';
  document.title = t('title');
  if (state.job) {
    showLoaded();
    renderProgressText();
    refreshAll();
  }
  if (!state.xlsx) $('download-xlsx').title = t('xlsxMissing');
}

$('lang').addEventListener('click', () => {
  setLang(lang() === 'ko' ? 'en' : 'ko');
  try { localStorage.setItem('doro.lang', lang()); } catch { /* private mode */ }
  applyLang();
});

// ---------------------------------------------------------------- input

function message(text) {
  $('message').hidden = !text;
  $('message').textContent = text || '';
}

$('use-paste').addEventListener('click', () => {
  const lines = parseLines($('paste').value);
  if (lines.length === 0) return message(t('emptyInput'));
  state.source = { kind: 'paste' };
  state.encoding = '';
  startJob(new Job(['label'], lines.map((l) => [l]), 0));
});

$('file').addEventListener('change', (e) => {
  const f = e.target.files[0];
  if (f) loadFile(f);
  e.target.value = '';  // choosing the same file again reloads it
});

const drop = $('drop');
for (const ev of ['dragenter', 'dragover']) {
  document.addEventListener(ev, (e) => {
    e.preventDefault();
    drop.classList.add('dragging');
  });
}
for (const ev of ['dragleave', 'drop']) {
  document.addEventListener(ev, (e) => {
    e.preventDefault();
    if (ev === 'drop' || e.relatedTarget == null) drop.classList.remove('dragging');
  });
}
document.addEventListener('drop', (e) => {
  const f = e.dataTransfer?.files?.[0];
  if (f) loadFile(f);
});

async function loadFile(file) {
  message('');
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    state.source = { kind: 'file', name: file.name, bytes };
    if (looksLikeXlsx(bytes)) {
      if (!state.xlsx) return message(t('xlsxMissing'));
      $('loaded').hidden = false;
      $('loaded-msg').textContent = t('xlsxLoading');
      state.source.xlsxRows = await readXlsx(bytes);
    }
    parseSource();
  } catch (e) {
    message(t('readError', { msg: e.message }));
  }
}

// (Re)reads the loaded file with the current encoding, delimiter and header choices.
function parseSource() {
  const src = state.source;
  if (!src || src.kind !== 'file') return;
  let rows;
  if (src.xlsxRows) {
    rows = src.xlsxRows.map((r) => r.slice());
    state.encoding = 'XLSX';
  } else {
    const { text, encoding } = decodeBytes(src.bytes, $('encoding').value);
    state.encoding = encoding;
    const d = $('delimiter').value;
    rows = parseDelimited(text, d === 'auto' ? detectDelimiter(text) : d);
  }
  const { header, rows: data } = toTable(rows, $('has-header').checked);
  if (data.length === 0) return message(t('emptyInput'));
  startJob(new Job(header, data, guessAddressColumn(header, data)));
}

for (const id of ['encoding', 'delimiter', 'has-header']) $(id).addEventListener('change', parseSource);

$('column').addEventListener('change', () => {
  if (!state.job || state.runner) return;
  // A different address column means different labels: start over.
  startJob(new Job(state.job.header, state.job.rows, Number($('column').value)));
});

function startJob(job) {
  if (state.runner) state.runner.cancel();
  state.runner = null;
  state.job = job;
  state.filter = '';
  state.search = '';
  state.sortKey = '';
  state.cursor = 0;
  $('search').value = '';
  message('');
  $('progress').value = 0;
  setProgressText(null);
  $('inputs-box').open = false;  // the table needs the room; one click brings the inputs back
  delete document.body.dataset.state;
  setRunLabel('run');
  showLoaded();
  for (const id of ['loaded', 'run-section', 'summary-section', 'results-section']) $(id).hidden = false;
  refreshAll();
  $('run').focus();
}

function setRunLabel(key) {
  $('run').dataset.i18n = key;
  $('run').textContent = t(key);
}

function showLoaded() {
  const job = state.job;
  $('loaded-msg').textContent = state.source?.kind === 'file'
    ? t('rowsLoaded', { n: num(job.size), name: state.source.name, enc: state.encoding })
    : t('rowsPasted', { n: num(job.size) });
  const sel = $('column');
  sel.replaceChildren(...job.header.map((h, i) => new Option(h, String(i), false, i === job.addressColumn)));
  $('column-label').hidden = job.header.length < 2;
}

// ---------------------------------------------------------------- running

$('run').addEventListener('click', run);
$('cancel').addEventListener('click', () => state.runner?.cancel());

async function run() {
  const job = state.job;
  if (!job || state.runner) return;
  message('');
  const runner = new Runner(job, { onProgress: scheduleProgress });
  state.runner = runner;
  state.started = performance.now();
  document.body.dataset.state = 'running';
  $('run').disabled = true;
  $('cancel').disabled = false;
  $('column').disabled = true;
  $('progress').max = Math.max(1, job.todo().length);
  scheduleProgress(runner);
  await runner.run();
  if (state.job !== job) return;  // another input was loaded meanwhile: its UI is not ours
  state.runner = null;
  $('run').disabled = false;
  $('cancel').disabled = true;
  $('column').disabled = false;
  const secs = ((performance.now() - state.started) / 1000).toFixed(1);
  const answered = job.size - job.todo().length;
  setProgressText(runner.cancelled ? 'cancelled' : 'finished', { done: answered, total: job.size, secs });
  $('progress').value = runner.done;
  if (runner.lastError) message(t('failedChunk', { msg: runner.lastError }));
  setRunLabel(job.todo().length > 0 ? 'resume' : 'run');
  document.body.dataset.state = runner.cancelled ? 'cancelled' : 'done';
  refreshAll();
}

// The line beside the progress bar, kept as key and values so that the
// language toggle can say it again.
let progressLine = null;
function setProgressText(key, vars, suffix = '') {
  progressLine = key ? { key, vars, suffix } : null;
  renderProgressText();
}

function renderProgressText() {
  if (!progressLine) {
    $('progress-text').textContent = '';
    return;
  }
  const v = {};
  for (const [k, x] of Object.entries(progressLine.vars)) v[k] = typeof x === 'number' && k !== 'pct' ? num(x) : x;
  $('progress-text').textContent = t(progressLine.key, v) + progressLine.suffix;
}

// Repaints at most once a frame however fast chunks return.
let progressQueued = false;
let lastViewRefresh = 0;
function scheduleProgress(runner) {
  if (progressQueued) return;
  progressQueued = true;
  requestAnimationFrame(() => {
    progressQueued = false;
    if (state.runner !== runner) return;  // finished (or replaced) meanwhile: run() has the last word
    const { done, total } = runner;
    $('progress').value = done;
    const pct = total ? Math.floor((100 * done) / total) : 100;
    const secs = (performance.now() - state.started) / 1000;
    const rate = secs > 0.2 ? ` · ${t('rate', { rate: num(Math.round(done / secs)) })}` : '';
    setProgressText('progress', { done, total, pct }, rate);
    const now = performance.now();
    if (now - lastViewRefresh > 300) {  // a new view is O(rows): not every frame
      lastViewRefresh = now;
      refreshAll();
    }
  });
}

// ---------------------------------------------------------------- summary

const CATEGORY_ORDER = ['ok', 'warn', 'edited', ...knownReasons(), 'error', 'pending'];

function categoryLabel(cat) {
  if (cat === 'ok') return t('answered');
  if (cat === 'warn') return t('answeredWarn');
  if (cat === 'edited') return t('edited');
  if (cat === 'pending') return t('pending');
  if (cat === 'error') return t('error');
  return `${t('statusNoAnswer')}: ${reasonShort(cat)}`;
}

function categoryClass(cat) {
  if (cat === 'ok' || cat === 'warn' || cat === 'edited' || cat === 'pending') return cat;
  return 'bad';
}

function orderedCategories(counts) {
  const extra = Object.keys(counts).filter((c) => !CATEGORY_ORDER.includes(c));
  return [...CATEGORY_ORDER, ...extra].filter((c) => counts[c] > 0);
}

function renderSummary(counts) {
  const cats = orderedCategories(counts);
  const max = Math.max(1, ...cats.map((c) => counts[c]));
  const items = cats.map((cat) => {
    const li = document.createElement('li');
    li.dataset.category = cat;
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = categoryLabel(cat);
    b.addEventListener('click', () => setFilter(state.filter === cat ? '' : cat));
    const n = document.createElement('span');
    n.className = 'count';
    n.textContent = num(counts[cat]);
    const track = document.createElement('div');
    track.className = 'track';
    track.setAttribute('aria-hidden', 'true');
    const bar = document.createElement('div');
    bar.className = `bar ${categoryClass(cat)}`;
    bar.style.width = `${(100 * counts[cat]) / max}%`;
    track.append(bar);
    if (state.filter === cat) li.classList.add('active');
    li.append(b, n, track);
    return li;
  });
  $('summary').replaceChildren(...items);
}

function renderFilter(counts) {
  const sel = $('filter');
  const opts = [new Option(`${t('filterAll')} (${num(state.job.size)})`, '')];
  for (const cat of orderedCategories(counts)) opts.push(new Option(`${categoryLabel(cat)} (${num(counts[cat])})`, cat));
  if (state.filter && !counts[state.filter]) opts.push(new Option(`${categoryLabel(state.filter)} (0)`, state.filter));
  sel.replaceChildren(...opts);
  sel.value = state.filter;
}

function setFilter(cat) {
  state.filter = cat;
  state.cursor = 0;
  refreshAll();
}

$('filter').addEventListener('change', () => setFilter($('filter').value));

let searchTimer = 0;
$('search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    state.search = $('search').value;
    state.cursor = 0;
    refreshAll();
  }, 150);
});

// ---------------------------------------------------------------- table

const ROW = 34;  // px, the same as --row in style.css

function columns() {
  const cols = [
    { key: '', label: t('colRow'), width: '64px', cls: 'num' },
    { key: 'input', label: t('colInput'), width: '24%' },
    { key: 'roadAddr', label: t('colRoadAddr'), width: '28%' },
  ];
  if (state.job.hasDelivery()) cols.push({ key: 'deliveryAddr', label: t('colDelivery'), width: '18%' });
  cols.push(
    { key: 'zipNo', label: t('colZip'), width: '80px', cls: 'zip' },
    { key: 'engAddr', label: t('colEng'), width: '20%' },
    { key: 'status', label: t('colStatus'), width: '18%' },
    { key: null, label: '', width: '128px', cls: 'act' },
  );
  return cols;
}

function refreshAll() {
  const job = state.job;
  if (!job) return;
  const counts = job.counts();
  renderSummary(counts);
  renderFilter(counts);
  state.view = job.view({ category: state.filter, search: state.search, sortKey: state.sortKey, ascending: state.ascending });
  state.cursor = Math.min(state.cursor, Math.max(0, state.view.length - 1));
  $('shown').textContent = t('shown', { shown: num(state.view.length), total: num(job.size) });
  $('download-xlsx').disabled = !state.xlsx;
  renderHead();
  renderRows();
}

function renderHead() {
  const cols = columns();
  $('cols').replaceChildren(...cols.map((c) => {
    const col = document.createElement('col');
    col.style.width = c.width;
    return col;
  }));
  $('head').replaceChildren(...cols.map((c) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.dataset.key = c.key || '';
    if (c.key) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = c.label;
      b.addEventListener('click', () => sortBy(c.key));
      th.append(b);
      if (state.sortKey === c.key) th.setAttribute('aria-sort', state.ascending ? 'ascending' : 'descending');
    } else {
      th.textContent = c.label;
    }
    return th;
  }));
}

function sortBy(key) {
  if (state.sortKey === key) {
    if (state.ascending) state.ascending = false;
    else state.sortKey = '';  // third click: back to input order
  } else {
    state.sortKey = key;
    state.ascending = true;
  }
  refreshAll();
}

const viewport = $('viewport');
let rowsQueued = false;
viewport.addEventListener('scroll', () => {
  if (rowsQueued) return;
  rowsQueued = true;
  requestAnimationFrame(() => {
    rowsQueued = false;
    renderRows();
  });
});
window.addEventListener('resize', () => renderRows());

function spacer(height, span) {
  const tr = document.createElement('tr');
  tr.setAttribute('aria-hidden', 'true');
  tr.style.height = `${height}px`;
  const td = document.createElement('td');
  td.colSpan = span;
  td.style.padding = '0';
  td.style.border = '0';
  tr.append(td);
  return tr;
}

// Only the rows in sight (and a margin) exist in the DOM; spacers above and
// below give the scrollbar the height of the whole view.
function renderRows() {
  const job = state.job;
  if (!job) return;
  const cols = columns();
  const view = state.view;
  $('table').setAttribute('aria-rowcount', String(view.length));
  if (view.length === 0) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = cols.length;
    td.className = 'empty';
    td.textContent = t('noRows');
    tr.append(td);
    $('body').replaceChildren(tr);
    return;
  }
  const height = viewport.clientHeight || 600;
  const first = Math.max(0, Math.floor(viewport.scrollTop / ROW) - 10);
  const last = Math.min(view.length, Math.ceil((viewport.scrollTop + height) / ROW) + 10);
  const trs = [];
  if (first > 0) trs.push(spacer(first * ROW, cols.length));
  for (let p = first; p < last; p++) trs.push(rowElement(view[p], p, cols));
  if (last < view.length) trs.push(spacer((view.length - last) * ROW, cols.length));
  $('body').replaceChildren(...trs);
}

function statusParts(r) {
  const cat = categoryOf(r);
  if (cat === 'pending') return { badge: t('pending'), cls: 'pending', text: '' };
  if (cat === 'error') return { badge: t('error'), cls: 'bad', text: r.error };
  if (cat === 'edited') {
    const key = r.edited === 'picked' ? 'statusPicked' : r.edited === 'verified' ? 'statusVerified' : 'statusManual';
    return { badge: t(key), cls: 'edited', text: '' };
  }
  if (cat === 'ok') return { badge: t('statusOk'), cls: 'ok', text: '' };
  if (cat === 'warn') return { badge: t('statusOk'), cls: 'warn', text: r.warnings.map(warningText).join(', ') };
  return { badge: t('statusNoAnswer'), cls: 'bad', text: reasonText(r.reason ?? cat) };
}

function cell(text, cls) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (text) td.title = text;
  if (cls) td.className = cls;
  return td;
}

function rowElement(i, pos, cols) {
  const job = state.job;
  const r = job.results[i];
  const tr = document.createElement('tr');
  tr.className = 'r';
  tr.dataset.row = String(i);
  tr.dataset.category = categoryOf(r);
  tr.setAttribute('aria-rowindex', String(pos + 1));
  if (pos === state.cursor) {
    tr.classList.add('cursor');
    tr.setAttribute('aria-selected', 'true');
  }
  for (const c of cols) {
    if (c.key === '') tr.append(cell(String(i + 1), 'num'));
    else if (c.key === 'input') tr.append(cell(job.label(i), 'input'));
    else if (c.key === 'status') {
      const s = statusParts(r);
      const td = document.createElement('td');
      td.className = 'status';
      const b = document.createElement('span');
      b.className = `badge ${s.cls}`;
      b.textContent = s.badge;
      td.append(b, document.createTextNode(s.text));
      td.title = [s.badge, s.text].filter(Boolean).join(': ');
      tr.append(td);
    } else if (c.key === null) {
      const td = document.createElement('td');
      td.className = 'act';
      if (r != null && !r.error) {
        const b = document.createElement('button');
        b.type = 'button';
        const n = r.candidates?.length ?? 0;
        b.textContent = r.reason === 'ambiguous' && n > 0 ? `${t('choose')} (${n})` : t('fix');
        b.addEventListener('click', () => {
          state.cursor = pos;
          openEdit(i);
        });
        td.append(b);
      }
      tr.append(td);
    } else {
      tr.append(cell(r == null ? '' : r[c.key], c.cls));
    }
  }
  tr.addEventListener('click', () => {
    state.cursor = pos;
    renderRows();
  });
  return tr;
}

function moveCursor(to) {
  const n = state.view.length;
  if (n === 0) return;
  state.cursor = Math.max(0, Math.min(n - 1, to));
  const top = state.cursor * ROW;
  const header = ROW;
  if (top < viewport.scrollTop) viewport.scrollTop = top;
  else if (top + ROW > viewport.scrollTop + viewport.clientHeight - header) viewport.scrollTop = top + ROW - viewport.clientHeight + header;
  renderRows();
}

viewport.addEventListener('keydown', (e) => {
  const page = Math.max(1, Math.floor(viewport.clientHeight / ROW) - 2);
  const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
  if (e.key in moves) moveCursor(state.cursor + moves[e.key]);
  else if (e.key === 'Home') moveCursor(0);
  else if (e.key === 'End') moveCursor(state.view.length - 1);
  else if (e.key === 'Enter' && state.view.length > 0) {
    const i = state.view[state.cursor];
    if (state.job.results[i] && !state.job.results[i].error) openEdit(i);
  } else return;
  e.preventDefault();
});

document.addEventListener('keydown', (e) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName ?? '');
  if (e.key === '/' && !typing && !$('edit').open && !$('results-section').hidden) {
    e.preventDefault();
    $('search').focus();
  }
});

// ---------------------------------------------------------------- correcting

function openEdit(i) {
  const job = state.job;
  const r = job.results[i];
  state.editing = i;
  $('edit-title').textContent = t('dialogTitle', { n: i + 1 });
  $('edit-input').textContent = job.label(i);
  const s = statusParts(r);
  $('edit-status').textContent = [s.badge, s.text].filter(Boolean).join(': ');
  $('edit-why').textContent = r.why || '';
  for (const el of document.querySelectorAll('#edit [data-field]')) {
    const v = r[el.dataset.field] ?? '';
    el.hidden = v === '';
    if (el.tagName === 'DD') el.textContent = v;
  }
  const others = job.header
    .map((h, c) => (c === job.addressColumn ? null : `${h}: ${job.rows[i][c]}`))
    .filter(Boolean);
  $('edit-others').textContent = others.join(' · ');
  const cands = r.candidates ?? [];
  $('edit-cands-wrap').hidden = cands.length === 0;
  $('edit-cands').replaceChildren(...cands.map((c, k) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.candidate = String(k);
    const a = document.createElement('span');
    a.textContent = [c.roadAddr, c.zipNo].filter(Boolean).join('  ');
    const sc = document.createElement('span');
    sc.className = 'score';
    sc.textContent = c.score == null ? '' : `${t('score')} ${c.score.toFixed(2)}`;
    b.append(a, sc);
    b.addEventListener('click', () => pick(i, c));
    li.append(b);
    return li;
  }));
  $('edit-manual').value = r.roadAddr || job.label(i);
  $('edit-revert').hidden = job.original[i] == null;
  $('edit').showModal();
  (cands.length > 0 ? $('edit-cands').querySelector('button') : $('edit-manual')).focus();
}

function fieldsOf(answer) {
  return {
    roadAddr: answer.roadAddr,
    deliveryAddr: answer.deliveryAddr,
    zipNo: answer.zipNo,
    engAddr: answer.engAddr,
    bdMgtSn: answer.bdMgtSn,
  };
}

async function pick(i, cand) {
  // The candidate carries its address; one more refine fills the zip and
  // English of the same building (checked by its management number).
  let fields = { roadAddr: cand.roadAddr, zipNo: cand.zipNo, bdMgtSn: cand.bdMgtSn };
  try {
    const a = await refineOne(cand.roadAddr);
    if (a.status === 'ok' && (!cand.bdMgtSn || a.bdMgtSn === cand.bdMgtSn)) fields = fieldsOf(a);
  } catch { /* keep what the candidate says */ }
  state.job.correct(i, fields, 'picked');
  closeEdit();
}

$('edit-save').addEventListener('click', async () => {
  const i = state.editing;
  const text = $('edit-manual').value.trim();
  if (i < 0 || text === '') return;
  let fields = { roadAddr: text };
  let how = 'manual';
  try {
    const a = await refineOne(text);
    if (a.status === 'ok') {
      fields = fieldsOf(a);
      how = 'verified';
    }
  } catch { /* kept as typed, marked not verified */ }
  state.job.correct(i, fields, how);
  closeEdit();
});

$('edit-manual').addEventListener('keydown', (e) => {
  if (e.key === 'Enter') {
    e.preventDefault();
    $('edit-save').click();
  }
});

$('edit-revert').addEventListener('click', () => {
  state.job.revert(state.editing);
  closeEdit();
});

function closeEdit() {
  $('edit').close();
}

$('edit').addEventListener('close', () => {
  state.editing = -1;
  refreshAll();
  viewport.focus();
});

// ---------------------------------------------------------------- download

function baseName() {
  const name = state.source?.kind === 'file' ? state.source.name.replace(/\.[^.]*$/, '') : 'labels';
  return `${name}_doro`;
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

$('download-csv').addEventListener('click', () => {
  const { header, rows } = state.job.exportTable();
  save(new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }), `${baseName()}.csv`);
});

$('download-xlsx').addEventListener('click', async () => {
  const { header, rows } = state.job.exportTable();
  const button = $('download-xlsx');
  button.disabled = true;
  button.textContent = t('xlsxWriting');
  try {
    const buf = await writeXlsx(header, rows);
    save(new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), `${baseName()}.xlsx`);
  } catch (e) {
    message(t('writeError', { msg: e.message }));
  } finally {
    button.disabled = !state.xlsx;
    button.textContent = t('downloadXlsx');
  }
});

// ---------------------------------------------------------------- start

async function init() {
  let saved = null;
  try { saved = localStorage.getItem('doro.lang'); } catch { /* private mode */ }
  setLang(saved ?? (navigator.language?.startsWith('ko') ? 'ko' : 'en'));
  try {
    const assets = await (await fetch('assets.json')).json();
    state.xlsx = assets.includes('vendor/exceljs.min.js');
  } catch {
    state.xlsx = false;
  }
  $('file').accept = state.xlsx ? $('file').accept : '.csv,.tsv,.txt,text/csv,text/tab-separated-values';
  applyLang();
  document.body.dataset.ready = '1';
}

init();
