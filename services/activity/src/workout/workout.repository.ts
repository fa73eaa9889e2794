import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { insertUnique } from '../coordination/insert-unique.js';
import { NO_FOLLOW_UP_DONE, Workout, type FollowUp } from './workout.schema.js';

export interface EndedFields {
  end_time: Date;
  duration: number;
  calories_burned: number;
}

export interface PageAfter {
  start_time: Date;
  id: string;
}

@Injectable()
export class WorkoutRepository {
  constructor(@InjectModel(Workout.name) private readonly model: Model<Workout>) {}

  async insert(workout: Workout): Promise<Workout> {
    await this.model.create(workout);
    return workout;
  }

  /** Inserts unless a workout with this id exists (a redelivered group session); true if inserted. */
  insertIfAbsent(workout: Workout): Promise<boolean> {
    return insertUnique(this.model.collection, workout);
  }

  findById(id: string): Promise<Workout | null> {
    return this.model.findById(id).lean<Workout>().exec();
  }

  /** Stores the end of a workout; the caller has claimed it (WorkoutService.end). */
  async markEnded(id: string, fields: EndedFields): Promise<void> {
    await this.model
      .updateOne(
        { _id: id },
        {
          $set: {
            ...fields,
            status: 'ended',
            ...NO_FOLLOW_UP_DONE,
          },
        },
      )
      .exec();
  }

  async setFlag(id: string, ...flags: FollowUp[]): Promise<void> {
    await this.model
      .updateOne({ _id: id }, { $set: Object.fromEntries(flags.map((f) => [f, true])) })
      .exec();
  }

  /** Ended workouts still waiting for one of their follow-up steps, oldest first. */
  findPending(flag: FollowUp, limit: number): Promise<Workout[]> {
    return this.model
      .find({ status: 'ended', [flag]: false })
      .sort({ end_time: 1 })
      .limit(limit)
      .lean<Workout[]>()
      .exec();
  }

  /** One page of a user's workouts, newest start first, strictly after the cursor position. */
  listByUser(userId: string, limit: number, after?: PageAfter): Promise<Workout[]> {
    const filter: Record<string, unknown> = { user_id: userId };
    if (after) {
      filter.$or = [
        { start_time: { $lt: after.start_time } },
        { start_time: after.start_time, _id: { $lt: after.id } },
      ];
    }
    return this.model
      .find(filter)
      .sort({ start_time: -1, _id: -1 })
      .limit(limit)
      .lean<Workout[]>()
      .exec();
  }
}
