import { describe, expect, it } from 'vitest';
import { createSignInQueue } from './signInQueue.ts';

/** A task that runs only when its test says so, and notes when it starts. */
function gate(started: string[], name: string) {
  let open: (value: string) => void = () => {};
  const opened = new Promise<string>((resolve) => {
    open = resolve;
  });
  return {
    task: () => {
      started.push(name);
      return opened;
    },
    open: () => open(name),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the sign-in queue', () => {
  it('runs the tasks of one key one after another, in the order they came', async () => {
    const queue = createSignInQueue();
    const started: string[] = [];
    const first = gate(started, 'first');
    const second = gate(started, 'second');
    const answers = [queue('name:ada', first.task), queue('name:ada', second.task)];
    await settle();
    expect(started).toEqual(['first']);
    first.open();
    await settle();
    expect(started).toEqual(['first', 'second']);
    second.open();
    expect(await Promise.all(answers)).toEqual(['first', 'second']);
  });

  it('runs the tasks of different keys side by side', async () => {
    const queue = createSignInQueue();
    const started: string[] = [];
    const ada = gate(started, 'ada');
    const bob = gate(started, 'bob');
    const answers = [queue('name:ada', ada.task), queue('name:bob', bob.task)];
    await settle();
    expect(started).toEqual(['ada', 'bob']);
    ada.open();
    bob.open();
    await Promise.all(answers);
  });

  it('answers null at once, without running it, past the most a key may hold', async () => {
    const queue = createSignInQueue(2);
    const started: string[] = [];
    const first = gate(started, 'first');
    const second = gate(started, 'second');
    const answers = [queue('address:10.0.0.9', first.task), queue('address:10.0.0.9', second.task)];
    let ran = false;
    expect(
      await queue('address:10.0.0.9', async () => {
        ran = true;
      }),
    ).toBeNull();
    expect(ran).toBe(false);
    first.open();
    second.open();
    await Promise.all(answers);
    expect(await queue('address:10.0.0.9', async () => 'room again')).toBe('room again');
  });

  it('fails only the caller of a task that fails, and runs the next', async () => {
    const queue = createSignInQueue();
    const failing = queue('name:ada', async () => {
      throw new Error('the hash could not be read');
    });
    const next = queue('name:ada', async () => 'checked');
    await expect(failing).rejects.toThrow('the hash could not be read');
    expect(await next).toBe('checked');
  });
});
