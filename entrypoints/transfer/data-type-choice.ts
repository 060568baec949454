import { DATA_TYPES, type DataType } from '../../model/data-types';
import type { ProviderView } from '../background/messages';

function supports(provider: ProviderView, dataType: DataType, direction: 'export' | 'import'): boolean {
  return provider.dataTypes.some((entry) => entry.dataType === dataType && entry[direction]);
}

/** Data types the source can export and the destination can import, in the model's order. */
export function offeredDataTypes(source: ProviderView | undefined, destination: ProviderView | undefined): DataType[] {
  if (!source || !destination) return [];
  return DATA_TYPES.filter((type) => supports(source, type, 'export') && supports(destination, type, 'import'));
}
