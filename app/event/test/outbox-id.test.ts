import { newOutboxId } from '../outbox-id';

describe('newOutboxId', () => {
  it('makes version 7 UUIDs that sort in creation order, within a millisecond too', () => {
    const ids = Array.from({ length: 5000 }, () => newOutboxId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('starts with the current time', () => {
    const before = Date.now();
    const ms = parseInt(newOutboxId().replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThan(before + 1000);
  });
});
