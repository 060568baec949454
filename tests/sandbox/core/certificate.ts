/**
 * The sandbox's self-signed TLS certificate for 127.0.0.1 and localhost. Generating an RSA key takes a
 * moment, so it is cached in the OS temp folder and reused until a week before it expires.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface SandboxCertificate {
  key: string;
  cert: string;
  notAfter: string;
}

const CACHE_FILE = join(tmpdir(), 'ferry-sandbox-certificate-v1.json');
const VALID_DAYS = 365;
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

export async function loadSandboxCertificate(): Promise<SandboxCertificate> {
  const cached = await readCached();
  if (cached && Date.parse(cached.notAfter) - Date.now() > RENEW_BEFORE_MS) return cached;
  const fresh = await generateCertificate();
  // Several test workers may start a sandbox at once: write aside, then rename atomically.
  const partial = `${CACHE_FILE}.${process.pid}.tmp`;
  await writeFile(partial, JSON.stringify(fresh), { mode: 0o600 });
  await rename(partial, CACHE_FILE);
  return fresh;
}

async function readCached(): Promise<SandboxCertificate | undefined> {
  try {
    const parsed = JSON.parse(await readFile(CACHE_FILE, 'utf8')) as Partial<SandboxCertificate>;
    if (typeof parsed.key === 'string' && typeof parsed.cert === 'string' && typeof parsed.notAfter === 'string') {
      return { key: parsed.key, cert: parsed.cert, notAfter: parsed.notAfter };
    }
  } catch {
    // No cache yet, or a damaged one: make a new certificate.
  }
  return undefined;
}

async function generateCertificate(): Promise<SandboxCertificate> {
  const notBeforeDate = new Date(Date.now() - 3600 * 1000);
  const notAfterDate = new Date(notBeforeDate.getTime() + VALID_DAYS * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert, notAfter: notAfterDate.toISOString() };
}
