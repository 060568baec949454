/**
 * The files a person chose as an archive source (`AdapterContext.localFiles.sources`): a File in the browser, a
 * Blob named by the test in Node. Only their names and slices are ever read.
 */
import { AdapterError, type AdapterContext } from '../model/adapter';

export const fileNameOf = (blob: Blob): string => ('name' in blob && typeof blob.name === 'string' && blob.name ? blob.name : 'the chosen file');

export function chosenFiles(ctx: AdapterContext, exportName: string): readonly Blob[] {
  const sources = ctx.localFiles?.sources ?? [];
  if (!sources.length) throw new AdapterError(`No file was chosen: choose the zip file (or all the zip files) of your ${exportName} export.`, 'fatal');
  return sources;
}
