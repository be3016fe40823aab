// The page's words in Korean and English, and the plain-language meaning of
// each reason and warning the API can return. A code the page does not know
// yet (the API may grow) is shown as the code itself, never hidden.

export const LANGS = ['ko', 'en'];

const TEXT = {
  ko: {
    title: 'doro 주소 정제',
    subtitle: '라벨을 붙여넣거나 CSV/TSV/XLSX 파일을 올리면 도로명주소로 바꿉니다. 모든 처리는 이 서버 안에서만 이루어집니다.',
    langButton: 'English',
    pasteLegend: '붙여넣기 (한 줄에 하나)',
    pastePlaceholder: '예) 170, Toegye-ro, Jung-gu, Seoul',
    usePaste: '붙여넣은 내용 사용',
    fileLegend: '파일 (CSV, TSV, XLSX)',
    dropHint: '파일을 여기에 끌어다 놓거나',
    chooseFile: '파일 선택',
    encoding: '인코딩',
    encAuto: '자동 (UTF-8 또는 CP949)',
    delimiter: '구분자',
    delimAuto: '자동',
    delimComma: '쉼표 (,)',
    delimTab: '탭',
    delimSemicolon: '세미콜론 (;)',
    hasHeader: '첫 줄은 머리글',
    addressColumn: '주소 열',
    rowsLoaded: '{n}행을 읽었습니다 ({name}, {enc})',
    rowsPasted: '붙여넣은 {n}행',
    inputToggle: '입력 (붙여넣기 또는 파일)',
    run: '정제 시작',
    resume: '남은 행 계속',
    cancel: '취소',
    progress: '{done} / {total}행 ({pct}%)',
    rate: '초당 {rate}행',
    cancelled: '취소됨: {done} / {total}행 처리됨',
    finished: '완료: {done} / {total}행, {secs}초',
    failedChunk: '요청 실패: {msg}',
    summary: '요약',
    answered: '주소 찾음',
    answeredWarn: '주소 찾음 (확인 권장)',
    edited: '직접 수정',
    pending: '대기',
    error: '요청 오류',
    filter: '상태',
    filterAll: '전체',
    search: '검색',
    searchPlaceholder: '입력 또는 주소에서 찾기',
    shown: '{shown} / {total}행 표시',
    colRow: '#',
    colInput: '입력',
    colRoadAddr: '도로명주소',
    colDelivery: '배송 주소',
    colZip: '우편번호',
    colEng: '영문 주소',
    colStatus: '상태',
    colAction: '',
    choose: '후보 선택',
    fix: '수정',
    download: '내려받기:',
    downloadCsv: 'CSV',
    downloadCsvTitle: 'UTF-8 (BOM 포함): Excel에서 한글이 바로 보입니다',
    downloadXlsx: 'XLSX',
    xlsxMissing: '이 빌드에는 XLSX 지원이 없습니다 (web/node_modules 없이 빌드됨). CSV를 사용하세요.',
    xlsxLoading: 'XLSX 읽는 중…',
    xlsxWriting: 'XLSX 만드는 중…',
    dialogTitle: '행 {n} 수정',
    dialogInput: '입력',
    dialogWhy: '판단 근거',
    dialogJibun: '지번 주소',
    dialogBuilding: '건물명',
    dialogDetail: '상세주소',
    dialogCandidates: '후보 (클릭하여 선택)',
    dialogManual: '직접 입력한 주소',
    dialogManualHint: '저장하면 이 주소를 다시 확인해 우편번호와 영문 주소를 채웁니다.',
    save: '저장',
    revert: '원래 답으로',
    close: '닫기',
    score: '점수',
    statusOk: '찾음',
    statusNoAnswer: '답 없음',
    statusManual: '직접 수정 (확인 안 됨)',
    statusPicked: '후보 선택',
    statusVerified: '직접 수정 (확인됨)',
    keyboardHint: '표에서 ↑↓로 이동, Enter로 수정, / 로 검색',
    noRows: '표시할 행이 없습니다',
    emptyInput: '입력이 비어 있습니다',
    readError: '파일을 읽지 못했습니다: {msg}',
    writeError: '파일을 만들지 못했습니다: {msg}',
  },
  en: {
    title: 'doro address cleaning',
    subtitle: 'Paste labels or load a CSV/TSV/XLSX file to get road-name addresses. Everything stays on this server.',
    langButton: '한국어',
    pasteLegend: 'Paste (one label per line)',
    pastePlaceholder: 'e.g. 170, Toegye-ro, Jung-gu, Seoul',
    usePaste: 'Use pasted labels',
    fileLegend: 'File (CSV, TSV, XLSX)',
    dropHint: 'Drop a file here, or',
    chooseFile: 'Choose file',
    encoding: 'Encoding',
    encAuto: 'Auto (UTF-8 or CP949)',
    delimiter: 'Delimiter',
    delimAuto: 'Auto',
    delimComma: 'Comma (,)',
    delimTab: 'Tab',
    delimSemicolon: 'Semicolon (;)',
    hasHeader: 'First row is a header',
    addressColumn: 'Address column',
    rowsLoaded: 'Read {n} rows ({name}, {enc})',
    rowsPasted: '{n} pasted rows',
    inputToggle: 'Input (paste or file)',
    run: 'Refine',
    resume: 'Continue with the rest',
    cancel: 'Cancel',
    progress: '{done} / {total} rows ({pct}%)',
    rate: '{rate} rows/s',
    cancelled: 'Cancelled: {done} of {total} rows done',
    finished: 'Done: {done} of {total} rows, {secs} s',
    failedChunk: 'Request failed: {msg}',
    summary: 'Summary',
    answered: 'Answered',
    answeredWarn: 'Answered (worth a look)',
    edited: 'Corrected by hand',
    pending: 'Pending',
    error: 'Request error',
    filter: 'Status',
    filterAll: 'All',
    search: 'Search',
    searchPlaceholder: 'Find in input or address',
    shown: 'Showing {shown} of {total} rows',
    colRow: '#',
    colInput: 'Input',
    colRoadAddr: 'Road address',
    colDelivery: 'Delivery address',
    colZip: 'Zip',
    colEng: 'English',
    colStatus: 'Status',
    colAction: '',
    choose: 'Choose',
    fix: 'Fix',
    download: 'Download:',
    downloadCsv: 'CSV',
    downloadCsvTitle: 'UTF-8 with a BOM, so that Excel shows Korean correctly',
    downloadXlsx: 'XLSX',
    xlsxMissing: 'This build has no XLSX support (built without web/node_modules). Use CSV.',
    xlsxLoading: 'Reading XLSX…',
    xlsxWriting: 'Writing XLSX…',
    dialogTitle: 'Row {n}',
    dialogInput: 'Input',
    dialogWhy: 'Why',
    dialogJibun: 'Lot address',
    dialogBuilding: 'Building',
    dialogDetail: 'Unit',
    dialogCandidates: 'Candidates (click to choose)',
    dialogManual: 'Address typed by hand',
    dialogManualHint: 'On save it is checked again to fill in the zip and English address.',
    save: 'Save',
    revert: 'Back to the original answer',
    close: 'Close',
    score: 'score',
    statusOk: 'Answered',
    statusNoAnswer: 'No answer',
    statusManual: 'Corrected (not verified)',
    statusPicked: 'Candidate chosen',
    statusVerified: 'Corrected (verified)',
    keyboardHint: 'In the table: ↑↓ to move, Enter to fix, / to search',
    noRows: 'No rows to show',
    emptyInput: 'Nothing to refine',
    readError: 'Could not read the file: {msg}',
    writeError: 'Could not write the file: {msg}',
  },
};

// Why there is no answer, in plain words.
const REASONS = {
  ko: {
    no_road: '도로를 찾지 못함: 도로명이 없거나 알아볼 수 없습니다',
    no_building: '건물번호 없음: 도로는 맞지만 그 번호의 건물이 없습니다',
    ambiguous: '여러 주소 가능: 후보 중에서 고르세요',
    region_conflict: '지역 불일치: 라벨의 지역과 도로가 맞지 않습니다',
    bad_input: '읽을 수 없는 입력 (비어 있음, 너무 김, 깨진 문자)',
  },
  en: {
    no_road: 'No road found: the road name is missing or not recognised',
    no_building: 'No such building: the road exists, the number does not',
    ambiguous: 'Several addresses fit: choose one of the candidates',
    region_conflict: 'Region conflict: the place on the label is not where the road is',
    bad_input: 'Unreadable input (empty, too long or broken characters)',
  },
};

// The same, in a word or two (summary and filter).
const REASONS_SHORT = {
  ko: { no_road: '도로 없음', no_building: '건물번호 없음', ambiguous: '여러 주소 가능', region_conflict: '지역 불일치', bad_input: '입력 오류' },
  en: { no_road: 'No road', no_building: 'No such building', ambiguous: 'Several fit', region_conflict: 'Region conflict', bad_input: 'Bad input' },
};

// Parts of a label that disagree with the answer given.
const WARNINGS = {
  ko: {
    zip_mismatch: '라벨의 우편번호가 답과 다름',
    town_mismatch: '라벨의 읍·면·동이 답과 다름',
    district_mismatch: '라벨의 시·군·구가 답과 다름',
    renamed_district: '라벨의 시·도/시·군·구가 옛 이름(또는 새 이름)',
  },
  en: {
    zip_mismatch: 'the postcode on the label differs',
    town_mismatch: 'the town (eup/myeon/dong) on the label differs',
    district_mismatch: 'the district on the label differs',
    renamed_district: 'the label names the district by its old (or new) name',
  },
};

let current = 'ko';

export function setLang(lang) {
  current = LANGS.includes(lang) ? lang : 'ko';
}

export function lang() {
  return current;
}

// The text for `key` with {name} placeholders filled from `vars`.
export function t(key, vars = {}) {
  const s = TEXT[current][key] ?? TEXT.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : `{${k}}`));
}

export function reasonText(reason) {
  return REASONS[current][reason] ?? reason;
}

export function reasonShort(reason) {
  return REASONS_SHORT[current][reason] ?? reason;
}

export function warningText(code) {
  return WARNINGS[current][code] ?? code;
}

export function knownReasons() {
  return Object.keys(REASONS.en);
}

// Numbers with the locale's digit grouping.
export function num(n) {
  return Number(n).toLocaleString(current === 'ko' ? 'ko-KR' : 'en-US');
}
