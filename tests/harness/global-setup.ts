import { buildSandboxExtension } from './build-extension';

export default function globalSetup(): void {
  buildSandboxExtension();
}
