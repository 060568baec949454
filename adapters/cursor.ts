/**
 * An exporter's opaque cursor: its own state as JSON, base64 over UTF-8 (calendar ids and server links
 * may hold any character), so the engine can store it as a plain string.
 */
export const encodeCursor = <T>(state: T): string =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(state))));

export const decodeCursor = <T>(text: string): T =>
  JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)))) as T;
