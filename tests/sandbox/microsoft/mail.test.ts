/**
 * Outlook mail in the Graph sandbox: MIME import (base64 in text/plain, 4 MB limit, drafts), $value, state
 * PATCH rules, internetMessageId filter, and attachment upload sessions on outlook.office.com.
 */
import { describe, expect, it } from 'vitest';
import { graphClient, json, makeSandbox, request, signIn } from './test-kit';

const MIME = Buffer.from('From: Bob <bob@example.org>\r\nTo: alice@contoso.example\r\nSubject: Hello\r\nDate: Tue, 4 Jun 2024 10:00:00 +0200\r\nMessage-ID: <m1@example.org>\r\n\r\nHi Alice\r\n');

async function setup(scope = 'openid profile offline_access User.Read https://graph.microsoft.com/Mail.ReadWrite') {
  const { sandbox } = makeSandbox();
  const { access_token } = await signIn(sandbox, scope);
  return { sandbox, graph: graphClient(sandbox, access_token) };
}

describe('Outlook mail sandbox', () => {
  it('makes a draft from base64 MIME, keeps the Date as sent time, and gives the MIME back as $value', async () => {
    const { graph } = await setup();
    const made = await graph('POST', '/me/mailFolders/inbox/messages', MIME.toString('base64'), { 'content-type': 'text/plain' });
    expect(made.status).toBe(201);
    const message = json(made);
    expect(message).toMatchObject({ isDraft: true, subject: 'Hello', internetMessageId: '<m1@example.org>', sentDateTime: '2024-06-04T08:00:00Z', from: { emailAddress: { name: 'Bob', address: 'bob@example.org' } } });
    const value = await graph('GET', `/me/messages/${message.id}/$value`);
    expect(value.headers?.['content-type']).toBe('message/rfc822');
    expect(value.body).toEqual(MIME);
    const found = json(await graph('GET', `/me/messages?$filter=${encodeURIComponent("internetMessageId eq '<m1@example.org>'")}&$select=id`));
    expect(found.value.map((m: { id: string }) => m.id)).toEqual([message.id]);
  });

  it('refuses MIME that is not base64 and requests over 4 MB', async () => {
    const { graph } = await setup();
    const bad = await graph('POST', '/me/mailFolders/inbox/messages', MIME.toString('latin1'), { 'content-type': 'text/plain' });
    expect(bad.status).toBe(400);
    expect(json(bad).error.code).toBe('ErrorMimeContentInvalidBase64String');
    const big = Buffer.alloc(3_200_000, 'a').toString('base64');
    expect((await graph('POST', '/me/mailFolders/inbox/messages', big, { 'content-type': 'text/plain' })).status).toBe(413);
  });

  it('lets state change on any message but only a draft be rewritten; unknown properties are refused', async () => {
    const { graph } = await setup();
    const id = json(await graph('POST', '/me/mailFolders/inbox/messages', MIME.toString('base64'), { 'content-type': 'text/plain' })).id;
    const patched = await graph('PATCH', `/me/messages/${id}`, { isRead: false, flag: { flagStatus: 'flagged' }, categories: ['Work'], importance: 'high' });
    expect(json(patched)).toMatchObject({ isRead: false, flag: { flagStatus: 'flagged' }, categories: ['Work'], importance: 'high' });
    expect((await graph('PATCH', `/me/messages/${id}`, { flag: { flagStatus: 'red' } })).status).toBe(400);
    expect((await graph('PATCH', `/me/messages/${id}`, { colour: 'red' })).status).toBe(400);
  });

  it('takes an attachment of 3 MB or more through an upload session on outlook.office.com, without a token', async () => {
    const { sandbox, graph } = await setup();
    const id = json(await graph('POST', '/me/mailFolders/inbox/messages', { subject: 'Large', internetMessageId: '<big@example.org>', body: { contentType: 'text', content: 'see attached' } })).id;
    const small = await graph('POST', `/me/messages/${id}/attachments/createUploadSession`, { AttachmentItem: { attachmentType: 'file', name: 'a.bin', size: 1000 } });
    expect(json(small).error.code).toBe('ErrorAttachmentSizeShouldNotBeLessThanMinimumSize');
    const content = Buffer.alloc(3 * 1024 * 1024 + 10, 7);
    const session = json(await graph('POST', `/me/messages/${id}/attachments/createUploadSession`, { AttachmentItem: { attachmentType: 'file', name: 'scan.pdf', size: content.length } }));
    const url = session.uploadUrl as string;
    expect(url).toMatch(/\/outlook\.office\.com\/api\/v2\.0\/Users\('.+'\)\/Messages\('.+'\)\/AttachmentSessions\('.+'\)\?authtoken=/);
    const put = (body: Buffer, range: string, headers: Record<string, string> = {}) => {
      const req = request('PUT', url, { headers: { 'content-range': range, ...headers } });
      req.body = async () => body;
      return sandbox.handle(req);
    };
    expect((await put(content.subarray(0, 10), 'bytes 0-9/' + content.length, { authorization: 'Bearer x' })).status).toBe(401);
    const part = await put(content.subarray(0, 2 * 1024 * 1024), `bytes 0-${2 * 1024 * 1024 - 1}/${content.length}`);
    expect(part.status).toBe(200);
    expect(json(part).nextExpectedRanges).toEqual([`${2 * 1024 * 1024}-`]);
    expect((await put(content.subarray(0, 10), `bytes 0-9/${content.length}`)).status).toBe(416);
    const done = await put(content.subarray(2 * 1024 * 1024), `bytes ${2 * 1024 * 1024}-${content.length - 1}/${content.length}`);
    expect(done.status).toBe(201);
    const attachments = json(await graph('GET', `/me/messages/${id}/attachments`)).value;
    expect(attachments).toMatchObject([{ name: 'scan.pdf', size: content.length }]);
    const mime = (await graph('GET', `/me/messages/${id}/$value`)).body as Buffer;
    expect(mime.toString('latin1')).toContain('Content-Disposition: attachment; filename="scan.pdf"');
  });

  it('reads need Mail.Read and writes Mail.ReadWrite', async () => {
    const { graph } = await setup('openid profile offline_access User.Read https://graph.microsoft.com/Mail.Read');
    expect((await graph('GET', '/me/mailFolders')).status).toBe(200);
    const refused = await graph('POST', '/me/mailFolders', { displayName: 'Work' });
    expect(refused.status).toBe(403);
    expect(json(refused).error.code).toBe('ErrorAccessDenied');
  });
});
