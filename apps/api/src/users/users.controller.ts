import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, USER_ROLES } from '@lanewatch/domain';
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireAccess } from '../auth';
import { UsersService } from './users.service';

const PASSWORD_SCHEMA = { type: 'string', format: 'password', minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH };

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequireAccess('admin')
  @ApiOperation({ summary: 'List users (never their password hashes)' })
  list() {
    return this.users.list();
  }

  @Post()
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Create a user: an admin changes things, a viewer only reads, a carrier user reads only its carrier' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['email', 'name', 'role', 'password'],
      properties: {
        email: { type: 'string', example: 'ops@example.com' },
        name: { type: 'string', example: 'Operations' },
        role: { type: 'string', enum: [...USER_ROLES] },
        carrier: { type: 'string', description: "the carrier code a 'carrier' user is bound to (required for that role, refused for others)" },
        password: PASSWORD_SCHEMA,
      },
    },
  })
  create(@Body() body: unknown) {
    return this.users.create(body);
  }

  @Patch(':id')
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Change name, role, carrier, password or disabled; disabling or a new password ends the sessions' })
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        role: { type: 'string', enum: [...USER_ROLES] },
        carrier: { type: 'string', nullable: true },
        disabled: { type: 'boolean' },
        password: PASSWORD_SCHEMA,
      },
    },
  })
  update(@Param('id') id: string, @Body() body: unknown) {
    return this.users.update(id, body);
  }
}
