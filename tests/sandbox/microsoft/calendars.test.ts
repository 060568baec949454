import { describe, expect, it } from 'vitest';
import { graphClient, json, makeSandbox, signIn } from './test-kit';

const setup = async () => {
  const { sandbox } = makeSandbox();
  const { access_token } = await signIn(sandbox);
  return { sandbox, graph: graphClient(sandbox, access_token) };
};

describe('Graph calendars', () => {
  it('has a default calendar named Calendar with every calendar property', async () => {
    const { graph } = await setup();
    const reply = await graph('GET', '/me/calendar');
    expect(reply.status).toBe(200);
    const c = json(reply);
    expect(c['@odata.context']).toBe("https://127.0.0.1:47443/graph.microsoft.com/v1.0/$metadata#users('9a3c2f1e-5b7d-4e8a-9c0f-1d2e3f4a5b6c')/calendars/$entity");
    expect(c).toMatchObject({
      name: 'Calendar', color: 'auto', hexColor: '', isDefaultCalendar: true, canShare: true, canViewPrivateItems: true,
      canEdit: true, isRemovable: false, isTallyingResponses: true, owner: { name: 'Alice Example', address: 'alice@contoso.example' },
      allowedOnlineMeetingProviders: ['teamsForBusiness'], defaultOnlineMeetingProvider: 'teamsForBusiness',
    });
    expect(c['@odata.etag']).toBe(`W/"${c.changeKey}"`);
    expect((await graph('GET', `/me/calendars/${encodeURIComponent(c.id)}`)).status).toBe(200);
  });

  it('creates calendars, refuses a duplicate name with 409 ErrorFolderExists, and a missing name', async () => {
    const { graph } = await setup();
    const created = await graph('POST', '/me/calendars', { name: 'Work', color: 'lightBlue' });
    expect(created.status).toBe(201);
    expect(json(created)).toMatchObject({ name: 'Work', color: 'lightBlue', hexColor: '#a6d1f5', isDefaultCalendar: false, isRemovable: true });
    const dup = await graph('POST', '/me/calendars', { name: 'work' });
    expect(dup.status).toBe(409);
    expect(json(dup).error).toMatchObject({ code: 'ErrorFolderExists', message: 'A folder with the specified name already exists.' });
    const noName = await graph('POST', '/me/calendars', { color: 'auto' });
    expect(noName.status).toBe(400);
    const wrongType = await graph('POST', '/me/calendars', { name: 7 });
    expect(json(wrongType).error.code).toBe('RequestBodyRead');
    const badColor = await graph('POST', '/me/calendars', { name: 'X', color: 'purple' });
    expect(json(badColor).error).toMatchObject({ code: 'RequestBodyRead', message: "Requested value 'purple' was not found." });
    const unknown = await graph('POST', '/me/calendars', { name: 'X', colour: 'auto' });
    expect(json(unknown).error.message).toBe("The property 'colour' does not exist on type 'Microsoft.OutlookServices.Calendar'. Make sure to only use property names that are defined by the type or mark the type as open type.");
    const notJson = await graph('POST', '/me/calendars', 'name=Work', { 'content-type': 'text/plain' });
    expect(json(notJson).error.code).toBe('BadRequest');
  });

  it('updates and deletes a calendar; the default calendar cannot be deleted', async () => {
    const { graph } = await setup();
    const id = json(await graph('POST', '/me/calendars', { name: 'Trips' })).id as string;
    const patched = await graph('PATCH', `/me/calendars/${id}`, { name: 'Travel', color: 'lightRed' });
    expect(json(patched)).toMatchObject({ name: 'Travel', color: 'lightRed', hexColor: '#f99fa3' });
    const def = json(await graph('GET', '/me/calendar')).id as string;
    expect(json(await graph('DELETE', `/me/calendars/${def}`)).error.code).toBe('ErrorDeleteDistinguishedFolder');
    expect((await graph('DELETE', `/me/calendars/${id}`)).status).toBe(204);
    const gone = await graph('GET', `/me/calendars/${id}`);
    expect(gone.status).toBe(404);
    expect(json(gone).error.code).toBe('ErrorItemNotFound');
  });

  it('pages with $top and @odata.nextLink, and supports $select and $filter=name eq', async () => {
    const { graph } = await setup();
    for (const name of ['A', 'B', 'C', 'D']) await graph('POST', '/me/calendars', { name });
    const first = json(await graph('GET', '/me/calendars?$top=2&$select=name'));
    expect(first.value.map((c: { name: string }) => c.name)).toEqual(['Calendar', 'A']);
    expect(Object.keys(first.value[0]).sort()).toEqual(['@odata.etag', 'id', 'name']);
    expect(first['@odata.nextLink']).toBe('https://127.0.0.1:47443/graph.microsoft.com/v1.0/me/calendars?$top=2&$select=name&$skip=2');
    const second = json(await graph('GET', first['@odata.nextLink']));
    expect(second.value.map((c: { name: string }) => c.name)).toEqual(['B', 'C']);
    const third = json(await graph('GET', second['@odata.nextLink']));
    expect(third.value.map((c: { name: string }) => c.name)).toEqual(['D']);
    expect(third['@odata.nextLink']).toBeUndefined();
    const filtered = json(await graph('GET', `/me/calendars?$filter=${encodeURIComponent("name eq 'c'")}`));
    expect(filtered.value.map((c: { name: string }) => c.name)).toEqual(['C']);
    const badSelect = await graph('GET', '/me/calendars?$select=nom');
    expect(json(badSelect).error).toMatchObject({ code: 'RequestBroker--ParseUri', message: "Could not find a property named 'nom' on type 'microsoft.graph.calendar'." });
    expect((await graph('GET', '/me/calendars?$top=x')).status).toBe(400);
  });
});
