import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../../adapters/keyed-queue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('KeyedQueue', () => {
  it('runs work of one key one at a time, in order, and other keys beside it', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([queue.run('a', job('a1')), queue.run('b', job('b1')), queue.run('a', job('a2'))]);
    expect(results).toEqual(['a1', 'b1', 'a2']);
    expect(log.indexOf('a2 start')).toBeGreaterThan(log.indexOf('a1 end'));
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
  });

  it('runAll holds every key of a batch; two batches sharing keys in another order both finish, one after the other', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([queue.runAll(['b', 'a'], job('ab')), queue.runAll(['a', 'b', ''], job('ba')), queue.run('c', job('c'))]);
    expect(results).toEqual(['ab', 'ba', 'c']);
    expect(log.indexOf('ba start')).toBeGreaterThan(log.indexOf('ab end'));
    expect(log.indexOf('c start')).toBeLessThan(log.indexOf('ab end'));
  });

  it('goes on after a failure, and passes the failure to its own caller only', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('a', () => Promise.reject(new Error('no')));
    const next = queue.run('a', async () => 'yes');
    await expect(failed).rejects.toThrow('no');
    await expect(next).resolves.toBe('yes');
  });

  it('does not queue work without a key (a message without a Message-ID)', async () => {
    const queue = new KeyedQueue();
    let running = 0;
    let most = 0;
    const job = async () => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      running -= 1;
    };
    await Promise.all([queue.run('', job), queue.run('', job)]);
    expect(most).toBe(2);
  });
});
