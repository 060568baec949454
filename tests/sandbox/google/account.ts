/** The one Google account the sandbox holds (fixed facts shared with the harness and e2e tests). */
export const GOOGLE_ACCOUNT = {
  email: 'alice@example.com',
  sub: '110248495921238986420',
  name: 'Alice Example',
  givenName: 'Alice',
  familyName: 'Example',
  picture: 'https://lh3.googleusercontent.com/a/alice-example',
  timeZone: 'Europe/Berlin',
} as const;
