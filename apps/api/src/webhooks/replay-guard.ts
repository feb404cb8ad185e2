import { LanewatchConfig } from '@lanewatch/config';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { appKeyPrefix, type RedisClient } from '@lanewatch/queue';
import { randomUUID } from 'node:crypto';
import { CONFIG, REDIS } from '../infrastructure';

// An accepted delivery is remembered for a day; a reservation only while its delivery is being stored
// (it expires by itself should the process die before committing or releasing it).
const REMEMBER_SECONDS = 24 * 3600;
const RESERVE_SECONDS = 60;
const DONE = 'done';

// Deletes the reservation only if it is still ours: after an expiry another delivery may hold the key.
const RELEASE_SCRIPT = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/**
 * What the guard says about one signed delivery. `reserved`: store it, then `commit` (remembered as
 * seen) or `release` (a retry is stored again). `unguarded`: Redis is down; dedup still keeps every
 * event once.
 */
export type ReplayReservation =
  | { status: 'replayed' }
  | { status: 'in-flight' }
  | { status: 'reserved' | 'unguarded'; commit: () => Promise<void>; release: () => Promise<void> };

/**
 * Recognises a replayed webhook delivery by its decoded signature digest (events.md §9), whatever the
 * spelling of the header. Check and reservation are one Redis command (SET NX), so two identical
 * deliveries at the same moment are not both stored; nothing is remembered as seen before it is committed.
 */
@Injectable()
export class ReplayGuard {
  private readonly logger = new Logger('ReplayGuard');

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(CONFIG) private readonly config: LanewatchConfig,
  ) {}

  private key(carrier: string, digest: Buffer): string {
    return `${appKeyPrefix(this.config.queuePrefix)}:webhook-digest:${carrier}:${digest.toString('hex')}`;
  }

  async reserve(carrier: string, digest: Buffer): Promise<ReplayReservation> {
    const key = this.key(carrier, digest);
    const token = `pending:${randomUUID()}`;
    let previous: string | null;
    try {
      // NX with GET: sets only when absent and answers what was there, in one atomic step (Redis 7).
      previous = await this.redis.set(key, token, 'EX', RESERVE_SECONDS, 'NX', 'GET');
    } catch (error) {
      this.logger.warn(`replay memory unavailable: ${(error as Error).message}`);
      return { status: 'unguarded', commit: async () => undefined, release: async () => undefined };
    }
    if (previous === DONE) return { status: 'replayed' };
    if (previous !== null) return { status: 'in-flight' };
    return {
      status: 'reserved',
      commit: () => this.bestEffort(this.redis.set(key, DONE, 'EX', REMEMBER_SECONDS)),
      release: () => this.bestEffort(this.redis.eval(RELEASE_SCRIPT, 1, key, token)),
    };
  }

  private async bestEffort(command: Promise<unknown>): Promise<void> {
    try {
      await command;
    } catch (error) {
      this.logger.warn(`replay memory unavailable: ${(error as Error).message}`);
    }
  }
}
