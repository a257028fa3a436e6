import { describe, expect, it, vi } from 'vitest';
import { MAX_IMPORT_FILE_BYTES } from '../../../../core/office/import';
import type { WeeklyReport } from '../../../../core/contracts/report-schema';
import type { PickedFile } from '../../../../components/office/drop';
import { runImport, type ImportProgress } from '../../../../components/office/import-run';
import { OfficeDb } from '../../../../storage/office/office-db';
import { READ_CHUNK, STORE_CHUNK, createOfficeReportsRepo } from '../../../../storage/office/office-reports-repo';
import { cadreWeek } from '../../core/office/generated-reports';
import { makeValidFile } from '../../core/report/fixtures';

const reports = Array.from({ length: 5 }, (_, i) => cadreWeek({ id: `run-${i}`, week: `2026-W${10 + i}`, portals: [{ portal: 'zj-mzxt', activeMinutes: 10 + i }] }));

function picked(path: string, text: string, size = new TextEncoder().encode(text).length): PickedFile & { reads: () => number } {
  let reads = 0;
  return {
    path,
    file: {
      size,
      text: async () => {
        reads++;
        return text;
      },
    },
    reads: () => reads,
  };
}

function memoryStore() {
  const stored: WeeklyReport[] = [];
  return {
    stored,
    async store(list: readonly WeeklyReport[]) {
      stored.push(...list);
    },
  };
}

describe('runImport', () => {
  it('judges each file, never reads one over the size limit, and stores what it accepted', async () => {
    const huge = picked('big/huge.json', '', MAX_IMPORT_FILE_BYTES + 1);
    const unreadable: PickedFile = { path: 'gone.json', file: { size: 10, text: () => Promise.reject(new Error('NotReadableError')) } };
    const files = [
      picked('a.json', JSON.stringify(makeValidFile(reports.slice(0, 3)))),
      huge,
      picked('b.json', JSON.stringify(makeValidFile(reports.slice(2)))),
      picked('bad.json', '{'),
      unreadable,
    ];
    const memory = memoryStore();
    const progress: ImportProgress[] = [];
    const outcome = await runImport(files, { existingIds: new Set([reports[4]!.reportId]), store: memory.store, onProgress: (p) => progress.push(p), yieldToUi: async () => undefined });

    expect(huge.reads()).toBe(0);
    expect(outcome.accepted).toBe(4);
    expect(memory.stored.map((r) => r.reportId)).toEqual(reports.slice(0, 4).map((r) => r.reportId));
    expect(outcome.duplicates).toBe(2); // report 2 again in b.json, report 4 already stored
    expect(outcome.acceptedFiles).toBe(2);
    expect(outcome.rejected).toEqual([
      { file: 'big/huge.json', reason: 'too-large' },
      { file: 'bad.json', reason: 'bad-json' },
      { file: 'gone.json', reason: 'unreadable' },
    ]);
    expect(progress[0]).toEqual({ phase: 'reading', done: 0, total: 5 });
    expect(progress).toContainEqual({ phase: 'reading', done: 5, total: 5 });
    expect(progress.at(-1)).toEqual({ phase: 'storing', done: 4, total: 4 });
  });

  it('hands the thread back to the page between files once a time slice is used up', async () => {
    let clock = 0;
    const yieldToUi = vi.fn(async () => undefined);
    const files = Array.from({ length: 6 }, (_, i) => picked(`${i}.json`, JSON.stringify(makeValidFile([reports[i % 5]!]))));
    await runImport(files, {
      existingIds: new Set(),
      store: memoryStore().store,
      onProgress: () => undefined,
      yieldToUi,
      sliceMs: 25,
      // Each reading of the clock advances 10 ms: a slice holds about two files.
      now: () => (clock += 10),
    });
    // Once before the first file, then every few files, then once per stored chunk.
    expect(yieldToUi.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(yieldToUi.mock.calls.length).toBeLessThan(files.length + 2);
  });

  it('stores the accepted reports in batches while it reads, never holding them all (issue 15)', async () => {
    const events: string[] = [];
    const files = reports.map((r, i) => {
      const file = picked(`${i}.json`, JSON.stringify(makeValidFile([r])));
      const text = file.file.text;
      return { path: file.path, file: { size: file.file.size, text: () => (events.push(`read ${i}`), text()) } };
    });
    const progress: ImportProgress[] = [];
    const outcome = await runImport(files, {
      existingIds: new Set(),
      store: async (list) => void events.push(`store ${list.length}`),
      onProgress: (p) => progress.push(p),
      yieldToUi: async () => undefined,
      batch: 2,
    });
    expect(outcome.accepted).toBe(5);
    expect(events).toEqual(['read 0', 'read 1', 'store 2', 'read 2', 'read 3', 'store 2', 'read 4', 'store 1']);
    expect(progress.at(-1)).toEqual({ phase: 'storing', done: 5, total: 5 });
  });

  it('stores nothing and asks for no storage when nothing was accepted', async () => {
    const store = vi.fn();
    const outcome = await runImport([picked('e.json', '')], { existingIds: new Set(), store, onProgress: () => undefined, yieldToUi: async () => undefined });
    expect(outcome.rejected).toEqual([{ file: 'e.json', reason: 'empty' }]);
    expect(store).not.toHaveBeenCalled();
  });
});

describe('the office reports repository', () => {
  it('keeps reports in its own database, in chunks, until cleared; settings survive a clear', async () => {
    const db = new OfficeDb(`office-test-${Math.random()}`);
    const repo = createOfficeReportsRepo(db);
    const many = Array.from({ length: STORE_CHUNK + 3 }, (_, i) => ({ ...reports[0]!, reportId: `${'x'.repeat(37)}${String(i).padStart(6, '0')}` }));
    const chunks: number[] = [];
    await repo.putAll(many, (n) => {
      chunks.push(n);
    });
    expect(chunks).toEqual([STORE_CHUNK, STORE_CHUNK + 3]);
    expect(await repo.count()).toBe(many.length);
    expect((await repo.ids()).has(many[7]!.reportId)).toBe(true);
    // Storing the same ids again replaces, never duplicates.
    await repo.putAll(many.slice(0, 10));
    expect(await repo.count()).toBe(many.length);

    await repo.saveSettings({ k: 12 });
    await repo.clear();
    expect(await repo.count()).toBe(0);
    expect(await repo.loadSettings()).toEqual({ k: 12 });
    expect(db.name).not.toBe('burden-barometer');
    db.close();
  });

  it('reads every stored report back in chunks of their own, and knows each one’s week without reading rows', async () => {
    const db = new OfficeDb(`office-test-${Math.random()}`);
    const repo = createOfficeReportsRepo(db);
    const many = Array.from({ length: READ_CHUNK * 2 + 5 }, (_, i) => ({ ...reports[i % 5]!, reportId: `${'y'.repeat(37)}${String(i).padStart(6, '0')}` }));
    await repo.putAll(many);
    const sizes: number[] = [];
    const seen: string[] = [];
    await repo.eachChunk((chunk) => {
      sizes.push(chunk.length);
      seen.push(...chunk.map((r) => r.reportId));
    });
    expect(sizes).toEqual([READ_CHUNK, READ_CHUNK, 5]);
    expect(seen).toEqual(many.map((r) => r.reportId));
    let calls = 0;
    await repo.eachChunk(() => (calls++, false));
    expect(calls).toBe(1);
    const weeks = await repo.weeksById();
    expect(weeks.size).toBe(many.length);
    expect(weeks.get(many[3]!.reportId)).toBe(many[3]!.week);
    db.close();
  }, 30_000); // 4,005 rows on fake-indexeddb: seconds on a loaded machine
});
