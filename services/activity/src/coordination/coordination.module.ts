import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CoordinationRecord, CoordinationSchema } from './coordination.schema.js';
import { CoordinationService } from './coordination.service.js';

/**
 * Exactly-once markers and per-key locks on any MongoDB-protocol server, FerretDB v1 included:
 * the only place that knows how to make writes safe there (unique inserts, duplicate keys).
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: CoordinationRecord.name, schema: CoordinationSchema }]),
  ],
  providers: [CoordinationService],
  exports: [CoordinationService],
})
export class CoordinationModule {}
