/** The task lists every tasks conformance run seeds and imports: each field carried by some task, subtasks, order, unicode. */
import type { Task } from '../../model/task';

export interface SeedTaskList {
  name: string;
  isDefault?: boolean;
  tasks: Task[];
}

const t = (uid: string, title: string, order: number, extra: Partial<Task> = {}): Task => ({ uid, title, status: 'needs-action', order, ...extra });

export const CANONICAL_TASK_LISTS: readonly SeedTaskList[] = [
  {
    name: 'My Tasks',
    isDefault: true,
    tasks: [
      t('t-plan', 'Plan the trip to Zürich ✈', 0, { notes: 'Book the hotel first.\nThen the train.', due: '2025-03-14' }),
      t('t-call', 'Call Zoë', 1, { status: 'completed', completed: '2025-02-01T09:30:00Z' }),
      t('t-pack', 'Pack', 2, { due: '2025-03-13' }),
      t('t-pack-1', 'Passport', 0, { parent: 't-pack', status: 'completed', completed: '2025-03-10T18:05:07Z' }),
      t('t-pack-2', 'Adapter plug', 1, { parent: 't-pack' }),
      t('t-pack-3', 'Snacks 🍫', 2, { parent: 't-pack', notes: 'Not chocolate: it melts.', due: '2025-03-12' }),
    ],
  },
  {
    name: 'Work — Q1 ✓',
    tasks: [
      t('w-report', '読書 report', 0, { notes: 'Chapters 1–3' }),
      t('w-invoice', 'Send invoice #42', 1, { status: 'completed', completed: '2025-01-31T23:59:59Z', due: '2025-01-31' }),
      t('w-review', 'Review “Q1 plan”', 2),
    ],
  },
];

/** One list of `count` plain tasks, for paging. */
export function pagingTaskList(count: number): SeedTaskList {
  return { name: 'Paging', tasks: Array.from({ length: count }, (_, i) => t(`p-${i}`, `Paging task ${i + 1}`, i)) };
}

/** The fields the suite compares, in the model's own terms (`parent` as the parent's title). */
export const COMPARED_FIELDS = ['title', 'notes', 'due', 'status', 'completed', 'parent', 'order'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];
