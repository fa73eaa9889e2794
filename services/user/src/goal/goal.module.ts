import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserModule } from '../user/user.module.js';
import { GoalAlertPublisher } from './goal-alert.publisher.js';
import { GoalController } from './goal.controller.js';
import { GoalEntity } from './goal.entity.js';
import { GoalRepository } from './goal.repository.js';
import { GoalService } from './goal.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([GoalEntity]), UserModule],
  controllers: [GoalController],
  providers: [GoalRepository, GoalService, GoalAlertPublisher],
})
export class GoalModule {}
