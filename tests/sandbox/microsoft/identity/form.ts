import type { SandboxRequest } from '../../core/types';

/** An `application/x-www-form-urlencoded` body, or null when the request carries another type. */
export const readForm = async (req: SandboxRequest): Promise<URLSearchParams | null> => {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return null;
  return new URLSearchParams((await req.body()).toString('utf8'));
};
