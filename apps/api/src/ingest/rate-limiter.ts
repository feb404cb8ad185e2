import { LanewatchConfig } from '@lanewatch/config';
import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { appKeyPrefix, type RedisClient } from '@lanewatch/queue';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { CONFIG, REDIS } from '../infrastructure';
import { spendWaiting } from './rate-budget.util';

@Injectable()
export class IngestRateLimiter {
  private readonly logger = new Logger('RateLimit');
  private readonly limiter: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: RedisClient, @Inject(CONFIG) config: LanewatchConfig) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${appKeyPrefix(config.queuePrefix)}:ingest-rate`,
      points: config.ingestRateLimitPerMinute,
      duration: 60,
    });
  }

  /**
   * One request costs one point per carrier per minute; 429 with Retry-After beyond. The budget is the
   * carrier's across POST /events, every webhook and imports (events.md §8).
   */
  async consume(subject: string): Promise<void> {
    try {
      await this.limiter.consume(subject, 1);
    } catch (result) {
      if (result instanceof RateLimiterRes) {
        const retryAfter = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
        throw new HttpException(
          { statusCode: 429, message: `rate limit exceeded for '${subject}'; retry after ${retryAfter} s`, retryAfterSeconds: retryAfter },
          HttpStatus.TOO_MANY_REQUESTS,
          { cause: retryAfter },
        );
      }
      // Redis unavailable: ingest stays open (events are durable in PostgreSQL); the limit is best effort.
      this.logger.warn(`rate limiter unavailable: ${result instanceof Error ? result.message : String(result)}`);
    }
  }

  /** One point of an import already under way (a committed chunk): waits for the budget instead of failing the file half-way. */
  async spendWaiting(subject: string): Promise<void> {
    const outcome = await spendWaiting(this.limiter, subject);
    if (!outcome.spent) this.logger.warn(`rate limiter unavailable: ${outcome.unavailable instanceof Error ? outcome.unavailable.message : String(outcome.unavailable)}`);
  }
}
