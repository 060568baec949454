import type { ProviderId } from '../../model/adapter';
import type { ProviderView } from '../background/messages';

interface Props {
  id: string;
  label: string;
  providers: ProviderView[];
  value: ProviderId;
  onChange: (provider: ProviderId) => void;
}

export function ProviderSelect({ id, label, providers, value, onChange }: Props) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        {providers.map((provider) => (
          <option key={provider.id} value={provider.id}>
            {provider.name}
          </option>
        ))}
      </select>
    </div>
  );
}
