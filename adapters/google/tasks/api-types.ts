/** The Tasks API v1 resources Ferry reads and writes, as the discovery document describes them (tasks-v1.json). */

export interface GoogleTaskList {
  id: string;
  title?: string;
  updated?: string;
  etag?: string;
  kind?: 'tasks#taskList';
  selfLink?: string;
}

export interface GoogleTaskLists {
  items?: GoogleTaskList[];
  nextPageToken?: string;
}

export interface GoogleTask {
  id?: string;
  title?: string;
  notes?: string;
  /** RFC 3339; only the date is kept by Google. */
  due?: string;
  status?: 'needsAction' | 'completed';
  /** RFC 3339 */
  completed?: string;
  /** Output only: the parent's id (set with tasks.insert's `parent` parameter). */
  parent?: string;
  /** Output only: lexicographic order among siblings (set with tasks.insert's `previous` parameter). */
  position?: string;
  deleted?: boolean;
  hidden?: boolean;
  updated?: string;
  etag?: string;
  kind?: 'tasks#task';
  selfLink?: string;
  webViewLink?: string;
}

export interface GoogleTasks {
  items?: GoogleTask[];
  nextPageToken?: string;
}
