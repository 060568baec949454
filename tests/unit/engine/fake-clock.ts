/** A clock that only moves when something sleeps on it, so timing tests are exact and instant. */
export function fakeClock(start = 0) {
  const clock = {
    now: start,
    slept: [] as number[],
    read: () => clock.now,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.now += ms;
    },
  };
  return clock;
}
