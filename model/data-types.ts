import type { CalendarEvent } from './calendar';
import type { Contact } from './contact';
import type { FileEntry } from './file';
import type { MailMessage } from './mail';
import type { MediaItem } from './media';
import type { Post } from './post';
import type { Task } from './task';

export const DATA_TYPES = ['calendar', 'contacts', 'tasks', 'mail', 'photos', 'posts', 'files'] as const;
export type DataType = (typeof DATA_TYPES)[number];

export interface ItemDataByType {
  calendar: CalendarEvent;
  contacts: Contact;
  tasks: Task;
  mail: MailMessage;
  photos: MediaItem;
  posts: Post;
  files: FileEntry;
}
export type ItemData = ItemDataByType[DataType];

export const DATA_TYPE_LABELS: Record<DataType, string> = {
  calendar: 'Calendar',
  contacts: 'Contacts',
  tasks: 'Tasks',
  mail: 'Mail',
  photos: 'Photos and videos',
  posts: 'Posts',
  files: 'Files',
};
