import type { ItemLoss } from '../background/messages';
import { CappedList } from './CappedList';

interface Props {
  losses: ItemLoss[];
}

export function LossList({ losses }: Props) {
  if (losses.length === 0) return null;
  return (
    <section>
      <h3>Not kept at the destination</h3>
      <CappedList
        items={losses}
        noun="items with losses"
        keyOf={(loss) => loss.key}
        render={(loss) => (
          <>
            <span class="item-title">{loss.title || 'Untitled item'}</span>
            <ul>
              {loss.fields.map((field) => (
                <li key={field.field}>
                  {field.field}: {field.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      />
    </section>
  );
}
