import { up } from '../../scripts/stack.mjs';

/**
 * Starts the real system for the system tests (profile `test`: its own ports and databases, so a
 * `make up` stack can keep running), on empty stores.
 */
export default async function globalSetup(): Promise<void> {
  const { seconds } = await up('test', { fresh: true });
  console.log(`\n[system tests] stack ready in ${seconds.toFixed(1)} s`);
}
