/** GET /me — the signed-in user (https://learn.microsoft.com/graph/api/user-get). */
import { ALICE } from '../account';
import type { GraphCall, GraphReply } from './call';
import { applySelect } from './odata';

export const getMe = (call: GraphCall): GraphReply => {
  const user = {
    '@odata.context': `${call.serviceRoot}/$metadata#users/$entity`,
    businessPhones: [],
    displayName: ALICE.displayName,
    givenName: ALICE.givenName,
    jobTitle: null,
    mail: ALICE.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    surname: ALICE.surname,
    userPrincipalName: ALICE.userPrincipalName,
    id: ALICE.id,
  };
  const select = call.query.get('$select')?.split(',').map((s) => s.trim());
  return { status: 200, body: { ...applySelect(user, select), '@odata.context': user['@odata.context'] } };
};
