/** Outlook mail in the Graph sandbox: a GraphDataType sharing the mailbox's limits, with the upload host for attachments. */
import type { SandboxContext } from '../../core/types';
import type { GraphDataType } from '../graph/data-type';
import { UPLOAD_HOST, mailApi } from './api';
import { dumpMailbox, seedMailbox } from './archive';
import { presentFolder, presentMessage } from './present';
import { OutlookMailbox } from './store';
import { createUploadHost } from './upload-host';

export function createOutlookMail(deps: { ctx: SandboxContext; now: () => number }): GraphDataType & { store: OutlookMailbox } {
  const mailbox = new OutlookMailbox();
  const api = mailApi(mailbox, deps.ctx, deps.now);
  const dataType: GraphDataType & { store: OutlookMailbox } = {
    name: 'mail',
    hosts: [UPLOAD_HOST],
    mailbox: true,
    store: mailbox,
    route: api.route,
    handleHost: createUploadHost(mailbox, deps.now),
    seed: (dataDir) => seedMailbox(mailbox, dataDir),
    dump: (outDir) => dumpMailbox(mailbox, outDir),
    snapshot: () => ({
      folders: [...mailbox.folders.values()].map((f) => presentFolder(mailbox, f)),
      messages: [...mailbox.messages.values()].map((m) => ({ ...presentMessage(m), attachments: m.attachments.map((a) => ({ name: a.name, contentType: a.contentType, size: a.bytes.length })) })),
    }),
    reset: () => mailbox.reset(),
  };
  return dataType;
}
