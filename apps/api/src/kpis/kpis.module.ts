import { Module } from '@nestjs/common';
import { KpisController } from './kpis.controller';
import { ScorecardsController } from './scorecards.controller';

@Module({ controllers: [KpisController, ScorecardsController] })
export class KpisModule {}
