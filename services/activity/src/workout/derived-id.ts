import { createHash } from 'node:crypto';

/**
 * A UUID derived from its parts (name-based, SHA-256): the same parts always give the same id, so a
 * workout recorded twice (a redelivered group session, a repeated import) is stored once.
 */
export function derivedId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join(':')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
