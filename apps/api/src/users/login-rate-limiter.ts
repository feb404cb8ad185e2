import { LanewatchConfig } from '@lanewatch/config';
import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { sha256Hex } from '../carriers/carrier-credentials';
import { CONFIG, REDIS } from '../infrastructure/tokens';

export const LOGIN_ATTEMPTS_PER_WINDOW = 10;
const WINDOW_SECONDS = 15 * 60;

/**
 * Sign-in attempts per email and client address: every attempt costs a point, a successful one
 * clears the count, so only guessing runs into the limit.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly logger = new Logger('LoginRateLimit');
  private readonly limiter: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(CONFIG) config: LanewatchConfig) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.queuePrefix}:login-rate`,
      points: LOGIN_ATTEMPTS_PER_WINDOW,
      duration: WINDOW_SECONDS,
      // Unlike ingest, sign-in must stay limited while Redis is down: this process counts on its own then.
      insuranceLimiter: new RateLimiterMemory({ points: LOGIN_ATTEMPTS_PER_WINDOW, duration: WINDOW_SECONDS }),
    });
  }

  /** Spends one attempt; 429 with Retry-After once they are used up. */
  async consume(email: string, clientAddress: string): Promise<void> {
    try {
      await this.limiter.consume(this.keyOf(email, clientAddress), 1);
    } catch (result) {
      if (result instanceof RateLimiterRes) {
        const retryAfter = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
        throw new HttpException(
          { statusCode: 429, message: `too many sign-in attempts; retry after ${retryAfter} s`, retryAfterSeconds: retryAfter },
          HttpStatus.TOO_MANY_REQUESTS,
        );
      }
      this.logger.warn(`login rate limiter unavailable: ${result instanceof Error ? result.message : String(result)}`);
    }
  }

  async reset(email: string, clientAddress: string): Promise<void> {
    await this.limiter.delete(this.keyOf(email, clientAddress)).catch(() => undefined);
  }

  // Hashed: Redis holds no email addresses.
  private keyOf(email: string, clientAddress: string): string {
    return sha256Hex(`${email}\n${clientAddress}`);
  }
}
