// The dashboard saves its history to IndexedDB in the background and says nothing on screen when
// it has, so a test that reloads must first see the save land, or the reload races it. This reads
// what the next page load will restore, from the schema in src/store/historyDb.ts.
import type { Page } from '@playwright/test';

const DB_NAME = 'hearth';
const DEVICES_STORE = 'devices';

/** The browser globals the reader touches, typed here because e2e/ compiles without the DOM lib. */
interface IndexedDbGlobals {
  indexedDB: {
    databases(): Promise<Array<{ name?: string }>>;
    open(name: string): IdbRequest<IdbDatabase>;
  };
}

interface IdbRequest<T> {
  result: T;
  error: unknown;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}

interface IdbDatabase {
  readonly objectStoreNames: { contains(name: string): boolean };
  transaction(
    store: string,
    mode: 'readonly',
  ): {
    objectStore(name: string): { get(key: string): IdbRequest<SavedDevice | undefined> };
  };
  close(): void;
}

interface SavedDevice {
  metrics: Map<string, { value: number | null }>;
}

/**
 * The value of `metric` that the page's IndexedDB holds for the generic device `device` (saved
 * under its key, convention and native id), or null when nothing is saved yet. It never creates the database: one created here, empty, would keep the app from
 * creating its stores.
 */
export function savedMetricValue(page: Page, device: string, metric: string): Promise<number | null> {
  return page.evaluate(
    ({ dbName, storeName, deviceId, metricName }) => {
      const { indexedDB } = globalThis as unknown as IndexedDbGlobals;
      const promised = <T>(request: IdbRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      return indexedDB.databases().then(async (databases) => {
        if (!databases.some((database) => database.name === dbName)) return null;
        const db = await promised(indexedDB.open(dbName));
        try {
          if (!db.objectStoreNames.contains(storeName)) return null;
          const saved = await promised(
            db.transaction(storeName, 'readonly').objectStore(storeName).get(deviceId),
          );
          return saved?.metrics.get(metricName)?.value ?? null;
        } finally {
          db.close();
        }
      });
    },
    { dbName: DB_NAME, storeName: DEVICES_STORE, deviceId: `generic/${device}`, metricName: metric },
  );
}
