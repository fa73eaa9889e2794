import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Markers and locks, made atomic by the unique _id alone: an insert either creates the document
 * or fails with a duplicate key, on MongoDB and on FerretDB alike (FerretDB v1 applies updates as
 * read-modify-write of the whole document, so a concurrent $inc or compare-and-set can be lost).
 */
@Schema({ collection: 'coordination', versionKey: false })
export class CoordinationRecord {
  @Prop({ type: String, required: true })
  _id: string;

  /** Locks only: after this instant the lock may be taken over (its holder died). */
  @Prop({ type: Date })
  expires_at?: Date;

  @Prop({ type: String })
  owner?: string;

  @Prop({ type: Date, required: true })
  created_at: Date;
}

export const CoordinationSchema = SchemaFactory.createForClass(CoordinationRecord);
