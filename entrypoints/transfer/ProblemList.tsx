import { DATA_TYPE_LABELS } from '../../model/data-types';
import type { ItemProblem } from '../background/messages';
import { CappedList } from './CappedList';

interface Props {
  heading: string;
  noun: string;
  problems: ItemProblem[];
  /** Name the data type on each row when the job moved more than one. */
  showDataType: boolean;
}

export function ProblemList({ heading, noun, problems, showDataType }: Props) {
  if (problems.length === 0) return null;
  return (
    <section>
      <h3>{heading}</h3>
      <CappedList
        items={problems}
        noun={noun}
        keyOf={(problem) => problem.key}
        render={(problem) => (
          <>
            <span class="item-title">{problem.title || 'Untitled item'}</span>
            {showDataType && ` (${DATA_TYPE_LABELS[problem.dataType]})`}: {problem.message}
            {problem.status !== undefined && ` (HTTP ${problem.status})`}
          </>
        )}
      />
    </section>
  );
}
