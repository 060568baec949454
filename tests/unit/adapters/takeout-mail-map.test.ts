/** A Takeout mbox message: its folder, labels and flags from X-Gmail-Labels, its bytes without Takeout's fields. */
import { describe, expect, it } from 'vitest';
import { fromTakeoutMessage } from '../../../adapters/takeout/mail/map';

const message = (labels: string): Uint8Array =>
  new TextEncoder().encode(`X-GM-THRID: 1790000000000000001\r\nX-Gmail-Labels: ${labels}\r\nMessage-ID: <a@b>\r\nDate: Tue, 04 Mar 2025 10:00:00 +0100\r\nSubject: =?UTF-8?B?Q2Fmw6k=?=\r\n\r\nHello\r\n`);

describe('fromTakeoutMessage', () => {
  it('files by Gmail’s system labels first, then user labels, and reads the flags', () => {
    const { data, raw } = fromTakeoutMessage('1@xxx Tue Mar 04 09:00:00 +0000 2025', message('Travel,Inbox,Starred,Important,Unread,Category Personal,Family'));
    expect(data.folders).toEqual(['Inbox', 'Family', 'Travel']);
    expect([data.read, data.flagged, data.important, data.draft]).toEqual([false, true, true, false]);
    expect(data.messageId).toBe('<a@b>');
    expect(data.subject).toBe('Café');
    expect(data.date).toBe('2025-03-04T09:00:00Z');
    expect(new TextDecoder().decode(raw).startsWith('Message-ID: <a@b>\r\n'), 'Takeout’s own fields are taken off').toBe(true);
  });

  it('makes Spam Junk, takes Opened as read, and files a message with no folder label in Archive', () => {
    expect(fromTakeoutMessage('x', message('Spam,Opened')).data.folders).toEqual(['Junk']);
    expect(fromTakeoutMessage('x', message('Spam,Opened')).data.read).toBe(true);
    expect(fromTakeoutMessage('x', message('Opened,Category Updates')).data.folders).toEqual(['Archive']);
    expect(fromTakeoutMessage('x', message('Sent')).data.read, 'a sent message is neither Opened nor Unread').toBe(true);
  });
});
