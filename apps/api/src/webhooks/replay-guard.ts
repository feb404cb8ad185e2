import { LanewatchConfig } from '@lanewatch/config';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { CONFIG, REDIS } from '../infrastructure/tokens';

const REMEMBER_SECONDS = 24 * 3600;

/**
 * Remembers the signatures of accepted deliveries for a day: the same signed body again is a
 * replay (or the sender's retry after a lost answer) and stores nothing. Best effort when Redis
 * is down: dedup still keeps every event once.
 */
@Injectable()
export class ReplayGuard {
  private readonly logger = new Logger('ReplayGuard');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: LanewatchConfig,
  ) {}

  private key(carrier: string, signature: string): string {
    return `${this.config.queuePrefix}:webhook-signature:${carrier}:${createHash('sha256').update(signature).digest('hex')}`;
  }

  async seen(carrier: string, signature: string): Promise<boolean> {
    try {
      return (await this.redis.exists(this.key(carrier, signature))) === 1;
    } catch (error) {
      this.logger.warn(`replay memory unavailable: ${(error as Error).message}`);
      return false;
    }
  }

  async remember(carrier: string, signature: string): Promise<void> {
    try {
      await this.redis.set(this.key(carrier, signature), '1', 'EX', REMEMBER_SECONDS);
    } catch (error) {
      this.logger.warn(`replay memory unavailable: ${(error as Error).message}`);
    }
  }
}
