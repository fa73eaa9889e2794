import { SchemaFactory } from '@nestjs/mongoose';
import { Collection, OptionalProp, RequiredProp } from '../database/props.js';

/**
 * Markers and locks, made atomic by the unique _id alone: an insert either creates the document
 * or fails with a duplicate key, on MongoDB and on FerretDB alike (FerretDB v1 applies updates as
 * read-modify-write of the whole document, so a concurrent $inc or compare-and-set can be lost).
 */
@Collection('coordination')
export class CoordinationRecord {
  @RequiredProp(String)
  _id: string;

  /** Locks only: after this instant the lock may be taken over (its holder died). */
  @OptionalProp(Date)
  expires_at?: Date;

  @OptionalProp(String)
  owner?: string;

  @RequiredProp(Date)
  created_at: Date;
}

export const CoordinationSchema = SchemaFactory.createForClass(CoordinationRecord);
