/** A person at the Google Photos picker, for tests: opens the page, checks every box and presses Done. */
import type { AdapterContext } from '../../model/adapter';

export async function pickEverything(ctx: AdapterContext, pickerUrl: string): Promise<void> {
  const page = await ctx.anonymousFetch!(pickerUrl);
  const html = await page.text();
  if (!page.ok) throw new Error(`The picker page answered ${page.status}: ${html.slice(0, 200)}`);
  const ids = [...html.matchAll(/<input type="checkbox" name="item" value="([^"]+)"/g)].map((m) => m[1]!);
  const form = new URLSearchParams([...ids.map((id): [string, string] => ['item', id]), ['action', 'done']]);
  const done = await ctx.anonymousFetch!(pickerUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
  if (!done.ok) throw new Error(`Pressing Done answered ${done.status}: ${(await done.text()).slice(0, 200)}`);
}
