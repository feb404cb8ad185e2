import { LanewatchConfig } from '@lanewatch/config';
import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { CONFIG, REDIS } from '../infrastructure/tokens';

@Injectable()
export class IngestRateLimiter {
  private readonly logger = new Logger('RateLimit');
  private readonly limiter: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(CONFIG) config: LanewatchConfig) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.queuePrefix}:ingest-rate`,
      points: config.ingestRateLimitPerMinute,
      duration: 60,
    });
  }

  /** One request costs one point per carrier per minute; 429 with Retry-After beyond. */
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
}
