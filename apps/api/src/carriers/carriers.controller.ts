import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertOwnCarrier, assertReadsAllCarriers, CurrentPrincipal, Principal, RequireAccess } from '../auth';
import { CarriersService } from './carriers.service';

@ApiTags('carriers')
@ApiBearerAuth()
@Controller('api/v1/carriers')
export class CarriersController {
  constructor(private readonly carriers: CarriersService) {}

  @Post()
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Register a carrier; answers its API key and webhook secret once' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['code', 'name', 'kind'],
      properties: {
        code: { type: 'string', example: 'correios' },
        name: { type: 'string', example: 'Correios' },
        kind: { type: 'string', enum: ['postal', 'courier', 'linehaul', 'customs_broker', 'platform', 'aggregator'] },
      },
    },
  })
  register(@Body() body: unknown) {
    return this.carriers.register(body);
  }

  @Get()
  @RequireAccess('read')
  @ApiOperation({ summary: 'List carriers and their keys (prefixes only)' })
  list(@CurrentPrincipal() principal: Principal) {
    assertReadsAllCarriers(principal);
    return this.carriers.list();
  }

  @Post(':code/keys/rotate')
  @HttpCode(201)
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Issue a new API key; older keys stay valid for the grace period' })
  rotateKey(@Param('code') code: string) {
    return this.carriers.rotateKey(code);
  }

  @Post(':code/keys/:keyId/revoke')
  @HttpCode(200)
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Revoke an API key at once' })
  revokeKey(@Param('code') code: string, @Param('keyId') keyId: string) {
    return this.carriers.revokeKey(code, keyId);
  }

  @Post(':code/webhook-secret/rotate')
  @HttpCode(201)
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Issue a new webhook signing secret' })
  rotateWebhookSecret(@Param('code') code: string) {
    return this.carriers.rotateWebhookSecret(code);
  }

  @Get(':code/code-map')
  @RequireAccess('read')
  @ApiOperation({ summary: "The carrier's raw code -> milestone map and its unmapped codes" })
  codeMap(@Param('code') code: string, @CurrentPrincipal() principal: Principal) {
    assertReadsAllCarriers(principal);
    return this.carriers.codeMap(code);
  }

  @Put(':code/code-map')
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Replace the code map; stored events are re-mapped' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['mappings'],
      properties: { mappings: { type: 'object', additionalProperties: { type: 'string' }, example: { EMA: 'ACCEPTED', EMI: 'DELIVERED' } } },
    },
  })
  replaceCodeMap(@Param('code') code: string, @Body() body: unknown) {
    return this.carriers.replaceCodeMap(code, body);
  }

  @Get(':code/code-map/suggestions')
  @RequireAccess('read')
  @ApiOperation({
    summary: "A suggested milestone for each unmapped code, from other carriers' mapped events with the same texts or from the texts' words, with the evidence",
  })
  codeMapSuggestions(@Param('code') code: string, @CurrentPrincipal() principal: Principal) {
    // Evidence quotes other carriers' messages and maps: not for a carrier key.
    assertReadsAllCarriers(principal);
    return this.carriers.codeMapSuggestions(code);
  }

  @Post(':code/code-map/:rawCode')
  @HttpCode(200)
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Map one raw code (e.g. accept a suggestion); stored events are re-mapped as after a PUT' })
  @ApiBody({ schema: { type: 'object', required: ['milestone'], properties: { milestone: { type: 'string', example: 'DELIVERED' } } } })
  mapCode(@Param('code') code: string, @Param('rawCode') rawCode: string, @Body() body: unknown) {
    return this.carriers.mapCode(code, rawCode, body);
  }

  @Get(':code/data-quality')
  @RequireAccess('read')
  @ApiOperation({ summary: 'Unmapped codes, unlinked events and linking conflicts of a carrier' })
  dataQuality(@Param('code') code: string, @CurrentPrincipal() principal: Principal) {
    assertOwnCarrier(principal, code);
    return this.carriers.dataQuality(code, principal.kind === 'carrier');
  }

  @Get(':code/contracts')
  @RequireAccess('read')
  @ApiOperation({ summary: "The carrier's applied contract versions (contracts.md §1-2): calendar, clock, allowances, currency and terms, latest effective date first" })
  contracts(@Param('code') code: string, @CurrentPrincipal() principal: Principal) {
    assertOwnCarrier(principal, code);
    return this.carriers.contracts(code);
  }
}
