/** Seeds a sandbox account's contacts through the archive layout (`contacts/contacts.vcf`). */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeVCardFile, type VCardEntry } from '../../model/contact-vcard';
import type { ProviderSandbox } from '../sandbox/core/types';

export async function seedContacts(account: ProviderSandbox, entries: readonly VCardEntry[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), `ferry-${account.name}-contacts-`));
  try {
    await mkdir(join(dir, 'contacts'), { recursive: true });
    await writeFile(join(dir, 'contacts', 'contacts.vcf'), writeVCardFile(entries));
    account.reset();
    await account.seed(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
