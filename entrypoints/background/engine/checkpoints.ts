/**
 * Named points of a run where a test may simulate a crash (the checkpoint hook throws): the run then stops
 * writing at once, as a killed worker would, and a fresh Engine on the same database must resume it.
 */
export const CHECKPOINTS = [
  'after-page-fetched',
  'after-containers-ensured',
  'after-page-recorded',
  'before-create',
  'after-create-before-record',
  'after-results-recorded',
  'after-reconcile',
] as const;
export type Checkpoint = (typeof CHECKPOINTS)[number];

export class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
  constructor(
    readonly point: Checkpoint,
    override readonly cause: unknown,
  ) {
    super(`Simulated crash at ${point}`);
  }
}
