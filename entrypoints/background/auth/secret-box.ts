/**
 * Secrets kept across worker restarts (refresh tokens) are sealed with AES-GCM before they reach storage.local.
 * The key's bytes live only in storage.session (which cannot hold a CryptoKey), so a closed browser leaves
 * nothing on disk that opens them.
 */
import { browser } from 'wxt/browser';
import { trustedSessionStorage } from './session-storage';

export interface Sealed {
  iv: string;
  ciphertext: string;
}

const KEY_ITEM = 'auth:key';
let keyCreation: Promise<CryptoKey> | undefined;
let imported: { raw: string; key: Promise<CryptoKey> } | undefined;

/** `context` is bound into the ciphertext (AES-GCM additional data): a sealed value opens only in its own place. */
export async function seal(plaintext: string, context: string): Promise<Sealed> {
  const key = await sessionKey(true);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encode(context) },
    key,
    encode(plaintext),
  );
  return { iv: toBase64(iv), ciphertext: toBase64(new Uint8Array(ciphertext)) };
}

/** The plaintext, or undefined when the key is gone (the browser was closed) or the value was not sealed here. */
export async function unseal(sealed: Sealed, context: string): Promise<string | undefined> {
  const key = await sessionKey(false);
  if (!key) return undefined;
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: encode(context) },
      key,
      fromBase64(sealed.ciphertext),
    );
    return new TextDecoder().decode(plaintext);
  } catch {
    return undefined;
  }
}

export function isSealed(value: unknown): value is Sealed {
  const v = value as Partial<Sealed> | null | undefined;
  return typeof v?.iv === 'string' && typeof v.ciphertext === 'string';
}

function sessionKey(create: true): Promise<CryptoKey>;
function sessionKey(create: false): Promise<CryptoKey | undefined>;
async function sessionKey(create: boolean): Promise<CryptoKey | undefined> {
  const raw = await storedKey();
  if (raw) return importKey(raw);
  if (!create) return undefined;
  keyCreation ??= createKey().finally(() => (keyCreation = undefined));
  return keyCreation;
}

async function createKey(): Promise<CryptoKey> {
  const raw = (await storedKey()) ?? toBase64(crypto.getRandomValues(new Uint8Array(32)));
  await (await trustedSessionStorage()).set({ [KEY_ITEM]: raw });
  return importKey(raw);
}

async function storedKey(): Promise<string | undefined> {
  const stored = (await browser.storage.session.get(KEY_ITEM))[KEY_ITEM];
  return typeof stored === 'string' ? stored : undefined;
}

function importKey(raw: string): Promise<CryptoKey> {
  if (imported?.raw !== raw) {
    imported = { raw, key: crypto.subtle.importKey('raw', fromBase64(raw), 'AES-GCM', false, ['encrypt', 'decrypt']) };
  }
  return imported.key;
}

function encode(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
