/**
 * Conference data on events: kept only with `conferenceDataVersion=1` (events.insert reference); a
 * `createRequest` for Google Meet is answered at once with a new meeting, as Google does for Meet.
 */
import { randomBytes } from 'node:crypto';
import type { EventResource } from './store';

type Body = Record<string, unknown>;

const letters = (n: number): string => Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');

function newMeet(createRequest: Body): { conferenceData: Body; hangoutLink: string } {
  const code = `${letters(3)}-${letters(4)}-${letters(3)}`;
  const uri = `https://meet.google.com/${code}`;
  return {
    hangoutLink: uri,
    conferenceData: {
      createRequest: { ...createRequest, status: { statusCode: 'success' } },
      entryPoints: [{ entryPointType: 'video', uri, label: `meet.google.com/${code}` }],
      conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet', iconUri: 'https://fonts.gstatic.com/s/i/productlogo/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png' },
      conferenceId: code,
    },
  };
}

export function conferenceFor(given: Body | null | undefined, existing: EventResource | undefined, enabled: boolean): Body | undefined {
  const kept = existing?.conferenceData ? { conferenceData: existing.conferenceData, ...(existing.hangoutLink ? { hangoutLink: existing.hangoutLink } : {}) } : undefined;
  if (!enabled) return kept;
  if (given == null) return undefined;
  const createRequest = given.createRequest as Body | undefined;
  const key = (createRequest?.conferenceSolutionKey as Body | undefined)?.type;
  if (createRequest && key === 'hangoutsMeet' && !given.entryPoints) return newMeet(createRequest);
  const video = (given.entryPoints as Body[] | undefined)?.find((e) => e.entryPointType === 'video');
  const isMeet = ((given.conferenceSolution as Body | undefined)?.key as Body | undefined)?.type === 'hangoutsMeet';
  return { conferenceData: given, ...(isMeet && typeof video?.uri === 'string' ? { hangoutLink: video.uri } : {}) };
}
