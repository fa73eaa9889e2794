import type { Server } from 'node:http';
import { down } from '../../scripts/stack.mjs';

export default async function globalTeardown(): Promise<void> {
  await down('test', { quiet: true });
  (globalThis as { otlpCollector?: Server }).otlpCollector?.close();
}
