// Types of bench/lib/journey.mjs, for the smoke test that runs it in `make test`.
export interface JourneyAction {
  name: string;
  count: number;
  errors: number;
  /** The first error of this action, if any (its message). */
  firstError?: string;
  p50: number;
  p99: number;
}
export function runJourney(options: {
  bases: string[];
  rate: number;
  seconds: number;
  users?: number;
  progress?: boolean;
}): Promise<{ seconds: number; actions: JourneyAction[] }>;
