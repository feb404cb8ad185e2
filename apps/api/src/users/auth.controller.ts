import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentSession, Principal, RequireAccess, SessionContext } from '../auth';
import { SessionsService } from './sessions.service';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly sessions: SessionsService) {}

  // Public: the credentials are in the body.
  @Post('login')
  @RequireAccess('public')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password; answers a session token for Authorization: Bearer' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['email', 'password'],
      properties: { email: { type: 'string', example: 'ops@example.com' }, password: { type: 'string', format: 'password' } },
    },
  })
  @ApiResponse({ status: 200, description: '{token, expiresAt, user: {id, email, name, role}}' })
  @ApiResponse({ status: 401, description: 'email or password is incorrect (the same answer for either)' })
  @ApiResponse({ status: 429, description: 'too many attempts for this email from this address, from this address, for this email, or on this server; see Retry-After' })
  // The socket's address, or with TRUST_PROXY the one the trusted proxy put in X-Forwarded-For.
  login(@Body() body: unknown, @Ip() clientAddress: string | undefined) {
    return this.sessions.login(body, clientAddress ?? '');
  }

  @Post('logout')
  @HttpCode(204)
  @RequireAccess('read')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the presented session' })
  async logout(@CurrentSession() session: SessionContext | undefined): Promise<void> {
    await this.sessions.logout(session);
  }

  @Get('me')
  @RequireAccess('read')
  @ApiBearerAuth()
  @ApiOperation({ summary: "The signed-in user and the session's current expiry" })
  me(@CurrentPrincipal() principal: Principal, @CurrentSession() session: SessionContext | undefined) {
    return this.sessions.me(principal, session);
  }
}
