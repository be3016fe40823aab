// Sends the labels of a job through POST /v1/refine/batch in chunks, a few
// requests in flight at once, so that 100,000 rows neither make one huge
// request nor freeze the page: each answer is stored as its chunk returns,
// and the caller repaints from onProgress. cancel() aborts what is in flight;
// the rows not done stay pending and a later run sends only those.

export const CHUNK = 500;      // labels per request
export const IN_FLIGHT = 2;    // concurrent requests (the server has its own threads)
const RETRIES = 2;             // per chunk, for network errors and 5xx

export class Runner {
  constructor(job, { base = '', chunk = CHUNK, inFlight = IN_FLIGHT, onProgress = () => {} } = {}) {
    this.job = job;
    this.base = base;
    this.chunk = chunk;
    this.inFlight = inFlight;
    this.onProgress = onProgress;
    this.controller = new AbortController();
    this.cancelled = false;
    this.done = 0;
    this.total = 0;
    this.lastError = null;
  }

  cancel() {
    this.cancelled = true;
    this.controller.abort();
  }

  // Resolves when every chunk is answered, failed or cancelled.
  async run() {
    const todo = this.job.todo();
    this.total = todo.length;
    const chunks = [];
    for (let i = 0; i < todo.length; i += this.chunk) chunks.push(todo.slice(i, i + this.chunk));
    let next = 0;
    const worker = async () => {
      while (!this.cancelled && next < chunks.length) {
        const rows = chunks[next++];
        await this.sendChunk(rows);
        this.onProgress(this);
      }
    };
    const workers = [];
    for (let w = 0; w < Math.min(this.inFlight, chunks.length); w++) workers.push(worker());
    await Promise.all(workers);
    return this;
  }

  async sendChunk(rows) {
    const body = JSON.stringify({ addresses: rows.map((i) => this.job.label(i)) });
    for (let attempt = 0; ; attempt++) {
      let message;
      try {
        const res = await fetch(`${this.base}/v1/refine/batch`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
          signal: this.controller.signal,
        });
        const text = await res.text();
        if (res.ok) {
          const data = JSON.parse(text);
          const results = data.results ?? [];
          rows.forEach((row, k) => {
            if (k < results.length) this.job.setAnswer(row, results[k]);
            else this.job.setError(row, 'missing in response');
          });
          this.done += rows.length;
          return;
        }
        message = `HTTP ${res.status}: ${errorMessage(text)}`;
        if (res.status < 500) attempt = RETRIES;  // the request itself is wrong: no retry
      } catch (e) {
        if (this.cancelled) return;  // rows stay pending
        message = e.message || String(e);
      }
      if (attempt >= RETRIES) {
        for (const row of rows) this.job.setError(row, message);
        this.lastError = message;
        this.done += rows.length;
        return;
      }
    }
  }
}

function errorMessage(text) {
  try {
    return JSON.parse(text).message ?? text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}

// One label through POST /v1/refine (a hand correction being checked).
export async function refineOne(label, base = '') {
  const res = await fetch(`${base}/v1/refine`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ address: label }),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}
