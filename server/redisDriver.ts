// The Redis matchmaking driver, made to recover after a Redis outage: Colyseus's RedisDriver keeps a failed room-listing read cached forever.
//
// Written by hand because @colyseus/redis-driver 0.18.3 coalesces room-listing reads (query, and
// findOne by name, which joinOrCreate and the lobby use) into one cached promise that it clears only
// when the read succeeds. One read that fails while Redis is down stays cached: after Redis is back,
// every quick play and every lobby listing on that process still fails at once with ioredis's
// MaxRetriesPerRequestError, until the process restarts (found by trying it: see the issue-6 report).
// On a failed read this driver forgets the cached one, so the next read asks Redis again.
import { RedisDriver, type IRoomCache, type SortOptions } from "colyseus";

/** RedisDriver's private read cache (0.18.3). If a later version renames it, forgetting is a no-op. */
interface ListingReadCache {
  _roomCacheRequestByName: Record<string, unknown>;
  _concurrentRoomCacheRequest?: unknown;
}

export class RecoveringRedisDriver extends RedisDriver {
  async query(conditions: Partial<IRoomCache>, sortOptions?: SortOptions): Promise<IRoomCache[]> {
    try {
      return await super.query(conditions, sortOptions);
    } catch (error) {
      this.forgetFailedRead();
      throw error;
    }
  }

  async findOne(conditions: Partial<IRoomCache>, sortOptions?: SortOptions): Promise<IRoomCache> {
    try {
      return await super.findOne(conditions, sortOptions);
    } catch (error) {
      this.forgetFailedRead();
      throw error;
    }
  }

  private forgetFailedRead(): void {
    const cache = this as unknown as ListingReadCache;
    cache._roomCacheRequestByName = {};
    cache._concurrentRoomCacheRequest = undefined;
  }
}
