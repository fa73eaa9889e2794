import type { Collection } from 'mongoose';

const DUPLICATE_KEY = 11000;

/**
 * Inserts the document unless one with its _id exists: true if inserted. A unique insert is the
 * one atomic write MongoDB and FerretDB v1 share, so "exactly once" is built on it.
 */
export async function insertUnique(collection: Collection, doc: object): Promise<boolean> {
  try {
    await collection.insertOne(doc);
    return true;
  } catch (err) {
    if ((err as { code?: number }).code === DUPLICATE_KEY) {
      return false;
    }
    throw err;
  }
}
