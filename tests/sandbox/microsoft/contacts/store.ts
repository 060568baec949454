/**
 * The mailbox's contacts: the default Contacts folder and the folders beside it, each contact's properties
 * as Graph answers them, its single-value extended properties and its photo bytes.
 */
import { randomBytes } from 'node:crypto';
import { newChangeKey, newItemId } from '../calendar/ids';

export interface ExtendedProperty {
  id: string;
  value: string;
}

export interface StoredContact {
  id: string;
  folderId: string;
  changeKey: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  props: Record<string, unknown>;
  extendedProperties: ExtendedProperty[];
  photo?: { bytes: Buffer; contentType: string };
}

export interface StoredFolder {
  id: string;
  displayName: string;
  isDefault: boolean;
}

export class ContactStore {
  readonly folders = new Map<string, StoredFolder>();
  readonly contacts = new Map<string, StoredContact>();
  defaultFolderId = '';

  constructor() {
    this.reset();
  }

  reset(): void {
    this.folders.clear();
    this.contacts.clear();
    this.defaultFolderId = `AAMkAGI2${randomBytes(30).toString('base64url')}AAA=`;
    this.folders.set(this.defaultFolderId, { id: this.defaultFolderId, displayName: 'Contacts', isDefault: true });
  }

  createFolder(displayName: string): StoredFolder {
    const folder = { id: `AAMkAGI2${randomBytes(30).toString('base64url')}AAA=`, displayName, isDefault: false };
    this.folders.set(folder.id, folder);
    return folder;
  }

  folderNamed(name: string): StoredFolder | undefined {
    return [...this.folders.values()].find((f) => f.displayName.toLowerCase() === name.toLowerCase());
  }

  create(folderId: string, props: Record<string, unknown>, extendedProperties: ExtendedProperty[], now: string): StoredContact {
    const contact: StoredContact = { id: newItemId(), folderId, changeKey: newChangeKey(), createdDateTime: now, lastModifiedDateTime: now, props, extendedProperties };
    this.contacts.set(contact.id, contact);
    return contact;
  }

  inFolder(folderId: string): StoredContact[] {
    return [...this.contacts.values()].filter((c) => c.folderId === folderId);
  }
}
