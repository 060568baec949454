/** Why a job stops before it is done, as a status and a sentence the person can act on. */
import type { AdapterError, ProviderDescriptor, ProviderId } from '../../../model/adapter';
import type { JobStatus } from '../messages';

export interface StopDecision {
  status: Extract<JobStatus, 'needs-reconnect' | 'paused' | 'failed'>;
  statusMessage: string;
  reconnectProvider?: ProviderId;
}

export class JobStop extends Error {
  override readonly name = 'JobStop';
  constructor(readonly decision: StopDecision) {
    super(decision.statusMessage);
  }
}

/** A sentence followed by the provider's own words when they add something: `Busy (“Service Unavailable”).` */
export function withProviderMessage(message: string, providerMessage: string | undefined): string {
  const said = providerMessage?.trim();
  return said && !message.includes(said) ? `${message.replace(/\.$/, '')} (“${said}”).` : message;
}

const quoted = (error: AdapterError) => (error.details.providerMessage ? ` (“${error.details.providerMessage.trim()}”)` : '');
const explained = (error: AdapterError) => withProviderMessage(error.message, error.details.providerMessage).replace(/\.$/, '');

/** A fatal error of the provider on `side`: the job waits for the person. */
export function stopForFatal(error: AdapterError, side: ProviderDescriptor): JobStop {
  const name = side.name;
  switch (error.details.fatalReason) {
    case 'reconnect':
      return new JobStop({
        status: 'needs-reconnect',
        reconnectProvider: side.id,
        statusMessage: `${name} needs you to connect again: the access was revoked or expired.`,
      });
    case 'storage-full':
      return new JobStop({ status: 'paused', statusMessage: `${name} is full${quoted(error)}. Free some space there, then resume the transfer.` });
    case 'quota-exhausted':
      return new JobStop({ status: 'paused', statusMessage: `${name}'s limit for today is used up${quoted(error)}. Resume the transfer later; nothing is lost.` });
    case 'forbidden':
      return new JobStop({ status: 'failed', statusMessage: `${name} refused access${quoted(error)}. Check what this account may do there, then resume.` });
    default:
      return new JobStop({ status: 'failed', statusMessage: `${name} stopped the transfer: ${explained(error)}.` });
  }
}

/** The provider kept answering "try again later" beyond the pacer's patience. */
export function stopForRetriesExhausted(error: AdapterError, side: ProviderDescriptor): JobStop {
  return new JobStop({
    status: 'paused',
    statusMessage: `${side.name} kept failing: ${explained(error)}. Ferry paused the transfer; resume it to try again.`,
  });
}

export function stopForUnexpected(error: unknown): JobStop {
  const message = error instanceof Error ? error.message : String(error);
  return new JobStop({ status: 'failed', statusMessage: `Ferry stopped because of an unexpected error: ${message}. Resume the transfer to try again.` });
}
