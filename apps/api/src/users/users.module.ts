import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { LoginRateLimiter } from './login-rate-limiter';
import { SessionsService } from './sessions.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({ controllers: [AuthController, UsersController], providers: [SessionsService, UsersService, LoginRateLimiter] })
export class UsersModule {}
