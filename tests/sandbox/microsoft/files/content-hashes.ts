/** The hashes OneDrive reports for a file's bytes (file.hashes), computed piece by piece as the bytes arrive. */
import { createHash, type Hash } from 'node:crypto';
import { QuickXorHash } from './quick-xor-hash';

export interface DriveHashes {
  quickXorHash: string;
  sha1Hash: string;
}

export class DriveHasher {
  private readonly sha1: Hash = createHash('sha1');
  private readonly quickXor = new QuickXorHash();

  update(bytes: Uint8Array): this {
    this.sha1.update(bytes);
    this.quickXor.update(bytes);
    return this;
  }

  digest(): DriveHashes {
    return { quickXorHash: this.quickXor.digest(), sha1Hash: this.sha1.digest('hex').toUpperCase() };
  }
}

export const hashesOf = (bytes: Uint8Array): DriveHashes => new DriveHasher().update(bytes).digest();
