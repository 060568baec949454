import { DATA_TYPE_LABELS, DATA_TYPES, type DataType } from '../../model/data-types';

interface Props {
  offered: DataType[];
  chosen: DataType[];
  sourceName: string;
  destinationName: string;
  onToggle: (dataType: DataType, checked: boolean) => void;
}

export function DataTypePicker({ offered, chosen, sourceName, destinationName, onToggle }: Props) {
  const unavailable = DATA_TYPES.filter((type) => !offered.includes(type));
  return (
    <fieldset class="data-types">
      <legend>What to move</legend>
      {offered.length === 0 && (
        <p>
          Ferry can't move any kind of data from {sourceName} to {destinationName} yet.
        </p>
      )}
      {offered.map((type) => (
        <label key={type} class="check">
          <input
            type="checkbox"
            checked={chosen.includes(type)}
            onChange={(event) => onToggle(type, event.currentTarget.checked)}
          />
          {DATA_TYPE_LABELS[type]}
        </label>
      ))}
      {offered.length > 0 && unavailable.length > 0 && (
        <p class="note">
          Not yet possible from {sourceName} to {destinationName}:{' '}
          {unavailable.map((type) => DATA_TYPE_LABELS[type]).join(', ')}.
        </p>
      )}
    </fieldset>
  );
}
