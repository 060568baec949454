/** Graph's refusals a person must act on, worded for To Do rather than calendars (the client words them for Outlook). */
import { AdapterError } from '../../../model/adapter';

export function forTasks(error: unknown): unknown {
  if (!(error instanceof AdapterError) || error.details.fatalReason !== 'forbidden') return error;
  const said = error.details.providerMessage ?? error.message;
  return new AdapterError(
    `Microsoft refused: Ferry was not given access to your To Do tasks (${said}). Reconnect your Microsoft account and allow Ferry to read and write your tasks when Microsoft asks.`,
    'fatal',
    error.details,
  );
}

/** Runs an adapter step, rewording a refusal of access for To Do. */
export async function worded<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw forTasks(error);
  }
}
