/** One page of a collection and the `@odata.nextLink` to the next, built on the sandbox's Graph URL. */
import type { GraphCall } from './call';
import { encodeSkipToken, type QueryOptions } from './odata';

const nextLink = (call: GraphCall, skip: number, style: 'skip' | 'skiptoken'): string => {
  const path = call.relativeUrl.split('?')[0] as string;
  const params = [...call.query].filter(([key]) => !['$skip', '$skiptoken'].includes(key.toLowerCase()));
  params.push(style === 'skip' ? ['$skip', String(skip)] : ['$skiptoken', encodeSkipToken(skip)]);
  return `${call.serviceRoot}${path}?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
};

export const pageOf = <T>(
  call: GraphCall,
  items: T[],
  options: QueryOptions,
  context: string,
  render: (item: T) => Record<string, unknown>,
  style: 'skip' | 'skiptoken',
): Record<string, unknown> => {
  const end = options.skip + options.top;
  return {
    '@odata.context': `${call.serviceRoot}/$metadata#${context}`,
    ...(options.count && { '@odata.count': items.length }),
    value: items.slice(options.skip, end).map(render),
    ...(options.top > 0 && end < items.length && { '@odata.nextLink': nextLink(call, end, style) }),
  };
};
