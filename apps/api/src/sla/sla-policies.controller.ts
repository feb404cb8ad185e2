import { SLA_POLICY_EXAMPLE } from '@lanewatch/domain';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertReadsAllCarriers, CurrentPrincipal, Principal, RequireAccess } from '../auth';
import { SlaPoliciesService } from './sla-policies.service';

@ApiTags('sla')
@ApiBearerAuth()
@Controller('api/v1/sla-policies')
export class SlaPoliciesController {
  constructor(private readonly policies: SlaPoliciesService) {}

  @Post()
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Create an SLA policy (sla.md §1); 400 names every invalid field' })
  @ApiBody({ schema: { type: 'object', example: SLA_POLICY_EXAMPLE } })
  create(@Body() body: unknown) {
    return this.policies.create(body);
  }

  @Post('preview')
  @HttpCode(200)
  @RequireAccess('admin')
  @ApiOperation({ summary: 'The value, sample and verdict a draft policy would give now, per scope instance; validated as on create, nothing saved' })
  @ApiBody({ schema: { type: 'object', example: SLA_POLICY_EXAMPLE } })
  preview(@Body() body: unknown) {
    return this.policies.preview(body);
  }

  @Get()
  @RequireAccess('read')
  @ApiOperation({ summary: 'Every SLA policy with its status: state (ok, breaching, no_data, not_evaluated, disabled), value, sample, last and next evaluation' })
  list(@CurrentPrincipal() principal: Principal) {
    assertReadsAllCarriers(principal);
    return this.policies.list();
  }

  @Get(':id')
  @RequireAccess('read')
  @ApiOperation({ summary: 'One SLA policy' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    assertReadsAllCarriers(principal);
    return this.policies.get(id);
  }

  @Put(':id')
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Replace an SLA policy (every field, as on create)' })
  @ApiBody({ schema: { type: 'object', example: SLA_POLICY_EXAMPLE } })
  replace(@Param('id') id: string, @Body() body: unknown) {
    return this.policies.replace(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Delete an SLA policy and its breaches (disable it to keep the history)' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.policies.remove(id);
  }
}
