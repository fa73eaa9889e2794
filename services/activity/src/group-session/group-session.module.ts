import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { WorkoutModule } from '../workout/workout.module.js';
import { GroupSessionController } from './group-session.controller.js';
import { GroupSessionRepository } from './group-session.repository.js';
import { GroupSessionRecord, GroupSessionSchema } from './group-session.schema.js';
import { GroupSessionService } from './group-session.service.js';

/** Finished group sessions, stored once; each participation becomes an ended workout. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: GroupSessionRecord.name, schema: GroupSessionSchema }]),
    WorkoutModule,
  ],
  controllers: [GroupSessionController],
  providers: [GroupSessionRepository, GroupSessionService],
})
export class GroupSessionModule {}
