/**
 * The folders of a file tree being imported, by their path below the container: an item that arrives without
 * its parent's id (its folder was made in an earlier run, or by another batch) finds the folder at its path,
 * made once, with every folder above it first, however many items ask at the same time.
 */
import type { ImportItem } from '../model/adapter';
import { parentPath, type FileEntry } from '../model/file';

export class FolderTree {
  private readonly folders = new Map<string, Promise<string>>();

  /** `makeFolder` gives the id of the folder `name` in `parentId`, making it when missing. */
  constructor(private readonly makeFolder: (parentId: string, name: string) => Promise<string>) {}

  /** Where an item goes: the parent the engine names, or else the folder at its path. */
  parentOf(item: ImportItem<FileEntry>): Promise<string> {
    return item.parentId ? Promise.resolve(item.parentId) : this.folderAt(item.containerId, parentPath(item.data.path));
  }

  /** A folder an item made, so the items below it go into it. */
  remember(containerId: string, path: string, id: string): void {
    this.folders.set(`${containerId}\n${path}`, Promise.resolve(id));
  }

  private folderAt(containerId: string, path: string): Promise<string> {
    if (!path) return Promise.resolve(containerId);
    const key = `${containerId}\n${path}`;
    let made = this.folders.get(key);
    if (!made) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      made = this.folderAt(containerId, parentPath(path)).then((parent) => this.makeFolder(parent, name));
      made.catch(() => this.folders.delete(key));
      this.folders.set(key, made);
    }
    return made;
  }
}
