import { up } from '../../scripts/stack.mjs';
import { startCollector } from './otlp-collector.mjs';

/**
 * Starts the real system for the system tests (profile `test`: its own ports and databases, so a
 * `make up` stack can keep running), on empty stores, with an OTLP collector for its traces.
 */
export default async function globalSetup(): Promise<void> {
  (globalThis as { otlpCollector?: unknown }).otlpCollector = await startCollector();
  const { seconds } = await up('test', { fresh: true });
  console.log(`\n[system tests] stack ready in ${seconds.toFixed(1)} s`);
}
