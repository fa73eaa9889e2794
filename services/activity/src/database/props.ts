import { Prop, Schema } from '@nestjs/mongoose';

// The kinds of field the activity collections are made of, each named once instead of spelled out
// as an options object on every field.

type FieldType =
  StringConstructor | NumberConstructor | DateConstructor | ArrayConstructor | [StringConstructor];

/** A collection of the activity service: documents carry no `__v` version key. */
export const Collection = (name: string): ClassDecorator =>
  Schema({ collection: name, versionKey: false });

/** A field every document has. */
export const RequiredProp = (type: FieldType): PropertyDecorator => Prop({ type, required: true });

/** A field a document may lack. */
export const OptionalProp = (type: FieldType): PropertyDecorator => Prop({ type });

/** A number that starts at 0: a count or a total. */
export const CounterProp = (): PropertyDecorator => Prop({ type: Number, default: 0 });

/** A flag that starts false. */
export const FlagProp = (): PropertyDecorator => Prop({ type: Boolean, default: false });

/** A list that starts empty. */
export const ListProp = (type: FieldType): PropertyDecorator => Prop({ type, default: [] });
