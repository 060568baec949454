/**
 * /me/calendars, /me/calendar, /me/calendars/{id}
 * (https://learn.microsoft.com/graph/api/resources/calendar).
 */
import { ALICE } from '../account';
import { noContent, ok, readJson, type GraphCall, type GraphReply } from '../graph/call';
import { badRequest, GraphError, notFound } from '../graph/errors';
import { evaluateFilter } from '../graph/filter';
import { parseQueryOptions, sortItems, applySelect, type QueryRules } from '../graph/odata';
import { pageOf } from '../graph/paging';
import { newChangeKey } from './ids';
import { presentCalendar } from './present';
import { selectableProperties } from './schema';
import type { CalendarStore, StoredCalendar } from './store';
import { validateStructure } from './validate-structure';

/** Approximations of Outlook's preset calendar colours, for `hexColor` when a client sets `color`. */
export const PRESET_HEX: Record<string, string> = {
  auto: '',
  lightBlue: '#a6d1f5',
  lightGreen: '#87d28e',
  lightOrange: '#fcab73',
  lightGray: '#c0c0c0',
  lightYellow: '#f4d07a',
  lightTeal: '#5fdcc8',
  lightPink: '#fdb6da',
  lightBrown: '#d5b08c',
  lightRed: '#f99fa3',
  maxColor: '',
};

const RULES: QueryRules = {
  typeName: 'microsoft.graph.calendar',
  defaultTop: 10,
  maxTop: 1000,
  selectable: selectableProperties('graph.calendar'),
  filterable: ['name', 'isDefaultCalendar', 'color', 'canEdit', 'hexColor'],
  sortable: ['name'],
  expandable: [],
};

const folderExists = () => new GraphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');

const entityContext = (call: GraphCall) => `${call.serviceRoot}/$metadata#users('${ALICE.id}')/calendars/$entity`;

export const calendarsApi = (store: CalendarStore) => {
  const find = (id: string): StoredCalendar => store.calendars.get(id) ?? (() => { throw notFound(); })();

  const list = (call: GraphCall): GraphReply => {
    const options = parseQueryOptions(call.query, RULES);
    let items = [...store.calendars.values()];
    if (options.filter) items = items.filter((c) => evaluateFilter(options.filter!, presentCalendar(c)));
    items = sortItems(items, options.orderby, presentCalendar);
    return ok(pageOf(call, items, options, `users('${ALICE.id}')/calendars`, (c) => applySelect(presentCalendar(c), options.select), 'skip'));
  };

  const get = (call: GraphCall, id: string | undefined): GraphReply => {
    const options = parseQueryOptions(call.query, RULES);
    const calendar = id === undefined ? store.defaultCalendar : find(id);
    return ok({ '@odata.context': entityContext(call), ...applySelect(presentCalendar(calendar), options.select) });
  };

  const create = async (call: GraphCall): Promise<GraphReply> => {
    const body = validateStructure(await readJson(call), 'graph.calendar');
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    if (!name) throw badRequest('ErrorInvalidRequest', "Your request can't be completed. A calendar needs a name.");
    if (store.calendarByName(name)) throw folderExists();
    const color = (body.color as string | undefined) ?? 'auto';
    const calendar = store.addCalendar(name, color, PRESET_HEX[color] ?? '');
    return ok({ '@odata.context': entityContext(call), ...presentCalendar(calendar) }, 201);
  };

  const update = async (call: GraphCall, id: string | undefined): Promise<GraphReply> => {
    const calendar = id === undefined ? store.defaultCalendar : find(id);
    const body = validateStructure(await readJson(call), 'graph.calendar');
    if (typeof body.name === 'string') {
      const name = body.name.trim();
      if (!name) throw badRequest('ErrorInvalidRequest', "Your request can't be completed. A calendar needs a name.");
      const other = store.calendarByName(name);
      if (other && other.id !== calendar.id) throw folderExists();
      calendar.name = name;
    }
    if (typeof body.color === 'string') {
      calendar.color = body.color;
      calendar.hexColor = PRESET_HEX[body.color] ?? '';
    }
    calendar.changeKey = newChangeKey();
    return ok({ '@odata.context': entityContext(call), ...presentCalendar(calendar) });
  };

  const remove = (id: string): GraphReply => {
    const calendar = find(id);
    if (calendar.isDefaultCalendar) throw badRequest('ErrorDeleteDistinguishedFolder', 'Distinguished folders cannot be deleted.');
    store.deleteCalendar(id);
    return noContent();
  };

  return { list, get, create, update, remove, find };
};
