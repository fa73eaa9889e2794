// Original file: proto/user.proto


export interface User {
  'user_id'?: (string);
  'username'?: (string);
  'email'?: (string);
  'weight_kg'?: (number | string);
  'height_cm'?: (number | string);
  'created_at'?: (string);
  '_weight_kg'?: "weight_kg";
  '_height_cm'?: "height_cm";
}

export interface User__Output {
  'user_id': (string);
  'username': (string);
  'email': (string);
  'weight_kg'?: (number);
  'height_cm'?: (number);
  'created_at': (string);
  '_weight_kg'?: "weight_kg";
  '_height_cm'?: "height_cm";
}
