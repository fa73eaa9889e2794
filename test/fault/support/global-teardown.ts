import { down } from '../../../scripts/stack.mjs';

export default async function globalTeardown(): Promise<void> {
  await down('fault', { quiet: true });
}
