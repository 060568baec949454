import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/** Lists longer than this show their start and a "Show all" button: thousands of rows would stall the page. */
export const LIST_LIMIT = 100;

interface Props<T> {
  items: T[];
  /** Plural noun for the button, e.g. "failed items". */
  noun: string;
  keyOf: (item: T) => string;
  render: (item: T) => ComponentChildren;
}

export function CappedList<T>({ items, noun, keyOf, render }: Props<T>) {
  const [all, setAll] = useState(false);
  const firstRevealed = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (all) firstRevealed.current?.focus();
  }, [all]);
  const shown = all ? items : items.slice(0, LIST_LIMIT);
  return (
    <>
      <ul class="item-list">
        {shown.map((item, index) => (
          <li
            key={keyOf(item)}
            ref={index === LIST_LIMIT ? firstRevealed : undefined}
            tabIndex={index === LIST_LIMIT ? -1 : undefined}
          >
            {render(item)}
          </li>
        ))}
      </ul>
      {!all && items.length > LIST_LIMIT && (
        <p>
          Showing the first {LIST_LIMIT} of {items.length}.{' '}
          <button type="button" onClick={() => setAll(true)}>
            Show all {items.length} {noun}
          </button>
        </p>
      )}
    </>
  );
}
