/** Fresh browser, providers and auth for each test. */
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAuth, type Auth } from '../../../entrypoints/background/auth';
import { FakeProviders, resolveProvider } from './fake-providers';

export interface AuthWorld {
  providers: FakeProviders;
  auth: Auth;
}

export function useAuthWorld(): AuthWorld {
  const world = {} as AuthWorld;
  beforeEach(() => {
    fakeBrowser.reset();
    world.providers = new FakeProviders();
    world.providers.install();
    world.auth = createAuth(resolveProvider);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });
  return world;
}
