import type { Collection } from 'mongoose';

const DUPLICATE_KEY = 11000;

/** The server refused a write because a document with the same unique key exists. */
export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === DUPLICATE_KEY;
}

/**
 * Inserts the document unless one with its _id exists: true if inserted. A unique insert is the
 * one atomic write MongoDB and FerretDB v1 share, so "exactly once" is built on it.
 */
export async function insertUnique(collection: Collection, doc: object): Promise<boolean> {
  try {
    await collection.insertOne(doc);
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) {
      return false;
    }
    throw err;
  }
}

/**
 * Runs an upsert, once more if it lost the race of two first upserts of the same document (a
 * duplicate key: MongoDB retries that itself, FerretDB v1 does not). The document exists then.
 */
export async function upsertRacing<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (err) {
    if (!isDuplicateKey(err)) {
      throw err;
    }
    return upsert();
  }
}
