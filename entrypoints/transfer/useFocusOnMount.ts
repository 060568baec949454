import { type RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** Moves focus to a view's heading when the view replaces the control that had focus. */
export function useFocusOnMount(ref: RefObject<HTMLElement | null>, enabled: boolean, key?: unknown): void {
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [key]);
}
