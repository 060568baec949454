/** Which OAuth scopes a connection asks for, and whether a grant holds them. */
import type { DataType, OAuthProviderDescriptor, ProviderDescriptor } from '../../../model/adapter';
import type { Role } from '../messages';

/** The data types' own scopes for one side of a transfer: export scopes for a source, import for a destination. */
export function dataTypeScopes(provider: ProviderDescriptor, role: Role, dataTypes: readonly DataType[]): string[] {
  const direction = role === 'source' ? 'export' : 'import';
  return unique(dataTypes.flatMap((type) => provider.dataTypes[type]?.scopes[direction] ?? []));
}

/** Everything to ask for: identity scopes, this side's data scopes, and whatever an earlier connection asked for. */
export function scopesToRequest(
  provider: OAuthProviderDescriptor,
  role: Role,
  dataTypes: readonly DataType[],
  earlier: readonly string[] = [],
): string[] {
  return unique([...provider.auth.baseScopes, ...dataTypeScopes(provider, role, dataTypes), ...earlier]);
}

/**
 * Graph reports granted scopes with their resource prefix (`https://graph.microsoft.com/Calendars.Read`) even when
 * asked without it, and case may differ:
 * https://learn.microsoft.com/en-us/entra/identity-platform/scopes-oidc#scopes-and-permissions
 */
export function hasScope(granted: readonly string[], scope: string): boolean {
  const wanted = scope.toLowerCase();
  return granted.some((g) => {
    const have = g.toLowerCase();
    return have === wanted || have.endsWith(`/${wanted}`);
  });
}

export function missingScopes(granted: readonly string[], wanted: readonly string[]): string[] {
  return wanted.filter((scope) => !hasScope(granted, scope));
}

/** RFC 6749 §5.1: a token response omits `scope` when it is exactly what was asked for. */
export function grantedScopes(scopeParam: string | null | undefined, requested: readonly string[]): string[] {
  return scopeParam ? scopeParam.split(' ').filter(Boolean) : [...requested];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
