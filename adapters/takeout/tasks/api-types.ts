/**
 * Takeout's Tasks.json: Google Tasks API resources (tasks#taskList, tasks#task, discovery document tasks-v1)
 * gathered in a `tasks#taskLists` object, each list carrying its tasks in `items`.
 */
export interface TakeoutTask {
  kind?: 'tasks#task';
  id?: string;
  title?: string;
  notes?: string;
  /** RFC 3339; only the date means anything (Tasks API: "the time portion is discarded"). */
  due?: string;
  status?: 'needsAction' | 'completed';
  completed?: string;
  updated?: string;
  created?: string;
  parent?: string;
  position?: string;
  deleted?: boolean;
  hidden?: boolean;
  links?: { type?: string; description?: string; link?: string }[];
}

export interface TakeoutTaskList {
  kind?: 'tasks#taskList';
  id?: string;
  title?: string;
  updated?: string;
  items?: TakeoutTask[];
}

export interface TakeoutTaskLists {
  kind?: 'tasks#taskLists';
  items?: TakeoutTaskList[];
}
