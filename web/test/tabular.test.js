// The page's CSV/TSV reading and writing and its results model, under node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

import { decodeBytes, detectDelimiter, parseDelimited, parseLines, toTable, guessAddressColumn, toCsv } from '../src/tabular.js';
import { Job, categoryOf } from '../src/results.js';

test('quoted fields keep delimiters, newlines and doubled quotes', () => {
  const text = 'id,addr\r\n1,"170, Toegye-ro"\r\n2,"line\nbreak ""quoted"""\r\n3,\r\n';
  assert.deepEqual(parseDelimited(text, ','), [
    ['id', 'addr'],
    ['1', '170, Toegye-ro'],
    ['2', 'line\nbreak "quoted"'],
    ['3', ''],
  ]);
});

test('a BOM is not part of the first header; a last line without newline is read; blank lines are no rows', () => {
  assert.deepEqual(parseDelimited('\ufeffa\tb\n\nx\ty', '\t'), [['a', 'b'], ['x', 'y']]);
});

test('the delimiter is the one the header row uses', () => {
  assert.equal(detectDelimiter('주문번호\t주소\n1\t170, Toegye-ro'), '\t');
  assert.equal(detectDelimiter('id,"주소, 전체",name\n'), ',');
  assert.equal(detectDelimiter('id;addr\n'), ';');
});

test('auto decoding takes valid UTF-8 as UTF-8 and other bytes as CP949', () => {
  // (CP949's extension syllables are checked in the browser, e2e.test.js:
  // node's euc-kr decoder is ICU's EUC-KR, the browser's is windows-949.)
  const korean = '서울특별시 중구 퇴계로 170';
  const utf8 = new TextEncoder().encode(korean);
  assert.deepEqual(decodeBytes(utf8), { text: korean, encoding: 'UTF-8' });
  const cp949 = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP949'], { input: korean });
  assert.deepEqual(decodeBytes(new Uint8Array(cp949)), { text: korean, encoding: 'CP949' });
});

test('pasted lines: blank ones dropped, ends trimmed', () => {
  assert.deepEqual(parseLines(' a \r\n\n b\rc\n'), ['a', 'b', 'c']);
});

test('rows are padded to the header width and unnamed columns get names', () => {
  const t = toTable([['id', '주소', ''], ['1', 'x'], ['2', 'y', 'z', 'extra']], true);
  assert.deepEqual(t.header, ['id', '주소', 'column3', 'column4']);
  assert.deepEqual(t.rows, [['1', 'x', '', ''], ['2', 'y', 'z', 'extra']]);
});

test('the address column is the one its header names, else the longest text', () => {
  assert.equal(guessAddressColumn(['order', '배송지 주소', 'memo'], []), 1);
  assert.equal(guessAddressColumn(['a', 'b'], [['1', '170, Toegye-ro, Jung-gu'], ['2', 'B 93 Wangsan-ro']]), 1);
});

test('CSV output has a BOM, CRLF and quotes exactly where needed', () => {
  assert.equal(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['plain', '']]), '\ufeffa,b\r\n"x,y","say ""hi"""\r\nplain,\r\n');
  const round = parseDelimited(toCsv(['a'], [['multi\nline']]), ',');
  assert.deepEqual(round, [['a'], ['multi\nline']]);
});

function answer(status, extra = {}) {
  return { status, reason: null, roadAddr: '', zipNo: '', engAddr: '', bdMgtSn: '', warnings: [], candidates: [], ...extra };
}

test('results: categories, counts, filter, search and sort', () => {
  const job = new Job(['id', 'addr'], [['1', 'b road'], ['2', 'a road'], ['3', 'c road']], 1);
  job.setAnswer(0, answer('ok', { roadAddr: '서울 B' }));
  job.setAnswer(1, answer('no_answer', { reason: 'ambiguous', candidates: [{ roadAddrPart1: 'X', bdMgtSn: '1', score: 1 }] }));
  assert.deepEqual(job.counts(), { ok: 1, ambiguous: 1, pending: 1 });
  assert.deepEqual(job.view({ category: 'ambiguous' }), [1]);
  assert.deepEqual(job.view({ search: '서울' }), [0]);
  assert.deepEqual(job.view({ search: '3' }), [2]);  // original columns are searched too
  assert.deepEqual(job.view({ sortKey: 'input' }), [1, 0, 2]);
  assert.deepEqual(job.view({ sortKey: 'input', ascending: false }), [2, 0, 1]);
  assert.deepEqual(job.todo(), [2]);
  assert.equal(job.results[1].candidates[0].roadAddr, 'X');  // today's candidate field name is read too
});

test('results: a correction is counted as edited, can be reverted, and is exported after the original columns', () => {
  const job = new Job(['id', 'status'], [['7', 'x']], 1);
  job.setAnswer(0, answer('no_answer', { reason: 'ambiguous' }));
  job.correct(0, { roadAddr: '서울특별시 중구 퇴계로 170', zipNo: '04627' }, 'picked');
  assert.equal(categoryOf(job.results[0]), 'edited');
  const { header, rows } = job.exportTable();
  assert.deepEqual(header.slice(0, 5), ['id', 'status', 'status (doro)', 'reason', 'roadAddr']);
  assert.deepEqual(rows[0].slice(0, 5), ['7', 'x', 'ok', '', '서울특별시 중구 퇴계로 170']);
  assert.equal(rows[0][header.indexOf('corrected')], 'picked');
  job.revert(0);
  assert.equal(job.results[0].reason, 'ambiguous');
});

test('results: sorting reads numbers as numbers', () => {
  const labels = ['세종대로 110', '세종대로 9', '남부순환로 1721', 'B 2 Sejong'];
  const job = new Job(['a'], labels.map((l) => [l]), 0);
  assert.deepEqual(job.view({ sortKey: 'input' }).map((i) => labels[i]), ['B 2 Sejong', '남부순환로 1721', '세종대로 9', '세종대로 110']);
});
