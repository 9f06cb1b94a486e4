// The event queue (src/twin/engine/queue.ts): total deterministic order (time, prio,
// insertion), timer entries rescheduled and removed in place, growth past the initial pool.
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../src/twin/engine/queue.js';
import { mulberry32 } from '../helpers.js';

describe('EventQueue', () => {
  it('pops in (time, prio, insertion) order, against a sort', () => {
    const rand = mulberry32(1);
    const q = new EventQueue(4);
    const ref: Array<[number, number, number]> = [];
    for (let i = 0; i < 5000; i++) {
      const t = Math.floor(rand() * 50), p = Math.floor(rand() * 7);
      q.push(t, p, 0, 0, i, 0);
      ref.push([t, p, i]);
    }
    ref.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    for (const [t, , i] of ref) {
      const e = q.pop();
      expect(q.time[e]).toBe(t);
      expect(q.ch[e]).toBe(i);
      q.release(e);
    }
    expect(q.size).toBe(0);
  });

  it('interleaves pushes and pops (a heap, not a sorted batch)', () => {
    const rand = mulberry32(2);
    const q = new EventQueue();
    let now = 0, last = -1, seq = 0;
    for (let i = 0; i < 20000; i++) {
      if (q.size === 0 || rand() < 0.55) q.push(now + Math.floor(rand() * 100), 0, 0, 0, seq++, 0);
      else {
        const e = q.pop();
        expect(q.time[e]).toBeGreaterThanOrEqual(last);
        last = q.time[e]!; now = last;
        q.release(e);
      }
    }
  });

  it('reschedules and removes timer entries in place', () => {
    const q = new EventQueue();
    const a = q.alloc(1, -1, 0, 0), b = q.alloc(2, -1, 0, 0);
    q.schedule(a, 10, 1); q.schedule(b, 20, 1);
    q.push(15, 4, 3, 0, 0, 0);
    q.schedule(a, 30, 1); // later: now after the message and b
    expect(q.time[q.top()]).toBe(15);
    q.remove(b);
    expect(q.isQueued(b)).toBe(false);
    const order: number[] = [];
    while (q.size > 0) order.push(q.target[q.pop()]!);
    expect(order).toEqual([3, 1]);
  });

  it('orders a rescheduled entry after others of the same time and class', () => {
    const q = new EventQueue();
    const a = q.alloc(1, -1, 0, 0);
    q.schedule(a, 5, 1);
    q.push(5, 1, 2, 0, 0, 0);
    q.schedule(a, 5, 1); // fresh sequence number
    expect(q.target[q.pop()]).toBe(2);
    expect(q.target[q.pop()]).toBe(1);
  });
});
